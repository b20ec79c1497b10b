package dev.mprt.bench;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import com.google.inject.Injector;

import dev.mprt.lang.MicroPythonStandaloneSetup;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.SyntaxDiagnostics;
import dev.mprt.lang.check.Checks;
import dev.mprt.lang.diagnostics.Diagnostic;

/**
 * Where one re-analysis of a generated module goes, step by step and check by check, in process (warm): the parse,
 * the syntax diagnostics, and each registered check (a memo several checks share is charged to the first).
 *
 * <pre>java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp test/target/classes:language-server/target/mprt.jar \
 *     dev.mprt.bench.CheckProfile [--lines 20000 | --tests DIR] [--warmup 10] [--passes 10]</pre>
 */
public final class CheckProfile {

    public static void main(String[] argv) {
        int lines = 20000;
        int warmup = 10;
        int passes = 10;
        String tests = null;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--tests" -> tests = argv[++i];
                case "--lines" -> lines = Integer.parseInt(argv[++i]);
                case "--warmup" -> warmup = Integer.parseInt(argv[++i]);
                case "--passes" -> passes = Integer.parseInt(argv[++i]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        List<String> texts = new ArrayList<>();
        if (tests != null) {
            try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(tests))) {
                for (var f : files.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                    try {
                        texts.add(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                                .decode(java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(f))).toString());
                    } catch (java.io.IOException e) {
                        // not UTF-8: mprt check reports it; not analysed
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        } else {
            texts.add(GeneratedSource.of(lines).text());
        }
        Injector injector = new MicroPythonStandaloneSetup().createInjectorAndDoEMFRegistration();
        IParser parser = injector.getInstance(IParser.class);
        SyntaxDiagnostics syntax = injector.getInstance(SyntaxDiagnostics.class);
        Checks checks = injector.getInstance(Checks.class);
        AnalysisOptions options = AnalysisOptions.defaults();
        List<String> names = checks.names();
        long[] nanos = new long[names.size()];
        long parseNs = 0;
        long syntaxNs = 0;
        for (int pass = 0; pass < warmup + passes; pass++) {
            if (pass == warmup) {
                Arrays.fill(nanos, 0);
                parseNs = syntaxNs = 0;
            }
            for (String text : texts) {
                long t0 = System.nanoTime();
                IParseResult parse = parser.parse(new StringReader(text));
                long t1 = System.nanoTime();
                List<Diagnostic> out = new ArrayList<>();
                syntax.collect(text, parse, out);
                long t2 = System.nanoTime();
                checks.run(parse, options, out, nanos);
                parseNs += t1 - t0;
                syntaxNs += t2 - t1;
            }
        }
        System.out.printf(Locale.ROOT, "%d files, %d lines, %d warm passes, ms per pass%n", texts.size(),
                texts.stream().mapToLong(t -> t.split("\n", -1).length).sum(), passes);
        System.out.printf(Locale.ROOT, "%-32s %8.1f%n", "parse", parseNs / 1e6 / passes);
        System.out.printf(Locale.ROOT, "%-32s %8.1f%n", "syntax diagnostics", syntaxNs / 1e6 / passes);
        long total = 0;
        Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            total += nanos[i];
        }
        Arrays.sort(order, (a, b) -> Long.compare(nanos[b], nanos[a]));
        System.out.printf(Locale.ROOT, "%-32s %8.1f%n", "checks, all", total / 1e6 / passes);
        for (int i : order) {
            System.out.printf(Locale.ROOT, "  %-30s %8.1f%n", names.get(i), nanos[i] / 1e6 / passes);
        }
    }
}
