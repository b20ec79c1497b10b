package dev.mprt.debug.core;

/**
 * A line or function breakpoint as the session knows it: {@code id} is the session's (stable across re-sends),
 * {@code line} where it really is (1-based; -1 when rejected), and the reason when it was moved or rejected.
 */
public record BreakpointState(int id, boolean verified, String file, int line, String message) {
}
