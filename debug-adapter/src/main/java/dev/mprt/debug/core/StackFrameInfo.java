package dev.mprt.debug.core;

/** One frame of a stopped program, from the top (index 0). {@code source} may be null (code typed at the REPL). */
public record StackFrameInfo(int index, String file, String function, int line, SourceFile source) {
}
