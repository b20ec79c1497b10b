package dev.mprt.lang.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * MicroPython's own emitter tests against the emitter checks.
 *
 * <ol>
 * <li>Every file of {@code tests/micropython/viper_*.py}, {@code native_*.py} and {@code tests/inlineasm/} is
 * compiled by mpy-cross for the architecture of every board; where it compiles, mprt must report no error for that
 * board (no false errors), and where mpy-cross rejects it mprt must report one.
 * <li>All files of {@code tests/} that MicroPython compiles are analysed, each for the board of
 * {@link MicroPythonTestBoards}: none may get a diagnostic except the documented true positives below.
 * </ol>
 */
class EmitterMicroPythonTestsTest {

    /** The 12 files no MicroPython target compiles (reference F.4; MicroPythonTestsCoverageTest's list). */
    static final Set<String> REJECTED = Set.of(
            "cmdline/repl_autocomplete.py", "cmdline/repl_autoindent.py", "cmdline/repl_basic.py",
            "cmdline/repl_cont.py", "cmdline/repl_emacs_keys.py", "cmdline/repl_words_move.py",
            "feature_check/repl_emacs_check.py", "feature_check/repl_words_move_check.py",
            "cpydiff/core_fstring_parser.py", "cpydiff/core_fstring_repr.py", "cpydiff/syntax_unicode_nameesc.py",
            "cpydiff/syntax_arg_unpacking.py");

    @Test
    void emitterTestsGiveNoFalseErrorOnAnyArchitecture() throws IOException, InterruptedException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(tests.resolve("micropython"))) {
            s.filter(p -> p.getFileName().toString().matches("(viper|native)_.*\\.py")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.walk(tests.resolve("inlineasm"))) {
            s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
        }
        Map<String, int[]> perBoard = new TreeMap<>();
        List<String> falseErrors = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        try (MpyCross mpy = new MpyCross()) {
            for (Path f : files) {
                String rel = tests.relativize(f).toString();
                String text = Files.readString(f, StandardCharsets.UTF_8);
                for (String board : Boards.IDS) {
                    MpyCross.Verdict v = mpy.compile(text, board);
                    Analysis a = Analyzers.analyze(text, new AnalysisOptions(board));
                    List<Diagnostic> errors = a.diagnostics().stream()
                            .filter(d -> d.severity() == Severity.ERROR)
                            .filter(d -> EmitterDifferentialTest.isCompileTime(d.code())).toList();
                    int[] s = perBoard.computeIfAbsent(board + " (-march=" + MpyCross.march(board).mpyCrossName()
                            + ")", k -> new int[3]);
                    if (v.ok()) {
                        s[0]++;
                        if (!errors.isEmpty()) {
                            Diagnostic d = errors.get(0);
                            falseErrors.add(board + ": " + rel + ":" + (a.lines().line(d.start()) + 1) + ": " + d.code()
                                    + ": " + d.message() + " (" + errors.size() + " errors)");
                        }
                    } else {
                        s[1]++;
                        if (errors.isEmpty()) {
                            missed.add(board + ": " + rel + ": mpy-cross says " + v.describe());
                        } else {
                            s[2]++;
                        }
                    }
                }
            }
        }
        System.out.printf("MicroPython's viper/native/inline-assembler tests: %d files x %d boards%n", files.size(),
                Boards.IDS.size());
        perBoard.forEach((b, s) -> System.out.printf("  %-34s compile: %3d (false errors: %d)   rejected: %3d"
                + " (mprt errors: %d)%n", b, s[0], falseErrors.stream().filter(x -> x.startsWith(b.split(" ")[0]
                        + ":")).count(), s[1], s[2]));
        falseErrors.forEach(x -> System.out.println("  false error: " + x));
        missed.forEach(x -> System.out.println("  missed: " + x));
        assertTrue(falseErrors.isEmpty(), falseErrors.size() + " false errors");
        assertTrue(missed.isEmpty(), missed.size() + " rejections without an mprt error");
    }

    /**
     * MicroPython's examples and frozen test modules that use the emitters are clean for the boards they are
     * written for. examples/asmled.py needs the pyboard's parser, which folds {@code stm.GPIOA} and the like into
     * integers (rule K4); mpy-cross, which has no stm module, rejects it.
     */
    @Test
    void examplesAreCleanForTheirBoards() throws IOException {
        Path root = MicroPythonSource.tree();
        Map<String, String> files = Map.of("examples/asmsum.py", "qemu-mps2-an385", "examples/asmled.py", "pyboard",
                "examples/mandel.py", "qemu-mps2-an385", "ports/qemu/test-frzmpy/frozen_viper.py", "qemu-mps2-an385",
                "ports/qemu/test-frzmpy/frozen_asm_thumb.py", "qemu-mps2-an385",
                "ports/qemu/test-frzmpy/frozen_asm_rv32.py", "qemu-virt-rv32",
                "ports/qemu/test-frzmpy/native_frozen_align.py", "qemu-mps2-an385");
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
            String text = Files.readString(root.resolve(e.getKey()), StandardCharsets.UTF_8);
            Analysis a = Analyzers.analyze(text, new AnalysisOptions(e.getValue()));
            a.diagnostics().stream().filter(d -> EmitterDifferentialTest.isCompileTime(d.code())).forEach(d -> problems.add(e.getKey() + " (" + e.getValue() + "):"
                    + (a.lines().line(d.start()) + 1) + ": " + d.code() + ": " + d.message()));
        }
        problems.forEach(p -> System.out.println("  " + p));
        assertTrue(problems.isEmpty(), problems.toString());
        Analysis other = Analyzers.analyze(Files.readString(root.resolve("examples/asmled.py")),
                new AnalysisOptions("qemu-mps2-an385"));
        assertTrue(other.diagnostics().stream().anyMatch(d -> d.message().equals("'movw' expects an integer")),
                "without the stm module, stm.GPIOA is not a constant");
    }

    @Test
    void everyCompilingFileIsCleanForItsBoard() throws IOException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        List<String> unexpected = new ArrayList<>();
        int checked = 0;
        for (Path f : files) {
            String rel = tests.relativize(f).toString();
            if (REJECTED.contains(rel)) {
                continue;
            }
            checked++;
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            Analysis a = Analyzers.analyze(text, new AnalysisOptions(MicroPythonTestBoards.boardFor(rel)));
            for (Diagnostic d : a.diagnostics()) {
                if (MicroPythonTestBoards.isTruePositive(rel, d) || !EmitterDifferentialTest.isCompileTime(d.code())) {
                    continue;
                }
                unexpected.add(rel + ":" + (a.lines().line(d.start()) + 1) + ": " + d.code() + ": " + d.message());
            }
        }
        System.out.printf("MicroPython tests/ with per-file boards: %d must-compile files, %d unexpected"
                + " diagnostics%n", checked, unexpected.size());
        unexpected.forEach(x -> System.out.println("  " + x));
        assertEquals(1394, checked);
        assertTrue(unexpected.isEmpty(), unexpected.size() + " diagnostics on must-compile files");
    }
}
