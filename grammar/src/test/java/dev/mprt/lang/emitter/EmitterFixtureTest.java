package dev.mprt.lang.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.testing.Analyzers;

/**
 * Fixtures of the emitter rules that need the board's architecture: inline assembler, the constructs the native
 * emitter only asserts against (mpy-cross aborts), the undefined-behaviour rules MicroPython compiles, and
 * target-specific warnings. Same format as {@code CheckFixtureTest} ({@code # board: ID} first line, a
 * {@code # --- expect} block rewritten with {@code -DupdateExpect=true}); each file is also compiled by mpy-cross
 * with the board's {@code -march} and judged as in {@link EmitterDifferentialTest}.
 *
 * <p>{@code -DupdateEmitterExpect=true} also rewrites the expect blocks of the emitter and const() fixtures in
 * {@code checks/} (those CheckFixtureTest runs), and nothing else there.
 */
class EmitterFixtureTest {

    private static final Path DIR = Path.of("src/test/resources/emitter/fixtures");
    private static final Path CHECKS = Path.of("src/test/resources/checks");
    private static final String MARK = "# --- expect";

    /** Errors on code MicroPython compiles without complaint (undefined behaviour: see the rule catalogue). */
    static final Set<String> DANGER = Set.of(ViperTypes.ASYNC_DEF, ViperTypes.CAPTURED_PARAMETER,
            ViperTypes.STAR_PARAMETER, ViperTypes.CAST_AS_VALUE);

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".py")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void diagnosticsMatchTheExpectBlockAndMpyCross(Path fixture) throws IOException, InterruptedException {
        String content = Files.readString(fixture, StandardCharsets.UTF_8);
        int mark = content.indexOf(MARK);
        String source = mark < 0 ? content : content.substring(0, mark);
        String board = board(source);
        Analysis a = Analyzers.analyze(source, new AnalysisOptions(board));
        String rendered = render(a);
        if (update()) {
            Files.writeString(fixture, source + rendered, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(mark >= 0, fixture + " has no '" + MARK + "' block; create it with -DupdateExpect=true");
        assertEquals(content.substring(mark), rendered, fixture + ": diagnostics differ from the expect block");
        String code = fixture.getFileName().toString().replace(".py", "");
        assertTrue(a.diagnostics().stream().anyMatch(d -> d.code().equals(code)), fixture + " must exercise " + code);
        try (MpyCross mpy = new MpyCross()) {
            MpyCross.Verdict v = mpy.compile(source, board);
            List<Diagnostic> errors = a.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR)
                    .filter(d -> EmitterDifferentialTest.isCompileTime(d.code())).toList();
            if (v.ok()) {
                assertTrue(errors.stream().allMatch(d -> DANGER.contains(d.code())),
                        fixture + ": mpy-cross compiles it, mprt reports " + errors);
                assertNull(EmitterDifferentialTest.judgeXtensaBranches(v, a), fixture + ": mpy-cross says "
                        + v.describe());
                return;
            }
            EmitterCorpus.Case c = new EmitterCorpus.Case(code, board, source, null, null);
            assertNull(EmitterDifferentialTest.judge(c, v, a), fixture + ": mpy-cross says " + v.describe());
        }
    }

    /** Renders the emitter and const() fixtures of {@code checks/} when asked to; otherwise does nothing. */
    @Test
    void updateTheEmitterFixturesOfChecks() throws IOException {
        if (!Boolean.getBoolean("updateEmitterExpect")) {
            return;
        }
        List<Path> mine = new ArrayList<>();
        try (Stream<Path> s = Files.list(CHECKS)) {
            s.filter(p -> p.getFileName().toString().matches("(viper|native|asm|const)-.*\\.py")).forEach(mine::add);
        }
        for (Path fixture : mine) {
            String content = Files.readString(fixture, StandardCharsets.UTF_8);
            int mark = content.indexOf(MARK);
            String source = mark < 0 ? content : content.substring(0, mark);
            Analysis a = Analyzers.analyze(source, new AnalysisOptions(board(source)));
            Files.writeString(fixture, source + render(a), StandardCharsets.UTF_8);
        }
    }

    private static boolean update() {
        return Boolean.getBoolean("updateExpect") || "1".equals(System.getenv("UPDATE_EXPECT"));
    }

    private static String board(String source) {
        return source.startsWith("# board: ") ? source.substring(9, source.indexOf('\n')).trim()
                : AnalysisOptions.DEFAULT_BOARD;
    }

    /** The expect block, formatted exactly as CheckFixtureTest formats it. */
    private static String render(Analysis a) {
        List<String> actual = new ArrayList<>();
        for (Diagnostic d : a.diagnostics()) {
            actual.add(String.format("# %d:%d-%d:%d %s %s: %s", a.lines().line(d.start()) + 1,
                    a.lines().column(d.start()) + 1, a.lines().line(d.end()) + 1, a.lines().column(d.end()) + 1,
                    d.severity().label(), d.code(), d.message()));
        }
        return MARK + "\n" + String.join("\n", actual) + (actual.isEmpty() ? "" : "\n");
    }
}
