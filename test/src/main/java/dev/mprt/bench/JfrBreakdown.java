package dev.mprt.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a language server's time goes, from a Java Flight Recording of it: execution samples bucketed by the step
 * of Xtext's build they fall in, plus garbage collection pauses. Record with
 *
 * <pre>
 * MPRT_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -XX:FlightRecorderOptions:stackdepth=2048 \
 *   -XX:StartFlightRecording=filename=/tmp/lsp.jfr,settings=profile" \
 *   java -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.LspBenchmark --sizes 20000
 * java -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.JfrBreakdown /tmp/lsp.jfr
 * </pre>
 *
 * (deep stacks matter: the default depth of 64 frames cuts the parser's recursion off from the build step above it).
 * A sample goes to the first bucket whose marker occurs anywhere in its stack; the markers are method names of
 * Xtext 2.42 and EMF. {@code --thread PREFIX} restricts the samples to threads whose name starts with it (default
 * {@code RequestManager}, the thread Xtext's language server builds on; {@code ""} for all).
 */
public final class JfrBreakdown {

    private JfrBreakdown() {
    }

    /** Bucket label and its markers (substrings of "Class.method", the class without its package). */
    private static final String[][] BUCKETS = {
        { "unload of the previous resource (EMF turns every object into a proxy)", "unloadResource",
            "ResourceImpl.unload" },
        { "validation #2 (IShouldGenerate.OnlyWithoutErrors validates again)", "shouldGenerate" },
        { "validation #1 (the builder's validate, then publishDiagnostics)",
            "InternalStatefulIncrementalBuilder.validate" },
        { "index: resource description (exported objects, references, imported names)",
            "getSerializableResourceDescription", "computeExportedObjects", "resolveLazyCrossReferences",
            "ResourceDescriptionsData" },
        { "linking (LazyLinker)", "LazyLinker" },
        { "parse (loading the resource)", "XtextResourceSet.getResource", "AbstractParser.parse" },
        { "document edit (applying the change)", "applyTextDocumentChanges" },
        { "mprt check: Xtext injector", "createInjectorAndDoEMFRegistration" },
        { "mprt check: analysis", "Analyzer.analyze" },
    };

    /** Finer lines inside validation: all markers must occur. */
    private static final String[][] WITHIN = {
        { "  within validation: Checks.run", "MicroPythonResourceValidator.validate", "Checks.run" },
        { "  within validation: SyntaxDiagnostics.collect", "MicroPythonResourceValidator.validate",
            "SyntaxDiagnostics.collect" },
        { "    of which: a parse inside SyntaxDiagnostics", "SyntaxDiagnostics.collect", "AbstractParser.parse" },
    };

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        if (args.positional.isEmpty()) {
            System.err.println("usage: JfrBreakdown [--thread PREFIX] [--top N] FILE.jfr");
            System.exit(2);
        }
        String thread = args.string("thread", "RequestManager");
        int top = args.integer("top", 15);
        Map<String, Integer> buckets = new LinkedHashMap<>();
        for (String[] b : BUCKETS) {
            buckets.put(b[0], 0);
        }
        buckets.put("other", 0);
        Map<String, Integer> within = new LinkedHashMap<>();
        for (String[] w : WITHIN) {
            within.put(w[0], 0);
        }
        Map<String, Integer> selfFrames = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        int all = 0;
        Duration gc = Duration.ZERO;
        int gcs = 0;
        Duration longestGc = Duration.ZERO;
        try (RecordingFile file = new RecordingFile(Path.of(args.positional.get(0)))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    Duration d = e.getDuration("sumOfPauses");
                    gc = gc.plus(d);
                    gcs++;
                    if (d.compareTo(longestGc) > 0) {
                        longestGc = d;
                    }
                    continue;
                }
                if (!type.equals("jdk.ExecutionSample")) {
                    continue;
                }
                all++;
                String name = e.getThread("sampledThread") == null ? "?"
                        : String.valueOf(e.getThread("sampledThread").getJavaName());
                threads.merge(name, 1, Integer::sum);
                if (!name.startsWith(thread)) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null) {
                    continue;
                }
                samples++;
                List<String> frames = new ArrayList<>();
                for (RecordedFrame f : st.getFrames()) {
                    String cls = f.getMethod().getType().getName();
                    frames.add(cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethod().getName());
                }
                if (!frames.isEmpty()) {
                    selfFrames.merge(frames.get(0), 1, Integer::sum);
                }
                String joined = String.join("|", frames);
                String bucket = "other";
                for (String[] b : BUCKETS) {
                    if (anyOf(joined, b)) {
                        bucket = b[0];
                        break;
                    }
                }
                buckets.merge(bucket, 1, Integer::sum);
                for (String[] w : WITHIN) {
                    if (allOf(joined, w)) {
                        within.merge(w[0], 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d execution samples, %d on threads '%s*'; threads: %s%n", all, samples,
                thread, threads);
        List<List<String>> rows = new ArrayList<>();
        int total = samples;
        buckets.forEach((k, v) -> {
            if (v > 0) {
                rows.add(List.of(k, Integer.toString(v), pct(v, total)));
            }
        });
        within.forEach((k, v) -> rows.add(List.of(k, Integer.toString(v), pct(v, total))));
        Bench.table("execution samples by build step (first matching bucket; 'within' lines overlap the buckets)",
                List.of("step", "samples", "share"), rows);
        List<List<String>> selfRows = new ArrayList<>();
        selfFrames.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> selfRows.add(List.of(e.getKey(), Integer.toString(e.getValue()),
                        pct(e.getValue(), total))));
        Bench.table("hottest methods (self samples)", List.of("method", "samples", "share"), selfRows);
        System.out.printf(Locale.ROOT, "%ngarbage collection: %d collections, %.1f s of pauses in total, longest %.0f ms"
                + " (execution samples do not include GC time)%n", gcs, gc.toNanos() / 1e9, longestGc.toNanos() / 1e6);
    }

    private static boolean anyOf(String joined, String[] bucket) {
        for (int i = 1; i < bucket.length; i++) {
            if (joined.contains(bucket[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean allOf(String joined, String[] bucket) {
        for (int i = 1; i < bucket.length; i++) {
            if (!joined.contains(bucket[i])) {
                return false;
            }
        }
        return true;
    }

    private static String pct(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }
}
