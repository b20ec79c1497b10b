package dev.mprt.debug.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The debug monitor of the qemu-mps2-an385 firmware, end to end: {@link MonitorClient} over jSerialComm on QEMU's
 * pty. One QEMU for the class; each test starts from a soft reset and a fresh attach, uploads its program and runs it
 * with RUN_FILE. The last test kills QEMU in the middle of a session.
 */
// SEPARATE_THREAD: a time-out also ends a test stuck in a native call (a serial write, say).
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatedBoardMonitorTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path work;

    private static QemuBoard board;
    private static MonitorClient client;

    @BeforeAll
    @Timeout(value = 11, unit = TimeUnit.MINUTES)
    static void startBoard() throws Exception {
        Assumptions.assumeTrue(QemuBoard.qemuInstalled(),
                "qemu-system-arm is not installed (vm-firmware/install-deps.sh installs it)");
        QemuBoard.build(work);
        board = QemuBoard.start(work, "board");
        client = new MonitorClient(SerialLink.open(board.pty, 115200));
        Thread.sleep(300);
    }

    @AfterAll
    static void stopBoard() {
        if (client != null) {
            client.close();
        }
        if (board != null) {
            board.close();
        }
    }

    private static boolean first = true;

    @BeforeEach
    void freshSession() throws IOException {
        if (!first) {
            client.softReset(WAIT);
        }
        first = false;
        client.attach();
        client.takeEvents();
        client.clearOutput();
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** The 1-based line of the source that carries the comment {@code # @marker}. */
    static int line(String src, String marker) {
        String[] lines = src.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("# @" + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no marker " + marker);
    }

    static void run(String name, String src) throws IOException {
        client.upload(name, src.getBytes(StandardCharsets.UTF_8));
        client.request("RUN_FILE", name);
    }

    static int addBreakpoint(String file, int line, int hits, int flags, String names, String condition)
            throws IOException {
        return client.request("ADD_BREAKPOINT", file, line, hits, flags, names, condition).integer("id");
    }

    static Message stopped() throws IOException {
        return client.awaitEvent("STOPPED", WAIT);
    }

    static Message finished() throws IOException {
        return client.awaitEvent("FINISHED", WAIT);
    }

    static Value local(int frame, int slot) throws IOException {
        Message m = client.request("LOCALS", frame, slot, 1);
        return (Value) m.list("slots").get(0).get("value");
    }

    static String reason(Message stop) {
        return Protocol.constantName(Protocol.STOP_REASONS, stop.integer("reason"));
    }

    // ---- tests ----------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void handshakeReportsVersionAndCapabilities() throws IOException {
        Message h = client.request("HELLO", Protocol.VERSION);
        assertEquals(1, h.integer("version"));
        assertEquals(Protocol.MAX_PAYLOAD, h.integer("maxPayload"));
        assertEquals(25_000_000L, h.unsigned("tickHz"));
        assertTrue(h.string("board").contains("mps2-an385"), h.string("board"));
        long caps = h.unsigned("caps");
        for (String cap : List.of("LINE_BREAKPOINTS", "CONDITIONS", "HIT_COUNTS", "STEP", "PAUSE", "STOP",
                "IRQ_TRACEPOINTS", "IRQ_STATS", "EVALUATE", "INSPECT", "UPLOAD")) {
            assertTrue((caps & Protocol.constant(Protocol.CAPABILITIES, cap)) != 0, cap);
        }
    }

    static final String AREA = """
            def area(w, h):
                a = w * h  # @bp
                return a  # @ret
            total = 0
            for i in range(10):
                total += area(i, 10)
            print('total', total)
            """;

    @Test
    @Order(2)
    void breakpointInAFunctionStackAndRawLocals() throws IOException {
        int id = addBreakpoint("area.py", line(AREA, "bp"), 0, 0, "", "");
        run("area.py", AREA);
        Message s = stopped();
        assertEquals("BREAKPOINT", reason(s));
        assertEquals(id, s.integer("bp"));
        assertEquals("area", s.string("function"));
        assertEquals(line(AREA, "bp"), s.integer("line"));

        Message stack = client.request("STACK", 0, 8);
        assertEquals(2, stack.integer("total"));
        List<Map<String, Object>> frames = stack.list("frames");
        assertEquals("area", frames.get(0).get("function"));
        assertEquals("area.py", frames.get(0).get("file"));
        assertEquals("<module>", frames.get(1).get("function"));
        assertEquals(line(AREA, "bp") + 4, frames.get(1).get("line"));

        Message locals = client.request("LOCALS", 0, 0, 3);
        assertEquals(2, locals.integer("nPos"));
        List<Map<String, Object>> slots = locals.list("slots");
        assertEquals(0, ((Value) slots.get(0).get("value")).asInt()); // w
        assertEquals(10, ((Value) slots.get(1).get("value")).asInt()); // h
        assertEquals("UNBOUND", ((Value) slots.get(2).get("value")).kind()); // a, not yet assigned

        client.request("CONTINUE");
        assertEquals(1, local(0, 0).asInt() - 0 * stopped().integer("line") + 0, "second call: w = 1");
        client.request("CLEAR_BREAKPOINTS", "area.py");
        client.request("CONTINUE");
        assertEquals(1, finished().integer("ok"));
        assertTrue(client.awaitOutput("total 450", WAIT).contains("total 450"));
    }

    @Test
    @Order(3)
    void conditionsHitCountsAndLogPoints() throws IOException {
        addBreakpoint("cond.py", line(AREA, "bp"), 2, 0, "w,h", "w % 3 == 0");
        addBreakpoint("cond.py", line(AREA, "ret"), 0, Protocol.constant(Protocol.BREAKPOINT_FLAGS, "LOG"), "", "");
        run("cond.py", AREA);
        List<Integer> ws = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Message s = stopped();
            assertEquals(line(AREA, "bp"), s.integer("line"));
            ws.add(local(0, 0).asInt());
            client.request("CONTINUE");
        }
        // w = 0 is the first hit of the condition; the hit count (2) lets the second and later ones stop.
        assertEquals(List.of(3, 6, 9), ws);
        assertEquals(1, finished().integer("ok"));
        List<Integer> logged = new ArrayList<>();
        for (Message m : client.takeEvents()) {
            if (m.name().equals("TRACEPOINT")) {
                assertEquals(0, m.integer("hard"));
                assertEquals(line(AREA, "ret"), m.integer("line"));
                logged.add(((Value) m.list("locals").get(2).get("value")).asInt()); // a
            }
        }
        assertEquals(List.of(0, 10, 20, 30, 40, 50, 60, 70, 80, 90), logged);
    }

    static final String STEPS = """
            def inner(x):
                y = x + 1  # @inner1
                z = y * 2  # @inner2
                return z
            def outer(v):
                r = inner(v)  # @outer1
                s = r + 1  # @outer2
                return s
            print('result', outer(1))
            """;

    @Test
    @Order(4)
    void stepInOverAndOut() throws IOException {
        addBreakpoint("steps.py", line(STEPS, "outer1"), 0, 0, "", "");
        run("steps.py", STEPS);
        assertEquals(line(STEPS, "outer1"), stopped().integer("line"));

        client.request("STEP", Protocol.constant(Protocol.STEP_KINDS, "IN"));
        Message s = stopped();
        assertEquals("STEP", reason(s));
        assertEquals("inner", s.string("function"));
        assertEquals(line(STEPS, "inner1"), s.integer("line"));

        client.request("STEP", Protocol.constant(Protocol.STEP_KINDS, "OVER"));
        s = stopped();
        assertEquals("inner", s.string("function"));
        assertEquals(line(STEPS, "inner2"), s.integer("line"));

        client.request("STEP", Protocol.constant(Protocol.STEP_KINDS, "OUT"));
        s = stopped();
        assertEquals("outer", s.string("function"));
        assertEquals(line(STEPS, "outer1"), s.integer("line"));

        client.request("STEP", Protocol.constant(Protocol.STEP_KINDS, "OVER"));
        s = stopped();
        assertEquals("outer", s.string("function"));
        assertEquals(line(STEPS, "outer2"), s.integer("line"));
        assertEquals(4, local(0, 1).asInt()); // r

        client.request("CONTINUE");
        assertEquals(1, finished().integer("ok"));
        assertTrue(client.awaitOutput("result 5", WAIT).contains("result 5"));
    }

    @Test
    @Order(5)
    void pauseInsideAnInfiniteLoopThenInterrupt() throws IOException, InterruptedException {
        String src = """
                n = 0
                while True:
                    n += 1
                """;
        run("spin.py", src);
        Thread.sleep(300);
        client.request("PAUSE");
        Message s = stopped();
        assertEquals("PAUSE", reason(s));
        assertEquals("<module>", s.string("function"));
        int n1 = client.request("EVALUATE", 0, "", "n").value("value").asInt();
        assertTrue(n1 > 0, "the loop ran: n = " + n1);
        client.request("CONTINUE");
        Thread.sleep(200);
        client.request("PAUSE");
        stopped();
        int n2 = client.request("EVALUATE", 0, "", "n").value("value").asInt();
        assertTrue(n2 > n1, n1 + " then " + n2);
        client.request("CONTINUE");
        client.request("INTERRUPT");
        Message f = finished();
        assertEquals(0, f.integer("ok"));
        assertTrue(f.string("text").contains("KeyboardInterrupt"), f.string("text"));
    }

    static final String RISKY = """
            def risky(k):
                if k > 1:
                    raise ValueError('k=%d' % k)  # @raise
                return k
            try:
                risky(5)
            except ValueError:
                print('caught')
            def main():
                for k in range(3):
                    risky(k)  # @call
            main()
            """;

    @Test
    @Order(6)
    void stopsOnUncaughtExceptionOnly() throws IOException {
        client.request("EXCEPTION_FILTERS", Protocol.constant(Protocol.EXCEPTION_FLAGS, "UNCAUGHT"));
        run("risky.py", RISKY);
        Message s = stopped();
        assertEquals("EXCEPTION", reason(s));
        assertEquals("risky", s.string("function"));
        assertEquals(line(RISKY, "raise"), s.integer("line"));
        assertTrue(s.string("text").contains("ValueError: k=2"), s.string("text"));
        assertTrue(client.output().contains("caught"), "the caught exception did not stop: " + client.output());
        List<Map<String, Object>> frames = client.request("STACK", 0, 8).list("frames");
        assertEquals(List.of("risky", "main", "<module>"), frames.stream().map(f -> f.get("function")).toList());
        assertEquals(line(RISKY, "call"), frames.get(1).get("line"));
        assertEquals(2, local(0, 0).asInt());
        client.request("CONTINUE");
        Message f = finished();
        assertEquals(0, f.integer("ok"));
        assertTrue(f.string("text").contains("ValueError"));
    }

    static final String TIMER = """
            import machine, time, gc
            count = 0
            def tick(t):
                global count
                k = count * 2
                count += 1  # @isr
            t = machine.Timer(0, freq=200, callback=tick)
            time.sleep_ms(300)
            t.deinit()
            gc.collect()
            print('count', count)
            """;

    @Test
    @Order(7)
    void tracepointInAHardTimerHandlerAndStatistics() throws IOException {
        client.request("RESET_STATS");
        addBreakpoint("timer.py", line(TIMER, "isr"), 0, 0, "", "");
        run("timer.py", TIMER);
        assertEquals(1, finished().integer("ok"));
        String out = client.awaitOutput("\n", WAIT);
        int count = Integer.parseInt(out.replaceAll("(?s).*count (\\d+).*", "$1"));
        assertTrue(count >= 20, "timer ran: " + count);

        List<Message> tps = new ArrayList<>();
        for (Message m : client.takeEvents()) {
            assertFalse(m.name().equals("STOPPED"), "a hard handler never stops: " + m);
            if (m.name().equals("TRACEPOINT")) {
                tps.add(m);
            }
        }
        long lost = tps.isEmpty() ? 0 : tps.get(tps.size() - 1).unsigned("lost");
        assertEquals(count, tps.size() + lost, "every hit is reported or counted as lost");
        int previous = -2;
        for (Message m : tps) {
            assertEquals(1, m.integer("hard"));
            assertEquals("tick", m.string("function"));
            assertEquals(line(TIMER, "isr"), m.integer("line"));
            List<Map<String, Object>> locals = m.list("locals");
            Value t = (Value) locals.get(0).get("value");
            assertEquals("TYPED", t.kind());
            assertEquals("Timer", t.fields().get("type"));
            int k = ((Value) locals.get(1).get("value")).asInt();
            assertEquals(0, k % 2);
            if (lost == 0) {
                assertEquals(previous + 2, k, "consecutive hits");
            }
            previous = k;
        }

        Message stats = client.request("STATS", 0, 8);
        Map<String, Object> tick = stats.list("handlers").stream().filter(h -> h.get("name").equals("tick"))
                .findFirst().orElseThrow(() -> new AssertionError("no statistics for tick: " + stats));
        assertEquals((long) count, tick.get("count"));
        long min = (Long) tick.get("minNs");
        long avg = (Long) tick.get("avgNs");
        long max = (Long) tick.get("maxNs");
        assertTrue(0 < min && min <= avg && avg <= max, min + " " + avg + " " + max);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hist = (List<Map<String, Object>>) tick.get("hist");
        assertEquals(Protocol.HIST_BUCKETS, hist.size());
        assertEquals((long) count, hist.stream().mapToLong(h -> (Long) h.get("n")).sum());
        assertEquals((long) tps.size(), stats.unsigned("tpHits"));

        Message mem = client.request("MEMORY");
        assertTrue(mem.unsigned("total") > 500_000, mem.toString());
        assertTrue(mem.unsigned("gcCount") >= 1, mem.toString());
        assertEquals(64 * 1024, mem.unsigned("stackLimit"));
    }

    static final String LOOK = """
            class Box:
                def __init__(self):
                    self.size = 3
                    self.tag = 'b'
            def look(items, table, box, raw):
                total = len(items)  # @look
                return total
            g = 7
            r = look(list(range(20)), {'a': 1, 'b': 2}, Box(), bytearray(b'\\x01\\x02\\x03'))
            print('r', r, 'g', g)
            """;

    @Test
    @Order(8)
    void evaluateSetVariablesAndInspectObjects() throws IOException {
        addBreakpoint("look.py", line(LOOK, "look"), 0, 0, "", "");
        run("look.py", LOOK);
        stopped();
        List<Map<String, Object>> slots = client.request("LOCALS", 0, 0, 4).list("slots");
        Value items = (Value) slots.get(0).get("value");
        assertEquals("OBJECT", items.kind());
        assertEquals("list", items.fields().get("type"));
        assertEquals(20, items.fields().get("count"));
        Message page = client.request("INSPECT", items.ref(), 15, 10);
        assertEquals(20, page.integer("total"));
        assertEquals(List.of(15, 16, 17, 18, 19),
                page.list("items").stream().map(i -> ((Value) i.get("value")).asInt()).toList());

        Value table = (Value) slots.get(1).get("value");
        Map<String, Integer> dict = new java.util.TreeMap<>();
        for (Map<String, Object> i : client.request("INSPECT", table.ref(), 0, 10).list("items")) {
            dict.put((String) ((Value) i.get("key")).fields().get("text"), ((Value) i.get("value")).asInt());
        }
        assertEquals(Map.of("a", 1, "b", 2), dict);

        Value box = (Value) slots.get(2).get("value");
        assertEquals("Box", box.fields().get("type"));
        Map<String, String> attrs = new java.util.TreeMap<>();
        for (Map<String, Object> i : client.request("INSPECT", box.ref(), 0, 10).list("items")) {
            attrs.put((String) ((Value) i.get("key")).fields().get("text"), ((Value) i.get("value")).display());
        }
        assertEquals(Map.of("size", "3", "tag", "'b'"), attrs);

        Value raw = (Value) slots.get(3).get("value");
        assertEquals(List.of(1, 2, 3), client.request("INSPECT", raw.ref(), 0, 10).list("items").stream()
                .map(i -> ((Value) i.get("value")).asInt()).toList());

        String names = "items,table,box,raw";
        assertEquals(5, client.request("EVALUATE", 0, names, "box.size + len(table)").value("value").asInt());
        DeviceException bad = assertThrows(DeviceException.class,
                () -> client.request("EVALUATE", 0, names, "items[99]"));
        assertEquals("EXCEPTION", bad.code());
        assertTrue(bad.getMessage().contains("IndexError"), bad.getMessage());

        assertTrue(client.request("GLOBALS", 0, 0, 50).list("vars").stream()
                .anyMatch(v -> v.get("name").equals("g") && ((Value) v.get("value")).asInt() == 7));
        client.request("SET_LOCAL", 0, 0, names, "[1, 2]");
        client.request("SET_GLOBAL", 0, "g", names, "99");
        client.request("CONTINUE");
        assertEquals(1, finished().integer("ok"));
        assertTrue(client.awaitOutput("r 2 g 99", WAIT).contains("r 2 g 99"));
    }

    @Test
    @Order(9)
    void functionBreakpointStopsAtTheFirstLine() throws IOException {
        String src = """
                def helper(n):
                    return n

                def work(n):
                    s = n + 1  # @first
                    return helper(s)
                print('work', work(4))
                """;
        client.request("FUNCTION_BREAKPOINTS", List.<Object[]>of(new Object[] { "work" }));
        run("fn.py", src);
        Message s = stopped();
        assertEquals("FUNCTION", reason(s));
        assertEquals("work", s.string("function"));
        assertEquals(line(src, "first"), s.integer("line"));
        assertEquals(4, local(0, 0).asInt());
        client.request("CONTINUE");
        assertEquals(1, finished().integer("ok"));
        assertTrue(client.awaitOutput("work 5", WAIT).contains("work 5"));
    }

    @Test
    @Order(10)
    void resynchronisesAfterGarbageInBothDirections() throws IOException, InterruptedException {
        // Device to host: program output that looks like the start of frames.
        String src = "print('x\\x1e\\xb7\\x05\\x00\\xfajunk\\x1e')\nprint('after')\n";
        run("noise.py", src);
        assertEquals(1, finished().integer("ok"));
        assertTrue(client.awaitOutput("after", WAIT).contains("junk"));

        // Host to device: a frame with a bad CRC, a bad header, a truncated frame, then stray bytes.
        byte[] hello = Frames.encode(new byte[] { 0x01, 0x34, 0x12, 0x01 });
        byte[] badCrc = hello.clone();
        badCrc[badCrc.length - 1] ^= 0x55;
        client.writeRaw(badCrc);
        client.writeRaw(new byte[] { 0x1e, (byte) 0xb7, 0x10, 0x00, 0x00, 'z', 'z' });
        client.writeRaw(new byte[] { 0x1e, (byte) 0xb7, 0x04, 0x00, (byte) 0xfb, 0x01 });
        Thread.sleep(3L * Protocol.GAP_MS);
        client.writeRaw(new byte[] { 0x1e, 0x42, 0x1e, 0x1e });
        Thread.sleep(3L * Protocol.GAP_MS);
        client.writeRaw("\u0003"); // clears whatever reached the REPL's line
        for (int i = 0; i < 3; i++) {
            assertEquals(1, client.request("HELLO", 1).integer("version"));
        }
        client.writeRaw("print(6 * 7)\r");
        assertTrue(client.awaitOutput("42\r\n>>> ", WAIT).contains("42"), "the REPL still works");
    }

    @Test
    @Order(11)
    void detachGivesCtrlCBackAndHelloAttachesAgain() throws IOException, InterruptedException {
        run("loop.py", """
                import time
                n = 0
                while True:
                    n += 1
                    time.sleep_ms(1)
                """);
        Thread.sleep(300);
        client.request("DETACH");
        client.writeRaw("\u0003"); // interrupts the program that runs on
        assertTrue(client.awaitOutput("KeyboardInterrupt", WAIT).contains("KeyboardInterrupt"));
        client.writeRaw("\r");
        client.awaitOutput(">>> ", WAIT);
        client.writeRaw("while True: pass\r\r"); // and a loop typed at the REPL
        Thread.sleep(300);
        client.writeRaw("\u0003");
        assertTrue(client.awaitOutput("KeyboardInterrupt", WAIT).contains("KeyboardInterrupt"));
        // the link still listens: HELLO starts a new session, without the REPL
        assertEquals(1, client.request("HELLO", 1).integer("version"));
        addBreakpoint("area.py", line(AREA, "bp"), 0, 0, "", "");
        run("area.py", AREA);
        assertEquals("BREAKPOINT", reason(stopped()));
        client.request("CLEAR_BREAKPOINTS", "");
        client.request("CONTINUE");
        assertEquals(1, finished().integer("ok"));
    }

    @Test
    @Order(12)
    void softResetEndsARunningProgram() throws IOException, InterruptedException {
        run("forever.py", "while True:\n    pass\n");
        Thread.sleep(200);
        client.softReset(WAIT);
        client.attach();
        client.writeRaw("print('alive')\r");
        assertTrue(client.awaitOutput("alive\r\n>>> ", WAIT).contains("alive"));
    }

    @Test
    @Order(13)
    void killingQemuMidSessionFailsCleanly() throws IOException, InterruptedException {
        addBreakpoint("area.py", line(AREA, "bp"), 0, 0, "", "");
        run("area.py", AREA);
        stopped();
        board.kill();
        long t0 = System.nanoTime();
        assertThrows(LinkClosedException.class, () -> {
            for (int i = 0; i < 50; i++) {
                client.request(Duration.ofSeconds(2), "STACK", 0, 8);
                Thread.sleep(100);
            }
        });
        assertThrows(LinkClosedException.class, () -> client.awaitEvent("STOPPED", Duration.ofSeconds(30)));
        assertFalse(client.isAlive());
        assertTrue(System.nanoTime() - t0 < 20_000_000_000L, "failed within seconds");
        board.close();
        board = null;
    }
}
