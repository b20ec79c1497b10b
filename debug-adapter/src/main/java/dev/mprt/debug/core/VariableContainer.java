package dev.mprt.debug.core;

import java.io.IOException;
import java.util.List;

/** Something with variables inside: a frame's locals or globals, or an object on the device. */
public interface VariableContainer {

    /** The children from {@code start}, at most {@code count} (count 0: all). */
    List<VariableInfo> children(int start, int count) throws IOException;

    /** Sets a child to the value of {@code expression}; returns it as it is now. */
    default VariableInfo set(String name, String expression) throws IOException {
        throw new DebugException("this variable cannot be set");
    }
}
