package dev.mprt.lang.lexer;

import java.util.ArrayDeque;

/**
 * MicroPython's tokeniser ({@code py/lexer.c} of 1.25.0), rewritten to keep every character of the source in some
 * token (whitespace and comments become hidden tokens) and to keep going after errors.
 *
 * <p>What it reproduces from MicroPython, because the parser's verdict depends on it:
 * <ul>
 * <li>indentation by columns, a tab advancing to the next multiple of 8; NEWLINE/INDENT/DEDENT only outside
 * brackets; a comment or blank line never changes indentation;</li>
 * <li>a backslash continuation just before the end of the text leaves the last line without its NEWLINE (an
 * error in MicroPython), while a lone backslash as the very last character continues into the implicit final
 * line break (no error);</li>
 * <li>string prefixes (lowercase {@code r u b f rb br rf fr} only), and f-strings scanned as MicroPython scans
 * them: inside {@code {...}} only {@code []} and {@code {}} nest, so quotes of the same kind may appear inside;</li>
 * <li>the greedy number scan ({@code 1and} is one malformed number, {@code 0x1e+1} is {@code 0x1e + 1});</li>
 * <li>{@code __debug__} is the keyword {@code True}; operators by longest match; anything else is INVALID.</li>
 * </ul>
 * Tokens are produced one at a time by {@link #next()}; the current token is described by {@link #kind()},
 * {@link #start()}, {@link #end()} and, for strings, {@link #stringInfo()}.
 *
 * <p>Error recovery that MicroPython does not need but an editor does, so that one mistake costs one error:
 * <ul>
 * <li>an indented line after a line that did not end with ':' gets a hidden UNEXPECTED_INDENT marker instead of
 * an INDENT, and stays in the current block;</li>
 * <li>an unindent to a column between two levels gets a hidden DEDENT_MISMATCH marker, and the inner level moves
 * to that column;</li>
 * <li>inside brackets, a new line at or left of the indentation of the line that opened them, starting with a
 * statement keyword ({@code def}, {@code return}, ...) or with a name right after a complete expression, closes
 * the brackets: a ')' is missing, and the new line is a new statement.</li>
 * </ul>
 */
public final class PyLexer {

    public static final int EOF = 0;
    public static final int NAME = 1;
    public static final int KEYWORD = 2;
    public static final int NUMBER = 3;
    public static final int STRING = 4;
    public static final int OP = 5;
    public static final int NEWLINE = 6;
    public static final int INDENT = 7;
    public static final int DEDENT = 8;
    /** Hidden, zero-width: the line that follows unindents to a column no enclosing block has. */
    public static final int DEDENT_MISMATCH = 9;
    public static final int WS = 10;
    public static final int COMMENT = 11;
    /** Hidden: a backslash ending a physical line. */
    public static final int CONTINUATION = 12;
    /** A character that starts no token ({@code $}, {@code ?}, a lone {@code !}, a backslash not ending a line). */
    public static final int INVALID = 13;
    /**
     * Hidden, zero-width: the line that follows is indented although the previous line did not open a block.
     * MicroPython's parser fails at the INDENT token there ("unexpected indent"); we report the same error but
     * parse the line as part of the current block, so the rest of the file keeps its structure.
     */
    public static final int UNEXPECTED_INDENT = 14;
    /**
     * Hidden, zero-width, followed by a zero-width NAME: the logical line ended right after a '.' or an operator
     * that needs a right operand ({@code led.}, {@code x = 1 +}), as happens while typing. The placeholder name
     * keeps the parser from joining the next line to this one; the marker reports MicroPython's "invalid syntax".
     */
    public static final int MISSING_OPERAND = 15;

    public static final int TAB_SIZE = 8;

