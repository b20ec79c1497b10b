package dev.mprt.lang.isr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Related;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.testing.Analyzers;

/**
 * A program of three workspace modules: main.py registers drv.on_tick as a hard Timer callback, drv.on_tick calls
 * util.scale, which allocates. Each module, analysed as the editor analyses it, reports what happens in its own text,
 * with related places in the others.
 */
class IsrWorkspaceTest {

    private static final Map<String, String> PROGRAM = Map.of(
            "main", """
                    import micropython
                    from machine import Timer
                    import drv
                    micropython.alloc_emergency_exception_buf(100)
                    Timer(-1, period=10, callback=drv.on_tick)
                    """,
            "drv", """
                    import util


                    def on_tick(t):
                        util.scale(t)
                    """,
            "util", """
                    def scale(x):
                        return x * 0.5
                    """);

    private static final ModuleSources WORKSPACE = new ModuleSources() {
        @Override
        public Source find(String name) {
            return PROGRAM.containsKey(name) ? new Source(uri(name), PROGRAM.get(name), false) : null;
        }

        @Override
        public java.util.Collection<String> names() {
            return PROGRAM.keySet();
        }
    };

    private static String uri(String module) {
        return "file:///project/" + module + ".py";
    }

    private static List<String> isr(String module) {
        Analysis a = Analyzers.analyze(PROGRAM.get(module),
                new AnalysisOptions("qemu-mps2-an385", WORKSPACE, uri(module)));
        return a.diagnostics().stream().filter(d -> d.code().startsWith("isr-") || d.code().equals("internal-error"))
                .map(d -> render(a, d)).toList();
    }

    private static String render(Analysis a, Diagnostic d) {
        return (a.lines().line(d.start()) + 1) + ":" + (a.lines().column(d.start()) + 1) + " " + d.code() + ": "
                + d.message() + d.related().stream().map(IsrWorkspaceTest::render).collect(Collectors.joining());
    }

    private static String render(Related r) {
        return "\n  note " + (r.uri() == null ? "here" : r.uri().replace("file:///project/", "")) + ":" + (r.line() + 1)
                + ": " + r.message();
    }

    @Test
    void theRegistrationNamesTheAllocationInAnotherModule() {
        assertEquals(List.of("""
                5:31 isr-alloc-call: the handler on_tick() allocates: float arithmetic creates a new float object \
                (util.py:2); in a hard interrupt handler the heap is locked: MemoryError
                  note util.py:2: float arithmetic creates a new float object"""), isr("main"));
    }

    @Test
    void theHandlersModuleReportsTheCallWithTheRegistrationInMain() {
        assertEquals(List.of("""
                5:5 isr-alloc-call: calls scale(), which allocates: float arithmetic creates a new float object \
                (util.py:2); in a hard interrupt handler the heap is locked: MemoryError
                  note util.py:2: float arithmetic creates a new float object
                  note main.py:5: handler registered as a hard IRQ (machine.Timer callback) at main.py:5"""),
                isr("drv"));
    }

    @Test
    void theAllocatingModuleReportsTheExpressionReachedFromMain() {
        assertEquals(List.of("""
                2:12 isr-alloc-float: float arithmetic creates a new float object; in a hard interrupt handler the \
                heap is locked: MemoryError
                  note main.py:5: handler registered as a hard IRQ (machine.Timer callback) at main.py:5"""),
                isr("util"));
    }
}
