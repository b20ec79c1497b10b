package dev.mprt.lang.diagnostics;

import java.util.Arrays;

/** Offsets to 0-based lines and UTF-16 columns and back. A line ends at LF, CR LF or a lone CR, as in MicroPython. */
public final class LineMap {

    private final int[] lineStarts;
    private final int length;

    public LineMap(CharSequence text) {
        int[] starts = new int[64];
        int n = 1;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= len || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
        this.length = len;
    }

    /** 0-based line of an offset. */
    public int line(int offset) {
        int i = Arrays.binarySearch(lineStarts, Math.min(Math.max(offset, 0), length));
        return i >= 0 ? i : -i - 2;
    }

    /** 0-based UTF-16 column of an offset. */
    public int column(int offset) {
        int clamped = Math.min(Math.max(offset, 0), length);
        return clamped - lineStarts[line(clamped)];
    }

    /** Offset of a 0-based line and column, clamped to the text. */
    public int offset(int line, int column) {
        if (line >= lineStarts.length) {
            return length;
        }
        int start = lineStarts[Math.max(line, 0)];
        int next = line + 1 < lineStarts.length ? lineStarts[line + 1] : length;
        return Math.min(start + Math.max(column, 0), next);
    }

    public int lineCount() {
        return lineStarts.length;
    }
}
