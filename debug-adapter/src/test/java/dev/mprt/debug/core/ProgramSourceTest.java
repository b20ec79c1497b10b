package dev.mprt.debug.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where line breakpoints can go, and log messages. */
class ProgramSourceTest {

    static final String SRC = """
            \"\"\"A docstring.\"\"\"
            import time

            # comment
            def f(a):
                global g
                pass
                total = (a +
                         1)
                if total:
                    return total
                elif a:
                    return 0
                else:
                    return 1
            """;

    @Test
    void codeLinesAreStatementStartsThatCompileToSomething() {
        ProgramSource src = new ProgramSource("s.py", SRC);
        assertEquals(List.of(2, 5, 8, 10, 11, 12, 13, 15), List.copyOf(src.codeLines()));
    }

    @Test
    void breakpointsMoveToCodeOrAreRejected() {
        ProgramSource src = new ProgramSource("s.py", SRC);
        assertEquals(2, src.resolve(2).line());
        assertNull(src.resolve(2).message());
        assertEquals(2, src.resolve(1).line(), "a docstring compiles to nothing here: the next line");
        assertEquals(5, src.resolve(3).line());
        assertEquals(8, src.resolve(6).line(), "global and pass have no code");
        assertEquals(8, src.resolve(9).line(), "inside a statement: its first line");
        assertTrue(src.resolve(9).message().contains("statement starts"));
        assertEquals(15, src.resolve(14).line(), "else: has no code");
        assertFalse(src.resolve(16).verified());
        assertTrue(src.resolve(16).message().contains("no code"));
    }

    @Test
    void logMessagesReplaceFieldsWithCapturedValues() {
        assertEquals("w=3 h=<Timer> {x}", Breakpoints.format("w={w} h={ h } {{x}}", Map.of("w", "3", "h", "<Timer>")));
        assertEquals("{z: not captured}", Breakpoints.format("{z}", Map.of()));
    }
}
