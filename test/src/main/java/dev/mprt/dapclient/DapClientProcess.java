package dev.mprt.dapclient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.LoadedSourceEventArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.debug.DebugLauncher;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * A DAP client (LSP4J's debug protocol) connected to {@code ./mprt dap} in a child process over its stdin/stdout:
 * what an editor does. Records every event in arrival order; drains stderr. Close it to kill the adapter.
 */
public final class DapClientProcess implements AutoCloseable {

    // LSP4J logs the end of the adapter's stdout (at exit or kill) with a stack trace: expected here. Held in a
    // field: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final java.util.logging.Logger LSP4J_LOG = java.util.logging.Logger.getLogger("org.eclipse.lsp4j");

    static {
        LSP4J_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    /** The standard requests plus mprt's custom ones (docs/debugging.md). */
    public interface Server extends IDebugProtocolServer {
        @JsonRequest("mprt/irqStats")
        CompletableFuture<Map<String, Object>> irqStats(Map<String, Object> args);

        @JsonRequest("mprt/tracepoints")
        CompletableFuture<Map<String, Object>> tracepoints(Map<String, Object> args);
    }

    /** One event: its name ("stopped", "output", ...), its arguments, and when it arrived (System.nanoTime). */
    public record Event(String name, Object body, long nanos) {
        public <T> T as(Class<T> type) {
            return type.cast(body);
        }
    }

    private final Process process;
    private final StringBuffer stderr = new StringBuffer();
    private final List<Event> events = new ArrayList<>();
    private final Server server;
    private final Future<Void> listening;

    private DapClientProcess(Process process) {
        this.process = process;
        drain(process.getErrorStream(), stderr);
        Launcher<Server> launcher = new DebugLauncher.Builder<Server>().setLocalService(new Client())
                .setRemoteInterface(Server.class).setInput(process.getInputStream())
                .setOutput(process.getOutputStream()).create();
        this.server = launcher.getRemoteProxy();
        this.listening = launcher.startListening();
    }

    /** Starts {@code ./mprt dap} of the checkout at {@code root}. */
    public static DapClientProcess start(Path root) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("mprt").toString(), "dap");
        pb.directory(root.toFile());
        return new DapClientProcess(pb.start());
    }

    /** The checkout: the {@code mprt.root} property, or the parent of the working directory (a module folder). */
    public static Path repoRoot() {
        String root = System.getProperty("mprt.root");
        Path p = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(p.resolve("mprt"))) {
            throw new IllegalStateException("not the mprt repository root (no ./mprt launcher): " + p);
        }
        return p.toAbsolutePath().normalize();
    }

    public Server server() {
        return server;
    }

    public Process process() {
        return process;
    }

    public String stderr() {
        return stderr.toString();
    }

    /** The result of a request, or the adapter's error message as an {@link ExecutionException}. */
    public static <T> T get(CompletableFuture<T> f, Duration within)
            throws InterruptedException, ExecutionException, TimeoutException {
        return f.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the first event (from index {@code after} on) that satisfies {@code accept}. */
    public Event await(int after, Predicate<Event> accept, Duration within) throws InterruptedException,
            TimeoutException {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (events) {
            while (true) {
                for (int i = after; i < events.size(); i++) {
                    if (accept.test(events.get(i))) {
                        return events.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no such event within " + within + "; events: " + describe()
                            + "\nadapter stderr: " + stderr);
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    public Event await(int after, String name, Duration within) throws InterruptedException, TimeoutException {
        return await(after, e -> e.name().equals(name), within);
    }

    /** The number of events so far (a mark for {@link #await}). */
    public int mark() {
        synchronized (events) {
            return events.size();
        }
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** All output events' text of that category so far, concatenated. */
    public String output(String category) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events()) {
            if (e.name().equals("output")) {
                OutputEventArguments o = e.as(OutputEventArguments.class);
                if (category == null || category.equals(o.getCategory())) {
                    sb.append(o.getOutput());
                }
            }
        }
        return sb.toString();
    }

    /** Waits until the output of that category contains {@code text}. */
    public void awaitOutput(String category, String text, Duration within) throws InterruptedException,
            TimeoutException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!output(category).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("no '" + text + "' in the " + category + " output within " + within
                        + "; got: " + output(null) + "\nadapter stderr: " + stderr);
            }
            await(mark(), "output", Duration.ofMillis(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    public boolean listening() {
        return !listening.isDone();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            sb.append("\n  ").append(e.name()).append(' ');
            String s = String.valueOf(e.body()).replace('\n', ' ');
            sb.append(s.length() > 300 ? s.substring(0, 300) : s);
        }
        return sb.toString();
    }

    private void record(String name, Object body) {
        synchronized (events) {
            events.add(new Event(name, body, System.nanoTime()));
            events.notifyAll();
        }
    }

    private final class Client implements IDebugProtocolClient {
        @Override
        public void initialized() {
            record("initialized", null);
        }

        @Override
        public void stopped(StoppedEventArguments args) {
            record("stopped", args);
        }

        @Override
        public void continued(ContinuedEventArguments args) {
            record("continued", args);
        }

        @Override
        public void exited(ExitedEventArguments args) {
            record("exited", args);
        }

        @Override
        public void terminated(TerminatedEventArguments args) {
            record("terminated", args);
        }

        @Override
        public void output(OutputEventArguments args) {
            record("output", args);
        }

        @Override
        public void breakpoint(BreakpointEventArguments args) {
            record("breakpoint", args);
        }

        @Override
        public void loadedSource(LoadedSourceEventArguments args) {
            record("loadedSource", args);
        }
    }

    private static void drain(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // closed
            }
        }, "mprt-dap-stderr");
        t.setDaemon(true);
        t.start();
    }
}
