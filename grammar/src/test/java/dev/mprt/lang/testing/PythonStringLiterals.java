package dev.mprt.lang.testing;

import java.util.List;
import java.util.Locale;

/**
 * Decodes Python (CPython 3) string literal tokens, as our parser keeps them in {@code Str.getParts()}: prefix,
 * quotes and body, verbatim. Used by tests that take code held in string literals of MicroPython's own test files.
 * Handles the {@code r}/{@code u} prefixes (any case), single and triple quotes, every CPython escape including
 * {@code \N{...}} and backslash-newline, and adjacent-literal concatenation. Bytes and f-string literals are not
 * decoded: {@link #decode(List)} returns null for them.
 */
public final class PythonStringLiterals {

    private PythonStringLiterals() {
    }

    /** Thrown for a literal that is not a well-formed Python string literal. */
    public static final class BadLiteralException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        BadLiteralException(String message) {
            super(message);
        }
    }

    /**
     * The value of adjacent literals {@code parts} (implicit concatenation), or null if any of them is a bytes or
     * f-string literal.
     */
    public static String decode(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            String prefix = prefix(part).toLowerCase(Locale.ROOT);
            if (prefix.contains("b") || prefix.contains("f")) {
                return null;
            }
            sb.append(decode(part));
        }
        return sb.toString();
    }

    /** The value of one str literal token (prefix letters among r/u only). */
    public static String decode(String literal) {
        String prefix = prefix(literal);
        String lower = prefix.toLowerCase(Locale.ROOT);
        if (lower.contains("b") || lower.contains("f")) {
            throw new BadLiteralException("bytes and f-string literals are not decoded: " + literal);
        }
        if (!lower.matches("r?u?|u?r?")) {
            throw new BadLiteralException("bad prefix: " + literal);
        }
        boolean raw = lower.contains("r");
        String rest = literal.substring(prefix.length());
        if (rest.isEmpty() || (rest.charAt(0) != '\'' && rest.charAt(0) != '"')) {
            throw new BadLiteralException("no opening quote: " + literal);
        }
        char q = rest.charAt(0);
        String quote = rest.startsWith(String.valueOf(q).repeat(3)) && rest.length() >= 6 ? String.valueOf(q).repeat(3)
                : String.valueOf(q);
        if (!rest.endsWith(quote) || rest.length() < 2 * quote.length()) {
            throw new BadLiteralException("unterminated: " + literal);
        }
        String body = rest.substring(quote.length(), rest.length() - quote.length());
        return raw ? body : unescape(body);
    }

    /** The prefix letters of a literal token (everything before its first quote). */
    public static String prefix(String literal) {
        int i = 0;
        while (i < literal.length() && Character.isLetter(literal.charAt(i))) {
            i++;
        }
        return literal.substring(0, i);
    }

    /** Processes the escapes of a non-raw str body, as CPython does. */
    public static String unescape(String body) {
        StringBuilder sb = new StringBuilder(body.length());
        int n = body.length();
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= n) {
                throw new BadLiteralException("trailing backslash");
            }
            char e = body.charAt(++i);
            switch (e) {
                case '\n' -> { }
                case '\r' -> {
                    if (i + 1 < n && body.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\\' -> sb.append('\\');
                case '\'' -> sb.append('\'');
                case '"' -> sb.append('"');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    int k = 1;
                    while (k < 3 && i + 1 < n && body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7') {
                        v = v * 8 + (body.charAt(++i) - '0');
                        k++;
                    }
                    sb.appendCodePoint(v);
                }
                case 'x' -> {
                    sb.appendCodePoint(hex(body, i + 1, 2));
                    i += 2;
                }
                case 'u' -> {
                    sb.appendCodePoint(hex(body, i + 1, 4));
                    i += 4;
                }
                case 'U' -> {
                    int cp = hex(body, i + 1, 8);
                    if (cp > Character.MAX_CODE_POINT) {
                        throw new BadLiteralException("\\U escape out of range");
                    }
                    sb.appendCodePoint(cp);
                    i += 8;
                }
                case 'N' -> {
                    int close = body.indexOf('}', i);
                    if (i + 1 >= n || body.charAt(i + 1) != '{' || close < 0) {
                        throw new BadLiteralException("malformed \\N escape");
                    }
                    String name = body.substring(i + 2, close);
                    try {
                        sb.appendCodePoint(Character.codePointOf(name));
                    } catch (IllegalArgumentException ex) {
                        throw new BadLiteralException("unknown character name: " + name);
                    }
                    i = close;
                }
                default -> sb.append('\\').append(e);
            }
        }
        return sb.toString();
    }

    private static int hex(String s, int from, int digits) {
        if (from + digits > s.length()) {
            throw new BadLiteralException("truncated hex escape");
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(s.charAt(from + k), 16);
            if (d < 0) {
                throw new BadLiteralException("bad hex escape");
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** A one-line, ASCII-only rendering of {@code s} with Python-style escapes (for reports). */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (cp >= 0x20 && cp < 0x7f) {
                        sb.append((char) cp);
                    } else if (cp < 0x100) {
                        sb.append(String.format("\\x%02x", cp));
                    } else if (cp < 0x10000) {
                        sb.append(String.format("\\u%04x", cp));
                    } else {
                        sb.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return sb.toString();
    }
}
