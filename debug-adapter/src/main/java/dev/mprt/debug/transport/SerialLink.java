package dev.mprt.debug.transport;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fazecast.jSerialComm.SerialPort;

/**
 * A {@link Link} over a serial port through jSerialComm: a board's USB serial port, or the pty of the emulated board
 * (QEMU's {@code -serial pty}). A read or write error, a write that makes no progress for {@link #WRITE_TIMEOUT_MS},
 * or the device node going away (a pty disappears when QEMU dies) ends the link with an {@link IOException}. Writes
 * are non-blocking with a deadline: a blocking native write to a dead pty may never return.
 */
public final class SerialLink implements Link {

    private static final int READ_TIMEOUT_MS = 50;
    static final int WRITE_TIMEOUT_MS = 3000;

    private final SerialPort port;
    private volatile boolean closed;

    private SerialLink(SerialPort port) {
        this.port = port;
    }

    public static SerialLink open(String device, int baud) throws IOException {
        if (device.startsWith("/dev/") && !Files.exists(Path.of(device))) {
            throw new IOException("no such port: " + device + " does not exist (is the board plugged in?)");
        }
        SerialPort port;
        try {
            port = SerialPort.getCommPort(device);
        } catch (RuntimeException e) {
            throw new IOException("no such port: " + device + " (" + e.getMessage() + ")", e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        // Reads wait up to READ_TIMEOUT_MS for the first byte; writes never block (see write()).
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, READ_TIMEOUT_MS, 0);
        if (!port.openPort()) {
            int errno = port.getLastErrorCode();
            throw new IOException(switch (errno) {
                case 11, 16 -> "port " + device + " is busy: another program has it open (a serial terminal,"
                        + " mpremote, another debug session); close it and try again";
                case 13, 1 -> "no permission to open " + device + " (on Linux, add your user to the 'dialout'"
                        + " group and log in again)";
                default -> "cannot open " + device + " (error " + errno + ")";
            });
        }
        return new SerialLink(port);
    }

    public String device() {
        return port.getSystemPortPath();
    }

    @Override
    public void write(byte[] data) throws IOException {
        int off = 0;
        long deadline = System.nanoTime() + WRITE_TIMEOUT_MS * 1_000_000L;
        while (off < data.length) {
            checkDevice();
            int n = port.writeBytes(data, data.length - off, off);
            if (n < 0) {
                throw new IOException("write to " + device() + " failed (error " + port.getLastErrorCode() + ")");
            }
            off += n;
            if (n == 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("write to " + device() + " made no progress for " + WRITE_TIMEOUT_MS
                            + " ms: the device is gone");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    private void checkDevice() throws IOException {
        if (closed) {
            throw new EOFException("link closed");
        }
        String path = device();
        if (path != null && path.startsWith("/dev/") && !Files.exists(Path.of(path))) {
            throw new EOFException(path + " has gone away: the device is gone");
        }
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) throws IOException {
        checkDevice();
        int n = port.readBytes(buf, buf.length);
        if (n < 0) {
            throw new EOFException("read from " + device() + " failed (error " + port.getLastErrorCode()
                    + "): the device is gone");
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
        port.closePort();
    }
}
