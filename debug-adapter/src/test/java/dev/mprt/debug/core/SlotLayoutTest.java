package dev.mprt.debug.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Local-slot names as MicroPython's compiler numbers them: the cases of reference section G.5 (verified there with
 * {@code micropython -v -v}); the emulated-board end-to-end tests check the same layouts against the real firmware.
 */
class SlotLayoutTest {

    static final String WORKED_EXAMPLE = """
            def outer(a, b=1, *args, c, d=2, **kw):
                print(z); z = 1
                y = 2
                cellv = 3
                def inner(p):
                    q = p + cellv + a
                    return q
                for i in range(2): w = i
                return inner
            """;

    @Test
    void theWorkedExampleOfSectionG5() {
        ProgramSource src = new ProgramSource("ex.py", WORKED_EXAMPLE);
        // a0 b1 d2 c3 args4 kw5 (the *args swap), z6 (first seen at a load), y7, inner8, i9, w10, cell cellv11
        assertEquals(List.of("a", "b", "d", "c", "args", "kw", "z", "y", "inner", "i", "w", "cellv"),
                src.slots("outer", 3).names());
        // inner: free variables in the parent's order (a before cellv), then its own
        SlotLayout inner = src.slots("inner", 6);
        assertEquals(List.of("a", "cellv", "p", "q"), inner.names());
        assertEquals(true, inner.isCell(0));
        assertEquals(false, inner.isCell(2));
    }

    @Test
    void aComprehensionHasItsFreeVariablesTheHiddenIteratorThenItsTarget() {
        ProgramSource src = new ProgramSource("c.py", """
                def f(n):
                    k = 2
                    r = [x * k for x in range(n) if x]
                    return r
                """);
        assertEquals(List.of("n", "r", "k"), src.slots("f", 3).names());
        SlotLayout comp = src.slots("<listcomp>", 3);
        assertEquals(List.of("k", "", "x"), comp.names());
        assertEquals("k,_mprt_it1,x", comp.lambdaNames());
    }

    @Test
    void theModuleAndClassesHaveNoSlots() {
        ProgramSource src = new ProgramSource("m.py", """
                x = 1
                class C:
                    y = 2
                """);
        assertEquals(0, src.slots("<module>", 1).size());
        assertEquals(0, src.slots("C", 3).size());
    }

    @Test
    void conditionsSeeTheSlotsOfTheFunctionAroundTheLine() {
        ProgramSource src = new ProgramSource("d.py", """
                def g(a, b):
                    t = a + b
                    return t
                v = g(1, 2)
                """);
        assertEquals("a,b,t", src.slotsAtLine(2).lambdaNames());
        assertEquals("", src.slotsAtLine(4).lambdaNames());
        assertEquals("", src.slotsAtLine(1).lambdaNames(), "the def line runs in the module");
    }
}
