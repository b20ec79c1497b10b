package dev.mprt.lang.isr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.ModuleLoader;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.semantic.SemanticModel;
import dev.mprt.lang.semantic.StubSources;
import dev.mprt.lang.testing.Analyzers;

/**
 * Every registration API of rules E.2 on every board it exists on, with the verdict the firmware gives it: which API
 * the call is, which function the handler resolves to, and whether it runs hard or soft there. The board's real
 * stubs decide what the receiver is, as in the editor.
 */
class IsrRegistrationsTest {

    private static final String HANDLERS = """
            def h(x):
                pass
            """;

    static Stream<Arguments> registrations() {
        return Stream.of(
                // the emulated board: mprt_pin.c honours hard=, mprt_timer.c calls Timer callbacks in the IRQ
                row("qemu-mps2-an385", "from machine import Pin\nPin('X4').irq(h)", "PIN_IRQ SOFT h"),
                row("qemu-mps2-an385", "from machine import Pin\nPin('X4').irq(h, Pin.IRQ_RISING, hard=True)",
                        "PIN_IRQ HARD h"),
                row("qemu-mps2-an385", "from machine import Pin\nPin('X4').irq(handler=h, hard=True)", "PIN_IRQ HARD h"),
                row("qemu-mps2-an385", "from machine import Pin\nPin('X4').irq(handler=h, hard=False)", "PIN_IRQ SOFT h"),
                row("qemu-mps2-an385", "import machine\nmachine.Timer(-1, period=10, callback=h)", "MACHINE_TIMER HARD h"),
                row("qemu-mps2-an385", "from machine import Timer\nt = Timer(0)\nt.init(period=10, callback=h)",
                        "MACHINE_TIMER HARD h"),
                row("qemu-mps2-an385", "import micropython\nmicropython.schedule(h, 0)", "SCHEDULE SOFT h"),
                // stm32: pyb.Timer, ExtInt, Switch, CAN and RTC.wakeup are always hard; machine.Timer is soft
                row("pyboard", "import pyb\npyb.ExtInt(pyb.Pin('X1'), pyb.ExtInt.IRQ_RISING, pyb.Pin.PULL_NONE, h)",
                        "EXTINT HARD h"),
                row("pyboard", "import pyb\npyb.ExtInt('X1', pyb.ExtInt.IRQ_RISING, pyb.Pin.PULL_NONE, callback=h)",
                        "EXTINT HARD h"),
                row("pyboard", "import pyb\npyb.Timer(4, freq=10, callback=h)", "PYB_TIMER HARD h"),
                row("pyboard", "import pyb\nt = pyb.Timer(4)\nt.init(freq=10, callback=h)", "PYB_TIMER HARD h"),
                row("pyboard", "import pyb\nt = pyb.Timer(4, freq=10)\nt.callback(h)", "PYB_TIMER HARD h"),
                row("pyboard", "import pyb\nt = pyb.Timer(4, freq=10)\nt.channel(1, pyb.Timer.PWM, callback=h)",
                        "PYB_TIMER_CHANNEL HARD h"),
                row("pyboard", "import pyb\nt = pyb.Timer(4, freq=10)\nch = t.channel(1, pyb.Timer.PWM)\nch.callback(h)",
                        "PYB_TIMER_CHANNEL HARD h"),
                row("pyboard", "import machine\nmachine.Timer(-1, period=10, callback=h)", "MACHINE_TIMER SOFT h"),
                row("pyboard", "import pyb\npyb.Switch().callback(h)", "SWITCH HARD h"),
                row("pyboard", "import pyb\ncan = pyb.CAN(1)\ncan.rxcallback(0, h)", "CAN_RX HARD h"),
                row("pyboard", "import pyb\npyb.RTC().wakeup(1000, h)", "RTC_WAKEUP HARD h"),
                row("pyboard", "import pyb\npyb.Pin('X1').irq(h)", "PIN_IRQ SOFT h"),
                row("pyboard", "from machine import Pin\nPin('X1').irq(h, hard=True)", "PIN_IRQ HARD h"),
                row("pyboard", "from machine import UART\nUART(1).irq(h, hard=True)", "UART_IRQ HARD h"),
                row("pyboard", "from machine import UART\nUART(1).irq(h)", "UART_IRQ SOFT h"),
                row("pyboard", "import pyb\npyb.USB_VCP().irq(h)", "USB_VCP_IRQ SOFT h"),
                row("pyboard", "from machine import I2S\nI2S(2).irq(h)", "I2S_IRQ SOFT h"),
                row("pyboard", "import pyb\npyb.USB_VCP().irq(h, hard=True)", "USB_VCP_IRQ SOFT h"),
                // rp2: Pin, UART, PIO, StateMachine and DMA honour hard=; machine.Timer is soft
                row("rp2-pico", "from machine import Pin\nPin(2).irq(h, hard=True)", "PIN_IRQ HARD h"),
                row("rp2-pico", "from machine import Pin\nPin(2).irq(h)", "PIN_IRQ SOFT h"),
                row("rp2-pico", "from machine import Timer\nTimer(period=10, callback=h)", "MACHINE_TIMER SOFT h"),
                row("rp2-pico", "from machine import UART\nUART(0).irq(h, hard=True)", "UART_IRQ HARD h"),
                row("rp2-pico", "import rp2\nrp2.PIO(0).irq(h, hard=True)", "PIO_IRQ HARD h"),
                row("rp2-pico", "import rp2\nrp2.PIO(0).irq(h)", "PIO_IRQ SOFT h"),
                row("rp2-pico", "import rp2\nrp2.StateMachine(0).irq(handler=h, hard=True)", "STATE_MACHINE_IRQ HARD h"),
                row("rp2-pico", "import rp2\nrp2.DMA().irq(h, hard=True)", "DMA_IRQ HARD h"),
                // esp32: no hard keyword on Pin, hard refused on UART, everything soft
                row("esp32", "from machine import Pin\nPin(4).irq(h)", "PIN_IRQ SOFT h"),
                row("esp32", "from machine import Pin\nPin(4).irq(h, hard=True)", "PIN_IRQ SOFT h"),
                row("esp32", "from machine import UART\nUART(1).irq(h, hard=True)", "UART_IRQ SOFT h"),
                row("esp32", "from machine import Timer\nTimer(0).init(period=10, callback=h)", "MACHINE_TIMER SOFT h"),
                row("esp32", "import bluetooth\nbluetooth.BLE().irq(h)", "BLE_IRQ SOFT h"),
                row("esp32", "import espnow\nespnow.ESPNow().irq(h)", "ESPNOW_IRQ SOFT h"),
                row("esp32", "from machine import I2S\nI2S(0).irq(h)", "I2S_IRQ SOFT h"),
                // esp8266: hard=True is a ValueError, handlers soft; machine.Timer soft
                row("esp8266", "from machine import Pin\nPin(4).irq(handler=h, hard=True)", "PIN_IRQ SOFT h"),
                row("esp8266", "from machine import Timer\nTimer(-1).init(period=10, callback=h)",
                        "MACHINE_TIMER SOFT h"),
                row("esp8266", "import machine\nmachine.RTC().irq(trigger=machine.RTC.ALARM0, handler=h)",
                        "RTC_IRQ SOFT h"),
                // unix: only micropython.schedule
                row("unix", "import micropython\nmicropython.schedule(h, 0)", "SCHEDULE SOFT h"));
    }

