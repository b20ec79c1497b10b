package dev.mprt.lang.emitter;

import java.util.Map;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;

/**
 * The board to analyse a file of MicroPython's {@code tests/} tree for. All but the inline-assembler files compile
 * on every target (reference F.4) and use the default board; the 35 inline-assembler files compile only where
 * their assembler exists, exactly as on MicroPython's own boards: Thumb FPU code needs a board with an FPU
 * (pyboard), RV32 code a RISC-V board, Xtensa code the ESP8266.
 *
 * <p>{@code MicroPythonTestsCoverageTest} should analyse each file with
 * {@code new AnalysisOptions(MicroPythonTestBoards.boardFor(rel))} instead of the default options, and ignore the
 * diagnostics {@link #isTruePositive} accepts.
 */
public final class MicroPythonTestBoards {

    /**
     * Warnings that are right about a must-compile file: file -> code. In sys_settrace_importme.py,
     * {@code const = lambda x: x} after {@code x = const(1)} returns 1 on MicroPython (the lambda's body is
     * substituted), which is what the const-shadowed-parameter warning says.
     */
    static final Map<String, String> TRUE_WARNINGS = Map.of(
            "misc/sys_settrace_subdir/sys_settrace_importme.py", "const-shadowed-parameter");

    /** Whether {@code d} on the test file {@code rel} is a documented, correct warning (not a false positive). */
    public static boolean isTruePositive(String rel, Diagnostic d) {
        return d.severity() == Severity.WARNING && d.code().equals(TRUE_WARNINGS.get(rel.replace('\\', '/')));
    }

    private MicroPythonTestBoards() {
    }

    /** The board for a path relative to {@code tests/}. */
    public static String boardFor(String rel) {
        String r = rel.replace('\\', '/');
        if (r.startsWith("inlineasm/thumb/asmfp")) {
            return "pyboard";
        }
        if (r.startsWith("inlineasm/rv32/") || r.equals("feature_check/inlineasm_rv32.py")) {
            return "qemu-virt-rv32";
        }
        if (r.equals("feature_check/inlineasm_xtensa.py")) {
            return "esp8266";
        }
        return AnalysisOptions.DEFAULT_BOARD;
    }
}
