package dev.mprt.stubs.sig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A call signature as MicroPython's docs write it, converted to valid Python stub syntax.
 *
 * <p>Doc signatures use {@code [optional]} brackets (possibly nested), {@code ...} for "more arguments",
 * quoted names ({@code 'param'}), placeholders ({@code param=value}) and defaults that are expressions
 * ({@code Pin.IRQ_FALLING | Pin.IRQ_RISING}). The parser turns each into a {@link Param}; {@link #normalise()}
 * then enforces Python's parameter-order rules.
 */
public final class Signature {

    /** How a parameter is passed. */
    public enum Mode { POSITIONAL_ONLY, NORMAL, VAR_POSITIONAL, KEYWORD_ONLY, VAR_KEYWORD }

    /** One parameter: {@code defaultValue} is null when it has none, "..." when it is optional. */
    public static final class Param {
        public String name;
        public Mode mode;
        public String defaultValue;
        public String docDefault;
        public String type;

        Param(String name, Mode mode, String defaultValue, String docDefault) {
            this.name = name;
            this.mode = mode;
            this.defaultValue = defaultValue;
            this.docDefault = docDefault;
        }
    }

    public final List<Param> params = new ArrayList<>();
    public boolean isAsync;
    /** what could not be represented (reported in the stub as a comment), empty when the conversion was exact */
    public final List<String> notes = new ArrayList<>();

    private static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");

    /**
     * Parses the text after the name, e.g. {@code "(handler=None, trigger=..., *, hard=False)"}. Text without
     * parentheses (a class directive without a signature) gives an empty parameter list.
     */
    public static Signature parse(String text) {
        Signature sig = new Signature();
        String t = text.strip();
        int open = t.indexOf('(');
        if (open < 0) {
            return sig;
        }
        int close = matching(t, open);
        String inner = close < 0 ? t.substring(open + 1) : t.substring(open + 1, close);
        // split into raw parameters, tracking [optional] nesting
        int depth = 0;
        int optional = 0;
        StringBuilder cur = new StringBuilder();
        int curOptional = 0;
        List<String[]> raw = new ArrayList<>(); // {text, optional?}
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '\'' || c == '"') {
                int j = inner.indexOf(c, i + 1);
                j = j < 0 ? inner.length() - 1 : j;
                if (cur.toString().isBlank()) {
                    curOptional = optional;
                }
                cur.append(inner, i, j + 1);
                i = j;
                continue;
            }
            if (depth == 0 && (c == '[' || c == ']' || c == ',')) {
                if (!cur.toString().isBlank()) {
                    raw.add(new String[] {cur.toString().strip(), Integer.toString(curOptional)});
                }
                cur.setLength(0);
                if (c == '[') {
                    optional++;
                } else if (c == ']') {
                    optional = Math.max(0, optional - 1);
                }
                curOptional = optional;
                continue;
            }
            if (c == '(' || c == '{' || (c == '[' && depth > 0)) {
                depth++;
            } else if (c == ')' || c == '}' || (c == ']' && depth > 0)) {
                depth--;
            }
            if (cur.toString().isBlank()) {
                curOptional = optional;
            }
            cur.append(c);
        }
        if (!cur.toString().isBlank()) {
            raw.add(new String[] {cur.toString().strip(), Integer.toString(curOptional)});
        }

        Mode mode = Mode.NORMAL;
        for (String[] r : raw) {
            String p = r[0];
            boolean opt = !r[1].equals("0");
            if (p.equals("/")) {
                for (Param q : sig.params) {
                    if (q.mode == Mode.NORMAL) {
                        q.mode = Mode.POSITIONAL_ONLY;
                    }
                }
                continue;
            }
            if (p.equals("*") || p.equals("**")) {
                mode = Mode.KEYWORD_ONLY;
                sig.params.add(new Param("*", Mode.KEYWORD_ONLY, null, null));
                continue;
            }
            if (p.equals("...") || p.endsWith("...") && !p.contains("=")) {
                // "more arguments"
                // "fmt, v1, v2, ...": the numbered parameters before "..." are the start of the variable part
                while (!sig.params.isEmpty() && sig.params.get(sig.params.size() - 1).name.matches("[A-Za-z_]+\\d+")
                        && sig.params.get(sig.params.size() - 1).mode != Mode.VAR_KEYWORD) {
                    sig.params.remove(sig.params.size() - 1);
                }
                String base = p.replace("...", "").strip();
                if (!base.isEmpty() && base.matches("[A-Za-z_]\\w*")) {
                    sig.params.add(new Param(base, mode, opt ? "..." : null, null));
                }
                // be permissive: further positional and keyword arguments ("param=value, ..." is keywords only)
                boolean afterKw = !sig.params.isEmpty()
                        && sig.params.get(sig.params.size() - 1).mode == Mode.VAR_KEYWORD;
                if (mode != Mode.KEYWORD_ONLY && !afterKw) {
                    sig.params.add(new Param("*args", Mode.VAR_POSITIONAL, null, null));
                    mode = Mode.KEYWORD_ONLY;
                }
                sig.params.add(new Param("**kwargs", Mode.VAR_KEYWORD, null, null));
                continue;
            }
            if (p.startsWith("**")) {
                sig.params.add(new Param("**" + ident(p.substring(2)), Mode.VAR_KEYWORD, null, null));
                continue;
            }
            if (p.startsWith("*")) {
                sig.params.add(new Param("*" + ident(p.substring(1)), Mode.VAR_POSITIONAL, null, null));
                mode = Mode.KEYWORD_ONLY;
                continue;
            }
            String name = p;
            String def = null;
            int eq = topLevelEquals(p);
            if (eq >= 0) {
                name = p.substring(0, eq).strip();
                def = p.substring(eq + 1).strip();
            }
            if (name.startsWith("(")) {
                // "(adcx, adcy, ...)": a tuple argument
                sig.notes.add("tuple parameter " + name);
                name = "args";
            }
            String id = ident(name);
            if (id.isEmpty()) {
                sig.notes.add("unparsable parameter " + p);
                continue;
            }
            // keyword-only parameters are optional in MicroPython's APIs even where the docs give no default
            String stubDefault = def == null ? (opt || mode == Mode.KEYWORD_ONLY ? "..." : null) : stubDefault(def);
            if (def != null && def.equals("value") && name.equals("param")) {
                // "param=value, ...": keyword configuration
                sig.params.add(new Param("**kwargs", Mode.VAR_KEYWORD, null, null));
                continue;
            }
            sig.params.add(new Param(id, mode, stubDefault, def));
        }
        return sig;
    }

    /** Makes the parameter list valid Python: order, defaults, duplicate and reserved names. */
    public Signature normalise() {
        // at most one "*" marker, none when a *args exists, and not as the last parameter
        boolean hasVarPos = params.stream().anyMatch(p -> p.mode == Mode.VAR_POSITIONAL);
        List<Param> out = new ArrayList<>();
        boolean star = false;
        for (Param p : params) {
            if (p.name.equals("*")) {
                if (hasVarPos || star) {
                    continue;
                }
                star = true;
            }
            if (p.mode == Mode.VAR_POSITIONAL && out.stream().anyMatch(q -> q.mode == Mode.VAR_POSITIONAL)) {
                continue;
            }
            if (p.mode == Mode.VAR_KEYWORD && out.stream().anyMatch(q -> q.mode == Mode.VAR_KEYWORD)) {
                continue;
            }
            out.add(p);
        }
        // a bare "*" needs a keyword-only parameter after it
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name.equals("*")) {
                boolean kwAfter = false;
                for (int j = i + 1; j < out.size(); j++) {
                    if (out.get(j).mode == Mode.KEYWORD_ONLY) {
                        kwAfter = true;
                    }
                }
                if (!kwAfter) {
                    out.remove(i);
                    i--;
                }
            }
        }
        // order: positional-only, normal, *args/*, keyword-only, **kwargs
        List<Param> sorted = new ArrayList<>();
        for (Mode m : new Mode[] {Mode.POSITIONAL_ONLY, Mode.NORMAL}) {
            for (Param p : out) {
                if (p.mode == m && !p.name.equals("*")) {
                    sorted.add(p);
                }
            }
        }
        for (Param p : out) {
            if (p.mode == Mode.VAR_POSITIONAL || p.name.equals("*")) {
                sorted.add(p);
                break;
            }
        }
        for (Param p : out) {
            if (p.mode == Mode.KEYWORD_ONLY && !p.name.equals("*")) {
                sorted.add(p);
            }
        }
        for (Param p : out) {
            if (p.mode == Mode.VAR_KEYWORD) {
                sorted.add(p);
            }
        }
        // a keyword-only marker is needed when keyword-only parameters exist without *args
        boolean hasKwOnly = sorted.stream().anyMatch(p -> p.mode == Mode.KEYWORD_ONLY && !p.name.equals("*"));
        boolean hasMarker = sorted.stream().anyMatch(p -> p.name.equals("*") || p.mode == Mode.VAR_POSITIONAL);
        if (hasKwOnly && !hasMarker) {
            int idx = 0;
            while (idx < sorted.size() && (sorted.get(idx).mode == Mode.POSITIONAL_ONLY
                    || sorted.get(idx).mode == Mode.NORMAL)) {
                idx++;
            }
            sorted.add(idx, new Param("*", Mode.KEYWORD_ONLY, null, null));
        }
        // positional parameters after one with a default also get a default
        boolean seenDefault = false;
        for (Param p : sorted) {
            if (p.mode == Mode.POSITIONAL_ONLY || p.mode == Mode.NORMAL) {
                if (p.defaultValue != null) {
                    seenDefault = true;
                } else if (seenDefault) {
                    p.defaultValue = "...";
                }
            }
        }
        // unique, non-reserved names
        Set<String> seen = new HashSet<>();
        for (Param p : sorted) {
            if (p.name.equals("*")) {
                continue;
            }
            String prefix = p.name.startsWith("**") ? "**" : p.name.startsWith("*") ? "*" : "";
            String base = p.name.substring(prefix.length());
            if (KEYWORDS.contains(base)) {
                base = base + "_";
            }
            String n = base;
            int k = 2;
            while (!seen.add(n)) {
                n = base + "_" + k++;
            }
            p.name = prefix + n;
        }
        params.clear();
        params.addAll(sorted);
        return this;
    }

    /** True when the parameter list can take keyword arguments. */
    public boolean acceptsKeywords() {
        return params.stream().anyMatch(p -> p.mode == Mode.NORMAL || p.mode == Mode.KEYWORD_ONLY
                || p.mode == Mode.VAR_KEYWORD);
    }

    /**
     * Fits the positional parameters to a C function's argument counts (without keywords, the counts are the whole
     * truth): parameters beyond {@code min} become optional, and up to {@code max} extra optional ones are added
     * when the docs list fewer ({@code time.mktime()} documented without its tuple). Returns whether it changed.
     */
    public boolean fitArity(int min, int max) {
        if (params.stream().anyMatch(p -> p.mode == Mode.KEYWORD_ONLY || p.mode == Mode.VAR_KEYWORD)) {
            return false;
        }
        boolean changed = false;
        int positional = 0;
        boolean varArgs = false;
        for (Param p : params) {
            if (p.mode == Mode.VAR_POSITIONAL) {
                varArgs = true;
            } else if (p.mode == Mode.NORMAL || p.mode == Mode.POSITIONAL_ONLY) {
                if (positional >= min && p.defaultValue == null) {
                    p.defaultValue = "...";
                    changed = true;
                }
                positional++;
            }
        }
        if (!varArgs && max != Integer.MAX_VALUE && positional < max && max - positional <= 6) {
            int at = 0;
            while (at < params.size() && params.get(at).mode != Mode.VAR_POSITIONAL
                    && params.get(at).mode != Mode.KEYWORD_ONLY && params.get(at).mode != Mode.VAR_KEYWORD) {
                at++;
            }
            for (int i = positional; i < max; i++) {
                params.add(at++, new Param("arg" + i, Mode.POSITIONAL_ONLY, i < min ? null : "...", null));
            }
            changed = true;
        }
        return changed;
    }

    /** Marks all positional parameters as positional-only (for C functions that take no keywords). */
    public void makePositionalOnly() {
        for (Param p : params) {
            if (p.mode == Mode.NORMAL) {
                p.mode = Mode.POSITIONAL_ONLY;
            }
        }
    }

    /** Renders "(self, a: int, /, b=..., *, c: bool = False)" with the given first parameter. */
    public String render(String first) {
        List<String> parts = new ArrayList<>();
        if (first != null) {
            parts.add(first);
        }
        boolean slashNeeded = params.stream().anyMatch(p -> p.mode == Mode.POSITIONAL_ONLY);
        boolean slashDone = false;
        for (Param p : params) {
            if (slashNeeded && !slashDone && p.mode != Mode.POSITIONAL_ONLY) {
                parts.add("/");
                slashDone = true;
            }
            if (p.name.equals("*")) {
                parts.add("*");
                continue;
            }
            StringBuilder sb = new StringBuilder(p.name);
            if (p.type != null) {
                sb.append(": ").append(p.type);
            }
            if (p.defaultValue != null && p.mode != Mode.VAR_POSITIONAL && p.mode != Mode.VAR_KEYWORD) {
                sb.append(p.type != null ? " = " : "=").append(p.defaultValue);
            }
            parts.add(sb.toString());
        }
        if (slashNeeded && !slashDone) {
            parts.add("/");
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /** A literal default that is valid (and useful) in a stub, else "...". */
    static String stubDefault(String def) {
        String d = def.strip();
        if (d.matches("-?\\d+") || d.matches("-?0[xX][0-9a-fA-F]+") || d.matches("-?\\d+\\.\\d*([eE]-?\\d+)?")
                || d.equals("None") || d.equals("True") || d.equals("False")
                || d.matches("'[^'\\\\]*'") || d.matches("\"[^\"\\\\]*\"") || d.matches("b'[^'\\\\]*'")) {
            return d;
        }
        return "...";
    }

    private static String ident(String s) {
        String t = s.strip().replace("'", "").replace("\"", "");
        if (t.matches("[A-Za-z_]\\w*")) {
            return t;
        }
        String cleaned = t.replaceAll("[^A-Za-z0-9_]", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
        if (cleaned.isEmpty()) {
            return "";
        }
        return Character.isDigit(cleaned.charAt(0)) ? "_" + cleaned : cleaned;
    }

    private static int topLevelEquals(String p) {
        int depth = 0;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '=' && depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int matching(String t, int open) {
        int depth = 0;
        for (int i = open; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\'' || c == '"') {
                int j = t.indexOf(c, i + 1);
                if (j > 0) {
                    i = j;
                }
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
