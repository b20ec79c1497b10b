package dev.mprt.stubs.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level names of a frozen Python module in the tree: functions and classes (with their def signatures),
 * assignments, and star imports, which the generator resolves against the board's other modules.
 */
public final class PyScanner {

    /** One top-level (or class-level) definition. */
    public static final class Def {
        public final String kind; // def, class, var
        public final String name;
        public final String signature; // "(a, b=1)" for def; bases "(X)" for class
        public final String decorator;
        public final String doc;
        public final Map<String, Def> members = new LinkedHashMap<>();

        Def(String kind, String name, String signature, String decorator, String doc) {
            this.kind = kind;
            this.name = name;
            this.signature = signature;
            this.decorator = decorator;
            this.doc = doc;
        }
    }

    public final Map<String, Def> defs = new LinkedHashMap<>();
    /** modules star-imported ("from _rp2 import *"), relative names start with "." */
    public final List<String> starImports = new ArrayList<>();
    /** names imported explicitly at top level ("from .core import sleep"), which are re-exported */
    public final Map<String, String> importedNames = new LinkedHashMap<>();

    private static final Pattern DEF = Pattern.compile("^(\\s*)(?:async\\s+)?def\\s+(\\w+)\\s*(\\(.*)$");
    private static final Pattern CLASS = Pattern.compile("^class\\s+(\\w+)\\s*(\\([^)]*\\))?\\s*:");
    private static final Pattern VAR = Pattern.compile("^([A-Za-z_]\\w*)\\s*(?::[^=]*)?=(?!=)");
    private static final Pattern STAR = Pattern.compile("^from\\s+([.\\w]+)\\s+import\\s+\\*");
    private static final Pattern FROM = Pattern.compile("^from\\s+([.\\w]+)\\s+import\\s+(.+)$");

    public static PyScanner scan(Path file) throws IOException {
        PyScanner s = new PyScanner();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Def currentClass = null;
        String decorator = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            boolean top = !Character.isWhitespace(line.charAt(0));
            if (top) {
                currentClass = null;
            }
            String t = line.strip();
            if (t.startsWith("@")) {
                decorator = t.substring(1);
                continue;
            }
            Matcher d = DEF.matcher(line);
            if (d.matches() && (top || currentClass != null && d.group(1).length() == 4)) {
                StringBuilder sig = new StringBuilder(d.group(3));
                int j = i;
                while (!balanced(sig) && j + 1 < lines.size()) {
                    sig.append(' ').append(lines.get(++j).strip());
                }
                String text = sig.toString();
                int close = closing(text);
                String params = close > 0 ? text.substring(0, close + 1) : "()";
                params = params.replaceAll(":\\s*[\\w.\\[\\], |]+(?=\\s*[,=)])", "");
                String doc = docstring(lines, j + 1);
                Def def = new Def("def", d.group(2), params, decorator, doc);
                if (top) {
                    s.defs.put(def.name, def);
                } else {
                    currentClass.members.put(def.name, def);
                }
                decorator = null;
                i = j;
                continue;
            }
            decorator = null;
            if (!top) {
                if (currentClass != null) {
                    Matcher v = VAR.matcher(line.substring(Math.min(4, line.length())));
                    if (line.startsWith("    ") && !line.startsWith("     ") && v.find()) {
                        currentClass.members.putIfAbsent(v.group(1), new Def("var", v.group(1), null, null, ""));
                    }
                }
                continue;
            }
            Matcher c = CLASS.matcher(line);
            if (c.find()) {
                currentClass = new Def("class", c.group(1), c.group(2) == null ? "" : c.group(2), null,
                        docstring(lines, i + 1));
                s.defs.put(currentClass.name, currentClass);
                continue;
            }
            Matcher st = STAR.matcher(t);
            if (st.find()) {
                s.starImports.add(st.group(1));
                continue;
            }
            Matcher f = FROM.matcher(t);
            if (f.find()) {
                for (String n : f.group(2).replace("(", "").replace(")", "").split(",")) {
                    String[] as = n.strip().split("\\s+as\\s+");
                    String name = as[as.length - 1].strip();
                    if (name.matches("[A-Za-z_]\\w*")) {
                        s.importedNames.put(name, f.group(1));
                    }
                }
                continue;
            }
            Matcher v = VAR.matcher(t);
            if (v.find()) {
                s.defs.putIfAbsent(v.group(1), new Def("var", v.group(1), null, null, ""));
            }
        }
        return s;
    }

    private static String docstring(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("\"\"\"") || t.startsWith("'''")) {
                String q = t.substring(0, 3);
                String rest = t.substring(3);
                if (rest.contains(q)) {
                    return rest.substring(0, rest.indexOf(q)).strip();
                }
                StringBuilder sb = new StringBuilder(rest).append('\n');
                for (int j = i + 1; j < lines.size(); j++) {
                    String l = lines.get(j);
                    if (l.contains(q)) {
                        sb.append(l, 0, l.indexOf(q));
                        break;
                    }
                    sb.append(l.strip()).append('\n');
                }
                return sb.toString().strip();
            }
            return "";
        }
        return "";
    }

    private static boolean balanced(CharSequence s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        return depth <= 0;
    }

    private static int closing(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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
