package dev.mprt.e2e.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.FunctionBreakpoint;
import org.eclipse.lsp4j.debug.LoadedSourcesArguments;
import org.eclipse.lsp4j.debug.SetFunctionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetVariableArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.mprt.dapclient.DapClientProcess;

/**
 * {@code ./mprt dap} end to end: a DAP client (LSP4J's) drives the adapter in a separate process over its
 * stdin/stdout, and the adapter runs each program on a fresh emulated board (QEMU, the firmware with the debug
 * monitor, built once for the class).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DebugAdapterTest {

    private static final Duration WAIT = DapSession.WAIT;

    @TempDir
    Path dir;

    private DapSession session;
    private static Path stockFirmware;

    /** mprt's firmware, and the qemu port's stock board (no monitor; a cold build takes about a minute). */
    @BeforeAll
    @Timeout(value = 16, unit = TimeUnit.MINUTES)
    static void buildFirmware() throws Exception {
        Assumptions.assumeTrue(qemuInstalled(), "qemu-system-arm is not installed (vm-firmware/install-deps.sh)");
        Path root = DapClientProcess.repoRoot();
        for (String target : List.of("qemu-mps2-an385", "stock-mps2-an385")) {
            Process build = new ProcessBuilder(root.resolve("vm-firmware/build.sh").toString(), target)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(build.waitFor(8, TimeUnit.MINUTES) && build.exitValue() == 0, target + " build failed");
        }
        stockFirmware = root.resolve(".cache/firmware/stock-mps2-an385/firmware.elf");
        assertTrue(Files.isRegularFile(stockFirmware), stockFirmware.toString());
    }

    @AfterEach
    void end() {
        if (session != null) {
            List<ProcessHandle> children = session.dap.process().descendants().toList();
            session.close();
            for (ProcessHandle h : children) {
                h.destroyForcibly(); // nothing may outlive a test, even when the adapter did not clean up
            }
        }
    }

    private DapSession start(String source) throws Exception {
        session = DapSession.create(dir, "main.py", source);
        return session;
    }

    // ---- breakpoints and stepping ---------------------------------------------------------------------------------

    static final String AREA = """
            def area(w, h):
                a = w * h  # @bp
                return a  # @ret


            total = 0
            for i in range(10):
                total += area(i, 10)  # @call
            print('total', total)
            """;

    @Test
    void breakpointInAFunctionHitFromTheMainLoop() throws Exception {
        DapSession s = start(AREA);
        int mark = s.dap.mark();
        s.run("bp");
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals("breakpoint", stop.getReason());
        assertEquals(1, stop.getThreadId());
        assertEquals(1, stop.getHitBreakpointIds().length);

        StackFrame[] stack = s.stack();
        assertEquals(2, stack.length);
        assertEquals("area", stack[0].getName());
        assertEquals(s.line("bp"), stack[0].getLine());
        assertEquals(s.program.toString(), stack[0].getSource().getPath());
        assertEquals("<module>", stack[1].getName());
        assertEquals(s.line("call"), stack[1].getLine());
        assertEquals(Map.of("w", "0", "h", "10"), s.locals(0));

        mark = s.resume();
        s.stopped(mark);
        assertEquals(Map.of("w", "1", "h", "10"), s.locals(0));
        assertEquals("0", s.globals(1).get("total"), "total after area(0, 10)");
        assertEquals("10", s.evaluate("area(1, 10)", "watch").getResult(), "a call while stopped");

        s.setBreakpoints();
        mark = s.resume();
        assertEquals(0, s.dap.await(mark, "exited", WAIT).as(ExitedEventArguments.class).getExitCode());
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "total 450", WAIT);

        ThreadsResponse threads = DapSession.get(s.server().threads());
        assertEquals(2, threads.getThreads().length);
        assertTrue(threads.getThreads()[1].getName().contains("interrupt"), threads.getThreads()[1].getName());
    }

    static final String STEPS = """
            def inner(x):
                y = x + 1  # @inner1
                return y * 2  # @inner2


            def outer(n):
                m = n + 1  # @outer1
                r = inner(m)  # @outer2
                return r  # @outer3


            v = outer(3)  # @main1
            print('v', v)  # @main2
            """;

    @Test
    void stepOverInAndOutVisitTheExpectedLines() throws Exception {
        DapSession s = start(STEPS);
        int mark = s.dap.mark();
        s.run("outer1");
        s.stopped(mark);
        assertEquals(s.line("outer1"), s.line());
        assertEquals(s.line("outer2"), s.step("over"));
        assertEquals(s.line("inner1"), s.step("in"));
        assertEquals(Map.of("x", "4"), s.locals(0));
        assertEquals(s.line("inner2"), s.step("over"));
        assertEquals(s.line("outer2"), s.step("out"), "back in the caller, at the call's line");
        assertEquals("outer", s.stack()[0].getName());
        assertEquals(s.line("outer3"), s.step("over"));
        assertEquals(Map.of("n", "3", "m", "4", "r", "10"), s.locals(0));
        assertEquals(s.line("main1"), s.step("out"));
        assertEquals(s.line("main2"), s.step("over"));
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "v 10", WAIT);
    }

    static final String LOCALS = """
            def make(n):
                k = 3
                def add(p):
                    q = p + k + n  # @closure
                    return q
                sq = [x * k for x in range(n)]  # @comp
                return add(1), sq


            def star(a, *args, c, d=2, **kw):
                s = a + len(args) + c + d  # @star
                return s


            print(make(4))
            print(star(1, 'x', 'y', c=10, e=5))
            """;

    @Test
    void localsHaveTheirRealNamesInClosuresComprehensionsAndStarArgs() throws Exception {
        DapSession s = start(LOCALS);
        int mark = s.dap.mark();
        s.run("comp", "closure", "star");

        s.stopped(mark);
        assertEquals("make", s.stack()[0].getName());
        // n is a parameter, add and sq plain locals, k a cell (numbered after the locals)
        assertEquals(Map.of("n", "4", "add", "<closure>", "k", "3"), s.locals(0));

        mark = s.resume();
        s.stopped(mark);
        assertEquals("<listcomp>", s.stack()[0].getName());
        assertEquals(Map.of("k", "3"), s.locals(0), "free k; the hidden iterator is not shown; x is not bound yet");
        // one line: a breakpoint hits once per call; a step goes to the next iteration
        for (int i = 0; i < 3 && !s.locals(0).containsKey("x"); i++) {
            assertEquals(s.line("comp"), s.step("over"));
            assertEquals("<listcomp>", s.stack()[0].getName());
        }
        assertEquals(List.of("k", "x"), List.copyOf(s.locals(0).keySet()));
        assertEquals("0", s.locals(0).get("x"));

        s.setBreakpoints("closure", "star");
        mark = s.resume();
        s.stopped(mark);
        assertEquals("add", s.stack()[0].getName());
        // free variables first, in the parent's order (n before k), then the parameter
        assertEquals(List.of("n", "k", "p"), List.copyOf(s.locals(0).keySet()));
        assertEquals(Map.of("n", "4", "k", "3", "p", "1"), s.locals(0));

        mark = s.resume();
        s.stopped(mark);
        assertEquals("star", s.stack()[0].getName());
        Map<String, String> star = s.locals(0);
        // MicroPython swaps *args with the last keyword-only parameter: a, d, c, args, kw
        assertEquals(List.of("a", "d", "c", "args", "kw"), List.copyOf(star.keySet()));
        assertEquals("1", star.get("a"));
        assertEquals("10", star.get("c"));
        assertEquals("2", star.get("d"));
        assertEquals("('x', 'y')", star.get("args"));
        assertEquals("{'e': 5}", star.get("kw"));

        // lazy expansion of *args
        Variable args = null;
        for (Variable v : s.variableList(s.scopeRef(0, 0), null, null)) {
            if (v.getName().equals("args")) {
                args = v;
            }
        }
        assertNotNull(args);
        assertEquals(2, args.getIndexedVariables());
        Variable[] items = s.variableList(args.getVariablesReference(), 1, 1);
        assertEquals(1, items.length);
        assertEquals("[1]", items[0].getName());
        assertEquals("'y'", items[0].getValue());

        s.setBreakpoints();
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "(8, [0, 3, 6, 9])", WAIT);
        s.dap.awaitOutput("stdout", "15", WAIT);
    }

    /** Reference section G.5's worked example (print(z) guarded so that it runs). */
    static final String WORKED_EXAMPLE = """
            def outer(a, b=1, *args, c, d=2, **kw):
                if a > 100: print(z)
                z = 1
                y = 2
                cellv = 3
                def inner(p):
                    q = p + cellv + a
                    return q  # @inner
                for i in range(2): w = i
                return inner  # @outer


            print(outer(10, 20, 30, 40, c=50, e=60)(7))
            """;

    @Test
    void theSlotLayoutOfSectionG5MatchesTheFirmware() throws Exception {
        DapSession s = start(WORKED_EXAMPLE);
        int mark = s.dap.mark();
        s.run("outer", "inner");
        s.stopped(mark);
        assertEquals("outer", s.stack()[0].getName());
        Map<String, String> outer = s.locals(0);
        assertEquals(List.of("a", "b", "d", "c", "args", "kw", "z", "y", "inner", "i", "w", "cellv"),
                List.copyOf(outer.keySet()));
        assertEquals(List.of("10", "20", "2", "50", "(30, 40)", "{'e': 60}", "1", "2", "<closure>", "1", "1", "3"),
                List.copyOf(outer.values()));
        mark = s.resume();
        s.stopped(mark);
        assertEquals(Map.of("a", "10", "cellv", "3", "p", "7", "q", "20"), s.locals(0));
        assertEquals(List.of("a", "cellv", "p", "q"), List.copyOf(s.locals(0).keySet()));
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "20", WAIT);
    }

    static final String CONDITIONS = """
            def area(w, h):
                a = w * h  # @bp
                return a  # @ret


            total = 0
            for i in range(10):
                total += area(i, 10)
            print('total', total)
            """;

    @Test
    void conditionsHitCountsAndLogPoints() throws Exception {
        DapSession s = start(CONDITIONS);
        s.launch(Map.of());
        Breakpoint[] bps = s.setBreakpoints(List.of(
                DapSession.breakpoint(s.line("bp"), "w % 3 == 0", "2", null),
                DapSession.breakpoint(s.line("ret"), null, null, "area({w}, {h}) = {a}")));
        assertTrue(bps[0].isVerified() && bps[1].isVerified());
        int mark = s.dap.mark();
        s.configurationDone();
        List<String> ws = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            s.stopped(mark);
            ws.add(s.locals(0).get("w"));
            mark = s.resume();
        }
        // w = 0 is the condition's first hit; from the second on (hit condition 2) it stops
        assertEquals(List.of("3", "6", "9"), ws);
        s.dap.await(mark, "terminated", WAIT);
        String console = s.dap.output("console");
        for (int w = 0; w < 10; w++) {
            assertTrue(console.contains("area(" + w + ", 10) = " + (w * 10) + "\n"), console);
        }
    }

    @Test
    void breakpointsOnLinesWithoutCodeMoveOrAreRejected() throws Exception {
        DapSession s = start("""
                x = 1

                # a comment
                def f():
                    pass
                    return 2
                y = f()
                """);
        s.launch(Map.of());
        Breakpoint[] bps = s.setBreakpoints(List.of(DapSession.breakpoint(2, null, null, null),
                DapSession.breakpoint(5, null, null, null), DapSession.breakpoint(40, null, null, null),
                DapSession.breakpoint(1, null, "%3", null)));
        assertTrue(bps[0].isVerified());
        assertEquals(4, bps[0].getLine(), "a blank line moves to the next code: the def");
        assertTrue(bps[0].getMessage().contains("moved"), bps[0].getMessage());
        assertTrue(bps[1].isVerified());
        assertEquals(6, bps[1].getLine(), "pass compiles to nothing");
        assertFalse(bps[2].isVerified());
        assertTrue(bps[2].getMessage().contains("no code"), bps[2].getMessage());
        assertFalse(bps[3].isVerified());
        assertTrue(bps[3].getMessage().contains("hit condition"), bps[3].getMessage());
        int mark = s.dap.mark();
        s.configurationDone();
        s.stopped(mark);
        assertEquals(4, s.line());
        mark = s.resume();
        s.stopped(mark);
        assertEquals(6, s.line());
        assertEquals("f", s.stack()[0].getName());
    }

    @Test
    void functionBreakpointsStopOnEntry() throws Exception {
        DapSession s = start(STEPS);
        s.launch(Map.of());
        SetFunctionBreakpointsArguments a = new SetFunctionBreakpointsArguments();
        FunctionBreakpoint fb = new FunctionBreakpoint();
        fb.setName("inner");
        a.setBreakpoints(new FunctionBreakpoint[] {fb});
        Breakpoint[] bps = DapSession.get(s.server().setFunctionBreakpoints(a)).getBreakpoints();
        assertTrue(bps[0].isVerified());
        assertEquals(1, bps[0].getLine());
        int mark = s.dap.mark();
        s.configurationDone();
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals("function breakpoint", stop.getReason());
        assertEquals("inner", s.stack()[0].getName());
        assertEquals(s.line("inner1"), s.line());
    }

    @Test
    void stopOnEntryThenContinue() throws Exception {
        DapSession s = start(STEPS);
        int mark = s.dap.mark();
        s.launch(Map.of("stopOnEntry", true));
        s.configurationDone();
        assertEquals("entry", s.stopped(mark).getReason());
        assertEquals(s.line("inner1") - 1, s.line(), "the first line: def inner");
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "v 10", WAIT);
    }

    // ---- pause, exceptions ----------------------------------------------------------------------------------------

    @Test
    void pauseInsideAnInfiniteLoopThenEvaluateAndTerminate() throws Exception {
        DapSession s = start("""
                n = 0
                while True:
                    n += 1  # @loop
                """);
        s.run();
        Thread.sleep(300);
        int mark = s.pause();
        assertEquals("pause", s.stopped(mark).getReason());
        int line = s.line();
        assertTrue(line == 2 || line == 3, "in the loop: " + line);
        EvaluateResponse n = s.evaluate("n > 0", "watch");
        assertEquals("True", n.getResult());
        mark = s.dap.mark();
        DapSession.get(s.server().terminate(new org.eclipse.lsp4j.debug.TerminateArguments()));
        s.dap.await(mark, "terminated", Duration.ofSeconds(5));
    }

    @Test
    void stopsOnAnUncaughtExceptionButNotOnACaughtOne() throws Exception {
        DapSession s = start("""
                def check(v):
                    if v > 2:
                        raise ValueError('too big: %d' % v)  # @raise
                    return v


                try:
                    check(5)
                except ValueError:
                    print('caught')
                for i in range(5):
                    check(i)
                """);
        s.launch(Map.of());
        s.exceptionFilters("uncaught");
        int mark = s.dap.mark();
        s.configurationDone();
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals("exception", stop.getReason());
        assertTrue(stop.getText().contains("ValueError") && stop.getText().contains("too big: 3"), stop.getText());
        assertTrue(s.dap.output("stdout").contains("caught"), "the caught one did not stop");
        assertEquals(s.line("raise"), s.line());
        assertEquals("3", s.locals(0).get("v"));
        mark = s.resume();
        assertEquals(1, s.dap.await(mark, "exited", WAIT).as(ExitedEventArguments.class).getExitCode());
        s.dap.await(mark, "terminated", WAIT);
        assertTrue(s.dap.output("stderr").contains("ValueError"), s.dap.output("stderr"));
    }

    @Test
    void theRaisedFilterStopsAtACaughtExceptionToo() throws Exception {
        DapSession s = start("""
                def check(v):
                    if v > 2:
                        raise ValueError('too big: %d' % v)  # @raise
                    return v


                try:
                    check(5)
                except ValueError:
                    print('caught')
                print('end')
                """);
        s.launch(Map.of());
        s.exceptionFilters("raised");
        int mark = s.dap.mark();
        s.configurationDone();
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals("exception", stop.getReason());
        assertTrue(stop.getText().contains("too big: 5"), stop.getText());
        assertEquals(s.line("raise"), s.line());
        mark = s.resume();
        assertEquals(0, s.dap.await(mark, "exited", WAIT).as(ExitedEventArguments.class).getExitCode());
        s.dap.awaitOutput("stdout", "caught", WAIT);
        s.dap.awaitOutput("stdout", "end", WAIT);
    }

    // ---- evaluate, set variable, output -------------------------------------------------------------------------------

    @Test
    void evaluateAndSetVariableChangeWhatTheProgramComputes() throws Exception {
        DapSession s = start(AREA);
        int mark = s.dap.mark();
        s.run("ret");
        s.stopped(mark);
        assertEquals("0", s.evaluate("a", "hover").getResult());
        assertEquals("20", s.evaluate("h * 2", "watch").getResult());
        EvaluateResponse list = s.evaluate("[w, h, 'x']", "repl");
        assertEquals("[0, 10, 'x']", list.getResult());
        assertTrue(list.getVariablesReference() > 0);
        assertEquals(3, list.getIndexedVariables());
        String err = DapSession.error(s.server().evaluate(args("nope + 1", s)));
        assertTrue(err.contains("NameError"), err);

        SetVariableArguments set = new SetVariableArguments();
        set.setVariablesReference(s.scopeRef(0, 0));
        set.setName("a");
        set.setValue("1000");
        assertEquals("1000", DapSession.get(s.server().setVariable(set)).getValue());
        assertEquals("1000", s.locals(0).get("a"));
        // the debug console assigns too (a global here: total += ... loaded it before the call, so it is lost)
        assertEquals("5", s.evaluate("total = 5", "repl").getResult());
        assertEquals("5", s.globals(0).get("total"));
        s.setBreakpoints();
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        // 1000 (the changed first result) + 10 + 20 + ... + 90
        s.dap.awaitOutput("stdout", "total " + (1000 + 450), WAIT);
    }

    private static org.eclipse.lsp4j.debug.EvaluateArguments args(String expr, DapSession s) throws Exception {
        org.eclipse.lsp4j.debug.EvaluateArguments a = new org.eclipse.lsp4j.debug.EvaluateArguments();
        a.setExpression(expr);
        a.setFrameId(s.stack()[0].getId());
        a.setContext("watch");
        return a;
    }

    @Test
    void noDebugRunsWithOutputAndLoadedSourcesListTheProgram() throws Exception {
        DapSession s = start("""
                for i in range(3):
                    print('line', i)
                """);
        int mark = s.dap.mark();
        s.launch(Map.of("noDebug", true));
        Breakpoint[] bps = s.setBreakpoints(List.of(DapSession.breakpoint(2, null, null, null)));
        assertFalse(bps[0].isVerified(), "no breakpoints without debugging");
        s.configurationDone();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "line 2", WAIT);
        assertEquals(1, DapSession.get(s.server().loadedSources(new LoadedSourcesArguments())).getSources().length);
    }

    @Test
    void uploadedFilesAreImportableAndTheirBreakpointsStop() throws Exception {
        Files.createDirectories(dir.resolve("pkg"));
        Files.writeString(dir.resolve("helper.py"), "def twice(x):\n    y = 2 * x\n    return y\n");
        Files.writeString(dir.resolve("pkg/__init__.py"), "NAME = 'pkg'\n");
        DapSession s = start("""
                import helper
                import pkg
                print('r', helper.twice(21), pkg.NAME)
                """);
        int mark = s.dap.mark();
        s.launch(Map.of("files", List.of("helper.py", "pkg/__init__.py")));
        assertTrue(s.dap.output("console").contains("uploaded 3 of 3 files"), s.dap.output("console"));
        org.eclipse.lsp4j.debug.SetBreakpointsArguments a = new org.eclipse.lsp4j.debug.SetBreakpointsArguments();
        org.eclipse.lsp4j.debug.Source helper = new org.eclipse.lsp4j.debug.Source();
        helper.setPath(dir.resolve("helper.py").toString());
        a.setSource(helper);
        a.setBreakpoints(new org.eclipse.lsp4j.debug.SourceBreakpoint[] {DapSession.breakpoint(3, null, null, null)});
        assertTrue(DapSession.get(s.server().setBreakpoints(a)).getBreakpoints()[0].isVerified());
        s.configurationDone();
        s.stopped(mark);
        StackFrame[] stack = s.stack();
        assertEquals("twice", stack[0].getName());
        assertEquals(dir.resolve("helper.py").toString(), stack[0].getSource().getPath());
        assertEquals(3, stack[0].getLine());
        assertEquals(Map.of("x", "21", "y", "42"), s.locals(0));
        assertEquals(s.program.toString(), stack[1].getSource().getPath());
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "r 42 pkg", WAIT);
        assertEquals(3, DapSession.get(s.server().loadedSources(new LoadedSourcesArguments())).getSources().length);
    }

    // ---- interrupt handlers -------------------------------------------------------------------------------------------

    static final String TIMER = """
            from machine import Timer
            import micropython, time

            hits = [0]


            def soft(n):
                hits[0] += n  # @soft


            def isr(t):
                k = 7
                try:
                    micropython.schedule(soft, k)  # @isr
                except RuntimeError:
                    pass  # the queue is full while the program is stopped: the timer runs on


            t = Timer(0, mode=Timer.PERIODIC, freq=50, callback=isr)
            while hits[0] < 70:  # @wait
                time.sleep_ms(10)
            t.deinit()
            print('done', hits[0])
            """;

    @Test
    void aBreakpointInASoftCallbackStopsAndShowsAsItsOwnThread() throws Exception {
        DapSession s = start(TIMER);
        int mark = s.dap.mark();
        s.run("soft");
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals(3, stop.getThreadId(), "the soft callback's thread");
        assertTrue(stop.getDescription().contains("soft callback"), stop.getDescription());
        ThreadsResponse threads = DapSession.get(s.server().threads());
        assertEquals(3, threads.getThreads().length);
        assertEquals("soft callback (scheduled)", threads.getThreads()[2].getName());

        StackFrame[] callback = s.stack(3);
        assertEquals(1, callback.length, "the callback's own frames only");
        assertEquals("soft", callback[0].getName());
        assertEquals(s.line("soft"), callback[0].getLine());
        StackFrame[] main = s.stack(1);
        assertEquals("<module>", main[0].getName(), "the main program, where the callback interrupted it");
        assertTrue(main[0].getLine() >= s.line("wait") && main[0].getLine() <= s.line("wait") + 1,
                "in the wait loop: " + main[0].getLine());
        assertEquals(Map.of("n", "7"), s.locals(0));
        s.setBreakpoints();
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "done ", WAIT); // 70 or more: callbacks run in batches
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBreakpointInAHardTimerHandlerIsATracepointWithItsValues() throws Exception {
        DapSession s = start(TIMER);
        int mark = s.dap.mark();
        s.run("isr");
        s.dap.await(mark, "terminated", WAIT);
        s.dap.awaitOutput("stdout", "done ", WAIT); // 70 or more: callbacks run in batches
        String console = s.dap.output("console");
        assertTrue(console.contains("[hard IRQ] isr line " + s.line("isr")), console);
        assertTrue(console.contains("t=<Timer> k=7\n"), console);
        assertTrue(s.dap.events().stream().noneMatch(e -> e.name().equals("stopped")), "a hard handler never stops");

        Map<String, Object> hits = DapSession.get(s.server().tracepoints(Map.of()));
        List<Map<String, Object>> list = (List<Map<String, Object>>) hits.get("hits");
        assertTrue(list.size() >= 9, "about 10 interrupts: " + list.size());
        Map<String, Object> first = list.get(0);
        assertEquals(Boolean.TRUE, first.get("hard"));
        assertEquals("isr", first.get("function"));
        assertEquals(Map.of("t", "<Timer>", "k", "7"), first.get("locals"));
        assertTrue(((Number) list.get(1).get("timeUs")).longValue() > ((Number) first.get("timeUs")).longValue());

        Map<String, Object> stats = DapSession.get(s.server().irqStats(Map.of()));
        List<Map<String, Object>> handlers = (List<Map<String, Object>>) stats.get("handlers");
        assertEquals(1, handlers.size());
        Map<String, Object> isr = handlers.get(0);
        assertEquals("isr", isr.get("name"));
        long count = ((Number) isr.get("count")).longValue();
        assertTrue(count >= 9, "calls: " + count);
        long sum = 0;
        for (Object n : (List<Object>) isr.get("histogram")) {
            sum += ((Number) n).longValue();
        }
        assertEquals(count, sum, "every call is in the histogram");
        assertTrue(((Number) isr.get("minNs")).longValue() <= ((Number) isr.get("avgNs")).longValue());
        assertEquals(8, ((List<?>) stats.get("buckets")).size());
    }

    // ---- end of sessions, faults --------------------------------------------------------------------------------------

    @Test
    void disconnectEndsTheBoardAndARelaunchWorks() throws Exception {
        DapSession s = start(AREA);
        int mark = s.dap.mark();
        s.run("bp");
        s.stopped(mark);
        List<ProcessHandle> qemu = qemuOf(s.dap.process());
        assertFalse(qemu.isEmpty(), "the adapter started QEMU");
        s.disconnect(true);
        assertTrue(s.dap.process().waitFor(5, TimeUnit.SECONDS), "the adapter exits after disconnect");
        for (ProcessHandle h : qemu) {
            assertTrue(h.onExit().get(5, TimeUnit.SECONDS) != null && !h.isAlive(), "QEMU is gone");
        }
        session.close();

        DapSession again = start(AREA);
        mark = again.dap.mark();
        again.run("bp");
        again.stopped(mark);
        assertEquals(Map.of("w", "0", "h", "10"), again.locals(0));
        again.setBreakpoints();
        mark = again.resume();
        again.dap.await(mark, "terminated", WAIT);
    }

    /** Starts a session that launches {@code source}, and returns the pty of its board once it has left it. */
    private String leaveBoardRunning(String source, boolean waitForEnd, List<ProcessHandle> qemu) throws Exception {
        DapSession a = start(source);
        int mark = a.dap.mark();
        a.launch(Map.of());
        a.configurationDone();
        if (waitForEnd) {
            a.dap.await(mark, "terminated", WAIT);
        } else {
            Thread.sleep(300);
        }
        qemu.addAll(qemuOf(a.dap.process()));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (/dev/pts/\\d+)")
                .matcher(a.dap.output("console"));
        assertTrue(m.find(), a.dap.output("console"));
        a.disconnect(false);
        assertTrue(a.dap.process().waitFor(5, TimeUnit.SECONDS), "the adapter exits after disconnect");
        assertTrue(a.dap.output("console").contains("the program runs on"), a.dap.output("console"));
        session = null;
        a.close();
        assertFalse(qemu.isEmpty());
        assertTrue(qemu.get(0).isAlive(), "the board runs on after disconnect with terminateDebuggee false");
        return m.group(1);
    }

    @Test
    void attachToAProgramLeftRunningByAnEarlierSession() throws Exception {
        String src = """
                import time
                n = 0
                while True:
                    n += 1  # @loop
                    time.sleep_ms(1)
                """;
        List<ProcessHandle> qemu = new ArrayList<>();
        try {
            String pty = leaveBoardRunning(src, false, qemu);
            DapSession b = start(src);
            int mark = b.dap.mark();
            DapSession.get(b.server().attach(Map.of("device", pty, "root", dir.toString())));
            b.dap.await(mark, "initialized", WAIT);
            b.configurationDone();
            mark = b.pause();
            assertEquals("pause", b.stopped(mark).getReason());
            StackFrame top = b.stack()[0];
            assertEquals("<module>", top.getName());
            assertEquals(b.program.toString(), top.getSource().getPath(), "mapped through root");
            assertEquals("True", b.evaluate("n > 0", "watch").getResult());
            b.setBreakpoints("loop");
            mark = b.resume();
            assertEquals(b.line("loop"), b.stopped(mark) != null ? b.line() : -1);
        } finally {
            qemu.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void ctrlCWorksAfterADisconnectThatLeavesTheProgramRunning() throws Exception {
        List<ProcessHandle> qemu = new ArrayList<>();
        try {
            String pty = leaveBoardRunning("""
                    import time
                    while True:
                        time.sleep_ms(1)
                    """, false, qemu);
            PtyTerminal.assertCtrlCWorks(pty);
        } finally {
            qemu.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aRelaunchOnTheSameBoardUploadsOnlyTheChangedFiles() throws Exception {
        Files.writeString(dir.resolve("helper.py"), "def twice(x):\n    return 2 * x\n");
        String src = """
                import helper
                print('r', helper.twice(21))
                """;
        List<ProcessHandle> qemu = new ArrayList<>();
        try {
            DapSession a = start(src);
            int mark = a.dap.mark();
            a.launch(Map.of("files", List.of("helper.py")));
            a.configurationDone();
            a.dap.await(mark, "terminated", WAIT);
            a.dap.awaitOutput("stdout", "r 42", WAIT);
            qemu.addAll(qemuOf(a.dap.process()));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (/dev/pts/\\d+)")
                    .matcher(a.dap.output("console"));
            assertTrue(m.find());
            a.disconnect(false);
            a.dap.process().waitFor(5, TimeUnit.SECONDS);
            a.close();

            Files.writeString(dir.resolve("helper.py"), "def twice(x):\n    return 3 * x\n");
            DapSession b = start(src);
            mark = b.dap.mark();
            b.launch(Map.of("files", List.of("helper.py"), "device", m.group(1)));
            String console = b.dap.output("console");
            assertTrue(console.contains("uploaded 1 of 2 files") && console.contains("unchanged on the device"),
                    console);
            b.configurationDone();
            b.dap.await(mark, "terminated", WAIT);
            b.dap.awaitOutput("stdout", "r 63", WAIT);
        } finally {
            qemu.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void restartRunsTheProgramAgainWithTheSameBreakpoints() throws Exception {
        DapSession s = start(AREA);
        int mark = s.dap.mark();
        s.run("bp");
        s.stopped(mark);
        mark = s.resume();
        s.stopped(mark);
        assertEquals("1", s.locals(0).get("w"));
        mark = s.dap.mark();
        DapSession.get(s.server().restart(new org.eclipse.lsp4j.debug.RestartArguments()));
        s.stopped(mark);
        assertEquals("0", s.locals(0).get("w"), "from the start again");
    }

    @Test
    void qemuKilledEndsTheSessionWithinTwoSeconds() throws Exception {
        DapSession s = start("""
                while True:
                    pass
                """);
        s.run();
        Thread.sleep(300);
        List<ProcessHandle> qemu = qemuOf(s.dap.process());
        assertFalse(qemu.isEmpty());
        int mark = s.dap.mark();
        long t0 = System.nanoTime();
        qemu.forEach(ProcessHandle::destroyForcibly);
        s.dap.await(mark, "terminated", Duration.ofSeconds(2));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "terminated after " + ms + " ms");
        String err = s.dap.output("stderr");
        assertTrue(err.contains("the emulated board (QEMU) has stopped") || err.contains("is gone"), err);
        assertFalse(s.dap.stderr().contains("Exception"), "no stack trace: " + s.dap.stderr());
    }

    @Test
    void aBoardThatResetsEndsTheSessionWithinTwoSeconds() throws Exception {
        DapSession s = start("""
                import machine, time
                time.sleep_ms(300)
                machine.reset()
                """);
        s.launch(Map.of());
        int mark = s.dap.mark();
        long t0 = System.nanoTime();
        s.configurationDone();
        s.dap.await(mark, "terminated", Duration.ofMillis(2300));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2300, "terminated " + ms + " ms after the start, 300 ms of it the program's");
        assertTrue(s.dap.output("stderr").contains("has stopped"), s.dap.output("stderr"));
    }

    @Test
    void garbageAndPartialFramesFromTheDeviceAreOutputAndTheSessionGoesOn() throws Exception {
        DapSession s = start("""
                import sys, time
                sys.stdout.write(b'\\x1e\\xb7\\x05\\x00\\xfa\\x01\\x02')  # a frame's start, then nothing
                time.sleep_ms(600)
                sys.stdout.write(b'\\x1e\\xb7\\xff\\xff\\x00 bad header\\n')
                print('after the garbage')
                x = 1  # @bp
                """);
        int mark = s.dap.mark();
        s.run("bp");
        assertEquals("breakpoint", s.stopped(mark).getReason());
        assertEquals(s.line("bp"), s.line());
        String out = s.dap.output("stdout");
        assertTrue(out.contains("\u001e") && out.contains(" bad header") && out.contains("after the garbage"), out);
        mark = s.resume();
        s.dap.await(mark, "terminated", WAIT);
    }

    @Test
    void theSourceOnTheDeviceDiffersFromTheEditor() throws Exception {
        DapSession s = start(AREA);
        int mark = s.dap.mark();
        s.run("bp");
        s.stopped(mark);
        Files.writeString(s.program, "# edited\n" + AREA);
        s.stack();
        s.dap.awaitOutput("stderr", "the device runs a different version of main.py", WAIT);
    }

    @Test
    void invalidLaunchArgumentsAreNamed() throws Exception {
        DapSession s = start(AREA);
        assertTrue(DapSession.error(s.server().launch(Map.of())).contains("'program'"));
        assertTrue(DapSession.error(s.server().launch(Map.of("program", s.program.toString(), "baudrate", "fast")))
                .contains("'baudrate'"));
        assertTrue(DapSession.error(s.server().launch(Map.of("program", dir.resolve("missing.py").toString())))
                .contains("no such file"));
        assertTrue(DapSession.error(s.server().launch(Map.of("program", s.program.toString(), "files",
                List.of("nothere.py")))).contains("'files'"));
        long t0 = System.nanoTime();
        int mark = s.dap.mark();
        String err = DapSession.error(s.server().launch(Map.of("program", s.program.toString(), "device",
                "/dev/ttyMPRTnone")));
        assertTrue(err.contains("/dev/ttyMPRTnone"), err);
        s.dap.await(mark, "terminated", Duration.ofSeconds(2));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L);
    }

    @Test
    void firmwareWithoutTheMonitorIsAClearError() throws Exception {
        Path stock = stockFirmware;
        DapSession s = start(AREA);
        int mark = s.dap.mark();
        long t0 = System.nanoTime();
        String err = DapSession.error(s.server().launch(Map.of("program", s.program.toString(), "firmware",
                stock.toString())));
        assertTrue(err.contains("has no mprt debug monitor"), err);
        s.dap.await(mark, "terminated", Duration.ofSeconds(2));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 6000, "error after " + ms + " ms (QEMU start included)");
        assertFalse(s.dap.stderr().contains("Exception"), s.dap.stderr());
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    static List<ProcessHandle> qemuOf(Process p) {
        return p.descendants().filter(h -> h.info().command().map(c -> c.contains("qemu-system")).orElse(false))
                .toList();
    }

    static boolean qemuInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "qemu-system-arm"))) {
                return true;
            }
        }
        return false;
    }
}
