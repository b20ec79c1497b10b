package dev.mprt.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pyright (from npm, installed into {@code .cache/pyright} on first use) accepts every board's stubs without an
 * error, type-checks a sample program against them without an error, and reports the errors a sample of wrong
 * code must give (so the stubs, not typeshed's CPython modules, are what it reads).
 */
class PyrightTest {

    static final String PYRIGHT_VERSION = "1.1.414";

    static List<String> boards() {
        return Generator.BOARDS;
    }

    /** Code that must type-check on each board. */
    private static final Map<String, String> SAMPLES = Map.of(
            "qemu-mps2-an385", """
                    import machine
                    from machine import Pin, Timer
                    led = Pin('X1', Pin.OUT)
                    led.toggle(); led.on(); led.off(); led.value(1)
                    button = Pin('X4', Pin.IN)
                    button.irq(handler=lambda p: None, trigger=Pin.IRQ_RISING, hard=True)
                    tim = Timer(-1, mode=Timer.PERIODIC, period=100, callback=lambda t: None)
                    tim.init(mode=Timer.ONE_SHOT, freq=10, callback=lambda t: None)
                    tim.deinit()
                    state = machine.disable_irq()
                    machine.enable_irq(state)
                    uid: bytes = machine.unique_id()
                    machine.freq()
                    micropython.alloc_emergency_exception_buf(100)
                    @micropython.asm_thumb
                    def asm_add(r0, r1):
                        pass
                    """,
            "unix", """
                    import machine, ffi, termios, select, socket, _thread
                    pin = machine.PinBase
                    sig = machine.Signal
                    """,
            "pyboard", """
                    import pyb, stm
                    from machine import Pin
                    pyb.LED(1).toggle()
                    p = Pin(Pin.board.X4, Pin.IN)
                    Pin('X4').irq(handler=lambda p: None, trigger=Pin.IRQ_FALLING, hard=True)
                    Pin.cpu.A0
                    pyb.delay(10)
                    micropython.alloc_emergency_exception_buf(100)
                    """,
            "rp2-pico", """
                    import rp2, _thread
                    from machine import Pin
                    led = Pin('GP15', Pin.OUT)
                    Pin.board.LED
                    Pin.board.GP0
                    led.toggle()
                    led.irq(handler=lambda p: None, trigger=Pin.IRQ_RISING, hard=True)
                    sm = rp2.StateMachine(0)
                    """,
            "esp32", """
                    import esp, esp32, network, bluetooth
                    from machine import Pin
                    p = Pin(4, Pin.IN)
                    p.irq(handler=lambda p: None, trigger=Pin.IRQ_RISING)
                    ble = bluetooth.BLE()
                    wlan = network.WLAN(network.STA_IF)
                    """,
            "esp8266", """
                    import esp, network
                    from machine import Pin
                    Pin(2, Pin.OUT).on()
                    Pin(0).irq(handler=lambda p: None, trigger=Pin.IRQ_FALLING)
                    @micropython.asm_xtensa
                    def f():
                        pass
                    """);

    /** Code each board must reject: every line marked "# error" must give an error, and only those. */
    private static final Map<String, String> WRONG = Map.of(
            "qemu-mps2-an385", """
                    import time, machine
                    time.sleep_ms("x")  # error
                    machine.lightsleep(10)  # error
                    import pyb  # error
                    """,
            "unix", """
                    from machine import Pin  # error
                    import pyb  # error
                    """,
            "pyboard", """
                    import rp2  # error
                    from machine import Pin
                    Pin.board.NOPE  # error
                    """,
            "rp2-pico", """
                    import pyb  # error
                    import bluetooth  # error
                    """,
            "esp32", """
                    from machine import Pin
                    Pin(4).irq(handler=lambda p: None, hard=True)  # error
                    @micropython.asm_thumb  # error
                    def f():
                        pass
                    """,
            "esp8266", """
                    import bluetooth  # error
                    import esp32  # error
                    """);

    private static final String COMMON = """
            import micropython, time, gc, sys, array, struct
            from micropython import const
            X = const(3)
            Y = const(4)  # bare const, as MicroPython's parser allows
            time.sleep_ms(X)
            t0 = time.ticks_ms()
            dt: int = time.ticks_diff(time.ticks_ms(), t0)
            gc.collect()
            micropython.schedule(lambda arg: None, 0)
            buf = bytearray(8)
            a = array.array('i', [1, 2, 3])
            struct.pack('<I', 1)
            @micropython.native
            def fast(n):
                return n + 1
            @micropython.viper
            def fill(b, n: int) -> uint:
                p = ptr8(b)
                for i in range(n):
                    p[i] = 0
                w = ptr32(b)
                w[0] = int(w[1]) + 1
                return uint(n)
            fill(buf, 8)
            """;

    @ParameterizedTest
    @MethodSource("boards")
    void pyrightAcceptsTheStubsAndASample(String board) throws Exception {
        Path pyright = ensurePyright();
        Path work = Files.createTempDirectory("mprt-pyright-" + board);
        try {
            Path stubs = work.resolve("stubs");
            copyDir(TestSupport.committedStubs().resolve(board), stubs);
            Path src = work.resolve("src");
            Files.createDirectories(src);
            Files.writeString(src.resolve("sample.py"), COMMON + SAMPLES.get(board), StandardCharsets.UTF_8);
            Files.writeString(src.resolve("wrong.py"), WRONG.get(board), StandardCharsets.UTF_8);
            Files.writeString(work.resolve("pyrightconfig.json"), """
                    {
                      "include": ["src", "stubs"],
                      "stubPath": "stubs",
                      "typeCheckingMode": "standard",
                      "reportMissingModuleSource": false,
                      "pythonVersion": "3.12"
                    }
                    """, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(pyright.toString(), "--outputjson", "-p",
                    work.resolve("pyrightconfig.json").toString()).directory(work.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("pyright did not finish");
            }
            JsonObject json = JsonParser.parseString(out).getAsJsonObject();
            assertTrue(json.getAsJsonObject("summary").get("filesAnalyzed").getAsInt() > 10, out);
            List<String> unexpected = new ArrayList<>();
            TreeSet<Integer> wrongLinesWithError = new TreeSet<>();
            JsonArray diags = json.getAsJsonArray("generalDiagnostics");
            for (JsonElement e : diags) {
                JsonObject d = e.getAsJsonObject();
                if (!d.get("severity").getAsString().equals("error")) {
                    continue;
                }
                String file = d.get("file").getAsString();
                int line = d.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt();
                if (file.endsWith("wrong.py")) {
                    wrongLinesWithError.add(line);
                    continue;
                }
                unexpected.add(work.relativize(Path.of(file)) + ":" + (line + 1) + ": "
                        + d.get("message").getAsString());
            }
            assertEquals(List.of(), unexpected, board + ": pyright reports errors in the stubs or the sample");
            TreeSet<Integer> expected = new TreeSet<>();
            List<String> wrongLines = WRONG.get(board).lines().toList();
            for (int i = 0; i < wrongLines.size(); i++) {
                if (wrongLines.get(i).endsWith("# error")) {
                    expected.add(i);
                }
            }
            assertEquals(expected, wrongLinesWithError,
                    board + ": lines of wrong.py (0-based) that pyright rejects:\n" + WRONG.get(board));
        } finally {
            deleteDir(work);
        }
    }

    /** pyright from npm in <root>/.cache/pyright; installed when missing. Fails (never skips) without it. */
    static synchronized Path ensurePyright() throws IOException, InterruptedException {
        Path dir = TestSupport.root().resolve(".cache/pyright");
        Path bin = dir.resolve("node_modules/.bin/pyright");
        Path installed = dir.resolve("node_modules/pyright/package.json");
        if (Files.isExecutable(bin) && Files.exists(installed)
                && TestSupport.read(installed).contains("\"version\": \"" + PYRIGHT_VERSION + "\"")) {
            return bin;
        }
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("package.json"))) {
            Files.writeString(dir.resolve("package.json"), "{\"name\": \"mprt-pyright\", \"private\": true}\n");
        }
        Process p;
        try {
            p = new ProcessBuilder("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                    "pyright@" + PYRIGHT_VERSION).redirectErrorStream(true).start();
        } catch (IOException e) {
            fail("Cannot run npm to install pyright " + PYRIGHT_VERSION + " (is Node.js/npm installed?): " + e);
            throw e;
        }
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || !Files.isExecutable(bin)) {
            fail("Installing pyright " + PYRIGHT_VERSION + " from the npm registry failed (npm install --prefix "
                    + dir + "). The stubs cannot be checked without it. npm said:\n" + log);
        }
        return bin;
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void deleteDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
