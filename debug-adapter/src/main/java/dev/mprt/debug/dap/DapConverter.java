package dev.mprt.debug.dap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.Variable;

import dev.mprt.debug.core.BreakpointState;
import dev.mprt.debug.core.SourceFile;
import dev.mprt.debug.core.StackFrameInfo;
import dev.mprt.debug.core.VariableContainer;
import dev.mprt.debug.core.VariableInfo;

/**
 * The one place where core values become DAP values and back: line and column bases (the core is 1-based; a client
 * may say it counts from 0), the id pools of frames and variable references (valid while the program is stopped,
 * dropped when it runs), and sources.
 */
final class DapConverter {

    private boolean linesStartAt1 = true;
    private boolean columnsStartAt1 = true;
    private final Map<Integer, Integer> frames = new HashMap<>();
    private final Map<Integer, VariableContainer> references = new HashMap<>();
    private int nextFrameId = 1;
    private int nextReference = 1;

    synchronized void bases(Boolean linesAt1, Boolean columnsAt1) {
        linesStartAt1 = linesAt1 == null || linesAt1;
        columnsStartAt1 = columnsAt1 == null || columnsAt1;
    }

    /** A core (1-based) line for the client. */
    synchronized int toClientLine(int line) {
        return linesStartAt1 ? line : line - 1;
    }

    /** A client's line as a core (1-based) line. */
    synchronized int toCoreLine(int line) {
        return linesStartAt1 ? line : line + 1;
    }

    synchronized int firstColumn() {
        return columnsStartAt1 ? 1 : 0;
    }

    /** Forgets every frame id and variable reference: the program runs. */
    synchronized void invalidate() {
        frames.clear();
        references.clear();
    }

    synchronized StackFrame frame(StackFrameInfo f) {
        int id = nextFrameId++;
        frames.put(id, f.index());
        StackFrame s = new StackFrame();
        s.setId(id);
        s.setName(f.function());
        s.setLine(toClientLine(f.line()));
        s.setColumn(firstColumn());
        if (f.source() != null) {
            s.setSource(source(f.source()));
        } else {
            Source src = new Source();
            src.setName(f.file());
            src.setOrigin("on the device (no workspace file)");
            s.setSource(src);
        }
        return s;
    }

    /** The core's frame index of a DAP frame id. */
    synchronized int frameIndex(Integer frameId) {
        if (frameId == null) {
            return 0;
        }
        Integer i = frames.get(frameId);
        if (i == null) {
            throw new IllegalArgumentException("unknown or stale frame id " + frameId);
        }
        return i;
    }

    synchronized int reference(VariableContainer c) {
        if (c == null) {
            return 0;
        }
        int id = nextReference++;
        references.put(id, c);
        return id;
    }

    synchronized VariableContainer container(int reference) {
        VariableContainer c = references.get(reference);
        if (c == null) {
            throw new IllegalArgumentException("unknown or stale variables reference " + reference);
        }
        return c;
    }

    Variable variable(VariableInfo v) {
        Variable out = new Variable();
        out.setName(v.name());
        out.setValue(v.value());
        out.setType(v.type());
        out.setVariablesReference(reference(v.children()));
        if (v.children() != null) {
            if (dev.mprt.debug.core.DebugSession.isIndexed(v.type())) {
                out.setIndexedVariables(v.childCount());
            } else {
                out.setNamedVariables(v.childCount());
            }
        }
        return out;
    }

    Breakpoint breakpoint(BreakpointState b, Source source) {
        Breakpoint out = new Breakpoint();
        if (b.id() > 0) {
            out.setId(b.id());
        }
        out.setVerified(b.verified());
        out.setMessage(b.message());
        if (b.line() > 0) {
            out.setLine(toClientLine(b.line()));
        }
        out.setSource(source);
        return out;
    }

    static Source source(SourceFile f) {
        Source s = new Source();
        s.setName(f.deviceName());
        if (f.path() != null) {
            s.setPath(f.path().toString());
        }
        return s;
    }

    static Path path(Source s) {
        if (s == null || s.getPath() == null || s.getPath().isBlank()) {
            throw new IllegalArgumentException("the source has no path");
        }
        return Path.of(s.getPath());
    }
}
