package dev.mprt.debug.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debug monitor of the unix build, end to end over its real link: the build runs on a pty (socat, through
 * {@code vm-firmware/run.sh --board unix}), its monitor reads stdin with its reader thread, and {@link MonitorClient}
 * talks to it over jSerialComm as to the board. Each test starts a fresh process (the unix build has no soft reset).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnixBuildMonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path work;

    private QemuBoard unix;
    private MonitorClient client;

    @BeforeAll
    @Timeout(value = 11, unit = TimeUnit.MINUTES)
    static void build() throws Exception {
        assertTrue(socatInstalled(), "socat is not installed (vm-firmware/install-deps.sh installs it)");
        QemuBoard.build(work, "unix");
    }

    @BeforeEach
    void start() throws Exception {
        unix = QemuBoard.start(work, "unix-" + System.nanoTime(), "unix");
        client = new MonitorClient(SerialLink.open(unix.pty, 115200));
        client.awaitOutput(">>> ", WAIT); // what is typed before the REPL runs is discarded
        client.attach();
        client.takeEvents();
        client.clearOutput();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (unix != null) {
            unix.close();
        }
    }

    static boolean socatInstalled() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    private void run(String name, String src) throws IOException {
        client.upload(name, src.getBytes(StandardCharsets.UTF_8));
        client.request("RUN_FILE", name);
    }

    private Message stopped() throws IOException {
        return client.awaitEvent("STOPPED", WAIT);
    }

    private Value local(int frame, int slot) throws IOException {
        return (Value) client.request("LOCALS", frame, slot, 1).list("slots").get(0).get("value");
    }

    private static String reason(Message stop) {
        return Protocol.constantName(Protocol.STOP_REASONS, stop.integer("reason"));
    }

    private static int line(String src, String marker) {
        return EmulatedBoardMonitorTest.line(src, marker);
    }

    @Test
    void handshakeOffersStoppingOnTheRealLink() throws IOException {
        Message h = client.request("HELLO", Protocol.VERSION);
        assertEquals(Protocol.VERSION, h.integer("version"));
        assertEquals("unix", h.string("board"));
        assertEquals(1_000_000L, h.unsigned("tickHz"));
        long caps = h.unsigned("caps");
        for (String cap : List.of("STOP", "PAUSE", "STEP", "LINE_BREAKPOINTS", "EXCEPTIONS", "EVALUATE", "UPLOAD",
                "RUN_FILE")) {
            assertTrue((caps & Protocol.constant(Protocol.CAPABILITIES, cap)) != 0, cap);
        }
    }

    @Test
    void breakpointInAFunctionThenStepOver() throws IOException {
        String src = EmulatedBoardMonitorTest.AREA;
        int id = client.request("ADD_BREAKPOINT", "area.py", line(src, "bp"), 0, 0, "", "").integer("id");
        run("area.py", src);
        Message s = stopped();
        assertEquals("BREAKPOINT", reason(s));
        assertEquals(id, s.integer("bp"));
        assertEquals("area", s.string("function"));
        List<Map<String, Object>> frames = client.request("STACK", 0, 8).list("frames");
        assertEquals(List.of("area", "<module>"), frames.stream().map(f -> f.get("function")).toList());
        assertEquals(0, local(0, 0).asInt()); // w
        assertEquals(10, local(0, 1).asInt()); // h
        assertEquals("UNBOUND", local(0, 2).kind()); // a

        client.request("STEP", Protocol.constant(Protocol.STEP_KINDS, "OVER"));
        s = stopped();
        assertEquals("STEP", reason(s));
        assertEquals(line(src, "ret"), s.integer("line"));
        assertEquals(0, local(0, 2).asInt()); // a = 0 * 10
        assertEquals(10, client.request("EVALUATE", 0, "w,h", "h * (w + 1)").value("value").asInt());

        client.request("CLEAR_BREAKPOINTS", "");
        client.request("CONTINUE");
        assertEquals(1, client.awaitEvent("FINISHED", WAIT).integer("ok"));
        assertTrue(client.awaitOutput("total 450", WAIT).contains("total 450"));
    }

    @Test
    void pauseInAnInfiniteLoopThenInterrupt() throws IOException, InterruptedException {
        run("spin.py", """
                n = 0
                while True:
                    n += 1
                """);
        Thread.sleep(200);
        client.request("PAUSE");
        Message s = stopped();
        assertEquals("PAUSE", reason(s));
        assertEquals("<module>", s.string("function"));
        int n = client.request("EVALUATE", 0, "", "n").value("value").asInt();
        assertTrue(n > 0, "the loop ran: n = " + n);
        client.request("CONTINUE");
        client.request("INTERRUPT");
        Message f = client.awaitEvent("FINISHED", WAIT);
        assertEquals(0, f.integer("ok"));
        assertTrue(f.string("text").contains("KeyboardInterrupt"), f.string("text"));
    }

    @Test
    void stopsOnAnUncaughtExceptionOnly() throws IOException {
        String src = EmulatedBoardMonitorTest.RISKY;
        client.request("EXCEPTION_FILTERS", Protocol.constant(Protocol.EXCEPTION_FLAGS, "UNCAUGHT"));
        run("risky.py", src);
        Message s = stopped();
        assertEquals("EXCEPTION", reason(s));
        assertEquals(line(src, "raise"), s.integer("line"));
        assertTrue(s.string("text").contains("ValueError: k=2"), s.string("text"));
        assertTrue(client.output().contains("caught"), client.output());
        client.request("CONTINUE");
        assertEquals(0, client.awaitEvent("FINISHED", WAIT).integer("ok"));
    }

    @Test
    void interruptEndsTimeSleepAtOnce() throws IOException, InterruptedException {
        // A blocking system call (time.sleep) is interrupted at once, as by a terminal's Ctrl-C.
        run("sleep.py", """
                import time
                print('sleeping')
                time.sleep(30)
                """);
        client.awaitOutput("sleeping", WAIT);
        long t0 = System.nanoTime();
        client.request("INTERRUPT");
        Message f = client.awaitEvent("FINISHED", WAIT);
        assertTrue(f.string("text").contains("KeyboardInterrupt"), f.string("text"));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "interrupted within 2 s");
    }

    @Test
    void detachGivesCtrlCBackAndHelloAttachesAgain() throws IOException, InterruptedException {
        run("loop.py", """
                import time
                n = 0
                while True:
                    n += 1  # @loop
                    time.sleep_ms(1)
                """);
        Thread.sleep(200);
        client.request("DETACH");
        // a raw Ctrl-C interrupts the program that runs on
        client.writeRaw("\u0003");
        assertTrue(client.awaitOutput("KeyboardInterrupt", WAIT).contains("KeyboardInterrupt"));
        // and a loop typed at the REPL
        client.writeRaw("\r");
        client.awaitOutput(">>> ", WAIT);
        client.writeRaw("while True: pass\r\r");
        Thread.sleep(300);
        client.writeRaw("\u0003");
        assertTrue(client.awaitOutput("KeyboardInterrupt", WAIT).contains("KeyboardInterrupt"));
        client.writeRaw("print(6 * 7)\r");
        assertTrue(client.awaitOutput("42", WAIT).contains("42"), "the REPL works");
        // the link still listens: HELLO starts a new session, and breakpoints stop again
        assertEquals(Protocol.VERSION, client.request("HELLO", Protocol.VERSION).integer("version"));
        String src = EmulatedBoardMonitorTest.AREA;
        client.request("ADD_BREAKPOINT", "area2.py", line(src, "bp"), 0, 0, "", "");
        run("area2.py", src);
        assertEquals("BREAKPOINT", reason(stopped()));
    }
}
