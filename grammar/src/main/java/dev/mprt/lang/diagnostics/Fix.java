package dev.mprt.lang.diagnostics;

import java.util.List;

/**
 * A quick fix for a diagnostic: a title for the editor's menu and edits of the diagnostic's own document, applied
 * together. Edits do not overlap.
 */
public record Fix(String title, List<Edit> edits) {

    public Fix {
        edits = List.copyOf(edits);
    }

    public static Fix of(String title, Edit... edits) {
        return new Fix(title, List.of(edits));
    }

    /** Replace the UTF-16 range {@code [start, end)} by {@code text}; {@code start == end} inserts. */
    public record Edit(int start, int end, String text) {

        public static Edit insert(int offset, String text) {
            return new Edit(offset, offset, text);
        }
    }

    /** The document's text with this fix applied (for tests and for the command line). */
    public String applyTo(String text) {
        StringBuilder sb = new StringBuilder(text);
        edits.stream().sorted((a, b) -> Integer.compare(b.start(), a.start()))
                .forEach(e -> sb.replace(e.start(), e.end(), e.text()));
        return sb.toString();
    }
}
