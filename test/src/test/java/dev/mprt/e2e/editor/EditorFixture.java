package dev.mprt.e2e.editor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One editor fixture: a Python source with a cursor marker, other workspace files, and the expected results.
 *
 * <pre>
 * from machine import Pin
 * p = Pin('X1', Pin.OUT)
 * p.<|>
 * # --- board rp2-pico              the board (initializationOptions); default: none (the server's default)
 * # --- file mylib.py               another file of the workspace; its lines follow, each after "# "
 * # def helper(x):
 * # --- completion                  an expectation: a request at the cursor, its response rendered as lines
 * # irq (Method)
 * # ...                             a line "..." matches any number of lines
 * </pre>
 *
 * The document is everything before the first {@code # --- } line, without the {@code <|>} marker (exactly one).
 * Expectation and file lines are comment lines: {@code # text}, or {@code #} for an empty line. A section is
 * {@code # --- <kind> <argument>}; the kinds and how a response is rendered are in {@link LspEditorFeaturesTest}.
 */
record EditorFixture(String name, String source, int cursor, String board, Map<String, String> files,
        List<Section> expectations) {

    static final String MARKER = "<|>";
    static final String WILDCARD = "...";
    static final Set<String> KINDS = Set.of("completion", "inlay", "resolve", "hover", "definition", "references",
            "highlight", "prepareRename", "rename", "signature");

    /** An expectation: {@code kind} with its argument (may be empty) and the expected lines. */
    record Section(String kind, String argument, List<String> lines, int line) {

        String title() {
            return "# --- " + kind + (argument.isEmpty() ? "" : " " + argument) + " (line " + line + ")";
        }
    }

    static EditorFixture load(String name) throws IOException {
        try (InputStream in = EditorFixture.class.getResourceAsStream("/e2e/editor/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture e2e/editor/" + name);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static EditorFixture parse(String name, String text) {
        String[] lines = text.split("\n", -1);
        int trailer = lines.length;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("# --- ")) {
                trailer = i;
                break;
            }
        }
        StringBuilder source = new StringBuilder();
        for (int i = 0; i < trailer; i++) {
            source.append(lines[i]);
            if (i + 1 < lines.length) {
                source.append('\n');
            }
        }
        String marked = source.toString();
        int cursor = marked.indexOf(MARKER);
        if (cursor < 0 || marked.indexOf(MARKER, cursor + 1) >= 0) {
            throw new IllegalArgumentException(name + ": the source needs exactly one cursor marker " + MARKER);
        }
        String board = null;
        Map<String, String> files = new LinkedHashMap<>();
        List<Section> sections = new ArrayList<>();
        String kind = null;
        String argument = null;
        int sectionLine = 0;
        List<String> body = new ArrayList<>();
        for (int i = trailer; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : null;
            if (line != null && line.isEmpty() && allEmpty(lines, i)) {
                line = null; // trailing empty lines end the file
                i = lines.length;
            }
            if (line == null || line.startsWith("# --- ")) {
                if (kind != null) {
                    switch (kind) {
                        case "board" -> {
                            require(body.isEmpty() && !argument.isEmpty(), name, sectionLine, "'board <name>' has no body");
                            board = argument;
                        }
                        case "file" -> {
                            require(!argument.isEmpty(), name, sectionLine, "'file <path>' needs a path");
                            files.put(argument, String.join("\n", body) + "\n");
                        }
                        default -> {
                            require(KINDS.contains(kind), name, sectionLine, "unknown section '" + kind + "'");
                            sections.add(new Section(kind, argument, List.copyOf(body), sectionLine));
                        }
                    }
                }
                if (line == null) {
                    break;
                }
                String head = line.substring("# --- ".length()).strip();
                int space = head.indexOf(' ');
                kind = space < 0 ? head : head.substring(0, space);
                argument = space < 0 ? "" : head.substring(space + 1).strip();
                sectionLine = i + 1;
                body = new ArrayList<>();
            } else {
                require(line.equals("#") || line.startsWith("# "), name, i + 1,
                        "lines after the source must be comments ('# ...'): " + line);
                body.add(line.length() <= 2 ? "" : line.substring(2));
            }
        }
        if (sections.isEmpty()) {
            throw new IllegalArgumentException(name + ": no expectation section (# --- completion, # --- hover, ...)");
        }
        return new EditorFixture(name, marked.substring(0, cursor) + marked.substring(cursor + MARKER.length()),
                cursor, board, Map.copyOf(files), List.copyOf(sections));
    }

    private static boolean allEmpty(String[] lines, int from) {
        for (int i = from; i < lines.length; i++) {
            if (!lines[i].isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static void require(boolean ok, String name, int line, String message) {
        if (!ok) {
            throw new IllegalArgumentException(name + ":" + line + ": " + message);
        }
    }

    /**
     * Whether {@code actual} matches {@code expected}, where an expected line {@value #WILDCARD} stands for any
     * number of lines (including none).
     */
    static boolean matches(List<String> expected, List<String> actual) {
        // glob matching over lines: ok[i][j] = expected[i..] matches actual[j..]
        boolean[][] ok = new boolean[expected.size() + 1][actual.size() + 1];
        ok[expected.size()][actual.size()] = true;
        for (int i = expected.size() - 1; i >= 0; i--) {
            boolean wild = expected.get(i).equals(WILDCARD);
            for (int j = actual.size(); j >= 0; j--) {
                if (wild) {
                    ok[i][j] = ok[i + 1][j] || (j < actual.size() && ok[i][j + 1]);
                } else {
                    ok[i][j] = j < actual.size() && expected.get(i).equals(actual.get(j)) && ok[i + 1][j + 1];
                }
            }
        }
        return ok[0][0];
    }
}
