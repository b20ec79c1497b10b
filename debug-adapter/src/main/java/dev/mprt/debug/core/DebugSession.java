package dev.mprt.debug.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import dev.mprt.debug.core.DebugEvents.StopReason;
import dev.mprt.debug.transport.DeviceException;
import dev.mprt.debug.transport.EmulatedBoardProcess;
import dev.mprt.debug.transport.Frames;
import dev.mprt.debug.transport.LinkClosedException;
import dev.mprt.debug.transport.Message;
import dev.mprt.debug.transport.MonitorClient;
import dev.mprt.debug.transport.Protocol;
import dev.mprt.debug.transport.Value;

/**
 * One debug session with one device, free of any protocol: launch or attach, breakpoints, execution control, stack,
 * variables, evaluation, interrupt tracepoints and statistics. The front end calls it from one thread at a time;
 * device events arrive on the session's own event thread and go out through {@link DebugEvents}.
 */
public final class DebugSession implements AutoCloseable {

    /** Thread ids: the program, and the hard interrupt handlers (which never stop: tracepoints only). */
    public static final int MAIN_THREAD = 1;
    public static final int IRQ_THREAD = 2;
    /** While stopped in a soft (scheduled) callback: its frames, apart from the main program's below them. */
    public static final int CALLBACK_THREAD = 3;

