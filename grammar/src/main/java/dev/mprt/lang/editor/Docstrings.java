package dev.mprt.lang.editor;

/** The text of a docstring literal: quotes and prefix removed, common indentation stripped. */
final class Docstrings {

    private Docstrings() {
    }

    static String text(String literal) {
        int q = 0;
        while (q < literal.length() && literal.charAt(q) != '"' && literal.charAt(q) != '\'') {
            q++;
        }
        String body = literal.substring(q);
        int quotes = body.startsWith("\"\"\"") || body.startsWith("'''") ? 3 : 1;
        body = body.length() >= 2 * quotes ? body.substring(quotes, body.length() - quotes) : body;
        String[] lines = body.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (!l.isBlank()) {
                int k = 0;
                while (k < l.length() && l.charAt(k) == ' ') {
                    k++;
                }
                indent = Math.min(indent, k);
            }
        }
        StringBuilder sb = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            sb.append('\n').append(indent != Integer.MAX_VALUE && l.length() >= indent ? l.substring(indent) : l.strip());
        }
        return sb.toString().strip();
    }
}
