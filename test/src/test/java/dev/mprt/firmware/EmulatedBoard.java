package dev.mprt.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fazecast.jSerialComm.SerialPort;

/**
 * The emulated qemu-mps2-an385 board, started through {@code vm-firmware/run.sh} (built first with
 * {@code vm-firmware/build.sh}, incrementally), with its UART opened as a serial port through jSerialComm on the
 * pty that QEMU creates. {@link #close()} stops QEMU and everything run.sh started.
 *
 * <p>The REPL helpers follow MicroPython's own host tools (tools/pyboard.py, mpremote): the raw REPL (Ctrl-A) and
 * its raw-paste mode (Ctrl-E A Ctrl-A) with the device's flow-control window.
 */
final class EmulatedBoard implements AutoCloseable {

    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path log;
    private final Process process;
    private final SerialPort port;
    private int rawPasteWindowGrants;

    private EmulatedBoard(Path log, Process process, SerialPort port) {
        this.log = log;
        this.process = process;
        this.port = port;
    }

    static Path repoRoot() {
        String root = System.getProperty("mprt.root");
        return root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
    }

    static boolean qemuInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "qemu-system-arm"))) {
                return true;
            }
        }
        return false;
    }

    /** Builds the firmware if needed, starts QEMU and opens the UART. */
    static EmulatedBoard start(Path workDir) throws IOException, InterruptedException {
        Path vmf = repoRoot().resolve("vm-firmware");
        Path log = workDir.resolve("board.log");
        Process build = new ProcessBuilder(vmf.resolve("build.sh").toString(), "qemu-mps2-an385")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            destroyTree(build);
            throw new IOException("firmware build timed out; see " + log);
        }
        if (build.exitValue() != 0) {
            throw new IOException("firmware build failed:\n" + Files.readString(log));
        }

        Path ptyFile = workDir.resolve("pty");
        Process qemu = new ProcessBuilder(vmf.resolve("run.sh").toString(), "--pty-file", ptyFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.exists(ptyFile) || Files.readString(ptyFile).isBlank()) {
                if (!qemu.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("QEMU did not report its pty:\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            String pty = Files.readString(ptyFile).strip();
            SerialPort port = SerialPort.getCommPort(pty);
            port.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
            if (!port.openPort()) {
                throw new IOException("cannot open " + pty + " (error " + port.getLastErrorCode() + ")");
            }
            return new EmulatedBoard(log, qemu, port);
        } catch (IOException | InterruptedException | RuntimeException e) {
            destroyTree(qemu);
            throw e;
        }
    }

    Path log() {
        return log;
    }

    // ---- bytes ----------------------------------------------------------------------------------------------------

    void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    void write(byte[] bytes) {
        int off = 0;
        while (off < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - off, off);
            if (n < 0) {
                throw new IllegalStateException("write to the board failed");
            }
            off += n;
        }
    }

    /** Reads until {@code end} has been received (returned without it) or the timeout expires (exception). */
    String readUntil(String end, Duration timeout) {
        byte[] marker = end.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] one = new byte[1];
        while (System.nanoTime() < deadline) {
            if (port.readBytes(one, 1) == 1) {
                got.write(one[0]);
                if (endsWith(got.toByteArray(), marker)) {
                    byte[] all = got.toByteArray();
                    return new String(all, 0, all.length - marker.length, StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + printable(end) + " from the board within " + timeout + "; got: "
                + printable(got.toString(StandardCharsets.UTF_8)));
    }

    /** Reads whatever arrives within {@code quiet} of silence. */
    String drain(Duration quiet) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        long last = System.nanoTime();
        while (System.nanoTime() - last < quiet.toNanos()) {
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                got.write(buf, 0, n);
                last = System.nanoTime();
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    // ---- REPL -----------------------------------------------------------------------------------------------------

    /** Interrupts whatever runs and gets a fresh friendly-REPL prompt. */
    void friendlyPrompt() {
        write("\r\u0003\u0003\u0002");
        drain(Duration.ofMillis(300));
        write("\r");
        readUntil(">>> ", Duration.ofSeconds(10));
    }

    /** Enters the raw REPL with a soft reset (fresh heap, timers and pins stopped). */
    void rawRepl() {
        write("\r\u0003\u0003");
        drain(Duration.ofMillis(300));
        write("\u0001");
        readUntil("raw REPL; CTRL-B to exit\r\n>", Duration.ofSeconds(10));
        write("\u0004");
        readUntil("soft reboot\r\n", Duration.ofSeconds(10));
        readUntil("raw REPL; CTRL-B to exit\r\n>", Duration.ofSeconds(10));
    }

    /**
     * Sends {@code code} in raw-paste mode, honouring the device's flow-control window, and returns once the device
     * has compiled it and started running it.
     */
    void pasteNoFollow(String code) {
        byte[] data = code.getBytes(StandardCharsets.UTF_8);
        write("\u0005A\u0001");
        String reply = readBytes(2);
        if (!reply.equals("R\u0001")) {
            throw new AssertionError("raw-paste mode refused: " + printable(reply));
        }
        String inc = readBytes(2);
        int window = (inc.charAt(0) & 0xff) | (inc.charAt(1) & 0xff) << 8;
        int remain = window;
        int off = 0;
        byte[] one = new byte[1];
        while (off < data.length) {
            // Take every flow-control byte that has arrived; block for one only when the window is used up.
            while (remain == 0 || port.bytesAvailable() > 0) {
                if (port.readBytes(one, 1) != 1) {
                    continue;
                }
                if (one[0] == 0x01) {
                    remain += window;
                    rawPasteWindowGrants += 1;
                } else if (one[0] == 0x04) {
                    write("\u0004");
                    throw new AssertionError("the board ended raw-paste input early");
                } else {
                    throw new AssertionError("unexpected byte in raw-paste mode: " + (one[0] & 0xff));
                }
            }
            int n = Math.min(remain, data.length - off);
            byte[] chunk = new byte[n];
            System.arraycopy(data, off, chunk, 0, n);
            write(chunk);
            off += n;
            remain -= n;
        }
        write("\u0004");
        readUntil("\u0004", Duration.ofSeconds(30));
    }

    /** The output and the error output of the code run by {@link #pasteNoFollow}. */
    Result follow(Duration timeout) {
        String out = readUntil("\u0004", timeout);
        String err = readUntil("\u0004", Duration.ofSeconds(10));
        readUntil(">", Duration.ofSeconds(10));
        return new Result(out.replace("\r\n", "\n"), err.replace("\r\n", "\n"));
    }

    /** Runs code in raw-paste mode and returns its output; fails on an exception. */
    String exec(String code, Duration timeout) {
        pasteNoFollow(code);
        Result r = follow(timeout);
        if (!r.err().isEmpty()) {
            throw new AssertionError("the board raised:\n" + r.err() + "\noutput:\n" + r.out());
        }
        return r.out();
    }

    int rawPasteWindowGrants() {
        return rawPasteWindowGrants;
    }

    record Result(String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    // ---- shutdown -------------------------------------------------------------------------------------------------

    @Override
    public void close() {
        try {
            port.closePort();
        } finally {
            destroyTree(process);
        }
    }

    private static void destroyTree(Process process) {
        // SIGTERM: run.sh passes it on to QEMU. Then make sure nothing is left.
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

    // ---- helpers --------------------------------------------------------------------------------------------------

    private String readBytes(int n) {
        byte[] buf = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (got < n && System.nanoTime() < deadline) {
            byte[] one = new byte[1];
            if (port.readBytes(one, 1) == 1) {
                buf[got++] = one[0];
            }
        }
        if (got < n) {
            throw new AssertionError("the board sent " + got + " of " + n + " bytes");
        }
        return new String(buf, StandardCharsets.ISO_8859_1);
    }

    private static boolean endsWith(byte[] data, byte[] end) {
        if (data.length < end.length) {
            return false;
        }
        for (int i = 0; i < end.length; i++) {
            if (data[data.length - end.length + i] != end[i]) {
                return false;
            }
        }
        return true;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 && c != '\n') {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
