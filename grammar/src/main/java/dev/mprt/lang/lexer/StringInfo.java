package dev.mprt.lang.lexer;

/** What the lexer learnt about one string literal token: its kind, whether it is closed, and its f-string fields. */
public final class StringInfo {

    /** {@code \N{...}}: MicroPython's lexer raises NotImplementedError("unicode name escapes"). */
    public static final int UNICODE_NAME_ESCAPE = 1;
    /** A hex escape (backslash x, u or U) with too few hex digits or out of range: invalid syntax. */
    public static final int BAD_ESCAPE = 2;

    public final boolean bytes;
    public final boolean raw;
    public final boolean fstring;
    /** Length of the prefix ({@code rb}, {@code f}, ...), so the opening quote is at token start + prefixLength. */
    public final int prefixLength;
    int quotes;
    boolean terminated;
    private int errorKind;
    private int errorOffset = -1;
    /** Start and end offsets (absolute, end exclusive) of each f-string replacement field's expression. */
    private int[] arguments = new int[0];

    StringInfo(boolean bytes, boolean raw, boolean fstring, int prefixLength) {
        this.bytes = bytes;
        this.raw = raw;
        this.fstring = fstring;
        this.prefixLength = prefixLength;
    }

    public int quotes() {
        return quotes;
    }

    public boolean terminated() {
        return terminated;
    }

    /** The first escape error's kind ({@link #UNICODE_NAME_ESCAPE}, {@link #BAD_ESCAPE}), or 0. */
    public int errorKind() {
        return errorKind;
    }

    /** Absolute offset of the backslash of the first bad escape, or -1. */
    public int errorOffset() {
        return errorOffset;
    }

    public int argumentCount() {
        return arguments.length / 2;
    }

    public int argumentStart(int i) {
        return arguments[2 * i];
    }

    public int argumentEnd(int i) {
        return arguments[2 * i + 1];
    }

    void addArgument(int start, int end) {
        int n = arguments.length;
        arguments = java.util.Arrays.copyOf(arguments, n + 2);
        arguments[n] = start;
        arguments[n + 1] = end;
    }

    void error(int kind, int offset) {
        if (errorKind == 0) {
            errorKind = kind;
            errorOffset = offset;
        }
    }
}
