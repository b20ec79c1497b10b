package dev.mprt.bench;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import com.google.inject.Injector;

import dev.mprt.lang.MicroPythonStandaloneSetup;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Analyzer;
import dev.mprt.lang.analysis.SyntaxDiagnostics;
import dev.mprt.lang.check.Checks;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.lexer.PyLexer;

/**
 * In-process breakdown of the analysis core's cost over MicroPython's {@code tests/} tree, single-threaded. Each
 * file goes through every step in turn (one file at a time, as {@code mprt check} and the language server work, so
 * no trees pile up on the heap), and each step's time and allocation are summed over the files:
 * <ol>
 * <li>lex: {@link PyLexer} alone, every token to EOF;</li>
 * <li>parse: Xtext's {@link IParser} (which lexes again through its token source, builds the node model and the
 * EMF tree);</li>
 * <li>syntax: {@link SyntaxDiagnostics#collect} on that parse;</li>
 * <li>checks: {@link Checks#run} on that parse;</li>
 * <li>analyze(parse): {@link Analyzer#analyze(String, IParseResult, AnalysisOptions)}, i.e. syntax + checks + line
 * map, range widening and sorting, as the language server calls it;</li>
 * <li>analyze(text): {@link Analyzer#analyze(String, AnalysisOptions)}, parse included, what {@code mprt check}
 * does per file.</li>
 * </ol>
 * Steps 5 and 6 repeat work of 2-4; they are cross-checks (the sum of 2-4 should match 6, and 3-4 should match 5).
 * Pass 1 is cold (fresh JVM: class loading, interpreter, JIT compiling as it goes; within it, each step runs after
 * the earlier steps have warmed the code they share); then {@code --warmup} passes are discarded and
 * {@code --passes} passes are averaged (warm). GC time is only available per pass. Run it with the launcher's JVM options
 * ({@code -XX:+UseSerialGC -XX:TieredStopAtLevel=1}) to see what {@code ./mprt} sees, without them for C2.
 *
 * <pre>
 * java [JVM options] -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.PhaseBenchmark \
 *     [--root DIR] [--tests DIR] [--warmup 3] [--passes 5]
 * </pre>
 */
public final class PhaseBenchmark {

    private static final String[] PHASES = { "lex (PyLexer)", "parse (IParser)", "syntax diagnostics",
            "checks", "analyze(text, parse)", "analyze(text) = parse+all" };

