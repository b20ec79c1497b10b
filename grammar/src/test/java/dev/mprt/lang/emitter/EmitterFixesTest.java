package dev.mprt.lang.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.testing.Analyzers;

/**
 * The viper quick fixes, judged by the real compiler: each fixture ({@code emitter/fixes/*.py}: {@code # board:},
 * {@code # code:}, the source, {@code # --- fixed}, the expected text) is refused by mpy-cross for the board, the
 * diagnostic with that code offers a fix whose result is exactly the expected text, and mpy-cross compiles that
 * result, which mprt also finds free of errors.
 */
class EmitterFixesTest {

    private static final Path DIR = Path.of("src/test/resources/emitter/fixes");
    private static final String MARK = "# --- fixed\n";

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".py")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theFixRepairsWhatTheCompilerRefuses(Path fixture) throws IOException, InterruptedException {
        String content = Files.readString(fixture, StandardCharsets.UTF_8);
        int mark = content.indexOf(MARK);
        assertTrue(mark > 0, fixture + ": no '# --- fixed' block");
        String source = content.substring(0, mark);
        String expected = content.substring(mark + MARK.length());
        String board = header(source, "board");
        String code = header(source, "code");

        try (MpyCross mpyCross = new MpyCross()) {
            MpyCross.Verdict before = mpyCross.compile(source, board);
            assertFalse(before.ok(), fixture + ": mpy-cross should refuse the source");

            Analysis a = Analyzers.analyze(source, new AnalysisOptions(board));
            List<Diagnostic> withFixes = a.diagnostics().stream()
                    .filter(d -> d.code().equals(code) && !d.fixes().isEmpty()).toList();
            assertEquals(1, withFixes.size(), fixture + ": one '" + code + "' finding with a fix, got "
                    + a.diagnostics());
            Fix fix = withFixes.get(0).fixes().get(0);
            String fixed = fix.applyTo(source);
            assertEquals(expected, fixed, fixture + ": " + fix.title());

            MpyCross.Verdict after = mpyCross.compile(fixed, board);
            assertTrue(after.ok(), fixture + ": mpy-cross refuses the fixed text: " + after.describe());
            List<Diagnostic> errors = Analyzers.analyze(fixed, new AnalysisOptions(board)).diagnostics().stream()
                    .filter(d -> d.severity() == Severity.ERROR).toList();
            assertEquals(List.of(), errors, fixture + ": errors left after the fix");
        }
    }

    private static String header(String source, String key) {
        for (String line : source.split("\n")) {
            if (line.startsWith("# " + key + ": ")) {
                return line.substring(key.length() + 4).trim();
            }
        }
        throw new AssertionError("no '# " + key + ":' line");
    }
}