    private final Path mprtRoot;
    private final DebugEvents events;
    private final ReentrantLock requestLock = new ReentrantLock();
    private final ExecutorService eventThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "mprt-debug-events");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean terminated = new AtomicBoolean();
    private final Breakpoints breakpoints = new Breakpoints();
    private final Map<String, ProgramSource> sources = new LinkedHashMap<>();
    private final Map<String, Boolean> mismatchReported = new HashMap<>();
    private final List<TracepointHit> hits = new ArrayList<>();
    private final OutputDecoder output = new OutputDecoder();

    private LaunchConfig config;
    private MonitorClient client;
    private EmulatedBoardProcess board;
    private String device;
    private long caps;
    private long tickHz;
    private volatile boolean running;
    private volatile boolean stopped;
    private volatile boolean restarting;
    private volatile boolean closing;
    private boolean keepBoard;
    private List<StackFrameInfo> stack;
    private int entryBreakpoint = -1;
    private volatile int callbackFrames;
    private int exceptionFlags;

    /** A hard-interrupt tracepoint hit or a log point, as recorded by the device. */
    public record TracepointHit(int breakpoint, boolean hard, long timeUs, String function, int line, long lost,
            Map<String, String> locals) {
    }

    /** Per-handler latency statistics (interrupt to first Python line), times in ns. */
    public record IrqHandlerStats(String name, long count, long minNs, long avgNs, long maxNs, List<Long> histogram) {
    }

    public record IrqStats(long tracepointHits, long tracepointsLost, List<IrqHandlerStats> handlers,
            List<String> bucketLabels) {
    }

    public DebugSession(Path mprtRoot, DebugEvents events) {
        this.mprtRoot = mprtRoot;
        this.events = events;
    }

    // ---- launch, attach, end --------------------------------------------------------------------------------------

    /** Opens the device, attaches the monitor and uploads the program's files. The program starts at {@link #start}. */
    public void launch(LaunchConfig config) throws DebugException {
        this.config = config;
        // the parser's first use costs most of a second: have it ready by the time the board answers
        Thread warm = new Thread(() -> new ProgramSource("warm-up.py", "pass\n"), "mprt-parser-warm-up");
        warm.setDaemon(true);
        warm.start();
        open();
        if (!config.attach()) {
            upload();
        }
    }

    private void open() throws DebugException {
        DeviceConnection.Opened o = DeviceConnection.open(config, mprtRoot);
        MonitorClient c = o.client();
        client = c;
        board = o.board();
        device = o.device();
        caps = o.hello().unsigned("caps");
        tickHz = o.hello().unsigned("tickHz");
        c.onOutput(this::onOutput);
        c.onEvent(m -> eventThread.execute(() -> onDeviceEvent(m)));
        // a client replaced by a restart of the unix build closes without ending the session
        c.onClosed(e -> eventThread.execute(() -> {
            if (c == client) {
                onLinkClosed(e);
            }
        }));
        events.output("console", "mprt: attached to " + o.hello().string("board") + " on " + device
                + (board != null ? " (" + board.describe() + ", pid " + board.qemuPids() + ")"
                        : "") + "\n");
    }

    /** Sets the breakpoints up (after the client's configuration) and runs the program (launch) or goes on (attach). */
    public void start() throws IOException {
        if (config.attach()) {
            running = true;
            return;
        }
        String main = config.deviceName(config.program());
        if (config.stopOnEntry() && !config.noDebug()) {
            int line = sources.get(main).firstCodeLine();
            if (line > 0) {
                entryBreakpoint = request("ADD_BREAKPOINT", main, line, 1,
                        Protocol.constant(Protocol.BREAKPOINT_FLAGS, "HIT_EQUAL"), "", "").integer("id");
            }
        }
        output.reset();
        running = true;
        request("RUN_FILE", main);
    }

    /** Soft-resets the board and runs the program again from the start, with the same breakpoints. */
    public void restart() throws IOException {
        requireLaunch("restart");
        if (board == null && config.board().equals(LaunchConfig.UNIX_BOARD)) {
            throw new DebugException("restart: a unix build the adapter did not start has no soft reset (Ctrl-D ends"
                    + " it); launch with \"board\": \"unix\" and no device, or start it again by hand");
        }
        restarting = true;
        try {
            stopped = false;
            if (board != null && board.isUnix()) {
                // the unix build has no soft reset: a new process
                events.output("console", "mprt: restarting (a new process of the unix build)\n");
                client.close();
                board.kill();
                open();
            } else {
                events.output("console", "mprt: restarting (soft reset)\n");
                try {
                    client.softReset(Duration.ofSeconds(5));
                } catch (DeviceException e) {
                    throw new DebugException("restart failed: " + e.getMessage(), e);
                }
                DeviceConnection.attach(client, device, true); // just soft-reset: not attached
            }
            upload();
            breakpoints.reapply(this::request);
            request("FUNCTION_BREAKPOINTS", nameItems(breakpoints.functionNames()));
            request("EXCEPTION_FILTERS", exceptionFlags);
            start();
        } finally {
            restarting = false;
        }
    }

    /** Ends the program (launch: soft reset, the emulated board stops) and the session. */
    public void terminate() throws IOException {
        end(true);
    }

    /** Ends the session: with {@code terminateDebuggee} the program ends too, otherwise it runs on, detached. */
    public void disconnect(Boolean terminateDebuggee) {
        boolean kill = terminateDebuggee != null ? terminateDebuggee : config != null && !config.attach();
        try {
            end(kill);
        } catch (IOException e) {
            // the device is gone already: nothing left to end
        }
    }

    private void end(boolean kill) throws IOException {
        closing = true;
        if (client != null && client.isAlive()) {
            try {
                if (kill && board == null && (running || stopped)) {
                    request("SOFT_RESET");
                } else if (!kill) {
                    leaveRunning();
                }
            } catch (IOException e) {
                // ending anyway
            }
        }
        if (client != null) {
            client.close();
        }
        if (board != null && kill) {
            board.kill();
        }
        keepBoard = !kill;
        fireTerminated();
    }

    /**
     * Lets the program run on without breakpoints: DETACH ends the monitor's session (a stopped program continues,
     * Ctrl-C works at the REPL again) and leaves its link listening, so that a later {@code attach} finds the
     * program with HELLO, without interrupting it.
     */
    private void leaveRunning() throws IOException {
        request("CLEAR_BREAKPOINTS", "");
        request("FUNCTION_BREAKPOINTS", nameItems(List.of()));
        request("EXCEPTION_FILTERS", 0);
        stopped = false;
        request("DETACH");
        events.output("console", "mprt: the program runs on, the monitor detached (Ctrl-C works again; attach again"
                + " to debug it)" + (board != null ? "; " + board.describe() + " stays at " + device + " (pid "
                        + board.qemuPids() + ")" : "") + "\n");
    }

    @Override
    public void close() {
        closing = true;
        if (client != null) {
            client.close();
        }
        if (board != null && !keepBoard) {
            board.kill();
        }
        eventThread.shutdown();
        try {
            eventThread.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isTerminated() {
        return terminated.get();
    }

    /** The emulated board the session started, or null. */
    public EmulatedBoardProcess board() {
        return board;
    }

    // ---- breakpoints ----------------------------------------------------------------------------------------------

    /** Replaces the line breakpoints of one workspace file; returns their states in the order asked. */
    public List<BreakpointState> setBreakpoints(Path file, List<Breakpoints.LineRequest> requests) throws IOException {
        String name = config.deviceName(file);
        if (config.noDebug()) {
            List<BreakpointState> off = new ArrayList<>();
            for (Breakpoints.LineRequest r : requests) {
                off.add(new BreakpointState(-1, false, name, r.line(), "running without debugging (noDebug)"));
            }
            return off;
        }
        ProgramSource src = sources.get(name);
        if (src == null && Files.isRegularFile(file)) {
            src = new ProgramSource(name, Files.readString(file, StandardCharsets.UTF_8));
        }
        return breakpoints.setLines(name, src, requests, this::request);
    }

    public List<BreakpointState> setFunctionBreakpoints(List<String> names) throws IOException {
        if (config.noDebug()) {
            return List.of();
        }
        request("FUNCTION_BREAKPOINTS", nameItems(names));
        return breakpoints.setFunctions(names, sources.values());
    }

    public void setExceptionFilters(boolean uncaught, boolean raised) throws IOException {
        if (config.noDebug()) {
            return;
        }
        exceptionFlags = (uncaught ? Protocol.constant(Protocol.EXCEPTION_FLAGS, "UNCAUGHT") : 0)
                | (raised ? Protocol.constant(Protocol.EXCEPTION_FLAGS, "RAISED") : 0);
        request("EXCEPTION_FILTERS", exceptionFlags);
    }

    // ---- execution ------------------------------------------------------------------------------------------------

    public void resume() throws IOException {
        run("CONTINUE");
    }

    public void pause() throws IOException {
        if (stopped) {
            return;
        }
        requireCapability("PAUSE", "pause");
        // PAUSE may be sent at any time, also while another request waits (docs/protocol.md)
        client.request("PAUSE");
    }

    /** {@code kind}: "IN", "OVER" or "OUT". */
    public void step(String kind) throws IOException {
        run("STEP", Protocol.constant(Protocol.STEP_KINDS, kind));
    }

    // The state changes before the request: the STOPPED that follows may arrive before the reply.
    private void run(String request, Object... args) throws IOException {
        requireStopped();
        stopped = false;
        stack = null;
        try {
            request(request, args);
        } catch (IOException e) {
            stopped = client.isAlive();
            throw e;
        }
    }

    // ---- inspection -----------------------------------------------------------------------------------------------

    public List<StackFrameInfo> stackTrace() throws IOException {
        requireStopped();
        if (stack == null) {
            List<StackFrameInfo> frames = new ArrayList<>();
            int total = Integer.MAX_VALUE;
            while (frames.size() < total) {
                Message m = request("STACK", frames.size(), 16);
                total = m.integer("total");
                List<Map<String, Object>> list = m.list("frames");
                if (list.isEmpty()) {
                    break;
                }
                for (Map<String, Object> f : list) {
                    String file = (String) f.get("file");
                    frames.add(new StackFrameInfo(frames.size(), file, (String) f.get("function"),
                            ((Number) f.get("line")).intValue(), sourceFile(file)));
                }
            }
            stack = frames;
            checkSources(frames);
        }
        return stack;
    }

    /**
     * The frames of one thread while stopped: a soft callback's own frames (the top {@code callbackFrames}), the
     * main program's (the rest), none for the hard interrupt handlers. Indices stay the device's.
     */
    public List<StackFrameInfo> stackTrace(int thread) throws IOException {
        List<StackFrameInfo> all = stackTrace();
        int n = Math.min(callbackFrames, all.size());
        return switch (thread) {
            case CALLBACK_THREAD -> all.subList(0, n);
            case MAIN_THREAD -> all.subList(n, all.size());
            default -> List.of();
        };
    }

    /** Whether the program is stopped inside a soft callback (then {@link #CALLBACK_THREAD} exists). */
    public boolean stoppedInCallback() {
        return stopped && callbackFrames > 0;
    }

    public VariableContainer locals(int frame) throws IOException {
        return new Variables.Locals(this::request, frame, layout(frame));
    }

    public VariableContainer globals(int frame) throws IOException {
        return new Variables.Globals(this::request, frame, layout(frame));
    }

    /**
     * Evaluates an expression in a frame. In the debug console ({@code statement}) {@code name = expression} assigns
     * (a local of the frame, or a global).
     */
    public VariableInfo evaluate(int frame, String expression, boolean statement) throws IOException {
        if (!stopped) {
            throw new DebugException("the program is running: evaluation works while it is stopped");
        }
        SlotLayout layout = layout(frame);
        String expr = expression.strip();
        if (statement) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([A-Za-z_]\\w*)\\s*=(?!=)\\s*(.+)$")
                    .matcher(expr);
            if (m.matches()) {
                String name = m.group(1);
                VariableContainer target = layout.names().contains(name) ? locals(frame) : globals(frame);
                return target.set(name, m.group(2));
            }
        }
        Message m = Variables.guard(() -> request("EVALUATE", frame, layout.lambdaNames(), expr));
        return Variables.variable(this::request, expression, m.value("value"));
    }

    public List<SourceFile> loadedSources() {
        List<SourceFile> out = new ArrayList<>();
        for (ProgramSource s : sources.values()) {
            out.add(new SourceFile(s.name(), config.root().resolve(s.name()), s.crc()));
        }
        return out;
    }

    /** The hard-interrupt tracepoint and log point hits received so far. */
    public List<TracepointHit> tracepointHits() {
        synchronized (hits) {
            return List.copyOf(hits);
        }
    }

    public IrqStats irqStats() throws IOException {
        requireCapability("IRQ_STATS", "interrupt statistics");
        List<IrqHandlerStats> handlers = new ArrayList<>();
        long tpHits = 0;
        long tpLost = 0;
        int total = Integer.MAX_VALUE;
        while (handlers.size() < total) {
            Message m = request("STATS", handlers.size(), 8);
            total = m.integer("total");
            tpHits = m.unsigned("tpHits");
            tpLost = m.unsigned("tpLost");
            List<Map<String, Object>> list = m.list("handlers");
            if (list.isEmpty()) {
                break;
            }
            for (Map<String, Object> h : list) {
                List<Long> hist = new ArrayList<>();
                for (Object b : (List<?>) h.get("hist")) {
                    hist.add(((Number) ((Map<?, ?>) b).get("n")).longValue());
                }
                handlers.add(new IrqHandlerStats((String) h.get("name"), num(h, "count"), num(h, "minNs"),
                        num(h, "avgNs"), num(h, "maxNs"), hist));
            }
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < Protocol.HIST_BUCKETS; i++) {
            labels.add(i < Protocol.HIST_BUCKETS - 1 ? "<" + (Protocol.HIST_BASE_US << i) + "us"
                    : ">=" + (Protocol.HIST_BASE_US << (i - 1)) + "us");
        }
        return new IrqStats(tpHits, tpLost, handlers, labels);
    }

    /** Whether an object of that type has indexed children (a list, tuple, set, bytes or bytearray). */
    public static boolean isIndexed(String type) {
        return Variables.indexed(type);
    }

    public boolean isStopped() {
        return stopped;
    }

    // ---- device events --------------------------------------------------------------------------------------------

    private void onDeviceEvent(Message m) {
        switch (m.name()) {
            case "STOPPED" -> onStopped(m);
            case "TRACEPOINT" -> onTracepoint(m);
            case "FINISHED" -> onFinished(m);
            default -> { }
        }
    }

    private void onStopped(Message m) {
        stack = null;
        callbackFrames = m.integer("callbackFrames");
        stopped = true;
        String reasonName = Protocol.constantName(Protocol.STOP_REASONS, m.integer("reason"));
        int bp = m.integer("bp");
        String text = m.string("text");
        String where = m.string("function") + " (" + m.string("file") + ":" + m.integer("line") + ")";
        StopReason reason;
        List<Integer> ids = List.of();
        String description;
        switch (reasonName) {
            case "BREAKPOINT" -> {
                if (bp == entryBreakpoint) {
                    reason = StopReason.ENTRY;
                    description = "Paused on entry";
                } else {
                    reason = StopReason.BREAKPOINT;
                    Integer id = breakpoints.sessionId(bp);
                    ids = id != null ? List.of(id) : List.of();
                    description = "Paused on breakpoint in " + where;
                }
            }
            case "STEP" -> {
                reason = StopReason.STEP;
                description = "Paused after a step in " + where;
            }
            case "PAUSE" -> {
                reason = StopReason.PAUSE;
                description = "Paused in " + where;
            }
            case "EXCEPTION" -> {
                reason = StopReason.EXCEPTION;
                boolean uncaught = bp == Protocol.constant(Protocol.EXCEPTION_FLAGS, "UNCAUGHT");
                description = "Paused on " + (uncaught ? "uncaught " : "") + "exception in " + where;
            }
            case "FUNCTION" -> {
                reason = StopReason.FUNCTION_BREAKPOINT;
                description = "Paused on entry to " + text;
            }
            default -> {
                reason = StopReason.PAUSE;
                description = "Paused";
            }
        }
        if (callbackFrames > 0) {
            description += ", in a soft callback";
        }
        events.stopped(reason, description, text.isEmpty() ? null : text, ids,
                callbackFrames > 0 ? CALLBACK_THREAD : MAIN_THREAD);
    }

    private void onTracepoint(Message m) {
        int bp = m.integer("bp");
        boolean hard = m.integer("hard") != 0;
        String function = m.string("function");
        int line = m.integer("line");
        String file = breakpoints.fileOf(bp);
        SlotLayout layout = file != null && sources.containsKey(file) ? sources.get(file).slots(function, line)
                : SlotLayout.none();
        Map<String, String> locals = new LinkedHashMap<>();
        for (Map<String, Object> s : m.list("locals")) {
            int slot = ((Number) s.get("slot")).intValue();
            Value v = (Value) s.get("value");
            String name = layout.name(slot);
            if (v.kind().equals("UNBOUND") || name != null && name.isEmpty()
                    || name == null && layout.size() > 0) {
                continue; // unbound, the comprehension's iterator, or the value stack past the locals
            }
            locals.put(name != null ? name : "slot" + slot, v.display());
        }
        Integer sessionId = breakpoints.sessionId(bp);
        TracepointHit hit = new TracepointHit(sessionId != null ? sessionId : -1, hard, m.unsigned("timeUs"), function, line, m.unsigned("lost"),
                locals);
        synchronized (hits) {
            hits.add(hit);
            if (hits.size() > 10_000) {
                hits.remove(0);
            }
        }
        String log = breakpoints.logMessage(bp);
        if (log != null && !hard) {
            events.output("console", Breakpoints.format(log, locals) + "\n");
        } else {
            StringBuilder sb = new StringBuilder(hard ? "[hard IRQ] " : "[tracepoint] ");
            sb.append(function).append(" line ").append(line).append(" at ").append(hit.timeUs()).append(" us:");
            locals.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            if (log != null) {
                sb.append("  ").append(Breakpoints.format(log, locals));
            }
            if (hit.lost() > 0) {
                sb.append(" (").append(hit.lost()).append(" snapshots lost so far: the ring was full)");
            }
            events.output("console", sb.append('\n').toString());
        }
    }

    private void onFinished(Message m) {
        if (restarting) {
            return;
        }
        running = false;
        stopped = false;
        String flushed = output.flush();
        if (!flushed.isEmpty()) {
            events.output("stdout", flushed);
        }
        boolean ok = m.integer("ok") != 0;
        if (!ok) {
            events.output("stderr", "mprt: the program ended with " + m.string("text") + "\n");
        }
        events.exited(ok ? 0 : 1);
        fireTerminated();
    }

    private void onLinkClosed(IOException e) {
        if (closing || restarting) {
            return;
        }
        stopped = false;
        String why = board != null && board.stopsWithin(500)
                ? board.describe() + " has stopped (" + (board.isUnix() ? "it exited" : "machine.reset()")
                        + ", or it was killed)"
                : "the connection to " + device + " is gone";
        events.output("stderr", "mprt: " + why + " (" + rootMessage(e) + "); the debug session ends\n");
        fireTerminated();
        if (board != null) {
            board.kill();
        }
    }

    private void onOutput(byte[] bytes) {
        String text = output.decode(bytes);
        if (text.isEmpty()) {
            return;
        }
        events.output("stdout", text);
        if (!restarting && !closing && running && output.sawSoftReboot()) {
            eventThread.execute(() -> {
                if (!terminated.get() && !restarting && !closing) {
                    events.output("stderr", "mprt: the device reset (soft reboot); the debug session ends\n");
                    closing = true;
                    client.close();
                    if (board != null) {
                        board.kill();
                    }
                    fireTerminated();
                }
            });
        }
    }

    private void fireTerminated() {
        if (terminated.compareAndSet(false, true)) {
            events.terminated();
        }
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    /** One request at a time; link failures become a message. */
    Message request(String name, Object... values) throws IOException {
        if (client == null) {
            throw new DebugException("no device: launch or attach first");
        }
        requestLock.lock();
        try {
            return client.request(name, values);
        } catch (LinkClosedException e) {
            throw new DebugException("the device is gone: " + rootMessage(e), e);
        } finally {
            requestLock.unlock();
        }
    }

    private void upload() throws DebugException {
        List<Path> files = new ArrayList<>(config.files());
        files.remove(config.program());
        files.add(config.program());
        long bytes = 0;
        long nanos = 0;
        int sent = 0;
        for (Path f : files) {
            String name = config.deviceName(f);
            String text;
            try {
                text = Files.readString(f, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DebugException("cannot read " + f + ": " + e.getMessage(), e);
            }
            ProgramSource src = new ProgramSource(name, text);
            sources.put(name, src);
            mismatchReported.remove(name);
            try {
                byte[] data = src.bytes();
                requestLock.lock();
                long t0 = System.nanoTime();
                boolean changed;
                try {
                    // the device says whether it holds this very file already (same name, size, CRC-32)
                    changed = client.upload(name, data);
                } finally {
                    nanos += System.nanoTime() - t0;
                    requestLock.unlock();
                }
                if (changed) {
                    bytes += data.length;
                    sent++;
                }
            } catch (DeviceException e) {
                throw new DebugException("uploading " + name + " failed: " + e.getMessage()
                        + (e.code().equals("NO_MEMORY") ? " (the file does not fit in the device's RAM)" : ""), e);
            } catch (IOException e) {
                throw new DebugException("uploading " + name + " failed: " + rootMessage(e), e);
            }
            events.loadedSource(new SourceFile(name, f, src.crc()));
        }
        events.output("console", String.format("mprt: uploaded %d of %d files (%d bytes, CRC-32 checked by the "
                + "device) in %.0f ms%s%n", sent, files.size(), bytes, nanos / 1e6,
                sent < files.size() ? "; the others are unchanged on the device" : ""));
    }

    private SourceFile sourceFile(String deviceName) {
        ProgramSource s = sources.get(deviceName);
        if (s != null) {
            return new SourceFile(deviceName, config.root().resolve(deviceName), s.crc());
        }
        if (config != null && !deviceName.startsWith("<")) {
            Path p = config.root().resolve(deviceName);
            if (Files.isRegularFile(p)) {
                return new SourceFile(deviceName, p, -1);
            }
        }
        return null;
    }

    /** Tells the user once per file when the editor's file differs from what the device runs. */
    private void checkSources(List<StackFrameInfo> frames) {
        for (StackFrameInfo f : frames) {
            SourceFile sf = f.source();
            if (sf == null || sf.path() == null || mismatchReported.containsKey(sf.deviceName())) {
                continue;
            }
            try {
                byte[] now = Files.readAllBytes(sf.path());
                long crc = Frames.crc32(now) & 0xffffffffL;
                if (sf.crc() < 0) {
                    events.output("console", "mprt: " + sf.deviceName() + " on the device was not uploaded by this "
                            + "session; " + sf.path() + " may differ from it\n");
                    mismatchReported.put(sf.deviceName(), true);
                } else if (crc != sf.crc()) {
                    events.output("stderr", "mprt: the device runs a different version of " + sf.deviceName()
                            + " than " + sf.path() + " (CRC-32 " + Long.toHexString(sf.crc()) + " on the device, "
                            + Long.toHexString(crc) + " in the editor): lines may not match; restart to upload it\n");
                    mismatchReported.put(sf.deviceName(), true);
                }
            } catch (IOException e) {
                // the file went away: nothing to compare
            }
        }
    }

    private SlotLayout layout(int frame) throws IOException {
        List<StackFrameInfo> frames = stackTrace();
        if (frame < 0 || frame >= frames.size()) {
            throw new DebugException("no frame " + frame);
        }
        StackFrameInfo f = frames.get(frame);
        ProgramSource src = sources.get(f.file());
        if (src == null && f.source() != null && f.source().path() != null) {
            src = new ProgramSource(f.file(), Files.readString(f.source().path(), StandardCharsets.UTF_8));
            sources.put(f.file(), src);
        }
        return src == null ? SlotLayout.none() : src.slots(f.function(), f.line());
    }

    private void requireStopped() throws DebugException {
        if (!stopped) {
            throw new DebugException("the program is running: pause it first");
        }
    }

    private void requireLaunch(String what) throws DebugException {
        if (config == null || config.attach()) {
            throw new DebugException(what + " needs a launched program");
        }
    }

    private void requireCapability(String cap, String what) throws DebugException {
        if ((caps & Protocol.constant(Protocol.CAPABILITIES, cap)) == 0) {
            throw new DebugException("the monitor on " + device + " cannot " + what + " (no " + cap + " capability)");
        }
    }

    long tickHz() {
        return tickHz;
    }

    /** A {@code list(name:str)} body: one array per item. */
    private static List<Object[]> nameItems(List<String> names) {
        List<Object[]> items = new ArrayList<>();
        for (String n : names) {
            items.add(new Object[] {n});
        }
        return items;
    }

    private static long num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