    private static final String[] KEYWORDS = {
        "False", "None", "True", "__debug__", "and", "as", "assert", "async", "await", "break", "class", "continue",
        "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
        "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    };

    /** Keywords that can never appear inside brackets: seeing one at a line start closes unclosed brackets. */
    private static final String[] STATEMENT_ONLY_KEYWORDS = {
        "assert", "break", "class", "continue", "def", "del", "elif", "except", "finally", "global", "import",
        "nonlocal", "pass", "raise", "return", "try", "while", "with",
    };

    // not "*": `from m import *` ends a line legitimately
    private static final java.util.Set<String> NEEDS_OPERAND = java.util.Set.of(".", "+", "-", "/", "//", "%",
            "**", "<<", ">>", "&", "|", "^", "~", "@", "<", ">", "<=", ">=", "==", "!=", "=", ":=", "+=", "-=", "*=",
            "/=", "//=", "%=", "**=", "<<=", ">>=", "&=", "|=", "^=", "@=", "->");
    private static final java.util.Set<String> KEYWORD_NEEDS_OPERAND = java.util.Set.of("and", "or", "not", "in", "is",
            "await");

    private static final String[] HEADER_KEYWORDS = {"def", "class", "if", "elif", "while", "for", "with", "except",
        "async"};

    private final CharSequence src;
    private final int length;
    private int pos;

    private int kind = -1;
    private int start;
    private int end;
    private StringInfo stringInfo;

    private int bracketDepth;
    /** Indentation column of the line on which the outermost open bracket was opened. */
    private int bracketLineIndent;
    /** That line starts with a compound-statement keyword (def, class, if, ...), so it should end with ':'. */
    private boolean bracketLineIsHeader;
    /** Offset of the first significant token of the current logical line. */
    private int lineFirstToken;
    private int[] indents = new int[16];
    /** Levels pushed only to recover from a dedent mismatch: leaving them emits no DEDENT. */
    private boolean[] phantom = new boolean[16];
    private int indentCount = 1;

    /** A significant token has been produced since the last NEWLINE. */
    private boolean lineHasContent;
    /** A physical line break outside brackets was crossed since the last significant token. */
    private boolean crossedNewline;
    private boolean sawSignificant;
    /** The last significant token was ':' (a block may follow) / ended an expression (a name cannot follow). */
    private boolean lastWasColon;
    /** A backslash continuation was the last thing seen, with no line break or token after it. */
    private boolean continuationPending;
    private boolean lastEndsExpression;
    /** The last significant token needs a right operand: '.', a binary operator, '=', and/or/not/in/is. */
    private boolean lastNeedsOperand;
    private final ArrayDeque<int[]> pending = new ArrayDeque<>();

    public PyLexer(CharSequence src) {
        this.src = src;
        this.length = src.length();
    }

    public int kind() {
        return kind;
    }

    public int start() {
        return start;
    }

    /** Exclusive end offset; equal to {@link #start()} for the zero-width NEWLINE, INDENT, DEDENT and markers. */
    public int end() {
        return end;
    }

    /** Facts about the current STRING token, or null for other kinds. */
    public StringInfo stringInfo() {
        return stringInfo;
    }

    public String text() {
        return src.subSequence(start, end).toString();
    }

    /** Whether a word is one of MicroPython's keywords (including {@code __debug__}). */
    public static boolean isKeyword(String word) {
        for (String k : KEYWORDS) {
            if (k.equals(word)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isHidden(int kind) {
        return kind == WS || kind == COMMENT || kind == CONTINUATION || kind == DEDENT_MISMATCH
                || kind == UNEXPECTED_INDENT || kind == MISSING_OPERAND;
    }

    /** Advances to the next token and returns its kind; after EOF it keeps returning EOF. */
    public int next() {
        stringInfo = null;
        if (!pending.isEmpty()) {
            int[] p = pending.poll();
            return set(p[0], p[1], p[1]);
        }
        if (pos >= length) {
            return atEof();
        }
        char c = src.charAt(pos);
        if (c == '\n' || c == '\r' || c == ' ' || c == '\t' || c == '\f' || c == 0x0b) {
            return whitespace();
        }
        if (c == '#') {
            int p = pos;
            while (p < length && src.charAt(p) != '\n' && src.charAt(p) != '\r') {
                p++;
            }
            return hidden(COMMENT, p);
        }
        if (c == '\\' && (isLineBreak(pos + 1) || pos + 1 == length)) {
            continuationPending = true;
            return hidden(CONTINUATION, pos + 1 >= length ? length : pos + 1 + lineBreakLength(pos + 1));
        }
        // A significant token starts here: first the layout tokens it implies.
        if (crossedNewline || !sawSignificant) {
            if (layoutBefore()) {
                int[] p = pending.poll();
                return set(p[0], p[1], p[1]);
            }
        }
        return significant(c);
    }

    private int atEof() {
        if (lineHasContent && !continuationPending && lastNeedsOperand) {
            return missingOperand(length);
        }
        if (lineHasContent && !continuationPending) {
            lineHasContent = false;
            return set(NEWLINE, length, length);
        }
        while (indentCount > 1) {
            boolean wasPhantom = phantom[indentCount - 1];
            indentCount--;
            if (!wasPhantom) {
                return set(DEDENT, length, length);
            }
        }
        return set(EOF, length, length);
    }

    private int whitespace() {
        int p = pos;
        while (p < length) {
            char c = src.charAt(p);
            if (c == '\n' || c == '\r') {
                continuationPending = false;
                if (bracketDepth == 0 && lineHasContent) {
                    // the logical line ends here: NEWLINE comes before the whitespace that holds the line break
                    if (p > pos) {
                        break;
                    }
                    if (lastNeedsOperand) {
                        return missingOperand(pos);
                    }
                    lineHasContent = false;
                    crossedNewline = true;
                    return set(NEWLINE, pos, pos);
                }
                if (bracketDepth == 0) {
                    crossedNewline = true;
                } else {
                    maybeCloseBrackets(p);
                    if (bracketDepth == 0) {
                        continue; // re-examine this line break as a logical one
                    }
                }
                p += lineBreakLength(p);
            } else if (c == ' ' || c == '\t' || c == '\f' || c == 0x0b) {
                p++;
            } else {
                break;
            }
        }
        return hidden(WS, p);
    }

    /**
     * Inside brackets, a line break followed by a statement-only keyword at or left of the column where the
     * bracket's line began is taken as the end of the bracketed construct: it cannot be valid code anyway.
     */
    private void maybeCloseBrackets(int lineBreak) {
        if (lastWasColon && bracketLineIsHeader) {
            // `def f(a:` then a line break: the ':' was the header's, the ')' is missing
            bracketDepth = 0;
            return;
        }
        int p = lineBreak + lineBreakLength(lineBreak);
        int col = 0;
        while (p < length) {
            char c = src.charAt(p);
            if (c == ' ' || c == '\f' || c == 0x0b) {
                col++;
            } else if (c == '\t') {
                col = (col / TAB_SIZE + 1) * TAB_SIZE;
            } else {
                break;
            }
            p++;
        }
        if (col > bracketLineIndent || p >= length || !isIdentStart(src.charAt(p))) {
            return;
        }
        int e = p;
        while (e < length && isIdentPart(src.charAt(e))) {
            e++;
        }
        String word = src.subSequence(p, e).toString();
        int after = e;
        while (after < length && (src.charAt(after) == ' ' || src.charAt(after) == '\t')) {
            after++;
        }
        boolean assignment = after < length && src.charAt(after) == '='
                && (after + 1 >= length || src.charAt(after + 1) != '=');
        if (!isKeyword(p, e) && (lastEndsExpression || assignment)) {
            // `f(x` then a line starting with a name (two atoms side by side), or with `name =`: ')' is missing
            bracketDepth = 0;
            return;
        }
        for (String k : STATEMENT_ONLY_KEYWORDS) {
            if (k.equals(word)) {
                bracketDepth = 0;
                return;
            }
        }
    }

    /**
     * Queues NEWLINE-implied INDENT/DEDENT tokens before the significant token at {@code pos}.
     * Returns whether anything was queued.
     */
    private boolean layoutBefore() {
        sawSignificant = true; // an indented first line is an unexpected indent too (mp_lexer_new)
        crossedNewline = false;
        int col = columnOf(pos);
        int top = indents[indentCount - 1];
        if (col > top) {
            if (lastWasColon) {
                push(col, false);
                pending.add(new int[] {INDENT, pos});
            } else {
                push(col, true);
                pending.add(new int[] {UNEXPECTED_INDENT, pos});
            }
        } else if (col < top) {
            while (col < indents[indentCount - 1]) {
                if (col > indents[indentCount - 2]) {
                    // between two levels: MicroPython's "unindent doesn't match"; recover by moving the inner
                    // level to this column, so the line and those after it stay in the block they were meant for
                    pending.add(new int[] {DEDENT_MISMATCH, pos});
                    indents[indentCount - 1] = col;
                    break;
                }
                if (!phantom[indentCount - 1]) {
                    pending.add(new int[] {DEDENT, pos});
                }
                indentCount--;
            }
        }
        return !pending.isEmpty();
    }

    /** Emits the MISSING_OPERAND marker now and a zero-width NAME next; the NEWLINE follows as usual. */
    private int missingOperand(int at) {
        lastNeedsOperand = false;
        lastEndsExpression = true;
        pending.add(new int[] {NAME, at});
        return set(MISSING_OPERAND, at, at);
    }

    private void push(int col, boolean isPhantom) {
        if (indentCount == indents.length) {
            indents = java.util.Arrays.copyOf(indents, indentCount * 2);
            phantom = java.util.Arrays.copyOf(phantom, indentCount * 2);
        }
        indents[indentCount] = col;
        phantom[indentCount] = isPhantom;
        indentCount++;
    }

    /** The column of {@code offset} counted as MicroPython counts it: from 0, tabs to the next multiple of 8. */
    public int columnOf(int offset) {
        int lineStart = offset;
        while (lineStart > 0 && src.charAt(lineStart - 1) != '\n' && src.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        int col = 0;
        for (int i = lineStart; i < offset; i++) {
            col = src.charAt(i) == '\t' ? (col / TAB_SIZE + 1) * TAB_SIZE : col + 1;
        }
        return col;
    }

    private int significant(char c) {
        if (!lineHasContent) {
            lineFirstToken = pos;
        }
        lineHasContent = true;
        continuationPending = false;
        int k = scanSignificant(c);
        lastWasColon = k == OP && end - start == 1 && src.charAt(start) == ':';
        lastNeedsOperand = (k == OP && NEEDS_OPERAND.contains(src.subSequence(start, end).toString()))
                || (k == KEYWORD && KEYWORD_NEEDS_OPERAND.contains(src.subSequence(start, end).toString()));
        lastEndsExpression = k == NAME || k == NUMBER || k == STRING
                || (k == OP && end - start == 1 && ")]}".indexOf(src.charAt(start)) >= 0)
                || (k == KEYWORD && (regionMatches(start, "None") || regionMatches(start, "True")
                        || regionMatches(start, "False")));
        return k;
    }

    private int scanSignificant(char c) {
        if (isStringStart(pos)) {
            return string();
        }
        if (isIdentStart(c)) {
            int p = pos + 1;
            while (p < length && isIdentPart(src.charAt(p))) {
                p++;
            }
            return set(isKeyword(pos, p) ? KEYWORD : NAME, pos, p);
        }
        if (isDigit(c) || (c == '.' && pos + 1 < length && isDigit(src.charAt(pos + 1)))) {
            return number();
        }
        return operator(c);
    }

    private int number() {
        int p = pos;
        boolean forcedInteger = src.charAt(p) == '0' && p + 1 < length && "bBoOxX".indexOf(src.charAt(p + 1)) >= 0;
        p++;
        while (p < length) {
            char c = src.charAt(p);
            if (!forcedInteger && (c == 'e' || c == 'E')) {
                p++;
                if (p < length && (src.charAt(p) == '+' || src.charAt(p) == '-')) {
                    p++;
                }
            } else if (isAsciiLetter(c) || isDigit(c) || c == '.' || c == '_') {
                p++;
            } else {
                break;
            }
        }
        return set(NUMBER, pos, p);
    }

    private int operator(char c) {
        int p = pos + 1;
        char n = p < length ? src.charAt(p) : 0;
        char n2 = p + 1 < length ? src.charAt(p + 1) : 0;
        switch (c) {
            case '(': case '[': case '{':
                if (bracketDepth == 0) {
                    bracketLineIndent = currentLineIndent(pos);
                    bracketLineIsHeader = startsWithAny(lineFirstToken, HEADER_KEYWORDS);
                }
                bracketDepth++;
                break;
            case ')': case ']': case '}':
                if (bracketDepth > 0) {
                    bracketDepth--;
                }
                break;
            case ',': case ';': case '~':
                break;
            case ':': case '+': case '&': case '|': case '%': case '^': case '@': case '=':
                if (n == '=') {
                    p++;
                }
                break;
            case '-':
                if (n == '=' || n == '>') {
                    p++;
                }
                break;
            case '<': case '>': case '*': case '/':
                if (n == '=') {
                    p++;
                } else if (n == c) {
                    p += n2 == '=' ? 2 : 1;
                }
                break;
            case '!':
                if (n != '=') {
                    return set(INVALID, pos, p);
                }
                p++;
                break;
            case '.':
                if (n == '.' && n2 == '.') {
                    p += 2;
                }
                break;
            default:
                // a surrogate pair is one invalid character, not two
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(n)) {
                    p++;
                }
                return set(INVALID, pos, p);
        }
        return set(OP, pos, p);
    }

    private int currentLineIndent(int offset) {
        int lineStart = offset;
        while (lineStart > 0 && src.charAt(lineStart - 1) != '\n' && src.charAt(lineStart - 1) != '\r') {
            lineStart--;
        }
        int p = lineStart;
        while (p < offset && (src.charAt(p) == ' ' || src.charAt(p) == '\t' || src.charAt(p) == '\f')) {
            p++;
        }
        return columnOf(p);
    }

    // ------------------------------------------------------------------------------------------------ strings

    private boolean isStringStart(int p) {
        char c = src.charAt(p);
        if (c == '\'' || c == '"') {
            return true;
        }
        char c1 = p + 1 < length ? src.charAt(p + 1) : 0;
        char c2 = p + 2 < length ? src.charAt(p + 2) : 0;
        if ((c == 'r' || c == 'u' || c == 'b' || c == 'f') && (c1 == '\'' || c1 == '"')) {
            return true;
        }
        boolean twoCharPrefix = (c == 'r' && (c1 == 'b' || c1 == 'f')) || ((c == 'b' || c == 'f') && c1 == 'r');
        return twoCharPrefix && (c2 == '\'' || c2 == '"');
    }

    private int string() {
        int p = pos;
        boolean raw = false;
        boolean bytes = false;
        boolean fstring = false;
        while (src.charAt(p) != '\'' && src.charAt(p) != '"') {
            switch (src.charAt(p)) {
                case 'r': raw = true; break;
                case 'b': bytes = true; break;
                case 'f': fstring = true; break;
                default: break;
            }
            p++;
        }
        StringInfo info = new StringInfo(bytes, raw, fstring, p - pos);
        char quote = src.charAt(p);
        p++;
        int quotes = 1;
        if (p + 1 < length && src.charAt(p) == quote && src.charAt(p + 1) == quote) {
            quotes = 3;
            p += 2;
        }
        info.quotes = quotes;
        int closing = 0;
        while (p < length && (quotes > 1 || !isLineBreak(p)) && closing < quotes) {
            char c = src.charAt(p);
            if (c == quote) {
                closing++;
            } else {
                closing = 0;
                while (fstring && p < length && src.charAt(p) == '{') {
                    p++;
                    if (p < length && src.charAt(p) == '{') {
                        p++;
                    } else {
                        p = fstringArgument(p, info);
                    }
                }
                if (p < length && src.charAt(p) == '\\') {
                    p = escape(p, info);
                }
            }
            if (p < length) {
                p += isLineBreak(p) ? lineBreakLength(p) : 1;
            }
        }
        info.terminated = closing == quotes;
        return setString(p, info);
    }

    /** Scans one f-string replacement field's expression from {@code p}, as MicroPython does; returns its end. */
    private int fstringArgument(int p, StringInfo info) {
        int argStart = p;
        int level = 0;
        while (p < length) {
            char c = src.charAt(p);
            if (level == 0) {
                if (c == ':' || c == '}') {
                    break;
                }
                if (c == '!' && p + 2 < length && (src.charAt(p + 1) == 'r' || src.charAt(p + 1) == 's')
                        && (src.charAt(p + 2) == ':' || src.charAt(p + 2) == '}')) {
                    break;
                }
            }
            if (c == '[' || c == '{') {
                level++;
            } else if (c == ']' || c == '}') {
                level--;
            }
            p++;
        }
        int argEnd = p;
        if (argEnd > argStart && src.charAt(argEnd - 1) == '=') {
            argEnd--; // f'{a=}' formats as 'a={}'.format(a)
        }
        info.addArgument(argStart, argEnd);
        return p;
    }

    /** {@code p} is at a backslash inside a string; returns the offset of the escape's last character. */
    private int escape(int p, StringInfo info) {
        p++;
        if (p >= length) {
            return p;
        }
        if (info.raw) {
            return p;
        }
        char c = src.charAt(p);
        int hexDigits = 0;
        switch (c) {
            case 'u': case 'U':
                if (info.bytes) {
                    return p;
                }
                hexDigits = c == 'u' ? 4 : 8;
                break;
            case 'x':
                hexDigits = 2;
                break;
            case 'N':
                info.error(StringInfo.UNICODE_NAME_ESCAPE, p - 1);
                return p;
            default:
                if (c >= '0' && c <= '7') {
                    int digits = 3;
                    while (p + 1 < length && src.charAt(p + 1) >= '0' && src.charAt(p + 1) <= '7' && --digits != 0) {
                        p++;
                    }
                }
                return p;
        }
        long value = 0;
        int escapeStart = p - 1;
        for (int i = 0; i < hexDigits; i++) {
            p++;
            int d = p < length ? Character.digit(src.charAt(p), 16) : -1;
            if (d < 0 || src.charAt(p) > 'f') {
                info.error(StringInfo.BAD_ESCAPE, escapeStart);
                return p; // MicroPython then consumes this character as part of the string
            }
            value = (value << 4) + d;
        }
        if (value >= 0x110000) {
            info.error(StringInfo.BAD_ESCAPE, escapeStart);
        }
        return p;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private boolean isKeyword(int from, int to) {
        int n = to - from;
        if (n < 2 || n > 9) {
            return false;
        }
        for (String k : KEYWORDS) {
            if (k.length() == n && regionMatches(from, k)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWithAny(int at, String[] words) {
        for (String w : words) {
            int end = at + w.length();
            if (end <= length && regionMatches(at, w) && (end == length || !isIdentPart(src.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(int from, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (src.charAt(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isLineBreak(int p) {
        return p < length && (src.charAt(p) == '\n' || src.charAt(p) == '\r');
    }

    private int lineBreakLength(int p) {
        return src.charAt(p) == '\r' && p + 1 < length && src.charAt(p + 1) == '\n' ? 2 : 1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentStart(char c) {
        return isAsciiLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c);
    }

    private int hidden(int k, int to) {
        return set(k, pos, to);
    }

    private int setString(int to, StringInfo info) {
        set(STRING, pos, to);
        stringInfo = info;
        return STRING;
    }

    private int set(int k, int from, int to) {
        kind = k;
        start = from;
        end = to;
        pos = Math.max(pos, to);
        return k;
    }
}
