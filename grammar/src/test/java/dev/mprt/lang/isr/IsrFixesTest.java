package dev.mprt.lang.isr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.testing.Analyzers;

/**
 * The isr-* quick fixes, applied: source in, the diagnostic's fix applied with {@link Fix#applyTo}, text out; then the
 * fixed program is analysed again and must no longer have the finding.
 */
class IsrFixesTest {

    static Stream<Arguments> fixes() {
        return Stream.of(
                Arguments.of("pre-bind a method for micropython.schedule", "isr-schedule-bound-method", "Bind", """
                        import micropython
                        from machine import Pin

                        micropython.alloc_emergency_exception_buf(100)


                        class Button:
                            def __init__(self):
                                self.n = 0
                                Pin("X4").irq(self.on_press, hard=True)

                            def on_press(self, p):
                                micropython.schedule(self.report, 0)

                            def report(self, arg):
                                print(arg)
                        """, """
                        import micropython
                        from machine import Pin

                        micropython.alloc_emergency_exception_buf(100)


                        class Button:
                            def __init__(self):
                                self.n = 0
                                Pin("X4").irq(self.on_press, hard=True)
                                self._report_ref = self.report

                            def on_press(self, p):
                                micropython.schedule(self._report_ref, 0)

                            def report(self, arg):
                                print(arg)
                        """),
                Arguments.of("pre-bind a method reference", "isr-alloc-bound-method", "Bind", """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)


                        class Blinker:
                            def __init__(self):
                                self.cb = None
                                self.t = Timer(-1, period=10, callback=self.tick)

                            def tick(self, t):
                                self.cb = self.step

                            def step(self):
                                pass
                        """, """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)


                        class Blinker:
                            def __init__(self):
                                self.cb = None
                                self.t = Timer(-1, period=10, callback=self.tick)
                                self._step_ref = self.step

                            def tick(self, t):
                                self.cb = self._step_ref

                            def step(self):
                                pass
                        """),
                Arguments.of("move allocating work into a scheduled function", "isr-alloc-string", "Move", """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)
                        count = 0
                        last = ""


                        def on_tick(t):
                            global count, last
                            count += 1
                            last = "tick %d" % count


                        Timer(-1, period=10, callback=on_tick)
                        """, """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)
                        count = 0
                        last = ""


                        def _on_tick_scheduled(t):
                            global count, last
                            last = "tick %d" % count


                        def on_tick(t):
                            global count, last
                            count += 1
                            micropython.schedule(_on_tick_scheduled, t)


                        Timer(-1, period=10, callback=on_tick)
                        """),
                Arguments.of("move a method handler's work into a scheduled method", "isr-alloc-collection", "Move", """
                        import micropython
                        from machine import Pin

                        micropython.alloc_emergency_exception_buf(100)


                        class Recorder:
                            def __init__(self):
                                self.events = None
                                self.count = 0
                                Pin("X4").irq(self.on_edge, hard=True)

                            def on_edge(self, pin):
                                self.count += 1
                                self.events = [pin, self.count]
                        """, """
                        import micropython
                        from machine import Pin

                        micropython.alloc_emergency_exception_buf(100)


                        class Recorder:
                            def __init__(self):
                                self.events = None
                                self.count = 0
                                Pin("X4").irq(self.on_edge, hard=True)
                                self._on_edge_scheduled_ref = self._on_edge_scheduled

                            def _on_edge_scheduled(self, pin):
                                self.events = [pin, self.count]

                            def on_edge(self, pin):
                                self.count += 1
                                micropython.schedule(self._on_edge_scheduled_ref, pin)
                        """),
                Arguments.of("insert alloc_emergency_exception_buf", "isr-no-emergency-buf", "Add", """
                        \"\"\"A blinker.\"\"\"
                        from machine import Timer


                        def on_tick(t):
                            pass


                        Timer(-1, period=10, callback=on_tick)
                        """, """
                        \"\"\"A blinker.\"\"\"
                        from machine import Timer
                        import micropython
                        micropython.alloc_emergency_exception_buf(100)


                        def on_tick(t):
                            pass


                        Timer(-1, period=10, callback=on_tick)
                        """),
                Arguments.of("'/' to '//' on ints", "isr-alloc-float", "Use integer division", """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)
                        total = 100
                        n = 4
                        avg = 0


                        def on_tick(t):
                            global avg
                            avg = total / n


                        Timer(-1, period=10, callback=on_tick)
                        """, """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)
                        total = 100
                        n = 4
                        avg = 0


                        def on_tick(t):
                            global avg
                            avg = total // n


                        Timer(-1, period=10, callback=on_tick)
                        """),
                Arguments.of("a slice to a memoryview made outside the handler", "isr-alloc-slice", "Use a memoryview", """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)
                        buf = bytearray(16)
                        out = bytearray(4)


                        def on_tick(t):
                            out[0] = buf[2:6][0]


                        Timer(-1, period=10, callback=on_tick)
                        """, """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)
                        buf = bytearray(16)
                        _buf_2_6 = memoryview(buf)[2:6]
                        out = bytearray(4)


                        def on_tick(t):
                            out[0] = _buf_2_6[0]


                        Timer(-1, period=10, callback=on_tick)
                        """),
                Arguments.of("a slice of self.buf to a memoryview made in __init__", "isr-alloc-slice",
                        "Use a memoryview", """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)


                        class Rx:
                            def __init__(self):
                                self.buf = bytearray(8)
                                self.sum = 0
                                Timer(-1, period=10, callback=self.tick)

                            def tick(self, t):
                                self.sum = len(self.buf[:4])
                        """, """
                        import micropython
                        from machine import Timer

                        micropython.alloc_emergency_exception_buf(100)


                        class Rx:
                            def __init__(self):
                                self.buf = bytearray(8)
                                self._buf__4 = memoryview(self.buf)[:4]
                                self.sum = 0
                                Timer(-1, period=10, callback=self.tick)

                            def tick(self, t):
                                self.sum = len(self._buf__4)
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixes")
    void fixApplies(String name, String code, String title, String before, String after) {
        AnalysisOptions options = new AnalysisOptions("qemu-mps2-an385");
        Analysis a = Analyzers.analyze(before, options);
        List<Diagnostic> found = a.diagnostics().stream().filter(d -> d.code().equals(code)).toList();
        assertEquals(1, found.size(), () -> "one " + code + " expected: " + a.diagnostics());
        Fix fix = found.get(0).fixes().stream().filter(f -> f.title().startsWith(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no fix '" + title + "' among " + found.get(0).fixes()));
        String fixed = fix.applyTo(before);
        assertEquals(after, fixed);
        Analysis again = Analyzers.analyze(fixed, options);
        assertTrue(again.diagnostics().stream().noneMatch(d -> d.code().equals(code)),
                () -> "still " + code + " after the fix: " + again.diagnostics());
        assertTrue(again.diagnostics().stream().noneMatch(d -> d.code().startsWith("syntax-")),
                () -> "the fix broke the syntax: " + again.diagnostics());
    }
}
