package dev.mprt.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Facts about each board that the generated stubs must show (checked against the ports' sources by hand). */
class SpotCheckTest {

    private static Path dir(String board) {
        return TestSupport.committedStubs().resolve(board);
    }

    private static String stub(String board, String module) throws IOException {
        return TestSupport.read(dir(board).resolve(module + ".pyi"));
    }

    private static boolean has(String board, String module) {
        return Files.exists(dir(board).resolve(module + ".pyi"));
    }

    private static JsonObject json(String board) throws IOException {
        return JsonParser.parseString(TestSupport.read(dir(board).resolve("board.json"))).getAsJsonObject();
    }

    /** The body of "class name:" at the given indentation, up to the next line indented as much or less. */
    private static String classBody(String pyi, String indent, String name) {
        var cm = Pattern.compile("\n" + indent + "class " + name + "[:(]").matcher(pyi);
        assertTrue(cm.find(), "no class " + name);
        int i = cm.start();
        int start = pyi.indexOf('\n', i + 1);
        var m = Pattern.compile("\n" + indent + "\\S").matcher(pyi);
        int end = m.find(start) ? m.start() : pyi.length();
        return pyi.substring(start, end);
    }

    @Test
    void standardBuiltinsFromTheCSources() throws IOException {
        String unix = TestSupport.read(dir("unix").resolve("standard-builtins.pyi"));
        assertTrue(unix.contains("\ndef len(arg0, /) -> int:"), "len from py/modbuiltins.c, int from the override");
        assertTrue(unix.contains("\ndef print(*args: Any, **kwargs: Any) -> None:"));
        assertTrue(unix.contains("\nclass IndexError(LookupError):"), "MP_DEFINE_EXCEPTION's hierarchy");
        assertTrue(classBody(unix, "", "list").contains("def append(self, arg0, /)"));
        assertTrue(classBody(unix, "", "str").contains("def startswith("));
        assertFalse(classBody(unix, "", "str").contains("def append("), "str's slice of the shared table");
        assertFalse(classBody(stub("unix", "array"), "", "array").contains("def startswith("),
                "array's slice of the shared table has only append/extend");
        assertFalse(unix.contains("\ndef print(*args: Any, **kwargs: Any) -> None:\n    \"\"\""),
                "builtins.rst's bodiless directives do not borrow a neighbour's text");
        String esp8266 = TestSupport.read(dir("esp8266").resolve("standard-builtins.pyi"));
        assertFalse(esp8266.contains("\nclass complex"), "esp8266 has MICROPY_PY_BUILTINS_COMPLEX 0");
    }

    @Test
    void membersOnlyTheCSourcesHave() throws IOException {
        assertTrue(stub("unix", "errno").contains("\nEIO: int"), "MICROPY_PY_ERRNO_LIST through X(e)");
        assertTrue(stub("unix", "socket").contains("\nAF_INET: int"), "unix modsocket.c's C(AF_INET)");
        assertTrue(stub("unix", "socket").contains("\nSOL_SOCKET: int"));
        assertTrue(stub("unix", "sys").contains("\npath: list[str]"), "sys.path through attribute delegation");
        assertTrue(classBody(stub("unix", "uctypes"), "", "struct").contains("def __getattr__(self, name: str)"));
    }

    @Test
    void pyboard() throws IOException {
        assertTrue(has("pyboard", "pyb"));
        assertTrue(has("pyboard", "stm"));
        String pin = classBody(stub("pyboard", "machine"), "", "Pin");
        assertTrue(classBody(pin, "    ", "board").contains("X4: ClassVar[Pin]"));
        assertTrue(classBody(pin, "    ", "cpu").contains("A0: ClassVar[Pin]"));
        assertTrue(stub("pyboard", "pyb").contains("class ExtInt"));
        assertFalse(has("pyboard", "bluetooth"));
        assertFalse(has("pyboard", "_thread"), "stm32 has MICROPY_PY_THREAD 0 unless a THREAD variant");
        assertEquals("X4", json("pyboard").getAsJsonObject("pins").getAsJsonObject("board").keySet().stream()
                .filter("X4"::equals).findFirst().orElse(null));
    }

    @Test
    void rp2Pico() throws IOException {
        assertTrue(has("rp2-pico", "rp2"));
        assertFalse(has("rp2-pico", "pyb"));
        assertFalse(has("rp2-pico", "network"), "the plain Pico has no network interface");
        assertFalse(has("rp2-pico", "bluetooth"));
        String pin = classBody(stub("rp2-pico", "machine"), "", "Pin");
        String board = classBody(pin, "    ", "board");
        assertTrue(board.contains("GP15: ClassVar[Pin]"));
        assertTrue(board.contains("LED: ClassVar[Pin]"));
        assertTrue(pin.contains("def toggle(self)"));
        assertTrue(stub("rp2-pico", "rp2").contains("class StateMachine"));
        assertTrue(stub("rp2-pico", "rp2").contains("def asm_pio("));
    }

    @Test
    void esp8266() throws IOException {
        assertTrue(has("esp8266", "esp"));
        assertTrue(has("esp8266", "network"));
        assertFalse(has("esp8266", "bluetooth"), "no MICROPY_PY_BLUETOOTH on esp8266");
        assertFalse(has("esp8266", "esp32"));
        assertFalse(has("esp8266", "cmath"), "esp8266 has no cmath (docs: not available on ESP8266)");
        assertTrue(stub("esp8266", "micropython").contains("def asm_xtensa("));
        assertFalse(stub("esp8266", "micropython").contains("def asm_thumb("));
        assertEquals("C", json("esp8266").getAsJsonObject("features").get("MICROPY_OBJ_REPR").getAsString());
    }

    @Test
    void esp32() throws IOException {
        assertTrue(has("esp32", "esp32"));
        assertTrue(has("esp32", "bluetooth"));
        assertTrue(has("esp32", "espnow"));
        String irq = stub("esp32", "machine").lines().filter(l -> l.contains("def irq(self, handler"))
                .filter(l -> l.contains("wake")).findFirst().orElseThrow();
        assertFalse(irq.contains("hard"), "esp32 Pin.irq has no hard keyword: " + irq);
        assertTrue(json("esp32").getAsJsonObject("pins").getAsJsonArray("numeric").size() > 30);
        assertFalse(stub("esp32", "micropython").contains("def asm_xtensa("), "no inline asm on xtensawin");
    }

    @Test
    void unix() throws IOException {
        String machine = stub("unix", "machine");
        assertFalse(machine.contains("class Pin:"), "the unix port has no machine.Pin");
        assertTrue(machine.contains("class PinBase"));
        assertTrue(has("unix", "ffi"));
        assertFalse(has("unix", "pyb"));
        assertTrue(json("unix").getAsJsonObject("features").get("MICROPY_PY_SYS_SETTRACE").getAsBoolean());
        assertFalse(stub("unix", "micropython").contains("def alloc_emergency_exception_buf("),
                "unix has a fixed emergency exception buffer and no function");
    }

    @Test
    void qemu() throws IOException {
        String machine = stub("qemu-mps2-an385", "machine");
        String timer = classBody(machine, "", "Timer");
        assertTrue(timer.contains("def init(self, *, mode: int = ..., callback"));
        assertTrue(timer.contains("def deinit(self)"));
        assertTrue(timer.contains("PERIODIC: ClassVar[int]"));
        String pin = classBody(machine, "", "Pin");
        for (String m : new String[] {"def value(", "def on(", "def off(", "def toggle(", "def irq("}) {
            assertTrue(pin.contains(m), m);
        }
        assertTrue(pin.contains("hard: bool = False"));
        assertTrue(machine.contains("def disable_irq()") && machine.contains("def enable_irq("));
        assertTrue(machine.contains("def reset()") && machine.contains("def unique_id()")
                && machine.contains("def freq("));
        assertFalse(machine.contains("def lightsleep("));
        String time = stub("qemu-mps2-an385", "time");
        for (String f : new String[] {"ticks_ms", "ticks_us", "ticks_cpu", "ticks_diff", "ticks_add", "sleep",
                "sleep_ms", "sleep_us", "time"}) {
            assertTrue(time.contains("def " + f + "("), f);
        }
        assertTrue(stub("qemu-mps2-an385", "micropython").contains("def alloc_emergency_exception_buf("));
        assertFalse(has("qemu-mps2-an385", "asyncio"), "the qemu port has MICROPY_PY_ASYNCIO 0");
        assertEquals(12, json("qemu-mps2-an385").getAsJsonObject("pins").getAsJsonObject("board").size());
        // mprt's firmware: machine.Timer is mprt_timer.c's, whose callbacks run in hard IRQ context
        assertTrue(timer.contains("**The callback runs in hard IRQ context**"));
        assertEquals("hard", json("qemu-mps2-an385").getAsJsonObject("facts").getAsJsonObject("irq.machine.Timer")
                .get("context").getAsString());
        // and its own modules, from their C sources
        String debug = stub("qemu-mps2-an385", "mprt_debug");
        assertTrue(debug.contains("def attach(*, loopback: bool = False)"));
        assertTrue(debug.contains("def feed(arg0, /) -> bytes:") && debug.contains("VERSION: int"));
        String mprt = stub("qemu-mps2-an385", "mprt");
        assertTrue(mprt.contains("def cycles() -> int:") && mprt.contains("def edges()") && mprt.contains("SYSCLK: int"));
        assertFalse(has("unix", "mprt_debug"), "only mprt's firmware has the monitor");
    }

    @Test
    void emittersAndViperTypes() throws IOException {
        for (String board : Generator.BOARDS) {
            JsonObject emit = json(board).getAsJsonObject("emitters");
            String micropython = stub(board, "micropython");
            String builtins = stub(board, "__builtins__");
            assertTrue(builtins.contains("def const("), board);
            assertEquals(emit.get("native").getAsBoolean(), micropython.contains("def native("), board);
            assertEquals(emit.get("viper").getAsBoolean(), micropython.contains("def viper("), board);
            assertEquals(emit.get("asm_thumb").getAsBoolean(), micropython.contains("def asm_thumb("), board);
            assertTrue(micropython.contains("def schedule(") && micropython.contains("def heap_lock("), board);
            if (emit.get("viper").getAsBoolean()) {
                for (String t : new String[] {"class uint(int)", "class ptr:", "class ptr8:", "class ptr16:",
                        "class ptr32:"}) {
                    assertTrue(builtins.contains(t), board + ": " + t);
                }
            }
        }
        // all six boards have a native emitter; the inline assemblers differ
        assertTrue(stub("qemu-mps2-an385", "micropython").contains("def asm_thumb("));
        assertTrue(stub("rp2-pico", "micropython").contains("def asm_thumb("));
        assertFalse(stub("unix", "micropython").contains("def asm_thumb("));
    }

    @Test
    void everyStubCarriesTheLicenceHeader() throws IOException {
        for (String board : Generator.BOARDS) {
            try (var s = Files.list(dir(board))) {
                for (Path p : s.filter(f -> f.toString().endsWith(".pyi")).toList()) {
                    String text = TestSupport.read(p);
                    assertTrue(text.contains("Derived from MicroPython's documentation and source code (MIT License"),
                            p.toString());
                }
            }
        }
    }
}
