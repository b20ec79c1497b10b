package dev.mprt.e2e.dap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A person at a serial terminal on a board's pty (as picocom or mpremote would be), after the debugger has gone: it
 * types and reads the REPL.
 */
final class PtyTerminal implements AutoCloseable {

    private final SerialPort port;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    private PtyTerminal(SerialPort port) {
        this.port = port;
    }

    static PtyTerminal open(String pty) {
        SerialPort port = SerialPort.getCommPort(pty);
        port.setComPortParameters(115200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 50, 0);
        if (!port.openPort()) {
            throw new AssertionError("cannot open " + pty + " (error " + port.getLastErrorCode() + ")");
        }
        return new PtyTerminal(port);
    }

    void type(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int off = 0;
        while (off < b.length) {
            int n = port.writeBytes(b, b.length - off, off);
            if (n < 0) {
                throw new AssertionError("write to " + port.getSystemPortPath() + " failed");
            }
            off += n;
        }
    }

    /** Reads until {@code text} has arrived; fails after {@code within}. Returns everything read so far. */
    String awaitText(String text, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        byte[] buf = new byte[256];
        while (true) {
            String all = seen.toString(StandardCharsets.UTF_8);
            if (all.contains(text)) {
                seen.reset();
                seen.writeBytes(all.substring(all.indexOf(text) + text.length()).getBytes(StandardCharsets.UTF_8));
                return all;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' within " + within + "; the terminal shows: " + all);
            }
            int n = port.readBytes(buf, buf.length);
            if (n > 0) {
                seen.write(buf, 0, n);
            }
        }
    }

    /**
     * Ctrl-C at the terminal interrupts the program the debugger left running, and a loop typed at the REPL after
     * it; the REPL then works.
     */
    static void assertCtrlCWorks(String pty) throws InterruptedException {
        Duration wait = Duration.ofSeconds(10);
        try (PtyTerminal t = open(pty)) {
            t.type("\u0003");
            t.awaitText("KeyboardInterrupt", wait);
            t.type("\r");
            t.awaitText(">>> ", wait);
            t.type("while True: pass\r\r");
            Thread.sleep(300);
            t.type("\u0003");
            t.awaitText("KeyboardInterrupt", wait);
            t.type("print(6 * 7)\r");
            t.awaitText("42", wait);
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
