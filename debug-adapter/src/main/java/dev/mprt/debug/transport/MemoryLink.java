package dev.mprt.debug.transport;

import java.io.EOFException;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory link for tests: {@link #pair()} gives two ends; what one writes the other reads. Closing either end
 * makes both fail, as a link whose device died.
 */
public final class MemoryLink implements Link {

    private static final byte[] EOF = new byte[0];

    private final BlockingQueue<byte[]> in;
    private final BlockingQueue<byte[]> out;
    private final boolean[] closed;
    private byte[] pending;
    private int pendingOff;

    private MemoryLink(BlockingQueue<byte[]> in, BlockingQueue<byte[]> out, boolean[] closed) {
        this.in = in;
        this.out = out;
        this.closed = closed;
    }

    /** Two connected ends: [host, device]. */
    public static MemoryLink[] pair() {
        BlockingQueue<byte[]> a = new ArrayBlockingQueue<>(4096);
        BlockingQueue<byte[]> b = new ArrayBlockingQueue<>(4096);
        boolean[] closed = new boolean[1];
        return new MemoryLink[] { new MemoryLink(a, b, closed), new MemoryLink(b, a, closed) };
    }

    @Override
    public void write(byte[] data) throws IOException {
        synchronized (closed) {
            if (closed[0]) {
                throw new IOException("link closed");
            }
        }
        if (!out.offer(data.clone())) {
            throw new IOException("link full");
        }
    }

    @Override
    public int read(byte[] buf, int timeoutMillis) throws IOException {
        if (pending == null) {
            try {
                pending = in.poll(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            pendingOff = 0;
            if (pending == null) {
                synchronized (closed) {
                    if (closed[0]) {
                        throw new EOFException("link closed");
                    }
                }
                return 0;
            }
            if (pending == EOF) {
                pending = null;
                throw new EOFException("link closed");
            }
        }
        int n = Math.min(buf.length, pending.length - pendingOff);
        System.arraycopy(pending, pendingOff, buf, 0, n);
        pendingOff += n;
        if (pendingOff == pending.length) {
            pending = null;
        }
        return n;
    }

    @Override
    public void close() {
        synchronized (closed) {
            if (closed[0]) {
                return;
            }
            closed[0] = true;
        }
        in.offer(EOF);
        out.offer(EOF);
    }
}
