package dev.mprt.stubs.csrc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates a {@code #if} expression the way the C preprocessor does: {@code defined} first, then macro expansion,
 * then every remaining identifier is 0, then integer arithmetic.
 */
public final class ExprEval {

    private static final Pattern DEFINED = Pattern.compile("\\bdefined\\s*(?:\\(\\s*(\\w+)\\s*\\)|(\\w+))");

    private final List<String> tokens = new ArrayList<>();
    private int pos;

    private ExprEval() {
    }

    public static long eval(String expr, MacroEnv env) {
        Matcher m = DEFINED.matcher(expr);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            m.appendReplacement(sb, env.isDefined(name) ? " 1 " : " 0 ");
        }
        m.appendTail(sb);
        String expanded = env.expand(sb.toString());
        // a macro's body may itself contain "defined X" (rare, and undefined behaviour in C): handle it once more
        if (expanded.contains("defined")) {
            Matcher m2 = DEFINED.matcher(expanded);
            StringBuilder sb2 = new StringBuilder();
            while (m2.find()) {
                String name = m2.group(1) != null ? m2.group(1) : m2.group(2);
                m2.appendReplacement(sb2, env.isDefined(name) ? " 1 " : " 0 ");
            }
            m2.appendTail(sb2);
            expanded = sb2.toString();
        }
        ExprEval e = new ExprEval();
        e.tokenize(expanded);
        if (e.tokens.isEmpty()) {
            return 0;
        }
        try {
            long v = e.ternary();
            return v;
        } catch (RuntimeException ex) {
            return 0;
        }
    }

    private void tokenize(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(s.substring(i, j));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                tokens.add("0"); // an identifier left after expansion is 0
                i = j;
            } else if (c == '\'') {
                int j = MacroEnv.skipLiteral(s, i);
                String lit = s.substring(i + 1, Math.max(i + 1, j - 1));
                tokens.add(Long.toString(lit.isEmpty() ? 0 : lit.charAt(lit.startsWith("\\") && lit.length() > 1 ? 1 : 0)));
                i = j;
            } else if (c == '"') {
                int j = MacroEnv.skipLiteral(s, i);
                tokens.add("1"); // a string is a non-zero pointer
                i = j;
            } else {
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                if (List.of("||", "&&", "==", "!=", "<=", ">=", "<<", ">>").contains(two)) {
                    tokens.add(two);
                    i += 2;
                } else {
                    tokens.add(String.valueOf(c));
                    i++;
                }
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : "";
    }

    private boolean accept(String t) {
        if (peek().equals(t)) {
            pos++;
            return true;
        }
        return false;
    }

    private long ternary() {
        long c = or();
        if (accept("?")) {
            long a = ternary();
            accept(":");
            long b = ternary();
            return c != 0 ? a : b;
        }
        return c;
    }

    private long or() {
        long v = and();
        while (accept("||")) {
            long r = and();
            v = (v != 0 || r != 0) ? 1 : 0;
        }
        return v;
    }

    private long and() {
        long v = bitor();
        while (accept("&&")) {
            long r = bitor();
            v = (v != 0 && r != 0) ? 1 : 0;
        }
        return v;
    }

    private long bitor() {
        long v = bitxor();
        while (peek().equals("|")) {
            pos++;
            v |= bitxor();
        }
        return v;
    }

    private long bitxor() {
        long v = bitand();
        while (accept("^")) {
            v ^= bitand();
        }
        return v;
    }

    private long bitand() {
        long v = equality();
        while (peek().equals("&")) {
            pos++;
            v &= equality();
        }
        return v;
    }

    private long equality() {
        long v = relational();
        while (true) {
            if (accept("==")) {
                v = v == relational() ? 1 : 0;
            } else if (accept("!=")) {
                v = v != relational() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long relational() {
        long v = shift();
        while (true) {
            if (accept("<=")) {
                v = v <= shift() ? 1 : 0;
            } else if (accept(">=")) {
                v = v >= shift() ? 1 : 0;
            } else if (accept("<")) {
                v = v < shift() ? 1 : 0;
            } else if (accept(">")) {
                v = v > shift() ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long shift() {
        long v = additive();
        while (true) {
            if (accept("<<")) {
                v <<= additive();
            } else if (accept(">>")) {
                v >>= additive();
            } else {
                return v;
            }
        }
    }

    private long additive() {
        long v = multiplicative();
        while (true) {
            if (accept("+")) {
                v += multiplicative();
            } else if (accept("-")) {
                v -= multiplicative();
            } else {
                return v;
            }
        }
    }

    private long multiplicative() {
        long v = unary();
        while (true) {
            if (accept("*")) {
                v *= unary();
            } else if (accept("/")) {
                long d = unary();
                v = d == 0 ? 0 : v / d;
            } else if (accept("%")) {
                long d = unary();
                v = d == 0 ? 0 : v % d;
            } else {
                return v;
            }
        }
    }

    private long unary() {
        if (accept("!")) {
            return unary() == 0 ? 1 : 0;
        }
        if (accept("-")) {
            return -unary();
        }
        if (accept("+")) {
            return unary();
        }
        if (accept("~")) {
            return ~unary();
        }
        return primary();
    }

    private long primary() {
        if (accept("(")) {
            long v = ternary();
            accept(")");
            return v;
        }
        String t = peek();
        pos++;
        return parseNumber(t);
    }

    static long parseNumber(String t) {
        if (t.isEmpty()) {
            return 0;
        }
        String s = t.replaceAll("(?i)[ul]+$", "");
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.startsWith("0b") || s.startsWith("0B")) {
                return Long.parseLong(s.substring(2), 2);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseLong(s.substring(1), 8);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
