package dev.mprt.stubs.emit;

import java.util.ArrayList;
import java.util.List;

/** Turns reStructuredText bodies into plain docstrings and writes them as valid Python string literals. */
public final class Docstrings {

    private Docstrings() {
    }

    /** Removes Sphinx roles and markup that reads badly in a hover, keeping the text. */
    public static String clean(String rst) {
        if (rst == null || rst.isBlank()) {
            return "";
        }
        String s = rst;
        // :role:`text <target>` → text ; :role:`~a.b` → b ; :role:`x` → x
        s = s.replaceAll(":[a-z]+(?::[a-z]+)?:`([^`<]*?)\\s*<[^`>]*>`", "$1");
        s = s.replaceAll(":[a-z]+(?::[a-z]+)?:`~?([^`]*)`", "`$1`");
        s = s.replaceAll("``([^`]+)``", "`$1`");
        // "Example::" → "Example:"
        s = s.replaceAll("(?m)([^:\\s]):: *$", "$1:");
        s = s.replaceAll("(?m)^:: *$", "");
        s = s.replaceAll("(?m)^\\.\\. (note|warning|admonition|seealso)::\\s*", "$1: ");
        s = s.replaceAll("(?m)^\\.\\. [a-z-]+::.*$", "");
        s = s.replaceAll("(?m)^\\.\\. _[\\w.-]+:\\s*$", "");
        List<String> out = new ArrayList<>();
        boolean blank = false;
        for (String l : s.split("\n", -1)) {
            String t = l.stripTrailing();
            if (t.isEmpty()) {
                if (!blank && !out.isEmpty()) {
                    out.add("");
                }
                blank = true;
            } else {
                out.add(t);
                blank = false;
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return String.join("\n", out);
    }

    /** Writes {@code text} as a triple-quoted docstring indented by {@code indent}. */
    public static void write(StringBuilder out, String indent, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        String body = text.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
        if (body.endsWith("\"")) {
            body = body + " ";
        }
        String[] lines = body.split("\n", -1);
        if (lines.length == 1) {
            out.append(indent).append("\"\"\"").append(lines[0]).append("\"\"\"\n");
            return;
        }
        out.append(indent).append("\"\"\"").append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) {
                out.append('\n');
            } else {
                out.append(indent).append(lines[i]).append('\n');
            }
        }
        out.append(indent).append("\"\"\"\n");
    }
}
