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
            if (ok && !output().isEmpty()) {
                return "OK, prints " + output().strip().replace("\n", " / ");
            }
            return assertion ? "ASSERTION " + raw.raw() : raw.describe();
        }

        /** What mpy-cross printed when it compiled the file (empty when it printed nothing). */
        public String output() {
            return ok && raw.raw() != null ? raw.raw() : "";
        }

        /**
         * Lines "ERROR: xtensa bccz out of range" / "ERROR: xtensa bcc out of range": the Xtensa assembler prints
         * them for a branch it cannot encode and carries on (rule N6).
         */
        public long xtensaRangeErrors() {
            return output().lines().filter(l -> l.startsWith("ERROR: xtensa bcc")).count();
        }
    }

    /** A compiled module: its raw codes, or mpy-cross's output when it failed. */
    public record Compiled(boolean ok, String output, java.util.List<MpyFile.RawCode> rawCodes) {
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

    /** Compiles {@code source} for {@code arch} into a .mpy and reads the size of each function's machine code. */
    public Compiled compileToMpy(String source, Arch arch) throws IOException, InterruptedException {
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path mpy = dir.resolve("case.mpy");
        Files.deleteIfExists(mpy);
        Process p = new ProcessBuilder(binary.toString(), "-march=" + arch.mpyCrossName(), "-o", mpy.toString(),
                file.getFileName().toString()).directory(dir.toFile()).redirectErrorStream(true).start();
        String out;
        try (java.io.InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("mpy-cross timed out");
        }
        if (p.exitValue() != 0 || !Files.exists(mpy)) {
            return new Compiled(false, out, java.util.List.of());
        }
        byte[] bytes = Files.readAllBytes(mpy);
        Files.deleteIfExists(mpy);
        return new Compiled(true, out, MpyFile.rawCodes(bytes));
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(dir.resolve("case.mpy"));
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }
}
