package dev.mprt.lang.analysis;

import dev.mprt.lang.diagnostics.Diagnostic;

/** Gives zero-width diagnostics (at synthetic NEWLINE/INDENT tokens) a visible extent on the same line. */
final class Ranges {

    private Ranges() {
    }

    static Diagnostic visible(Diagnostic d, String text) {
        if (d.end() > d.start()) {
            return d;
        }
        int s = d.start();
        int len = text.length();
        if (s < len && !isBreak(text.charAt(s)) && !Character.isWhitespace(text.charAt(s))) {
            int e = s;
            while (e < len && !isBreak(text.charAt(e)) && !Character.isWhitespace(text.charAt(e))) {
                e++;
            }
            return withRange(d, s, e);
        }
        // at the end of a line or of the text: underline the last character before it
        int b = s;
        while (b > 0 && (isBreak(text.charAt(b - 1)) || text.charAt(b - 1) == ' ' || text.charAt(b - 1) == '\t')) {
            b--;
        }
        return b > 0 ? withRange(d, b - 1, b) : d;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static Diagnostic withRange(Diagnostic d, int start, int end) {
        return new Diagnostic(d.code(), d.severity(), d.message(), start, end, d.related(), d.fixes());
    }
}
