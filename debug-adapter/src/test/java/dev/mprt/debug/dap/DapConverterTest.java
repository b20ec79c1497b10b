package dev.mprt.debug.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.debug.StackFrame;
import org.junit.jupiter.api.Test;

import dev.mprt.debug.core.SourceFile;
import dev.mprt.debug.core.StackFrameInfo;
import dev.mprt.debug.core.VariableContainer;
import dev.mprt.debug.core.VariableInfo;

/** The one converter: line bases both ways, and id pools that die when the program runs. */
class DapConverterTest {

    @Test
    void aClientCountingLinesFromZeroSeesTheCoreLinesShifted() {
        DapConverter c = new DapConverter();
        c.bases(false, false);
        StackFrame f = c.frame(new StackFrameInfo(0, "main.py", "f", 12, new SourceFile("main.py",
                Path.of("/w/main.py"), 1)));
        assertEquals(11, f.getLine());
        assertEquals(0, f.getColumn());
        assertEquals(12, c.toCoreLine(11));
        c.bases(null, null);
        assertEquals(12, c.toClientLine(12), "DAP's default is 1-based");
    }

    @Test
    void frameIdsAndVariableReferencesAreValidUntilTheProgramRuns() {
        DapConverter c = new DapConverter();
        StackFrame top = c.frame(new StackFrameInfo(0, "<stdin>", "<module>", 1, null));
        StackFrame second = c.frame(new StackFrameInfo(1, "<stdin>", "g", 2, null));
        assertEquals(0, c.frameIndex(top.getId()));
        assertEquals(1, c.frameIndex(second.getId()));
        VariableContainer empty = (start, count) -> List.<VariableInfo>of();
        int ref = c.reference(empty);
        assertEquals(empty, c.container(ref));
        assertEquals(0, c.reference(null), "0: nothing to expand");
        c.invalidate();
        assertThrows(IllegalArgumentException.class, () -> c.frameIndex(top.getId()));
        assertThrows(IllegalArgumentException.class, () -> c.container(ref));
        StackFrame again = c.frame(new StackFrameInfo(0, "<stdin>", "<module>", 1, null));
        assertEquals(true, again.getId() != top.getId(), "ids are not reused: a stale one cannot hit a new frame");
    }
}
