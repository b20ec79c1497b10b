package dev.mprt.stubs.csrc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small C preprocessor: line splicing, comments, {@code #define/#undef}, the conditional directives and
 * {@code #include} of files found in the MicroPython tree. Includes that cannot be found (toolchain and SDK
 * headers, which Debian's source tree does not have) are skipped; the board's override file defines the few
 * macros they would have provided. The result is the active text of a file, which {@link CIndex} scans.
 */
public final class Preprocessor {

    private final Path root;
    private final List<Path> includeDirs;
    private final MacroEnv env;
    private final Predicate<Path> follow;
    private final Set<Path> once = new HashSet<>();
    private final boolean includeOnce;

    /**
     * @param follow        which resolved includes to read (the others are skipped)
     * @param includeOnce   read every included file at most once (for configuration headers)
     */
    public Preprocessor(Path root, List<Path> includeDirs, MacroEnv env, Predicate<Path> follow, boolean includeOnce) {
        this.root = root;
        this.includeDirs = includeDirs;
        this.env = env;
        this.follow = follow;
        this.includeOnce = includeOnce;
    }

    public MacroEnv env() {
        return env;
    }

    /** Returns the active (non-directive) lines of {@code file}, with followed includes inlined. */
    public String process(Path file) {
        StringBuilder out = new StringBuilder();
        processInto(file, out, 0);
        return out.toString();
    }

    private void processInto(Path file, StringBuilder out, int depth) {
        if (depth > 30) {
            return;
        }
        Path norm = file.toAbsolutePath().normalize();
        if (includeOnce && !once.add(norm)) {
            return;
        }
        String text;
        try {
            text = Files.readString(norm, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String clean = stripComments(text.replace("\r\n", "\n").replace("\\\n", " "));
        // conditional stack: each frame = {parentActive, taken, active}
        Deque<boolean[]> stack = new ArrayDeque<>();
        boolean active = true;
        for (String line : clean.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#")) {
                String d = t.substring(1).strip();
                String kw = word(d);
                String rest = d.substring(kw.length()).strip();
                switch (kw) {
                    case "if" -> {
                        boolean v = active && ExprEval.eval(rest, env) != 0;
                        stack.push(new boolean[] {active, v, v});
                        active = v;
                    }
                    case "ifdef", "ifndef" -> {
                        boolean def = env.isDefined(word(rest));
                        boolean v = active && (kw.equals("ifdef") == def);
                        stack.push(new boolean[] {active, v, v});
                        active = v;
                    }
                    case "elif" -> {
                        if (stack.isEmpty()) {
                            break;
                        }
                        boolean[] f = stack.peek();
                        boolean v = f[0] && !f[1] && ExprEval.eval(rest, env) != 0;
                        if (v) {
                            f[1] = true;
                        }
                        f[2] = v;
                        active = v;
                    }
                    case "else" -> {
                        if (stack.isEmpty()) {
                            break;
                        }
                        boolean[] f = stack.peek();
                        boolean v = f[0] && !f[1];
                        f[1] = true;
                        f[2] = v;
                        active = v;
                    }
                    case "endif" -> {
                        if (!stack.isEmpty()) {
                            active = stack.pop()[0];
                        }
                    }
                    case "define" -> {
                        if (active) {
                            env.defineFromDirective(rest);
                        }
                    }
                    case "undef" -> {
                        if (active) {
                            env.undef(word(rest));
                        }
                    }
                    case "include" -> {
                        if (active) {
                            Path inc = resolveInclude(rest, norm.getParent());
                            if (inc != null && follow.test(inc)) {
                                processInto(inc, out, depth + 1);
                            }
                        }
                    }
                    default -> {
                        // #error, #warning, #pragma, #line: nothing to do
                    }
                }
                out.append('\n');
            } else {
                if (active) {
                    out.append(expandTableMacros(line));
                }
                out.append('\n');
            }
        }
    }

    /**
     * A line that only invokes macros which expand to table entries ({@code MICROPY_PY_ERRNO_LIST} with its
     * {@code X(e)} defined just before the table, unix socket's {@code C(AF_INET),}) is expanded here, while the
     * helper macros are defined; the {@code MP_ROM_*} wrappers stay as they are for the table scanner.
     */
    private String expandTableMacros(String line) {
        Matcher m = MACRO_LINE.matcher(line);
        if (!m.matches() || env.get(m.group(1)) == null) {
            return line;
        }
        Set<String> keep = new HashSet<>();
        for (String name : env.all().keySet()) {
            if (name.startsWith("MP_ROM_") || name.startsWith("MP_OBJ_NEW_") || name.startsWith("MP_QSTR")
                    || name.startsWith("MP_DEFINE_CONST_")) {
                keep.add(name);
            }
        }
        String expanded = env.expand(line, keep);
        return expanded.contains("MP_QSTR_") ? expanded : line;
    }

    private static final Pattern MACRO_LINE = Pattern.compile("\\s*([A-Z_][A-Za-z0-9_]*)\\s*(\\([^;{}=]*\\))?\\s*,?\\s*");

    private Path resolveInclude(String spec, Path currentDir) {
        String s = spec.strip();
        boolean quoted;
        String name;
        if (s.startsWith("\"")) {
            int end = s.indexOf('"', 1);
            name = end > 0 ? s.substring(1, end) : s.substring(1);
            quoted = true;
        } else if (s.startsWith("<")) {
            int end = s.indexOf('>');
            name = end > 0 ? s.substring(1, end) : s.substring(1);
            quoted = false;
        } else {
            // #include MACRO: expand and try again
            String expanded = env.expand(s).strip();
            if (expanded.equals(s) || expanded.isEmpty()) {
                return null;
            }
            return resolveInclude(expanded, currentDir);
        }
        if (quoted && currentDir != null) {
            Path p = currentDir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path dir : includeDirs) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        Path p = root.resolve(name);
        return Files.isRegularFile(p) ? p : null;
    }

    private static String word(String s) {
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return s.substring(0, i);
    }

    /** Removes C comments, keeping string and character literals and line structure. */
    public static String stripComments(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                int j = MacroEnv.skipLiteral(s, i);
                out.append(s, i, j);
                i = j;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                for (int k = i; k < stop; k++) {
                    if (s.charAt(k) == '\n') {
                        out.append('\n');
                    }
                }
                out.append(' ');
                i = stop;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
