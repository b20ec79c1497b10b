package dev.mprt.lang.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.ast.util.TreePrinter;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.LineMap;
import dev.mprt.lang.testing.Analyzers;

/**
 * Golden-file parser tests: each {@code golden/NAME.py} is parsed, and its tree ({@link TreePrinter}) followed by
 * its diagnostics must equal {@code golden/NAME.tree}. To accept new output, run with {@code -DupdateExpect=true}
 * (or the environment variable {@code UPDATE_EXPECT=1}), then review the diff of the .tree files.
 */
class GoldenTreeTest {

    private static final String COMMAND = "mvn -B -q -pl grammar test -Dexec.skip=true -Dtest=GoldenTreeTest"
            + " -DupdateExpect=true   (or UPDATE_EXPECT=1 mvn ...)";

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            List<String> names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted()
                    .toList();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void treeMatchesGolden(String name) throws IOException {
        Path py = dir().resolve(name);
        Path tree = dir().resolve(name.substring(0, name.length() - ".py".length()) + ".tree");
        String text = Files.readString(py, StandardCharsets.UTF_8);
        String actual = render(text);

        if (update()) {
            String old = Files.exists(tree) ? normalize(Files.readString(tree, StandardCharsets.UTF_8)) : null;
            if (!actual.equals(old)) {
                Files.writeString(tree, actual, StandardCharsets.UTF_8);
                System.out.println((old == null ? "created " : "updated ") + tree);
            }
            return;
        }
        assertTrue(Files.exists(tree), () -> "missing " + tree + "; create it by running\n  " + COMMAND
                + "\nand check the generated file by eye before committing it");
        String expected = normalize(Files.readString(tree, StandardCharsets.UTF_8));
        assertEquals(expected, actual, () -> tree.getFileName() + " differs from the parser's output ("
                + firstDifference(expected, actual) + "); if the new output is right, accept it by running\n  "
                + COMMAND + "\n");
    }

    /** The tree, then one line per diagnostic: {@code line:col-line:col code: message}, 1-based, end exclusive. */
    static String render(String text) {
        Analysis a = Analyzers.analyze(text);
        StringBuilder out = new StringBuilder(TreePrinter.print(a.root(), text));
        out.append("--- diagnostics\n");
        LineMap lines = a.lines();
        for (Diagnostic d : a.diagnostics()) {
            if (dev.mprt.lang.diagnostics.Codes.isRunTime(d.code())) {
                continue; // parser goldens: the compile-stage diagnostics only, not run-time checks
            }
            out.append(lines.line(d.start()) + 1).append(':').append(lines.column(d.start()) + 1).append('-')
                    .append(lines.line(d.end()) + 1).append(':').append(lines.column(d.end()) + 1).append(' ')
                    .append(d.code()).append(": ").append(d.message().replace("\n", "\\n")).append('\n');
        }
        return out.toString();
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int i = 0;
        while (i < e.length && i < a.length && e[i].equals(a[i])) {
            i++;
        }
        return "first at line " + (i + 1) + ": expected '" + (i < e.length ? e[i] : "<end>") + "' but was '"
                + (i < a.length ? a[i] : "<end>") + "'";
    }

    private static boolean update() {
        String env = System.getenv("UPDATE_EXPECT");
        return Boolean.getBoolean("updateExpect") || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /** The source directory (not target/test-classes), so that updates land where they are committed. */
    private static Path dir() {
        for (String candidate : new String[] {"src/test/resources/golden", "grammar/src/test/resources/golden"}) {
            Path p = Path.of(candidate).toAbsolutePath();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("golden directory not found from " + Path.of("").toAbsolutePath());
    }

    private static String normalize(String s) {
        return s.replace("\r\n", "\n");
    }
}
