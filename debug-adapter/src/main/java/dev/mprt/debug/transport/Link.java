package dev.mprt.debug.transport;

import java.io.IOException;

/** A byte link to the device: a serial port, a pty, or {@link MemoryLink} in tests. */
public interface Link extends AutoCloseable {

    /** Writes all bytes, or throws if the link is gone. */
    void write(byte[] data) throws IOException;

    /**
     * Reads what is available, waiting up to about {@code timeoutMillis} for the first byte. Returns the count (0 on
     * timeout); throws {@link java.io.EOFException} or another {@link IOException} when the link is gone.
     */
    int read(byte[] buf, int timeoutMillis) throws IOException;

    @Override
    void close();
}
