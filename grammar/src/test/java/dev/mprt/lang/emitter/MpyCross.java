package dev.mprt.lang.emitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.parser.SyntaxDifferentialTest;
import dev.mprt.lang.testing.MicroPythonSource;

/** Runs MicroPython 1.25's mpy-cross for a board: {@code -march} and {@code -msmall-int-bits} from the board. */
public final class MpyCross implements AutoCloseable {

    /** mpy-cross's verdict: ok, a compile error (type, message as mprt spells it, line) or an aborted assertion. */
    public record Verdict(boolean ok, boolean assertion, SyntaxDifferentialTest.Verdict raw) {

        public String message() {
            return raw.message();
        }

        public int line() {
            return raw.line();
        }

        public String describe() {
            return assertion ? "ASSERTION " + raw.raw() : raw.describe();
        }
    }

    private final Path binary = MicroPythonSource.mpyCross();
    private final Path dir;
    private final Path file;

    public MpyCross() throws IOException {
        dir = Files.createTempDirectory("mprt-emitter");
        file = dir.resolve("case.py");
    }

    /**
     * The {@code -march} whose mpy-cross behaves like the board's own compiler: its native architecture, or the
     * architecture of its inline assembler when that differs (pyboard: armv7emsp, for the FPU instructions).
     */
    public static Arch march(String board) {
        Arch asm = Boards.inlineAsmArch(board);
        return asm != null ? asm : Boards.arch(board);
    }

    public Verdict compile(String source, String board) throws IOException, InterruptedException {
        Files.writeString(file, source, StandardCharsets.UTF_8);
        SyntaxDifferentialTest.Verdict v = SyntaxDifferentialTest.mpyCross(binary, file,
                "-march=" + march(board).mpyCrossName(), "-msmall-int-bits=" + Boards.smallIntBits(board));
        boolean assertion = !v.ok() && v.raw().contains("Assertion");
        return new Verdict(v.ok(), assertion, v);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
