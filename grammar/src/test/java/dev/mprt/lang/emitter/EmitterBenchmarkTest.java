package dev.mprt.lang.emitter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * The cost of the emitter and const() checks on MicroPython's whole {@code tests/} tree (about 57,000 lines):
 * the time of those checks, run alone over the trees the analysis built, against the time of everything else
 * the analysis does (parsing, syntax diagnostics and the syntax checks). The checks must stay within 20% of the
 * syntax-only time. Best of several rounds, after a warm-up, to keep the measure stable.
 */
class EmitterBenchmarkTest {

    static final double BUDGET = 0.20;

    @Test
    void emitterChecksStayWithinTwentyPercentOfSyntaxOnlyTime() throws Exception {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<String> texts = new ArrayList<>();
        List<String> boards = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tests)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                texts.add(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
                boards.add(MicroPythonTestBoards.boardFor(tests.relativize(f).toString()));
            }
        }
        long lines = texts.stream().mapToLong(t -> t.lines().count()).sum();
        List<Check> mine = EmitterChecks.ALL;
        long bestAll = Long.MAX_VALUE;
        long bestMine = Long.MAX_VALUE;
        long[] perCheck = new long[mine.size()];
        for (int round = 0; round < 4; round++) {
            long all = 0;
            long own = 0;
            for (int i = 0; i < texts.size(); i++) {
                AnalysisOptions options = new AnalysisOptions(boards.get(i));
                long t0 = System.nanoTime();
                Analysis a = Analyzers.analyze(texts.get(i), options);
                long t1 = System.nanoTime();
                all += t1 - t0;
                if (a.root() == null) {
                    continue;
                }
                List<Diagnostic> out = new ArrayList<>();
                CheckContext ctx = EmitterChecks.context(a.root(), options, out);
                long t2 = System.nanoTime();
                for (Check c : mine) {
                    c.visit(a.root(), ctx);
                }
                for (TreeIterator<EObject> it = a.root().eAllContents(); it.hasNext();) {
                    EObject node = it.next();
                    for (Check c : mine) {
                        c.visit(node, ctx);
                    }
                }
                own += System.nanoTime() - t2;
                if (round == 3) {
                    // the share of each check (separately, on a fresh context each)
                    for (int k = 0; k < mine.size(); k++) {
                        CheckContext one = EmitterChecks.context(a.root(), options, new ArrayList<>());
                        long t3 = System.nanoTime();
                        mine.get(k).visit(a.root(), one);
                        for (TreeIterator<EObject> it = a.root().eAllContents(); it.hasNext();) {
                            mine.get(k).visit(it.next(), one);
                        }
                        perCheck[k] += System.nanoTime() - t3;
                    }
                }
            }
            if (round > 0) {
                bestAll = Math.min(bestAll, all);
                bestMine = Math.min(bestMine, own);
            }
        }
        long syntaxOnly = bestAll - bestMine;
        double ratio = (double) bestMine / syntaxOnly;
        System.out.printf("Emitter checks on MicroPython's tests/ (%d files, %d lines): analysis %d ms, of which"
                + " emitter/const checks %d ms; syntax-only %d ms; overhead %.1f%% (budget %.0f%%)%n", texts.size(),
                lines, bestAll / 1_000_000, bestMine / 1_000_000, syntaxOnly / 1_000_000, 100 * ratio, 100 * BUDGET);
        for (int k = 0; k < mine.size(); k++) {
            System.out.printf("  %-16s %5d ms%n", mine.get(k).getClass().getSimpleName(), perCheck[k] / 1_000_000);
        }
        assertTrue(ratio <= BUDGET, String.format("emitter checks cost %.1f%% of the syntax-only time", 100 * ratio));
    }

    /**
     * The branch-range check replays every native and viper function on ARMv6-M and Xtensa boards: its cost on
     * MicroPython's tests (all analysed for rp2-pico and esp32) must stay within 5% of the analysis time.
     */
    @Test
    void nativeBranchCheckStaysWithinFivePercentOfAnalysisTime() throws Exception {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<String> texts = new ArrayList<>();
        try (Stream<Path> s = Files.walk(tests)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                texts.add(new String(Files.readAllBytes(f), StandardCharsets.UTF_8));
            }
        }
        Check check = new dev.mprt.lang.check.emitter.NativeBranchCheck();
        long bestAll = Long.MAX_VALUE;
        long bestCheck = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            long all = 0;
            long own = 0;
            for (String board : new String[] {"rp2-pico", "esp32"}) {
                AnalysisOptions options = new AnalysisOptions(board);
                for (String text : texts) {
                    long t0 = System.nanoTime();
                    Analysis a = Analyzers.analyze(text, options);
                    all += System.nanoTime() - t0;
                    if (a.root() == null) {
                        continue;
                    }
                    CheckContext ctx = EmitterChecks.context(a.root(), options, new ArrayList<>());
                    long t1 = System.nanoTime();
                    for (TreeIterator<EObject> it = a.root().eAllContents(); it.hasNext();) {
                        check.visit(it.next(), ctx);
                    }
                    own += System.nanoTime() - t1;
                }
            }
            if (round > 0) {
                bestAll = Math.min(bestAll, all);
                bestCheck = Math.min(bestCheck, own);
            }
        }
        double ratio = (double) bestCheck / bestAll;
        System.out.printf("NativeBranchCheck on MicroPython's tests/ for rp2-pico and esp32: analysis %d ms, the check"
                + " alone %d ms (%.1f%%, budget 5%%)%n", bestAll / 1_000_000, bestCheck / 1_000_000, 100 * ratio);
        assertTrue(ratio <= 0.05, String.format("NativeBranchCheck costs %.1f%% of the analysis time", 100 * ratio));
    }
}
