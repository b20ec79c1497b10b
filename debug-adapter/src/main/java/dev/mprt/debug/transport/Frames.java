package dev.mprt.debug.transport;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Framing: {@code SYNC MAGIC len-lo len-hi hchk payload crc32} with {@code hchk = 0xff ^ len-lo ^ len-hi} and the
 * CRC-32 (IEEE, as {@link CRC32}) of the payload, little-endian. {@link Decoder} separates frames from the other
 * bytes on the link (the program's output and the REPL), and resynchronises after garbage.
 */
public final class Frames {

    private Frames() {
    }

    public static byte[] encode(byte[] payload) {
        if (payload.length > Protocol.MAX_PAYLOAD) {
            throw new IllegalArgumentException("payload of " + payload.length + " bytes (at most "
                    + Protocol.MAX_PAYLOAD + ")");
        }
        int n = payload.length;
        byte[] f = new byte[Protocol.HEADER_SIZE + n + Protocol.CRC_SIZE];
        f[0] = (byte) Protocol.SYNC;
        f[1] = (byte) Protocol.MAGIC;
        f[2] = (byte) n;
        f[3] = (byte) (n >> 8);
        f[4] = (byte) (0xff ^ (n & 0xff) ^ (n >> 8));
        System.arraycopy(payload, 0, f, Protocol.HEADER_SIZE, n);
        long crc = crc32(payload);
        for (int i = 0; i < 4; i++) {
            f[Protocol.HEADER_SIZE + n + i] = (byte) (crc >> (8 * i));
        }
        return f;
    }

    public static long crc32(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    /** What the decoder finds on the link. */
    public interface Sink {
        void frame(byte[] payload);

        void output(byte[] bytes);
    }

    /**
     * A streaming decoder. Bytes that are not part of a valid frame (bad header, bad CRC, or a frame start that is not
     * completed within {@link #stallNanos}) are passed on as output, and scanning resumes at the next byte.
     */
    public static final class Decoder {
        private final Sink sink;
        private final long stallNanos;
        private byte[] buf = new byte[512];
        private int len;
        private long pendingSince = -1;
        private long framesDropped;

        public Decoder(Sink sink) {
            this(sink, 4L * Protocol.GAP_MS * 1_000_000L);
        }

        public Decoder(Sink sink, long stallNanos) {
            this.sink = sink;
            this.stallNanos = stallNanos;
        }

        /** Frame starts that turned out not to be frames (bad header or CRC, or stalled). */
        public long framesDropped() {
            return framesDropped;
        }

        public void feed(byte[] data, int off, int n, long nowNanos) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
            System.arraycopy(data, off, buf, len, n);
            len += n;
            scan(nowNanos);
        }

        /** Call now and then: gives up a frame start that has stalled, so its bytes reach the output. */
        public void poll(long nowNanos) {
            if (pendingSince >= 0 && nowNanos - pendingSince > stallNanos && len > 0) {
                framesDropped++;
                emitOutput(1);
                pendingSince = -1;
                scan(nowNanos);
            }
        }

        private void scan(long nowNanos) {
            while (len > 0) {
                int i = indexOfSync();
                if (i < 0) {
                    // Keep a trailing SYNC: the MAGIC may be in the next read.
                    int keep = (buf[len - 1] & 0xff) == Protocol.SYNC ? 1 : 0;
                    emitOutput(len - keep);
                    if (keep == 1 && pendingSince < 0) {
                        pendingSince = nowNanos;
                    }
                    return;
                }
                if (i > 0) {
                    emitOutput(i);
                }
                if (len < Protocol.HEADER_SIZE) {
                    if (pendingSince < 0) {
                        pendingSince = nowNanos;
                    }
                    return;
                }
                int lo = buf[2] & 0xff;
                int hi = buf[3] & 0xff;
                int n = lo | hi << 8;
                if ((buf[4] & 0xff) != (0xff ^ lo ^ hi) || n > Protocol.MAX_PAYLOAD) {
                    framesDropped++;
                    emitOutput(1);
                    pendingSince = -1;
                    continue;
                }
                int total = Protocol.HEADER_SIZE + n + Protocol.CRC_SIZE;
                if (len < total) {
                    if (pendingSince < 0) {
                        pendingSince = nowNanos;
                    }
                    return;
                }
                byte[] payload = Arrays.copyOfRange(buf, Protocol.HEADER_SIZE, Protocol.HEADER_SIZE + n);
                long crc = 0;
                for (int k = 0; k < 4; k++) {
                    crc |= (long) (buf[Protocol.HEADER_SIZE + n + k] & 0xff) << (8 * k);
                }
                pendingSince = -1;
                if (crc != crc32(payload)) {
                    framesDropped++;
                    emitOutput(1);
                    continue;
                }
                consume(total);
                sink.frame(payload);
            }
        }

        private int indexOfSync() {
            for (int i = 0; i < len; i++) {
                if ((buf[i] & 0xff) == Protocol.SYNC && (i + 1 == len || (buf[i + 1] & 0xff) == Protocol.MAGIC)) {
                    return i;
                }
            }
            return -1;
        }

        private void emitOutput(int n) {
            if (n <= 0) {
                return;
            }
            sink.output(Arrays.copyOf(buf, n));
            consume(n);
        }

        private void consume(int n) {
            System.arraycopy(buf, n, buf, 0, len - n);
            len -= n;
        }
    }

    /** Collects output for {@link Decoder} users that only want frames. */
    public static final class Collector implements Sink {
        public final java.util.List<byte[]> frames = new java.util.ArrayList<>();
        public final ByteArrayOutputStream output = new ByteArrayOutputStream();

        @Override
        public void frame(byte[] payload) {
            frames.add(payload);
        }

        @Override
        public void output(byte[] bytes) {
            output.writeBytes(bytes);
        }
    }
}