    private static Arguments row(String board, String code, String expected) {
        return Arguments.of(board, code, expected);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("registrations")
    void registrationIsFoundWithTheBoardsContext(String board, String code, String expected) {
        IsrModel m = model(board, HANDLERS + code + "\n", Map.of());
        assertEquals(List.of(expected), m.registrations().stream().map(IsrRegistrationsTest::describe).toList());
    }

    static Stream<Arguments> handlerForms() {
        return Stream.of(
                Arguments.of("lambda", "Timer(-1, callback=lambda t: None)", "<lambda>"),
                Arguments.of("alias", "cb = h\nTimer(-1, callback=cb)", "h"),
                Arguments.of("nested function", """
                        def make():
                            def inner(t):
                                pass
                            Timer(-1, callback=inner)
                        """, "inner"),
                Arguments.of("bound method", """
                        class C:
                            def __init__(self):
                                Timer(-1, callback=self.tick)
                            def tick(self, t):
                                pass
                        """, "tick bound"),
                Arguments.of("bound method of an object", """
                        class C:
                            def tick(self, t):
                                pass
                        c = C()
                        Timer(-1, callback=c.tick)
                        """, "tick bound"),
                Arguments.of("pre-bound reference", """
                        class C:
                            def __init__(self):
                                self._ref = self.tick
                                Timer(-1, callback=self._ref)
                            def tick(self, t):
                                pass
                        """, "tick bound"),
                Arguments.of("imported function", "from drv import on_tick\nTimer(-1, callback=on_tick)", "on_tick"),
                Arguments.of("module attribute", "import drv\nTimer(-1, callback=drv.on_tick)", "on_tick"),
                Arguments.of("positional Pin handler", "Pin('X4').irq(h, hard=True)", "h"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlerForms")
    void handlerFormsResolve(String form, String code, String expected) {
        IsrModel m = model("qemu-mps2-an385", "from machine import Pin, Timer\n" + HANDLERS + code + "\n",
                Map.of("drv", "def on_tick(t):\n    pass\n"));
        assertEquals(1, m.registrations().size(), form);
        assertEquals(expected, m.registrations().get(0).targets().stream()
                .map(t -> t.name() + (t.bound() ? " bound" : "")).collect(Collectors.joining(", ")));
    }

    @Test
    void hardHandlersReachTheirCalleesAcrossModules() {
        IsrModel m = model("qemu-mps2-an385", """
                from machine import Timer
                from drv import on_tick
                Timer(-1, callback=on_tick)
                """, Map.of("drv", "import util\ndef on_tick(t):\n    util.scale(t)\n",
                "util", "def scale(x):\n    return helper(x)\ndef helper(x):\n    return x * 0.5\n"));
        assertEquals(List.of("on_tick", "scale", "helper"), m.reached().stream().map(r -> r.target().name()).toList());
        IsrModel.Allocating a = m.allocation(m.reached().get(0).target());
        assertEquals("helper", a.in().name());
        assertEquals(Finding.Kind.FLOAT, a.finding().kind());
    }

    private static String describe(Registration r) {
        return r.api() + " " + r.context() + " " + r.targets().stream().map(Target::name).collect(Collectors.joining(","));
    }

    static IsrModel model(String board, String main, Map<String, String> workspace) {
        ModuleLoader loader = Analyzers.injector().getInstance(ModuleLoader.class);
        ModuleSources ws = name -> workspace.containsKey(name)
                ? new ModuleSources.Source("file:///" + name + ".py", workspace.get(name), false) : null;
        ModuleInfo m = loader.load("__main__", new ModuleSources.Source("file:///main.py", main, false));
        SemanticModel semantic = new SemanticModel(m, loader, ModuleSources.firstOf(ws, StubSources.forBoard(board)));
        return new IsrModel(semantic, board, ws);
    }
}
