package dev.mprt.e2e.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.debug.ExitedEventArguments;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.mprt.dapclient.DapClientProcess;

/**
 * {@code ./mprt dap} end to end on mprt's unix build: the launch configuration {@code "board": "unix"} makes the
 * adapter start the build on a pty (through socat) and debug it over the monitor's stdin/stdout link, as it debugs
 * the emulated board over its UART.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixDebugAdapterTest {

    private static final Map<String, Object> UNIX = Map.of("board", "unix");

    @TempDir
    Path dir;

    private DapSession session;

    @BeforeAll
    @Timeout(value = 11, unit = TimeUnit.MINUTES)
    static void buildFirmware() throws Exception {
        assertTrue(installed("socat"), "socat is not installed (vm-firmware/install-deps.sh installs it)");
        Process build = new ProcessBuilder(DapClientProcess.repoRoot().resolve("vm-firmware/build.sh").toString(),
                "unix").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES) && build.exitValue() == 0, "unix build failed");
    }

    @AfterEach
    void end() {
        if (session != null) {
            List<ProcessHandle> children = session.dap.process().descendants().toList();
            session.close();
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private DapSession start(String source) throws Exception {
        session = DapSession.create(dir, "main.py", source);
        return session;
    }

    private static void run(DapSession s, String... markers) throws Exception {
        s.launch(UNIX);
        s.setBreakpoints(markers);
        s.configurationDone();
    }

    @Test
    void breakpointInAFunctionWithItsLocalsThenStepOver() throws Exception {
        DapSession s = start(DebugAdapterTest.AREA);
        int mark = s.dap.mark();
        run(s, "bp");
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals("breakpoint", stop.getReason());
        assertTrue(s.dap.output("console").contains("attached to unix on /dev/pts/"), s.dap.output("console"));
        StackFrame[] stack = s.stack();
        assertEquals("area", stack[0].getName());
        assertEquals(s.line("bp"), stack[0].getLine());
        assertEquals(s.program.toString(), stack[0].getSource().getPath());
        assertEquals("<module>", stack[1].getName());
        assertEquals(Map.of("w", "0", "h", "10"), s.locals(0));

        assertEquals(s.line("ret"), s.step("over"));
        assertEquals("0", s.locals(0).get("a"));

        s.setBreakpoints();
        mark = s.resume();
        assertEquals(0, s.dap.await(mark, "exited", DapSession.WAIT).as(ExitedEventArguments.class).getExitCode());
        s.dap.await(mark, "terminated", DapSession.WAIT);
        s.dap.awaitOutput("stdout", "total 450", DapSession.WAIT);
    }

    @Test
    void pauseInAnInfiniteLoopThenTerminateEndsTheProcess() throws Exception {
        DapSession s = start("""
                n = 0
                while True:
                    n += 1  # @loop
                """);
        run(s);
        Thread.sleep(300);
        List<ProcessHandle> build = unixBuildOf(s.dap.process());
        assertFalse(build.isEmpty(), "the adapter started the unix build");
        int mark = s.pause();
        assertEquals("pause", s.stopped(mark).getReason());
        int line = s.line();
        assertTrue(line == 2 || line == 3, "in the loop: " + line);
        assertEquals("True", s.evaluate("n > 0", "watch").getResult());
        mark = s.dap.mark();
        DapSession.get(s.server().terminate(new TerminateArguments()));
        s.dap.await(mark, "terminated", DapSession.WAIT);
        for (ProcessHandle h : build) {
            assertTrue(h.onExit().get(5, TimeUnit.SECONDS) != null && !h.isAlive(), "the unix build is gone");
        }
    }

    @Test
    void stopsOnAnUncaughtException() throws Exception {
        DapSession s = start("""
                def check(v):
                    if v > 2:
                        raise ValueError('too big: %d' % v)  # @raise
                    return v


                try:
                    check(9)
                except ValueError:
                    print('caught')
                for i in range(5):
                    check(i)
                """);
        s.launch(UNIX);
        s.exceptionFilters("uncaught");
        int mark = s.dap.mark();
        s.configurationDone();
        StoppedEventArguments stop = s.stopped(mark);
        assertEquals("exception", stop.getReason());
        assertTrue(stop.getText().contains("ValueError: too big: 3"), stop.getText());
        assertEquals(s.line("raise"), s.line());
        assertEquals("3", s.locals(0).get("v"));
        assertTrue(s.dap.output("stdout").contains("caught"), "the caught exception did not stop");
        mark = s.resume();
        s.dap.await(mark, "terminated", DapSession.WAIT);
    }

    @Test
    void restartRunsTheProgramInANewProcess() throws Exception {
        DapSession s = start(DebugAdapterTest.AREA);
        int mark = s.dap.mark();
        run(s, "bp");
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
    void disconnectLeavesTheProgramRunningWithCtrlCWorkingAndAttachFindsIt() throws Exception {
        String src = """
                import time
                n = 0
                while True:
                    n += 1  # @loop
                    time.sleep_ms(1)
                """;
        List<ProcessHandle> build = new ArrayList<>();
        try {
            DapSession a = start(src);
            a.launch(UNIX);
            a.configurationDone();
            Thread.sleep(300);
            build.addAll(unixBuildOf(a.dap.process()));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("on (/dev/pts/\\d+)")
                    .matcher(a.dap.output("console"));
            assertTrue(m.find(), a.dap.output("console"));
            String pty = m.group(1);
            a.disconnect(false);
            assertTrue(a.dap.process().waitFor(5, TimeUnit.SECONDS), "the adapter exits after disconnect");
            assertTrue(a.dap.output("console").contains("the program runs on"), a.dap.output("console"));
            session = null;
            a.close();
            assertFalse(build.isEmpty());
            assertTrue(build.get(0).isAlive(), "the unix build runs on after disconnect with terminateDebuggee false");

            // a second session attaches to the running program (the link still listens) and stops it
            DapSession b = start(src);
            int mark = b.dap.mark();
            DapSession.get(b.server().attach(Map.of("device", pty, "board", "unix", "root", dir.toString())));
            b.dap.await(mark, "initialized", DapSession.WAIT);
            b.configurationDone();
            mark = b.pause();
            assertEquals("pause", b.stopped(mark).getReason());
            assertEquals(b.program.toString(), b.stack()[0].getSource().getPath(), "mapped through root");
            assertEquals("True", b.evaluate("n > 0", "watch").getResult());
            b.disconnect(false);
            assertTrue(b.dap.process().waitFor(5, TimeUnit.SECONDS), "the adapter exits after disconnect");
            session = null;
            b.close();

            // a person at the terminal: Ctrl-C interrupts the program, and works at the REPL
            PtyTerminal.assertCtrlCWorks(pty);
        } finally {
            build.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** socat and the unix build, started by the adapter (through vm-firmware/run.sh). */
    static List<ProcessHandle> unixBuildOf(Process p) {
        return p.descendants().filter(h -> h.info().command()
                .map(c -> c.endsWith("/micropython") || c.endsWith("/socat")).orElse(false)).toList();
    }

    static boolean installed(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
