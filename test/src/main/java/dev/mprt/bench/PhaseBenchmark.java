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
import java.util.function.IntConsumer;

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
 * In-process breakdown of the analysis core's cost over MicroPython's {@code tests/} tree, one phase at a time,
 * single-threaded:
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
 * Pass 1 is cold (fresh JVM: class loading, interpreter, JIT compiling as it goes); then {@code --warmup} passes
 * are discarded and {@code --passes} passes are averaged (warm). Run it with the launcher's JVM options
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

    private record Measure(double ms, double allocMb, double gcMs) {
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
        long[] tokens = new long[1];
        long[] diagnostics = new long[3];
        for (int pass = 0; pass < 1 + warmup + passes; pass++) {
            Map<String, Measure> m = new LinkedHashMap<>();
            tokens[0] = 0;
            m.put(PHASES[0], measure(texts.size(), i -> {
                PyLexer lexer = new PyLexer(texts.get(i));
                while (lexer.next() != PyLexer.EOF) {
                    tokens[0]++;
                }
            }));
            IParseResult[] parses = new IParseResult[texts.size()];
            m.put(PHASES[1], measure(texts.size(), i -> parses[i] = parser.parse(new StringReader(texts.get(i)))));
            List<Diagnostic> out = new ArrayList<>();
            m.put(PHASES[2], measure(texts.size(), i -> syntax.collect(texts.get(i), parses[i], out)));
            diagnostics[0] = out.size();
            out.clear();
            m.put(PHASES[3], measure(texts.size(), i -> checks.run(parses[i], options, out)));
            diagnostics[1] = out.size();
            long[] n = new long[1];
            m.put(PHASES[4], measure(texts.size(),
                    i -> n[0] += analyzer.analyze(texts.get(i), parses[i], options).diagnostics().size()));
            diagnostics[2] = n[0];
            m.put(PHASES[5], measure(texts.size(), i -> analyzer.analyze(texts.get(i), options)));
            all.add(m);
            System.out.printf(Locale.ROOT, "  pass %d%s: %s%n", pass + 1,
                    pass == 0 ? " (cold)" : pass <= warmup ? " (warm-up)" : "",
                    m.entrySet().stream().map(e -> e.getKey().split(" ")[0] + " " + Bench.ms(e.getValue().ms()))
                            .reduce((a, b) -> a + ", " + b).orElse(""));
        }
        System.out.printf(Locale.ROOT, "per pass: %d tokens; %d syntax diagnostics, %d check diagnostics, %d from "
                + "analyze(text, parse)%n", tokens[0], diagnostics[0], diagnostics[1], diagnostics[2]);

        Bench.table("setup (cold, once per JVM)", List.of("step", "ms"), List.of(
                List.of("JVM start to main()", Bench.ms(uptimeAtMain)),
                List.of("read + decode " + texts.size() + " files", Bench.ms(readMs)),
                List.of("Xtext injector (createInjectorAndDoEMFRegistration) + instances", Bench.ms(injectorMs))));

        List<List<String>> rows = new ArrayList<>();
        Map<String, Measure> cold = all.get(0);
        List<Map<String, Measure>> warm = all.subList(1 + warmup, all.size());
        double warmCore = 0;
        for (String phase : new String[] { PHASES[1], PHASES[2], PHASES[3] }) {
            warmCore += mean(warm, phase, Measure::ms);
        }
        double coldCore = cold.get(PHASES[1]).ms() + cold.get(PHASES[2]).ms() + cold.get(PHASES[3]).ms();
        for (String phase : PHASES) {
            double w = mean(warm, phase, Measure::ms);
            double wmin = warm.stream().mapToDouble(x -> x.get(phase).ms()).min().orElse(Double.NaN);
            boolean core = phase.equals(PHASES[1]) || phase.equals(PHASES[2]) || phase.equals(PHASES[3]);
            rows.add(List.of(phase, Bench.ms(cold.get(phase).ms()),
                    core ? pct(cold.get(phase).ms(), coldCore) : "",
                    Bench.ms(w), Bench.ms(wmin), core ? pct(w, warmCore) : "",
                    String.format(Locale.ROOT, "%.1f", w / (lines / 1000.0)),
                    String.format(Locale.ROOT, "%.0f", mean(warm, phase, Measure::allocMb)),
                    Bench.ms(mean(warm, phase, Measure::gcMs)), Bench.ms(cold.get(phase).gcMs())));
        }
        rows.add(List.of("parse + syntax + checks", Bench.ms(coldCore), "100%", Bench.ms(warmCore), "", "100%",
                String.format(Locale.ROOT, "%.1f", warmCore / (lines / 1000.0)), "", "", ""));
        Bench.table(String.format(Locale.ROOT, "phases over %d files / %d lines, single thread (ms per pass; cold = "
                + "pass 1; warm = mean of %d passes after %d warm-up passes)", texts.size(), lines, passes, warmup),
                List.of("phase", "cold ms", "cold %", "warm ms", "warm min", "warm %", "warm ms/kLOC",
                        "alloc MB", "warm GC ms", "cold GC ms"),
                rows);
    }

    private static String pct(double part, double whole) {
        return String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }

    private static double mean(List<Map<String, Measure>> passes, String phase,
            java.util.function.ToDoubleFunction<Measure> f) {
        return passes.stream().mapToDouble(p -> f.applyAsDouble(p.get(phase))).average().orElse(Double.NaN);
    }

    private static Measure measure(int n, IntConsumer body) {
        long gc0 = gcMillis();
        long a0 = allocatedBytes();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            body.accept(i);
        }
        long t1 = System.nanoTime();
        return new Measure((t1 - t0) / 1e6, (allocatedBytes() - a0) / 1e6, gcMillis() - gc0);
    }

    private static long gcMillis() {
        long t = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private static long allocatedBytes() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
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
