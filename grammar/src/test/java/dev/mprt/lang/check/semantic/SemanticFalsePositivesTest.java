package dev.mprt.lang.check.semantic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Map.Entry;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * The semantic checks (names, modules, attributes, calls against the stubs) over the part of MicroPython's tests/
 * tree that its test runner runs on the unix port ({@code run-tests.py}: basics, micropython, misc, extmod, float,
 * import, io, stress, unicode, cmdline, ports/unix). Every finding is printed, grouped by code and message. The
 * interrupt-handler checks (isr-*) are counted too, with a baseline of zero: the unix port has no hard handlers.
 *
 * <p>Not zero: what remains is listed with its reason in docs/semantic-checks.md (code MicroPython's tests run only
 * to provoke the error, REPL transcripts, features the unix standard variant does not build and whose tests skip
 * themselves, files the test runner pairs with helper modules). The test guards the measured counts per code
 * ({@link #BASELINE}): a new finding fails it; an improvement must lower the baseline.
 */
class SemanticFalsePositivesTest {

    /** The directories run-tests.py runs for the unix port (PC platforms). */
    static final List<String> UNIX_TEST_DIRS = List.of("basics", "micropython", "misc", "extmod", "float", "import",
            "io", "stress", "unicode", "cmdline", "ports/unix");

    /** Measured findings per code; a finding beyond these fails the test. Lower them as the stubs improve. */
    static final Map<String, Integer> BASELINE = Map.of("semantic-module-unavailable", 3,
            "semantic-undefined-name", 30, "semantic-unknown-attribute", 8);

    @Test
    void microPythonsTestsGiveNoUnexplainedSemanticFindingsOnUnix() throws IOException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.toString().endsWith(".py"))
                    .filter(p -> UNIX_TEST_DIRS.stream().anyMatch(d -> tests.relativize(p).toString().startsWith(d + "/")))
                    .sorted().toList();
        }
        Map<String, List<String>> byCode = new TreeMap<>();
        for (Path f : files) {
            String rel = tests.relativize(f).toString();
            Analysis a = Analyzers.analyze(Files.readString(f, StandardCharsets.UTF_8), new AnalysisOptions("unix"));
            for (Diagnostic d : a.diagnostics()) {
                if (!d.code().startsWith("semantic-") && !d.code().startsWith("isr-")) {
                    continue; // isr-*: the unix port has no hard handlers, so any finding would be noise
                }
                String key = rel + ":" + (a.lines().line(d.start()) + 1) + ":" + d.code();
                byCode.computeIfAbsent(d.code(), k -> new ArrayList<>()).add(key + ": " + d.message());
            }
        }
        System.out.printf("semantic findings on MicroPython's unix tests (%s): %d files; %d findings%n",
                String.join(" ", UNIX_TEST_DIRS), files.size(), byCode.values().stream().mapToInt(List::size).sum());
        List<String> over = new ArrayList<>();
        byCode.forEach((code, list) -> {
            int baseline = BASELINE.getOrDefault(code, 0);
            System.out.println("  " + code + ": " + list.size() + " (baseline " + baseline + ")");
            list.forEach(l -> System.out.println("    " + l));
            if (list.size() > baseline) {
                over.add(code + ": " + list.size() + " > " + baseline);
            }
        });
        assertTrue(over.isEmpty(), "semantic findings above the measured baseline on tests/ (unix): " + over);
    }
}
