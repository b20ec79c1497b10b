package dev.mprt.lang.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.junit.jupiter.api.Test;

import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.resource.StatementReparser;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * The incremental re-analysis against a whole one, on series of edits (mostly typing inside function bodies, the
 * case it is for, and random ones) of the check fixtures (every rule, with their boards), the examples and
 * MicroPython's tests: after each edit, the findings the editor would publish must be exactly those of
 * {@code mprt check} on the same text.
 */
class IncrementalAnalysisTest {

    private final IParser parser = Analyzers.injector().getInstance(IParser.class);
    private final StatementReparser reparser = Analyzers.injector().getInstance(StatementReparser.class);
    private final Analyzer analyzer = Analyzers.injector().getInstance(Analyzer.class);

    @Test
    void incrementalFindingsEqualWholeFindings() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/checks"))) {
            s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
        }
        try (Stream<Path> s = Files.walk(Path.of("../examples"))) {
            s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
        }
        List<Path> upstream;
        try (Stream<Path> s = Files.walk(MicroPythonSource.tree().resolve("tests"))) {
            upstream = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        for (int i = 0; i < upstream.size(); i += 23) {
            files.add(upstream.get(i));
        }
        // one large module where handlers, registrations, constants and emitters meet: the fixtures in a row
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            String n = f.getFileName().toString();
            if (f.toString().contains("checks") && !n.contains("--")) {
                all.append(Files.readString(f)).append("\n");
            }
        }
        Path composite = Files.createTempFile("fixtures-in-a-row", ".py");
        Files.writeString(composite, all);
        files.add(0, composite);
        Random random = new Random(1121);
        long used0 = IncrementalAnalysis.USED.get();
        int edits = 0;
        int partial = 0;
        for (Path f : files) {
            String text;
            try {
                text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            if (text.isEmpty() || text.indexOf('\uFFFD') >= 0) {
                continue;
            }
            String name = f.getFileName().toString();
            String board = "qemu-mps2-an385";
            if (name.contains("--")) {
                String b = name.substring(name.indexOf("--") + 2).replace(".py", "").replace("-silent", "");
                if (List.of("unix", "pyboard", "rp2-pico", "esp32", "esp8266").contains(b)) {
                    board = b;
                }
            }
            AnalysisOptions options = new AnalysisOptions(board, ModuleSources.NONE, "file:///work/" + name);
            IParseResult parse = parser.parse(new StringReader(text));
            analyzer.analyzeForEditing(text, parse, options);
            for (int e = 0; e < 12; e++) {
                String edited = edit(text, random);
                if (edited.equals(text)) {
                    continue;
                }
                IParseResult next = reparser.reparse(parse, edited);
                if (next == null) {
                    next = parser.parse(new StringReader(edited));
                } else {
                    partial++;
                }
                List<Diagnostic> got = analyzer.analyzeForEditing(edited, next, options).diagnostics();
                List<Diagnostic> want = analyzer.analyze(edited, parser.parse(new StringReader(edited)), options)
                        .diagnostics();
                int at = firstDifference(text, edited);
                assertEquals(want, got, f + ", edit " + e + " at " + at + ": " + around(edited, at));
                edits++;
                if (StatementReparser.isClean(next) || random.nextInt(4) == 0) {
                    text = edited;
                    parse = next;
                } else {
                    // mostly back to the text without the error, as typing gets there again
                    parse = parser.parse(new StringReader(text));
                    analyzer.analyzeForEditing(text, parse, options);
                }
            }
        }
        long used = IncrementalAnalysis.USED.get() - used0;
        System.out.printf("IncrementalAnalysis: %d files, %d edits, %d re-parsed in part, %d of them analysed"
                + " incrementally%n", files.size(), edits, partial, used);
        assertTrue(used >= partial / 2, "the incremental path was taken for only " + used + " of " + partial
                + " partial re-parses");
    }

    private static int firstDifference(String a, String b) {
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 60), Math.min(text.length(), at + 40)).replace("\n", "|");
    }

    /** Mostly typing in a function body (a name, a number, a string), sometimes anything anywhere. */
    private static String edit(String text, Random random) {
        int at = random.nextInt(text.length());
        int body = text.indexOf("\n    ", at);
        if (random.nextInt(4) > 0 && body >= 0) {
            at = Math.min(text.length() - 1, body + 5 + random.nextInt(Math.max(1, Math.min(30, text.length() - body - 6))));
        }
        String[] typed = { "x", "e", "1", "0", "_", "a", "s" };
        switch (random.nextInt(6)) {
            case 0, 1, 2 -> {
                // type after a letter or digit: a name or a number grows
                int i = at;
                while (i < text.length() && !Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                return i >= text.length() ? text
                        : text.substring(0, i + 1) + typed[random.nextInt(typed.length)] + text.substring(i + 1);
            }
            case 3 -> {
                return text.charAt(at) != '\n' ? text.substring(0, at) + text.substring(at + 1) : text;
            }
            case 4 -> {
                return text.substring(0, at) + " " + text.substring(at);
            }
            default -> {
                String[] any = { "(", ")", "'", ":", "\n", "f(", "+", "," };
                return text.substring(0, at) + any[random.nextInt(any.length)] + text.substring(at);
            }
        }
    }
}
