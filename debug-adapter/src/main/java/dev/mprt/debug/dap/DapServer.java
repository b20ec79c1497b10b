package dev.mprt.debug.dap;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.BreakpointEventArguments;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.ContinuedEventArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.LoadedSourceEventArguments;
import org.eclipse.lsp4j.debug.LoadedSourceEventArgumentsReason;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.LoadedSourcesResponse;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.OutputEventArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.RestartArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.SetVariableResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.TerminatedEventArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

import dev.mprt.debug.core.BreakpointState;
import dev.mprt.debug.core.Breakpoints;
import dev.mprt.debug.core.DebugEvents;
import dev.mprt.debug.core.DebugSession;
import dev.mprt.debug.core.LaunchConfig;
import dev.mprt.debug.core.SourceFile;
import dev.mprt.debug.core.StackFrameInfo;
import dev.mprt.debug.core.VariableInfo;

/**
 * The DAP server: each request is one short handler that converts its arguments ({@link DapConverter}) and delegates
 * to the {@link DebugSession}. Requests run one at a time on one thread, and events are queued behind them, so a
 * client always sees a request's response before the events it causes.
 */
public final class DapServer implements MprtDebugServer {

    private final Path mprtRoot;
    private final DapConverter convert = new DapConverter();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        java.lang.Thread t = new java.lang.Thread(r, "mprt-dap");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private IDebugProtocolClient client;
    private DebugSession session;
    private LaunchConfig config;
    private boolean closed;

    public DapServer(Path mprtRoot) {
        this.mprtRoot = mprtRoot;
    }

    public void connect(IDebugProtocolClient client) {
        this.client = client;
    }

