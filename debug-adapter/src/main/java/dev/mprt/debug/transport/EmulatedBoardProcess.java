package dev.mprt.debug.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A firmware the debugger starts as a child process, with its REPL on a pty: the emulated qemu-mps2-an385 board
 * (QEMU) or mprt's unix build (through socat). Both come from {@code vm-firmware/run.sh}, which builds the firmware
 * first when there is none. {@link #kill()} ends the firmware and the script.
 */
public final class EmulatedBoardProcess implements AutoCloseable {

    /** The boards {@link #start} runs. */
    public static final String QEMU_BOARD = "qemu-mps2-an385";
    public static final String UNIX_BOARD = "unix";

    private final Process process;
    private final String board;
    private final String pty;
    private final Path log;

    private EmulatedBoardProcess(Process process, String board, String pty, Path log) {
        this.process = process;
        this.board = board;
        this.pty = pty;
        this.log = log;
    }

    /** Starts the emulated board. */
    public static EmulatedBoardProcess start(Path root, Path firmware, Duration within) throws IOException {
        return start(root, QEMU_BOARD, firmware, within);
    }

    /**
     * Starts {@code board} ({@link #QEMU_BOARD} or {@link #UNIX_BOARD}). {@code root} is mprt's checkout (where
     * vm-firmware/ is); {@code firmware} a build to run instead of mprt's (null: mprt's).
     */
    public static EmulatedBoardProcess start(Path root, String board, Path firmware, Duration within)
            throws IOException {
        Path run = root.resolve("vm-firmware/run.sh");
        if (!Files.isExecutable(run)) {
            throw new IOException("cannot start the emulated board: no " + run);
        }
        Path dir = Files.createTempDirectory("mprt-dap-board");
        Path ptyFile = dir.resolve("pty");
        Path log = dir.resolve("board.log");
        List<String> cmd = new ArrayList<>(List.of(run.toString(), "--board", board, "--pty-file",
                ptyFile.toString()));
        if (firmware != null) {
            cmd.add("--elf");
            cmd.add(firmware.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (!Files.exists(ptyFile) || Files.readString(ptyFile).isBlank()) {
                if (!p.isAlive()) {
                    throw new IOException(describe(board) + " did not start: " + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    destroy(p);
                    throw new IOException(describe(board) + " did not start within " + within.toSeconds() + " s: "
                            + tail(log));
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            destroy(p);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new EmulatedBoardProcess(p, board, Files.readString(ptyFile).strip(), log);
    }

    /** {@link #QEMU_BOARD} or {@link #UNIX_BOARD}. */
    public String board() {
        return board;
    }

    public boolean isUnix() {
        return board.equals(UNIX_BOARD);
    }

    /** "the emulated board (QEMU)" or "the unix build", for messages. */
    public String describe() {
        return describe(board);
    }

    private static String describe(String board) {
        return board.equals(UNIX_BOARD) ? "the unix build" : "the emulated board (QEMU)";
    }

    /** The pty of the board's UART, e.g. /dev/pts/4. */
    public String pty() {
        return pty;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether the board stopped within {@code millis} (a pty goes away a moment before QEMU has exited). */
    public boolean stopsWithin(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The process ids of the firmware (QEMU; socat and the unix build): the script's children. */
    public List<Long> qemuPids() {
        return process.descendants().map(ProcessHandle::pid).toList();
    }

    public String log() {
        return tail(log);
    }

    /** Stops QEMU and the script. */
    public void kill() {
        destroy(process);
    }

    @Override
    public void close() {
        kill();
    }

    private static void destroy(Process p) {
        List<ProcessHandle> children = p.descendants().toList();
        for (ProcessHandle h : children) {
            h.destroy();
        }
        p.destroy();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle h : children) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    private static String tail(Path log) {
        try {
            String s = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip();
            return s.length() > 600 ? "..." + s.substring(s.length() - 600) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }
}
