package dev.mprt.stubs.csrc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The C preprocessor's macro table, with just enough expansion for MicroPython's configuration logic: object-like
 * and function-like macros (no {@code #} / {@code ##} operators, which configuration macros do not use).
 */
public final class MacroEnv {

    /** A macro: {@code params == null} for an object-like macro. */
    public record Macro(String name, List<String> params, boolean variadic, String body) {
    }

    private final Map<String, Macro> macros;

    private static final String PASTE = "\u0001";

    public MacroEnv() {
        this.macros = new LinkedHashMap<>();
    }

    private MacroEnv(Map<String, Macro> macros) {
        this.macros = new LinkedHashMap<>(macros);
    }

    public MacroEnv copy() {
        return new MacroEnv(macros);
    }

    public void define(String name, String body) {
        macros.put(name, new Macro(name, null, false, body == null ? "" : body.strip()));
    }

    public void define(Macro macro) {
        macros.put(macro.name(), macro);
    }

    public void undef(String name) {
        macros.remove(name);
    }

    public boolean isDefined(String name) {
        return macros.containsKey(name);
    }

    public Macro get(String name) {
        return macros.get(name);
    }

    public Map<String, Macro> all() {
        return macros;
    }

    /** Parses the text after {@code #define}. */
    public void defineFromDirective(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        String name = text.substring(start, i);
        if (name.isEmpty()) {
            return;
        }
        if (i < n && text.charAt(i) == '(') {
            int close = text.indexOf(')', i);
            if (close < 0) {
                return;
            }
            List<String> params = new ArrayList<>();
            boolean variadic = false;
            for (String p : text.substring(i + 1, close).split(",")) {
                p = p.strip();
                if (p.isEmpty()) {
                    continue;
                }
                if (p.equals("...")) {
                    variadic = true;
                    params.add("__VA_ARGS__");
                } else {
                    params.add(p);
                }
            }
            macros.put(name, new Macro(name, params, variadic, text.substring(close + 1).strip()));
        } else {
            macros.put(name, new Macro(name, null, false, text.substring(i).strip()));
        }
    }

    // ---- expansion --------------------------------------------------------------------------------------------

    /** Expands all macros in {@code text} (C-style rescanning, a macro is not expanded inside itself). */
    public String expand(String text) {
        return expand(text, new HashSet<>(), 0);
    }

    /** Expands all macros in {@code text} except those named in {@code keep}. */
    public String expand(String text, Set<String> keep) {
        return expand(text, new HashSet<>(keep), 0);
    }

    private String expand(String text, Set<String> disabled, int depth) {
        if (depth > 40) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = skipLiteral(text, i);
                out.append(text, i, j);
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
                    j++;
                }
                String id = text.substring(i, j);
                Macro m = macros.get(id);
                if (m == null || disabled.contains(id)) {
                    out.append(id);
                    i = j;
                    continue;
                }
                if (m.params() == null) {
                    Set<String> d = new HashSet<>(disabled);
                    d.add(id);
                    out.append(' ').append(expand(m.body(), d, depth + 1)).append(' ');
                    i = j;
                    continue;
                }
                // function-like: needs an argument list
                int k = j;
                while (k < n && Character.isWhitespace(text.charAt(k))) {
                    k++;
                }
                if (k >= n || text.charAt(k) != '(') {
                    out.append(id);
                    i = j;
                    continue;
                }
                List<String> args = new ArrayList<>();
                int end = splitArgs(text, k, args);
                if (end < 0) {
                    out.append(id);
                    i = j;
                    continue;
                }
                String body = substitute(m, args, disabled, depth);
                Set<String> d = new HashSet<>(disabled);
                d.add(id);
                out.append(' ').append(expand(body, d, depth + 1)).append(' ');
                i = end;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                out.append(text, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String substitute(Macro m, List<String> args, Set<String> disabled, int depth) {
        Map<String, String> bind = new LinkedHashMap<>();
        List<String> params = m.params();
        for (int p = 0; p < params.size(); p++) {
            String name = params.get(p);
            if (m.variadic() && p == params.size() - 1) {
                bind.put(name, p < args.size() ? String.join(",", args.subList(p, args.size())) : "");
            } else {
                bind.put(name, p < args.size() ? expand(args.get(p), disabled, depth + 1) : "");
            }
        }
        String body = m.body();
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = body.length();
        while (i < n) {
            char c = body.charAt(i);
            if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(body.charAt(j)) || body.charAt(j) == '_')) {
                    j++;
                }
                String id = body.substring(i, j);
                out.append(bind.getOrDefault(id, id));
                i = j;
            } else if (c == '#' && i + 1 < n && body.charAt(i + 1) == '#') {
                out.append(PASTE);
                i += 2;
            } else if (c == '#') {
                i++; // stringification is not supported: drop the operator
            } else {
                out.append(c);
                i++;
            }
        }
        // token pasting: MP_QSTR_ ## name → MP_QSTR_name (after the parameters are substituted)
        return out.toString().replaceAll("\\s*" + PASTE + "\\s*", "");
    }

    /** Splits the argument list that opens at {@code open}; returns the index after ')' or -1. */
    static int splitArgs(String text, int open, List<String> args) {
        int depth = 0;
        int start = open + 1;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipLiteral(text, i) - 1;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    String last = text.substring(start, i);
                    if (!args.isEmpty() || !last.isBlank()) {
                        args.add(last.strip());
                    }
                    return i + 1;
                }
            } else if (c == ',' && depth == 1) {
                args.add(text.substring(start, i).strip());
                start = i + 1;
            }
        }
        return -1;
    }

    static int skipLiteral(String text, int i) {
        char q = text.charAt(i);
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == q || c == '\n') {
                return j + 1;
            }
            j++;
        }
        return text.length();
    }
}