    /** Completes after the response to disconnect (or terminate's end of session) has been sent. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    // ---- session ----------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        return run(() -> {
            convert.bases(args.getLinesStartAt1(), args.getColumnsStartAt1());
            return capabilities();
        });
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        return start(args, false);
    }

    @Override
    public CompletableFuture<Void> attach(Map<String, Object> args) {
        return start(args, true);
    }

    private CompletableFuture<Void> start(Map<String, Object> args, boolean attach) {
        return run(() -> {
            config = LaunchConfig.parse(args, attach);
            session = new DebugSession(mprtRoot, new Events());
            try {
                session.launch(config);
            } catch (IOException | RuntimeException e) {
                // the error response first, then the end of the session
                send(() -> client.terminated(new TerminatedEventArguments()));
                throw e;
            }
            send(client::initialized);
            return null;
        });
    }

    /** Ends the session when the client went away without disconnecting ({@code abandoned}): the board stops. */
    synchronized void close(boolean abandoned) {
        if (closed) {
            return;
        }
        closed = true;
        if (session != null) {
            if (abandoned) {
                session.disconnect(config == null || !config.attach());
            }
            session.close();
        }
        worker.shutdown();
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        return run(() -> {
            session().start();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> restart(RestartArguments args) {
        return run(() -> {
            convert.invalidate();
            session().restart();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        return run(() -> {
            session().terminate();
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        CompletableFuture<Void> done = run(() -> {
            if (session != null) {
                session.disconnect(args == null ? null : args.getTerminateDebuggee());
            }
            return null;
        });
        done.whenComplete((v, e) -> worker.execute(() -> finished.complete(null)));
        return done;
    }

    // ---- breakpoints ------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        return run(() -> {
            List<Breakpoints.LineRequest> requests = new ArrayList<>();
            SourceBreakpoint[] bps = args.getBreakpoints() != null ? args.getBreakpoints() : new SourceBreakpoint[0];
            for (SourceBreakpoint b : bps) {
                requests.add(new Breakpoints.LineRequest(convert.toCoreLine(b.getLine()), b.getCondition(),
                        b.getHitCondition(), b.getLogMessage()));
            }
            List<BreakpointState> states = session().setBreakpoints(DapConverter.path(args.getSource()), requests);
            SetBreakpointsResponse r = new SetBreakpointsResponse();
            r.setBreakpoints(states.stream().map(s -> convert.breakpoint(s, args.getSource()))
                    .toArray(Breakpoint[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<SetFunctionBreakpointsResponse> setFunctionBreakpoints(
            SetFunctionBreakpointsArguments args) {
        return run(() -> {
            List<String> names = new ArrayList<>();
            for (var b : args.getBreakpoints()) {
                names.add(b.getName());
            }
            List<BreakpointState> states = session().setFunctionBreakpoints(names);
            SetFunctionBreakpointsResponse r = new SetFunctionBreakpointsResponse();
            r.setBreakpoints(states.stream().map(s -> convert.breakpoint(s, s.file() == null ? null
                    : DapConverter.source(new SourceFile(s.file(), config.root().resolve(s.file()), -1))))
                    .toArray(Breakpoint[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(
            SetExceptionBreakpointsArguments args) {
        return run(() -> {
            List<String> filters = List.of(args.getFilters() != null ? args.getFilters() : new String[0]);
            session().setExceptionFilters(filters.contains("uncaught"), filters.contains("raised"));
            return new SetExceptionBreakpointsResponse();
        });
    }

    // ---- execution --------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return run(() -> {
            convert.invalidate();
            session().resume();
            ContinueResponse r = new ContinueResponse();
            r.setAllThreadsContinued(true);
            return r;
        });
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return step("OVER");
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return step("IN");
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return step("OUT");
    }

    private CompletableFuture<Void> step(String kind) {
        return run(() -> {
            convert.invalidate();
            session().step(kind);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        return run(() -> {
            session().pause();
            return null;
        });
    }

    // ---- inspection -------------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        return run(() -> {
            List<Thread> threads = new ArrayList<>(List.of(thread(DebugSession.MAIN_THREAD, "main program"),
                    thread(DebugSession.IRQ_THREAD, "hard interrupt handlers (tracepoints only)")));
            if (session != null && session.stoppedInCallback()) {
                threads.add(thread(DebugSession.CALLBACK_THREAD, "soft callback (scheduled)"));
            }
            ThreadsResponse r = new ThreadsResponse();
            r.setThreads(threads.toArray(Thread[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        return run(() -> {
            List<StackFrameInfo> frames = session().stackTrace(args.getThreadId());
            int from = args.getStartFrame() != null ? Math.min(args.getStartFrame(), frames.size()) : 0;
            int to = args.getLevels() != null && args.getLevels() > 0 ? Math.min(frames.size(), from + args.getLevels())
                    : frames.size();
            StackTraceResponse r = new StackTraceResponse();
            r.setStackFrames(frames.subList(from, to).stream().map(convert::frame).toArray(StackFrame[]::new));
            r.setTotalFrames(frames.size());
            return r;
        });
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        return run(() -> {
            int frame = convert.frameIndex(args.getFrameId());
            ScopesResponse r = new ScopesResponse();
            r.setScopes(new Scope[] {scope("Locals", "locals", convert.reference(session().locals(frame)), false),
                    scope("Globals", null, convert.reference(session().globals(frame)), true)});
            return r;
        });
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        return run(() -> {
            int start = args.getStart() != null ? args.getStart() : 0;
            int count = args.getCount() != null ? args.getCount() : 0;
            List<VariableInfo> vars = convert.container(args.getVariablesReference()).children(start, count);
            VariablesResponse r = new VariablesResponse();
            r.setVariables(vars.stream().map(convert::variable).toArray(Variable[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<SetVariableResponse> setVariable(SetVariableArguments args) {
        return run(() -> {
            VariableInfo v = convert.container(args.getVariablesReference()).set(args.getName(), args.getValue());
            Variable out = convert.variable(v);
            SetVariableResponse r = new SetVariableResponse();
            r.setValue(out.getValue());
            r.setType(out.getType());
            r.setVariablesReference(out.getVariablesReference());
            return r;
        });
    }

    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        return run(() -> {
            int frame = convert.frameIndex(args.getFrameId());
            VariableInfo v = session().evaluate(frame, args.getExpression(), "repl".equals(args.getContext()));
            Variable out = convert.variable(v);
            EvaluateResponse r = new EvaluateResponse();
            r.setResult(out.getValue());
            r.setType(out.getType());
            r.setVariablesReference(out.getVariablesReference());
            r.setIndexedVariables(out.getIndexedVariables());
            r.setNamedVariables(out.getNamedVariables());
            return r;
        });
    }

    @Override
    public CompletableFuture<LoadedSourcesResponse> loadedSources(LoadedSourcesArguments args) {
        return run(() -> {
            LoadedSourcesResponse r = new LoadedSourcesResponse();
            r.setSources(session().loadedSources().stream().map(DapConverter::source).toArray(Source[]::new));
            return r;
        });
    }

    @Override
    public CompletableFuture<Map<String, Object>> irqStats(Map<String, Object> args) {
        return run(() -> IrqReports.stats(session().irqStats()));
    }

    @Override
    public CompletableFuture<Map<String, Object>> tracepoints(Map<String, Object> args) {
        return run(() -> IrqReports.hits(session().tracepointHits()));
    }

    // ---- internals --------------------------------------------------------------------------------------------------

    private Capabilities capabilities() {
        Capabilities c = new Capabilities();
        c.setSupportsConfigurationDoneRequest(true);
        c.setSupportsFunctionBreakpoints(true);
        c.setSupportsConditionalBreakpoints(true);
        c.setSupportsHitConditionalBreakpoints(true);
        c.setSupportsLogPoints(true);
        c.setSupportsEvaluateForHovers(true);
        c.setSupportsSetVariable(true);
        c.setSupportsRestartRequest(true);
        c.setSupportsTerminateRequest(true);
        c.setSupportsLoadedSourcesRequest(true);
        c.setSupportTerminateDebuggee(true);
        c.setSupportsDelayedStackTraceLoading(true);
        c.setExceptionBreakpointFilters(new ExceptionBreakpointsFilter[] {
            filter("uncaught", "Uncaught exceptions", true), filter("raised", "Raised exceptions", false)});
        return c;
    }

    private static ExceptionBreakpointsFilter filter(String id, String label, boolean dflt) {
        ExceptionBreakpointsFilter f = new ExceptionBreakpointsFilter();
        f.setFilter(id);
        f.setLabel(label);
        f.setDefault_(dflt);
        return f;
    }

    private static Thread thread(int id, String name) {
        Thread t = new Thread();
        t.setId(id);
        t.setName(name);
        return t;
    }

    private static Scope scope(String name, String hint, int ref, boolean expensive) {
        Scope s = new Scope();
        s.setName(name);
        s.setPresentationHint(hint);
        s.setVariablesReference(ref);
        s.setExpensive(expensive);
        return s;
    }

    private DebugSession session() throws IOException {
        if (session == null) {
            throw new IOException("no debug session: send launch or attach first");
        }
        return session;
    }

    private interface Handler<T> {
        T handle() throws Exception;
    }

    /** Runs a handler on the request thread; failures become error responses with the message, never a trace. */
    private <T> CompletableFuture<T> run(Handler<T> handler) {
        CompletableFuture<T> f = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                f.complete(handler.handle());
            } catch (Exception e) {
                String msg = e.getMessage() != null ? e.getMessage() : e.toString();
                f.completeExceptionally(new ResponseErrorException(new ResponseError(
                        ResponseErrorCode.InvalidRequest, msg, null)));
            }
        });
        return f;
    }

    private void send(Runnable event) {
        if (client != null) {
            worker.execute(event);
        }
    }

    /** The core's events, sent after the response of the request being handled. */
    private final class Events implements DebugEvents {
        @Override
        public void stopped(StopReason reason, String description, String text, List<Integer> ids, int thread) {
            send(() -> {
                convert.invalidate();
                StoppedEventArguments a = new StoppedEventArguments();
                a.setReason(reason.wireName());
                a.setDescription(description);
                a.setText(text);
                a.setThreadId(thread);
                a.setAllThreadsStopped(true);
                if (!ids.isEmpty()) {
                    a.setHitBreakpointIds(ids.toArray(Integer[]::new));
                }
                client.stopped(a);
            });
        }

        @Override
        public void continued(int thread) {
            send(() -> {
                ContinuedEventArguments a = new ContinuedEventArguments();
                a.setThreadId(thread);
                a.setAllThreadsContinued(true);
                client.continued(a);
            });
        }

        @Override
        public void output(String category, String text) {
            send(() -> {
                OutputEventArguments a = new OutputEventArguments();
                a.setCategory(category);
                a.setOutput(text);
                client.output(a);
            });
        }

        @Override
        public void breakpointChanged(BreakpointState b) {
            send(() -> {
                BreakpointEventArguments a = new BreakpointEventArguments();
                a.setReason("changed");
                a.setBreakpoint(convert.breakpoint(b, null));
                client.breakpoint(a);
            });
        }

        @Override
        public void loadedSource(SourceFile file) {
            send(() -> {
                LoadedSourceEventArguments a = new LoadedSourceEventArguments();
                a.setReason(LoadedSourceEventArgumentsReason.NEW);
                a.setSource(DapConverter.source(file));
                client.loadedSource(a);
            });
        }

        @Override
        public void exited(int exitCode) {
            send(() -> {
                ExitedEventArguments a = new ExitedEventArguments();
                a.setExitCode(exitCode);
                client.exited(a);
            });
        }

        @Override
        public void terminated() {
            send(() -> client.terminated(new TerminatedEventArguments()));
        }
    }

    /** The JSON bodies of the custom requests. */
    static final class IrqReports {
        private IrqReports() {
        }

        static Map<String, Object> stats(DebugSession.IrqStats s) {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Map<String, Object>> handlers = new ArrayList<>();
            for (DebugSession.IrqHandlerStats h : s.handlers()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", h.name());
                m.put("count", h.count());
                m.put("minNs", h.minNs());
                m.put("avgNs", h.avgNs());
                m.put("maxNs", h.maxNs());
                m.put("histogram", h.histogram());
                handlers.add(m);
            }
            out.put("handlers", handlers);
            out.put("buckets", s.bucketLabels());
            out.put("tracepointHits", s.tracepointHits());
            out.put("tracepointsLost", s.tracepointsLost());
            return out;
        }

        static Map<String, Object> hits(List<DebugSession.TracepointHit> hits) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (DebugSession.TracepointHit h : hits) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("breakpointId", h.breakpoint());
                m.put("hard", h.hard());
                m.put("timeUs", h.timeUs());
                m.put("function", h.function());
                m.put("line", h.line());
                m.put("lost", h.lost());
                m.put("locals", h.locals());
                list.add(m);
            }
            return Map.of("hits", list);
        }
    }
}
