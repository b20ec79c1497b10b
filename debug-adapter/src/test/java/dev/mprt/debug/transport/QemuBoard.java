package dev.mprt.debug.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The emulated qemu-mps2-an385 board for end-to-end tests: builds the firmware (incrementally), starts QEMU through
 * {@code vm-firmware/run.sh} with its UART on a pty, and opens that pty as a {@link SerialLink}. {@link #close()} (or
 * {@link #kill()}) stops QEMU. With the board {@code unix}, the same for mprt's unix build (socat gives it a pty).
 */
final class QemuBoard implements AutoCloseable {

    final Process process;
    final String pty;
    final Path log;

    private QemuBoard(Process process, String pty, Path log) {
        this.process = process;
        this.pty = pty;
        this.log = log;
    }

    static boolean qemuInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "qemu-system-arm"))) {
                return true;
            }
        }
        return false;
    }

    static void build(Path work) throws IOException, InterruptedException {
        build(work, "qemu-mps2-an385");
    }

    static void build(Path work, String board) throws IOException, InterruptedException {
        Path vmf = ProtocolDocumentTest.root().resolve("vm-firmware");
        Path log = work.resolve("build-" + board + ".log");
        Process build = new ProcessBuilder(vmf.resolve("build.sh").toString(), board)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            destroyTree(build);
            throw new IOException("firmware build timed out; see " + log);
        }
        if (build.exitValue() != 0) {
            throw new IOException("firmware build failed:\n" + Files.readString(log));
        }
    }

    static QemuBoard start(Path work, String name) throws IOException, InterruptedException {
        return start(work, name, "qemu-mps2-an385");
    }

    static QemuBoard start(Path work, String name, String board) throws IOException, InterruptedException {
        Path vmf = ProtocolDocumentTest.root().resolve("vm-firmware");
        Path log = work.resolve(name + ".log");
        Path ptyFile = work.resolve(name + ".pty");
        Files.deleteIfExists(ptyFile);
        Process qemu = new ProcessBuilder(vmf.resolve("run.sh").toString(), "--board", board, "--pty-file",
                ptyFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(ptyFile) || Files.readString(ptyFile).isBlank()) {
            if (!qemu.isAlive() || System.nanoTime() > deadline) {
                destroyTree(qemu);
                throw new IOException(board + " did not report its pty:\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return new QemuBoard(qemu, Files.readString(ptyFile).strip(), log);
    }

    /** Kills QEMU at once (SIGKILL), as a crash would. */
    void kill() {
        for (ProcessHandle h : process.descendants().toList()) {
            h.destroyForcibly();
        }
        process.destroyForcibly();
    }

    @Override
    public void close() {
        destroyTree(process);
    }

    static void destroyTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
