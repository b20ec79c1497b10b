package dev.mprt.e2e.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;

import dev.mprt.dapclient.DapClientProcess;
import dev.mprt.dapclient.DapClientProcess.Server;

/**
 * One debug session of a test, as an editor runs it: {@code ./mprt dap} in a child process, initialize, launch a
 * program on the emulated board, set breakpoints, configurationDone; then stops, stacks, variables. Programs mark
 * lines with {@code # @name} comments.
 */
final class DapSession implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    final DapClientProcess dap;
    final Path program;
    final String source;
    Capabilities capabilities;

    private DapSession(DapClientProcess dap, Path program, String source) {
        this.dap = dap;
        this.program = program;
        this.source = source;
    }

    /** Writes {@code source} as {@code name} in {@code dir} and starts the adapter (not yet launched). */
    static DapSession create(Path dir, String name, String source) throws Exception {
        Path program = dir.resolve(name);
        Files.writeString(program, source, StandardCharsets.UTF_8);
        DapSession s = new DapSession(DapClientProcess.start(DapClientProcess.repoRoot()), program, source);
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("mprt");
        init.setClientID("mprt-e2e");
        init.setLinesStartAt1(true);
        init.setColumnsStartAt1(true);
        init.setSupportsVariablePaging(true);
        s.capabilities = get(s.server().initialize(init));
        return s;
    }

    /** launch with {@code program} and the extra arguments; waits for the initialized event. */
    void launch(Map<String, Object> extra) throws Exception {
        Map<String, Object> args = new HashMap<>(extra);
        args.put("program", program.toString());
        int mark = dap.mark();
        get(server().launch(args));
        dap.await(mark, "initialized", WAIT);
    }

    /** Launch, line breakpoints at the markers, no exception filter, configurationDone. */
    void run(String... markers) throws Exception {
        launch(Map.of());
        setBreakpoints(markers);
        configurationDone();
    }

    void configurationDone() throws Exception {
        get(server().configurationDone(new ConfigurationDoneArguments()));
    }

    Breakpoint[] setBreakpoints(String... markers) throws Exception {
        List<SourceBreakpoint> bps = new ArrayList<>();
        for (String m : markers) {
            bps.add(breakpoint(line(m), null, null, null));
        }
        return setBreakpoints(bps);
    }

    Breakpoint[] setBreakpoints(List<SourceBreakpoint> bps) throws Exception {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source src = new Source();
        src.setPath(program.toString());
        src.setName(program.getFileName().toString());
        a.setSource(src);
        a.setBreakpoints(bps.toArray(SourceBreakpoint[]::new));
        return get(server().setBreakpoints(a)).getBreakpoints();
    }

    static SourceBreakpoint breakpoint(int line, String condition, String hitCondition, String logMessage) {
        SourceBreakpoint b = new SourceBreakpoint();
        b.setLine(line);
        b.setCondition(condition);
        b.setHitCondition(hitCondition);
        b.setLogMessage(logMessage);
        return b;
    }

    void exceptionFilters(String... filters) throws Exception {
        SetExceptionBreakpointsArguments a = new SetExceptionBreakpointsArguments();
        a.setFilters(filters);
        get(server().setExceptionBreakpoints(a));
    }

    /** The next stopped event after {@code mark}. */
    StoppedEventArguments stopped(int mark) throws Exception {
        return dap.await(mark, "stopped", WAIT).as(StoppedEventArguments.class);
    }

    /** The frames of the thread that stopped last (the main program's, or a soft callback's). */
    StackFrame[] stack() throws Exception {
        StoppedEventArguments last = null;
        for (DapClientProcess.Event e : dap.events()) {
            if (e.name().equals("stopped")) {
                last = e.as(StoppedEventArguments.class);
            }
        }
        return stack(last != null && last.getThreadId() != null ? last.getThreadId() : 1);
    }

    StackFrame[] stack(int thread) throws Exception {
        StackTraceArguments a = new StackTraceArguments();
        a.setThreadId(thread);
        return get(server().stackTrace(a)).getStackFrames();
    }

    /** The top frame's line. */
    int line() throws Exception {
        return stack()[0].getLine();
    }

    /** name → value of a frame's Locals scope, in the adapter's order. */
    Map<String, String> locals(int frame) throws Exception {
        return variables(scopeRef(frame, 0));
    }

    Map<String, String> globals(int frame) throws Exception {
        return variables(scopeRef(frame, 1));
    }

    int scopeRef(int frame, int scope) throws Exception {
        ScopesArguments a = new ScopesArguments();
        a.setFrameId(stack()[frame].getId());
        return get(server().scopes(a)).getScopes()[scope].getVariablesReference();
    }

    Map<String, String> variables(int ref) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (Variable v : variableList(ref, null, null)) {
            out.put(v.getName(), v.getValue());
        }
        return out;
    }

    Variable[] variableList(int ref, Integer start, Integer count) throws Exception {
        VariablesArguments a = new VariablesArguments();
        a.setVariablesReference(ref);
        a.setStart(start);
        a.setCount(count);
        return get(server().variables(a)).getVariables();
    }

    EvaluateResponse evaluate(String expr, String context) throws Exception {
        EvaluateArguments a = new EvaluateArguments();
        a.setExpression(expr);
        a.setFrameId(stack()[0].getId());
        a.setContext(context);
        return get(server().evaluate(a));
    }

    /** Continue; returns the event mark to wait for what follows. */
    int resume() throws Exception {
        int mark = dap.mark();
        ContinueArguments a = new ContinueArguments();
        a.setThreadId(1);
        get(server().continue_(a));
        return mark;
    }

    /** A step ("over", "in", "out") and the line of the stop it ends in. */
    int step(String kind) throws Exception {
        int mark = dap.mark();
        switch (kind) {
            case "over" -> {
                NextArguments a = new NextArguments();
                a.setThreadId(1);
                get(server().next(a));
            }
            case "in" -> {
                StepInArguments a = new StepInArguments();
                a.setThreadId(1);
                get(server().stepIn(a));
            }
            default -> {
                StepOutArguments a = new StepOutArguments();
                a.setThreadId(1);
                get(server().stepOut(a));
            }
        }
        assertEquals("step", stopped(mark).getReason());
        return line();
    }

    int pause() throws Exception {
        int mark = dap.mark();
        PauseArguments a = new PauseArguments();
        a.setThreadId(1);
        get(server().pause(a));
        return mark;
    }

    void disconnect(Boolean terminateDebuggee) throws Exception {
        DisconnectArguments a = new DisconnectArguments();
        a.setTerminateDebuggee(terminateDebuggee);
        get(server().disconnect(a));
    }

    /** The 1-based line carrying {@code # @name}. */
    int line(String marker) {
        String[] lines = source.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("# @" + marker) && (lines[i].indexOf("# @" + marker) + marker.length() + 3
                    == lines[i].length() || !Character.isLetterOrDigit(
                            lines[i].charAt(lines[i].indexOf("# @" + marker) + marker.length() + 3)))) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker @" + marker);
    }

    Server server() {
        return dap.server();
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return DapClientProcess.get(f, WAIT);
    }

    /** The adapter's error message of a request that must fail. */
    static String error(java.util.concurrent.CompletableFuture<?> f) throws Exception {
        try {
            DapClientProcess.get(f, WAIT);
        } catch (ExecutionException e) {
            return e.getCause().getMessage();
        }
        throw new AssertionError("the request succeeded");
    }

    @Override
    public void close() {
        dap.close();
    }
}
