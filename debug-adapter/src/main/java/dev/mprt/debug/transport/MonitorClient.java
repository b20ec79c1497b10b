package dev.mprt.debug.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The host side of mprt's debug-monitor protocol (docs/protocol.md) over a {@link Link}: requests with sequence
 * numbers and time-outs, events (STOPPED, TRACEPOINT, FINISHED), and the program's output, which shares the link.
 *
 * <p>A reader thread decodes the link. When the link dies, every waiting request and every later call fails with
 * {@link LinkClosedException}: nothing hangs.
 */
public final class MonitorClient implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Link link;
    private final Duration timeout;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final List<Message> events = new ArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final Frames.Decoder decoder;
    private final Thread reader;
    private final Object lock = new Object();
    private volatile Consumer<Message> eventListener = e -> { };
    private volatile Consumer<byte[]> outputListener = b -> { };
    private volatile Consumer<IOException> closedListener = e -> { };
    private volatile IOException failure;
    private int nextSeq = 1;
    private long malformed;

    private record Pending(Protocol.MessageSpec spec, CompletableFuture<Message> reply) {
    }

    public MonitorClient(Link link) {
        this(link, DEFAULT_TIMEOUT);
    }

    public MonitorClient(Link link, Duration timeout) {
        this.link = link;
        this.timeout = timeout;
        this.decoder = new Frames.Decoder(new Frames.Sink() {
            @Override
            public void frame(byte[] payload) {
                onFrame(payload);
            }

            @Override
            public void output(byte[] bytes) {
                synchronized (lock) {
                    output.writeBytes(bytes);
                    lock.notifyAll();
                }
                outputListener.accept(bytes);
            }
        });
        this.reader = new Thread(this::readLoop, "mprt-debug-link");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public void onEvent(Consumer<Message> listener) {
        this.eventListener = listener;
    }

    public void onOutput(Consumer<byte[]> listener) {
        this.outputListener = listener;
    }

    /** Called once, from the thread that noticed, when the link dies or the client is closed. */
    public void onClosed(Consumer<IOException> listener) {
        this.closedListener = listener;
    }

    // ---- requests -------------------------------------------------------------------------------------------------

    /** Sends a request (values in the order of its layout) and waits for its reply within the default time-out. */
    public Message request(String name, Object... values) throws IOException {
        return request(timeout, name, values);
    }

    public Message request(Duration within, String name, Object... values) throws IOException {
        Protocol.MessageSpec spec = Protocol.message(name);
        byte[] body = spec.requestLayout().encode(values);
        int seq;
        Pending p = new Pending(spec, new CompletableFuture<>());
        synchronized (lock) {
            checkAlive();
            seq = nextSeq;
            nextSeq = nextSeq == 0xffff ? 1 : nextSeq + 1;
            pending.put(seq, p);
        }
        byte[] payload = new byte[3 + body.length];
        payload[0] = (byte) spec.code();
        payload[1] = (byte) seq;
        payload[2] = (byte) (seq >> 8);
        System.arraycopy(body, 0, payload, 3, body.length);
        try {
            link.write(Frames.encode(payload));
            return p.reply().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            checkAlive();
            throw new IOException("no reply to " + name + " (#" + seq + ") within " + within, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IOException e) {
            fail(e);
            checkAlive();
            throw e;
        } finally {
            pending.remove(seq);
        }
    }

    /** Writes bytes for the REPL (not a frame). */
    public void writeRaw(byte[] data) throws IOException {
        checkAlive();
        try {
            link.write(data);
        } catch (IOException e) {
            fail(e);
            checkAlive();
        }
    }

    public void writeRaw(String text) throws IOException {
        writeRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---- events and output ----------------------------------------------------------------------------------------

    /** Waits for the next event of that name (events of other names stay queued). */
    public Message awaitEvent(String name, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lock) {
            while (true) {
                for (Iterator<Message> it = events.iterator(); it.hasNext();) {
                    Message m = it.next();
                    if (m.name().equals(name)) {
                        it.remove();
                        return m;
                    }
                }
                checkAlive();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no " + name + " event within " + within + "; queued: " + events
                            + "; output: " + output.toString(StandardCharsets.UTF_8));
                }
                waitOn(left);
            }
        }
    }

    /** The events received and not yet taken by {@link #awaitEvent}, and clears them. */
    public List<Message> takeEvents() {
        synchronized (lock) {
            List<Message> copy = List.copyOf(events);
            events.clear();
            return copy;
        }
    }

    /** Everything the program printed (bytes outside frames) so far. */
    public String output() {
        synchronized (lock) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    public void clearOutput() {
        synchronized (lock) {
            output.reset();
        }
    }

    /** Waits until the output contains {@code text}; returns the output up to and including it, and consumes it. */
    public String awaitOutput(String text, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (lock) {
            while (true) {
                String all = output.toString(StandardCharsets.UTF_8);
                int i = all.indexOf(text);
                if (i >= 0) {
                    String upTo = all.substring(0, i + text.length());
                    byte[] rest = all.substring(i + text.length()).getBytes(StandardCharsets.UTF_8);
                    output.reset();
                    output.writeBytes(rest);
                    return upTo;
                }
                checkAlive();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("no '" + text + "' in the output within " + within + "; got: " + all);
                }
                waitOn(left);
            }
        }
    }

    /** Frames that were dropped (bad CRC or header) plus replies that did not decode. */
    public long malformedFrames() {
        synchronized (lock) {
            return decoder.framesDropped() + malformed;
        }
    }

    public boolean isAlive() {
        return failure == null;
    }

    // ---- session helpers ------------------------------------------------------------------------------------------

    /**
     * Attaches to a board at its REPL: if the monitor already answers HELLO, that is all; otherwise interrupts what
     * runs (Ctrl-C), leaves the raw REPL (Ctrl-B), calls {@code mprt_debug.attach()} and says HELLO.
     */
    public Message attach() throws IOException {
        try {
            return request(Duration.ofMillis(500), "HELLO", Protocol.VERSION);
        } catch (LinkClosedException e) {
            throw e;
        } catch (IOException e) {
            // not attached yet
        }
        writeRaw("\r\u0003\u0003");
        sleep(200);
        writeRaw("\u0002\r");
        sleep(200);
        clearOutput();
        writeRaw("import mprt_debug; mprt_debug.attach()\r");
        awaitOutput("mprt_debug.attach()", Duration.ofSeconds(5));
        awaitOutput("\n>>> ", Duration.ofSeconds(5)); // the board ends lines with \r\n, the unix build's pty \r\r\n
        return request("HELLO", Protocol.VERSION);
    }

    /**
     * Soft-resets the board: SOFT_RESET ends a running or stopped program, then Ctrl-D at the idle REPL resets it
     * (a program started by RUN_FILE returns to the idle REPL first). The session ends; {@link #attach()} again.
     */
    public void softReset(Duration within) throws IOException {
        try {
            request("SOFT_RESET");
        } catch (DeviceException e) {
            if (!e.code().equals("IDLE")) {
                throw e;
            }
        }
        sleep(300);
        clearOutput();
        writeRaw("\r\u0003\u0004");
        awaitOutput("soft reboot", within);
    }

    /**
     * Uploads a file with UPLOAD_BEGIN/DATA/END; the device checks the CRC-32. Returns false when the device
     * already held that very file (same name, size and CRC-32), and nothing was sent.
     */
    public boolean upload(String name, byte[] data) throws IOException {
        if (request("UPLOAD_BEGIN", name, data.length, Frames.crc32(data)).integer("present") == 1) {
            return false;
        }
        int chunk = Protocol.MAX_PAYLOAD - 16;
        for (int off = 0; off < data.length; off += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + chunk));
            request("UPLOAD_DATA", off, part);
        }
        request("UPLOAD_END");
        return true;
    }

    @Override
    public void close() {
        fail(new IOException("client closed"));
        link.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    private void readLoop() {
        byte[] buf = new byte[1024];
        try {
            while (failure == null) {
                int n = link.read(buf, 50);
                synchronized (lock) {
                    if (n > 0) {
                        decoder.feed(buf, 0, n, System.nanoTime());
                    } else {
                        decoder.poll(System.nanoTime());
                    }
                }
            }
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException("link reader failed", e));
        }
    }

    // Called with lock held (from the decoder).
    private void onFrame(byte[] p) {
        if (p.length < 3) {
            malformed++;
            return;
        }
        int type = p[0] & 0xff;
        int seq = (p[1] & 0xff) | (p[2] & 0xff) << 8;
        try {
            if (type == Protocol.REPLY_OK || type == Protocol.REPLY_ERROR) {
                Pending w = pending.get(seq);
                if (w == null) {
                    malformed++;
                    return;
                }
                if (type == Protocol.REPLY_OK) {
                    w.reply().complete(new Message(w.spec().name(), seq,
                            w.spec().replyLayout().decode(p, 3, p.length)));
                } else {
                    Map<String, Object> f = Layout.parse("code:u8, message:str").decode(p, 3, p.length);
                    w.reply().completeExceptionally(new DeviceException(
                            Protocol.constantName(Protocol.ERRORS, ((Number) f.get("code")).intValue()),
                            (String) f.get("message")));
                }
                return;
            }
            Protocol.Spec spec = Protocol.event(type);
            if (spec == null) {
                malformed++;
                return;
            }
            Message m = new Message(spec.name(), seq, Layout.parse(spec.layout()).decode(p, 3, p.length));
            events.add(m);
            lock.notifyAll();
            eventListener.accept(m);
        } catch (ProtocolException e) {
            malformed++;
        }
    }

    private void fail(IOException cause) {
        IOException f;
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            failure = cause instanceof LinkClosedException l ? l : new LinkClosedException(
                    "the link to the device is gone: " + cause.getMessage(), cause);
            for (Pending p : pending.values()) {
                p.reply().completeExceptionally(failure);
            }
            lock.notifyAll();
            f = failure;
        }
        closedListener.accept(f);
    }

    private void checkAlive() throws LinkClosedException {
        IOException f = failure;
        if (f != null) {
            throw (LinkClosedException) f;
        }
    }

    private void waitOn(long nanos) {
        try {
            lock.wait(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