    private PhaseBenchmark() {
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Measure(double ms, double cpuMs, double allocMb) {
    }

    public static void main(String[] argv) throws Exception {
        long uptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime();
        Bench.Args args = new Bench.Args(argv);
        Path root = Bench.root(args);
        int warmup = args.integer("warmup", 3);
        int passes = args.integer("passes", 5);
        Path tests = Bench.testsTree(args, root);

        System.out.println("# PhaseBenchmark");
        System.out.println("machine: " + Bench.machine());
        System.out.println("JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        System.out.println("GC: " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).reduce((a, b) -> a + ", " + b).orElse("?"));
        System.out.println("tests: " + tests);

        long t0 = System.nanoTime();
        List<Path> files = collect(tests);
        List<String> texts = new ArrayList<>(files.size());
        int undecodable = 0;
        long chars = 0;
        long lines = 0;
        for (Path f : files) {
            String text = read(f);
            if (text == null) {
                undecodable++;
                continue;
            }
            texts.add(text);
            chars += text.length();
            lines += text.chars().filter(c -> c == '\n').count();
        }
        double readMs = (System.nanoTime() - t0) / 1e6;

        t0 = System.nanoTime();
        Injector injector = new MicroPythonStandaloneSetup().createInjectorAndDoEMFRegistration();
        IParser parser = injector.getInstance(IParser.class);
        SyntaxDiagnostics syntax = injector.getInstance(SyntaxDiagnostics.class);
        Checks checks = injector.getInstance(Checks.class);
        Analyzer analyzer = injector.getInstance(Analyzer.class);
        double injectorMs = (System.nanoTime() - t0) / 1e6;
        AnalysisOptions options = AnalysisOptions.defaults();

        System.out.printf(Locale.ROOT, "corpus: %d .py files (%d not UTF-8, skipped), %d lines, %.1f MB of text%n",
                texts.size(), undecodable, lines, chars / 1e6);

        List<Map<String, Measure>> all = new ArrayList<>();
        List<double[]> gcPerPass = new ArrayList<>();
        long tokens = 0;
        long[] diagnostics = new long[3];
        long[][] marks = new long[PHASES.length + 1][3]; // per step boundary: wall ns, thread CPU ns, allocated bytes
        for (int pass = 0; pass < 1 + warmup + passes; pass++) {
            long[][] sums = new long[PHASES.length][3];
            long gcMs0 = gcMillis();
            long gcCount0 = gcCount();
            long passStart = System.nanoTime();
            tokens = 0;
            diagnostics[0] = diagnostics[1] = diagnostics[2] = 0;
            List<Diagnostic> out = new ArrayList<>();
            // one file at a time through every step, as `mprt check` and the language server do
            for (String text : texts) {
                mark(marks[0]);
                PyLexer lexer = new PyLexer(text);
                while (lexer.next() != PyLexer.EOF) {
                    tokens++;
                }
                mark(marks[1]);
                IParseResult parse = parser.parse(new StringReader(text));
                mark(marks[2]);
                syntax.collect(text, parse, out);
                mark(marks[3]);
                diagnostics[0] += out.size();
                out.clear();
                checks.run(parse, options, out);
                mark(marks[4]);
                diagnostics[1] += out.size();
                out.clear();
                diagnostics[2] += analyzer.analyze(text, parse, options).diagnostics().size();
                mark(marks[5]);
                analyzer.analyze(text, options);
                mark(marks[6]);
                for (int k = 0; k < PHASES.length; k++) {
                    for (int q = 0; q < 3; q++) {
                        sums[k][q] += marks[k + 1][q] - marks[k][q];
                    }
                }
            }
            double passMs = (System.nanoTime() - passStart) / 1e6;
            gcPerPass.add(new double[] { gcMillis() - gcMs0, gcCount() - gcCount0, passMs });
            Map<String, Measure> m = new LinkedHashMap<>();
            for (int k = 0; k < PHASES.length; k++) {
                m.put(PHASES[k], new Measure(sums[k][0] / 1e6, sums[k][1] / 1e6, sums[k][2] / 1e6));
            }
            all.add(m);
            System.out.printf(Locale.ROOT, "  pass %d%s: %s; GC %d ms (%d collections) in %.0f ms%n", pass + 1,
                    pass == 0 ? " (cold)" : pass <= warmup ? " (warm-up)" : "",
                    m.entrySet().stream().map(e -> e.getKey().split(" ")[0] + " " + Bench.ms(e.getValue().ms())
                            + " (CPU " + Bench.ms(e.getValue().cpuMs()) + ")")
                            .reduce((x, y) -> x + ", " + y).orElse(""),
                    gcMillis() - gcMs0, gcCount() - gcCount0, passMs);
        }
        System.out.printf(Locale.ROOT, "per pass: %d tokens; %d syntax diagnostics, %d check diagnostics, %d from "
                + "analyze(text, parse)%n", tokens, diagnostics[0], diagnostics[1], diagnostics[2]);

        Bench.table("setup (cold, once per JVM)", List.of("step", "ms"), List.of(
                List.of("JVM start to main()", Bench.ms(uptimeAtMain)),
                List.of("read + decode " + texts.size() + " files", Bench.ms(readMs)),
                List.of("Xtext injector (createInjectorAndDoEMFRegistration) + instances", Bench.ms(injectorMs))));

        List<List<String>> rows = new ArrayList<>();
        Map<String, Measure> cold = all.get(0);
        List<Map<String, Measure>> warm = all.subList(1 + warmup, all.size());
        List<String> core = List.of(PHASES[1], PHASES[2], PHASES[3]);
        double warmCore = core.stream().mapToDouble(p -> mean(warm, p, Measure::cpuMs)).sum();
        double coldCore = core.stream().mapToDouble(p -> cold.get(p).cpuMs()).sum();
        double warmCoreWall = core.stream().mapToDouble(p -> mean(warm, p, Measure::ms)).sum();
        double coldCoreWall = core.stream().mapToDouble(p -> cold.get(p).ms()).sum();
        for (String phase : PHASES) {
            boolean isCore = core.contains(phase);
            double wcpu = mean(warm, phase, Measure::cpuMs);
            rows.add(List.of(phase, Bench.ms(cold.get(phase).ms()), Bench.ms(cold.get(phase).cpuMs()),
                    isCore ? pct(cold.get(phase).cpuMs(), coldCore) : "",
                    Bench.ms(mean(warm, phase, Measure::ms)), Bench.ms(wcpu),
                    Bench.ms(warm.stream().mapToDouble(x -> x.get(phase).cpuMs()).min().orElse(Double.NaN)),
                    isCore ? pct(wcpu, warmCore) : "",
                    String.format(Locale.ROOT, "%.1f", wcpu / (lines / 1000.0)),
                    String.format(Locale.ROOT, "%.0f", mean(warm, phase, Measure::allocMb))));
        }
        rows.add(List.of("parse + syntax + checks", Bench.ms(coldCoreWall), Bench.ms(coldCore), "100%",
                Bench.ms(warmCoreWall), Bench.ms(warmCore), "", "100%",
                String.format(Locale.ROOT, "%.1f", warmCore / (lines / 1000.0)), ""));
        Bench.table(String.format(Locale.ROOT, "steps over %d files / %d lines, single thread (ms per pass; wall and "
                + "this thread's CPU time; cold = pass 1; warm = mean of %d passes after %d warm-up passes; shares "
                + "and ms/kLOC from CPU time)", texts.size(), lines, passes, warmup),
                List.of("step", "cold ms", "cold CPU", "cold %", "warm ms", "warm CPU", "warm CPU min", "warm %",
                        "warm CPU ms/kLOC", "alloc MB"),
                rows);
        List<double[]> warmGc = gcPerPass.subList(1 + warmup, gcPerPass.size());
        Bench.table("garbage collection per pass (all steps; not in the thread CPU times above)",
                List.of("pass", "GC ms", "collections", "pass ms"), List.of(
                        List.of("cold", Bench.ms(gcPerPass.get(0)[0]), String.format(Locale.ROOT, "%.0f",
                                gcPerPass.get(0)[1]), Bench.ms(gcPerPass.get(0)[2])),
                        List.of("warm (mean)", Bench.ms(warmGc.stream().mapToDouble(g -> g[0]).average().orElse(0)),
                                String.format(Locale.ROOT, "%.1f", warmGc.stream().mapToDouble(g -> g[1]).average()
                                        .orElse(0)),
                                Bench.ms(warmGc.stream().mapToDouble(g -> g[2]).average().orElse(0)))));
    }

    private static void mark(long[] m) {
        m[0] = System.nanoTime();
        m[1] = THREADS.getCurrentThreadCpuTime();
        m[2] = allocatedBytes();
    }

    private static String pct(double part, double whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static double mean(List<Map<String, Measure>> passes, String phase,
            java.util.function.ToDoubleFunction<Measure> f) {
        return passes.stream().mapToDouble(p -> f.applyAsDouble(p.get(phase))).average().orElse(Double.NaN);
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private static long allocatedBytes() {
        if (THREADS instanceof com.sun.management.ThreadMXBean t) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return 0;
    }

    /** The .py files under a folder, as {@code mprt check} finds them (hidden folders skipped), sorted. */
    private static List<Path> collect(Path dir) throws IOException {
        TreeSet<Path> files = new TreeSet<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                String name = d.getFileName() == null ? "" : d.getFileName().toString();
                return !d.equals(dir) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.toString().endsWith(".py")) {
                    files.add(file.normalize());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return new ArrayList<>(files);
    }

    /** Strict UTF-8, like {@code mprt check}; null when the file is not UTF-8. */
    private static String read(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
