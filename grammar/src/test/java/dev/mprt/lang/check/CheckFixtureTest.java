package dev.mprt.lang.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.parser.SyntaxDifferentialTest;
import dev.mprt.lang.testing.MicroPythonSource;
import dev.mprt.lang.testing.Analyzers;

/**
 * One fixture per rule in {@code checks/}: MicroPython code that breaks the rule and code that nearly does, followed
 * by a {@code # --- expect} block listing every diagnostic as {@code line:col-line:col severity code: message}
 * (1-based, end exclusive). A first line {@code # board: ID} selects the board; a fixture of the same rule for
 * another board is named {@code CODE--VARIANT.py}, and {@code CODE--VARIANT-silent.py} when the rule must stay silent
 * there (e.g. {@code isr-alloc-float--esp8266-silent.py}: floats do not allocate on esp8266). Run with
 * {@code -DupdateExpect=true} (or {@code UPDATE_EXPECT=1}) to rewrite the blocks, then review the diff.
 *
 * <p>Each fixture is also compiled by mpy-cross (which stops at the first error): it must fail exactly when mprt
 * reports an error, and its message must be among mprt's, on the same line. Run-time findings ({@code semantic-*}
 * names and calls, {@code isr-*} interrupt handlers) are invisible to the compiler and left out of that comparison;
 * each family's findings are listed only in its own fixtures.
 */
class CheckFixtureTest {

    private static final Path DIR = Path.of("src/test/resources/checks");
    private static final String MARK = "# --- expect";

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".py")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void diagnosticsMatchTheExpectBlock(Path fixture) throws IOException {
        String content = Files.readString(fixture, StandardCharsets.UTF_8);
        int mark = content.indexOf(MARK);
        String source = mark < 0 ? content : content.substring(0, mark);
        String board = AnalysisOptions.DEFAULT_BOARD;
        if (source.startsWith("# board: ")) {
            board = source.substring(9, source.indexOf('\n')).trim();
        }
        Analysis a = Analyzers.analyze(source, new AnalysisOptions(board));
        List<String> actual = new ArrayList<>();
        String family = runTimeFamily(fixture.getFileName().toString());
        for (Diagnostic d : a.diagnostics()) {
            String codeFamily = runTimeFamily(d.code());
            if (codeFamily != null && !codeFamily.equals(family)) {
                continue; // run-time checks (names, interrupt handlers) are their own fixtures' business
            }
            actual.add(String.format("# %d:%d-%d:%d %s %s: %s", a.lines().line(d.start()) + 1,
                    a.lines().column(d.start()) + 1, a.lines().line(d.end()) + 1, a.lines().column(d.end()) + 1,
                    d.severity().label(), d.code(), d.message()));
        }
        String rendered = MARK + "\n" + String.join("\n", actual) + (actual.isEmpty() ? "" : "\n");
        if (Boolean.getBoolean("updateExpect") || "1".equals(System.getenv("UPDATE_EXPECT"))) {
            Files.writeString(fixture, source + rendered, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(mark >= 0, fixture + " has no '" + MARK + "' block; create it with -DupdateExpect=true");
        String expected = content.substring(mark);
        assertEquals(expected, rendered, fixture + ": diagnostics differ from the expect block");
        String code = fixture.getFileName().toString().replace(".py", "").replace("-unix", "").replaceAll("--.*", "");
        boolean silent = fixture.getFileName().toString().endsWith("-silent.py");
        assertEquals(silent, actual.stream().noneMatch(l -> l.contains(" " + code + ": ")), fixture
                + (silent ? " (a -silent variant) must not report " : " must exercise its own rule ") + code);
        agreesWithMpyCross(fixture, source, a, board);
    }

    /** "semantic-" or "isr-" for the codes of run-time findings (and their fixtures), else null. */
    static String runTimeFamily(String code) {
        for (String family : List.of("semantic-", "isr-")) {
            if (code.startsWith(family)) {
                return family;
            }
        }
        return null;
    }

    private static void agreesWithMpyCross(Path fixture, String source, Analysis a, String board) throws IOException {
        Path dir = Files.createTempDirectory("mprt-fixture");
        Path file = dir.resolve("fixture.py");
        try {
            Files.writeString(file, source, StandardCharsets.UTF_8);
            SyntaxDifferentialTest.Verdict v = SyntaxDifferentialTest.mpyCross(MicroPythonSource.mpyCross(), file,
                    "-msmall-int-bits=" + Boards.smallIntBits(board));
            // semantic-* findings are run-time errors (NameError, ImportError, ...): the compiler cannot see them
            List<Diagnostic> errors = a.diagnostics().stream()
                    .filter(d -> d.severity() == Severity.ERROR && runTimeFamily(d.code()) == null).toList();
            if (v.ok()) {
                assertTrue(errors.isEmpty(), fixture + ": mpy-cross compiles it, mprt reports " + errors);
                return;
            }
            // MicroPython puts an unindent mismatch on the line before (its NEWLINE token); mprt on the line itself
            int slack = v.message().startsWith("IndentationError: unindent") ? 1 : 0;
            assertTrue(errors.stream().anyMatch(d -> SyntaxDifferentialTest.sameMessage(d.message(), v)
                    && (v.line() == 0 || a.lines().line(d.start()) + 1 - v.line() <= slack
                            && a.lines().line(d.start()) + 1 >= v.line())),
                    fixture + ": mpy-cross says " + v.describe() + ", not among mprt's errors on that line");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }
}
