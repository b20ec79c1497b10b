package dev.mprt.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The language server as an editor sees it: starts {@code ./mprt lsp} as a process and speaks LSP (JSON-RPC with
 * Content-Length framing, hand-rolled here so that nothing but the protocol is shared with the server) over its
 * stdin/stdout. For each size (a fresh server each):
 * <ol>
 * <li>initialize (workspace root: an empty temporary folder, so no workspace build competes), initialized;</li>
 * <li>didOpen of a generated module ({@link GeneratedSource}; the file exists only in the editor buffer) and the
 * time to its first publishDiagnostics: the <em>cold</em> open;</li>
 * <li>{@code --edits} one-character incremental didChange edits in the middle third of the file, alternately
 * inserting a digit into a {@code + 100} and deleting it again (the module stays valid), each timed from sending
 * didChange to the next publishDiagnostics for the document; before each, {@code --pause} ms and then until the
 * server is idle (its CPU time stops growing), so that no edit waits for the previous one's leftovers;</li>
 * <li>didClose and didOpen again: the <em>warm</em> open;</li>
 * <li>VmRSS and VmHWM from {@code /proc/PID/status} after the cold open and at the end, and the heap's share of
 * it ({@code jcmd PID GC.heap_info}).</li>
 * </ol>
 * Besides wall times it reports the server's CPU time ({@code /proc/PID/stat}, all threads, 10 ms ticks) per open
 * and per edit, to publishDiagnostics and until idle: on a busy shared machine wall times stretch while waiting for
 * a CPU, the CPU time much less, so it bounds what the same work takes on an idle machine (give or take the
 * parallel JIT and GC threads).
 *
 * <pre>
 * java -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.LspBenchmark \
 *     [--root DIR] [--sizes 5000,20000] [--edits 30] [--pause 20] [--emit DIR]
 * </pre>
 *
 * {@code --emit DIR} writes the generated modules there (to check them with {@code ./mprt check}) and exits.
 */
public final class LspBenchmark {

    private static final long TIMEOUT_S = 120;

    private LspBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        Path root = Bench.root(args);
        List<Integer> sizes = new ArrayList<>();
        for (String s : args.string("sizes", "5000,20000").split(",")) {
            sizes.add(Integer.parseInt(s.strip()));
        }
        int edits = args.integer("edits", 30);
        int pause = args.integer("pause", 20);
        int queries = args.integer("queries", 40);
        Path launcher = Path.of(args.string("launcher", root.resolve("mprt").toString()));

        if (args.options.containsKey("emit")) {
            Path dir = Path.of(args.string("emit", "."));
            Files.createDirectories(dir);
            for (int size : sizes) {
                GeneratedSource src = GeneratedSource.of(size);
                Path f = dir.resolve("bench_" + size + ".py");
                Files.writeString(f, src.text());
                System.out.println(f + ": " + src.lines() + " lines, " + src.editSites().size() + " edit sites");
            }
            return;
        }

        System.out.println("# LspBenchmark");
        System.out.println("machine: " + Bench.machine());
        System.out.println("server: " + launcher + " lsp   MPRT_JAVA_OPTS="
                + (System.getenv("MPRT_JAVA_OPTS") == null ? "(unset: launcher default)" : System.getenv("MPRT_JAVA_OPTS")));
        System.out.println("edits per size: " + edits + "; before each: a pause of " + pause
                + " ms, then until the server is idle (no CPU time for 2 x 100 ms)");

        List<Result> results = new ArrayList<>();
        for (int size : sizes) {
            results.add(runOne(launcher, GeneratedSource.of(size), edits, pause, queries));
        }

        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(List.of(Integer.toString(r.lines), Bench.ms(r.startMs), Bench.ms(r.initMs), Bench.ms(r.openMs),
                    Long.toString(r.openCpuMs), Long.toString(r.openCpuIdleMs), Bench.ms(r.reopenMs),
                    Long.toString(r.reopenCpuMs), Integer.toString(r.openDiagnostics)));
        }
        Bench.table("open (ms): start = process start to initialize result; cold open = didOpen to first "
                + "publishDiagnostics in a fresh server; warm open = the same after the edits, close and reopen; "
                + "CPU = the server's CPU time (all threads: JIT and GC included) from didOpen to publishDiagnostics "
                + "or to idle",
                List.of("lines", "start", "initialize", "cold open", "CPU", "CPU to idle", "warm open", "CPU",
                        "diagnostics"), rows);

        rows = new ArrayList<>();
        for (Result r : results) {
            Bench.Stats s = Bench.Stats.of(r.editMs);
            Bench.Stats c = Bench.Stats.of(r.editCpuMs);
            Bench.Stats ci = Bench.Stats.of(r.editCpuIdleMs);
            rows.add(List.of(Integer.toString(r.lines), "wall, to publishDiagnostics", Integer.toString(s.n()),
                    Bench.ms(s.min()), Bench.ms(s.p50()), Bench.ms(s.p95()), Bench.ms(s.max()), Bench.ms(s.mean()),
                    r.firstEdits, Integer.toString(r.maxEditDiagnostics)));
            rows.add(List.of(Integer.toString(r.lines), "server CPU, to publishDiagnostics", Integer.toString(c.n()),
                    Bench.ms(c.min()), Bench.ms(c.p50()), Bench.ms(c.p95()), Bench.ms(c.max()), Bench.ms(c.mean()),
                    "", ""));
            rows.add(List.of(Integer.toString(r.lines), "server CPU, until idle", Integer.toString(ci.n()),
                    Bench.ms(ci.min()), Bench.ms(ci.p50()), Bench.ms(ci.p95()), Bench.ms(ci.max()),
                    Bench.ms(ci.mean()), "", ""));
        }
        Bench.table("one-character didChange (ms): wall time to the next publishDiagnostics (what the user waits), "
                + "and the server's CPU time (all threads) to it and until the server is idle again; each edit is sent "
                + "to an idle server",
                List.of("lines", "measure", "edits", "min", "p50", "p95", "max", "mean", "first 5 edits",
                        "max diagnostics"),
                rows);

        rows = new ArrayList<>();
        for (Result r : results) {
            for (Map.Entry<String, List<Double>> q : r.queryMs.entrySet()) {
                Bench.Stats st = Bench.Stats.of(q.getValue());
                rows.add(List.of(Integer.toString(r.lines), q.getKey(), Integer.toString(st.n()), Bench.ms(st.min()),
                        Bench.ms(st.p50()), Bench.ms(st.p95()), Bench.ms(st.max()), r.querySizes.get(q.getKey())));
            }
        }
        Bench.table("completion and hover (ms, wall, request to response): on the opened file with the server idle, "
                + "and sent right after a one-character didChange (the request waits for the document to be re-read); "
                + "sites cycle over the units in the middle third",
                List.of("lines", "request", "n", "min", "p50", "p95", "max", "result size (min-max)"), rows);

        rows = new ArrayList<>();
        for (Result r : results) {
            rows.add(List.of(Integer.toString(r.lines), Bench.mb(r.rssAfterOpenKb), Bench.mb(r.rssEndKb),
                    Bench.mb(r.hwmEndKb), r.process));
        }
        Bench.table("server memory (MB, from /proc/PID/status)",
                List.of("lines", "VmRSS after open", "VmRSS after edits", "VmHWM (peak)", "process"), rows);
    }

    private static final class Result {
        int lines;
        double startMs;
        double initMs;
        double openMs;
        double reopenMs;
        long openCpuMs;
        long openCpuIdleMs;
        long reopenCpuMs;
        int openDiagnostics;
        final List<Double> editMs = new ArrayList<>();
        final List<Double> editCpuMs = new ArrayList<>();
        final List<Double> editCpuIdleMs = new ArrayList<>();
        String firstEdits = "";
        int maxEditDiagnostics;
        long rssAfterOpenKb;
        long rssEndKb;
        long hwmEndKb;
        String process;
        final Map<String, List<Double>> queryMs = new java.util.LinkedHashMap<>();
        final Map<String, String> querySizes = new java.util.LinkedHashMap<>();

        void query(String kind, double ms, int size) {
            queryMs.computeIfAbsent(kind, k -> new ArrayList<>()).add(ms);
            String old = querySizes.get(kind);
            int lo = size;
            int hi = size;
            if (old != null) {
                String[] p = old.split("-");
                lo = Math.min(lo, Integer.parseInt(p[0]));
                hi = Math.max(hi, Integer.parseInt(p[p.length - 1]));
            }
            querySizes.put(kind, lo == hi ? Integer.toString(lo) : lo + "-" + hi);
        }
    }

    /**
     * Where completion and hover are asked, per unit of the middle third: completion of a name ({@code return to|tal}:
     * locals, the module's thousands of globals, builtins), of a member ({@code @micropython.n|ative}: a stub module),
     * hover on a local ({@code return [t]otal}) and on a module constant ({@code hi=[_]LIMIT_NN}).
     */
    private static Map<String, List<GeneratedSource.Site>> querySites(GeneratedSource src) {
        Map<String, List<GeneratedSource.Site>> out = new java.util.LinkedHashMap<>();
        String[] lines = src.text().split("\n", -1);
        int n = lines.length;
        for (int i = n / 3; i < 2 * n / 3; i++) {
            String l = lines[i];
            int c;
            if ((c = l.indexOf("return total")) >= 0) {
                out.computeIfAbsent("completion: name", k -> new ArrayList<>()).add(new GeneratedSource.Site(i, c + 9));
                out.computeIfAbsent("hover: local", k -> new ArrayList<>()).add(new GeneratedSource.Site(i, c + 8));
            } else if ((c = l.indexOf("@micropython.native")) >= 0) {
                out.computeIfAbsent("completion: member", k -> new ArrayList<>()).add(new GeneratedSource.Site(i, c + 14));
            } else if ((c = l.indexOf("hi=_LIMIT_")) >= 0) {
                out.computeIfAbsent("hover: global", k -> new ArrayList<>()).add(new GeneratedSource.Site(i, c + 4));
            }
        }
        return out;
    }

    /** One completion or hover request at a site: its wall time (ms) and the result's size (items, or hover chars). */
    private static double[] ask(Client client, String uri, String kind, GeneratedSource.Site site) throws Exception {
        JsonObject params = new JsonObject();
        JsonObject id = new JsonObject();
        id.addProperty("uri", uri);
        params.add("textDocument", id);
        params.add("position", position(site.line(), site.character()));
        long t = System.nanoTime();
        JsonObject response = client.request(kind.startsWith("completion") ? "textDocument/completion"
                : "textDocument/hover", params).get(TIMEOUT_S, TimeUnit.SECONDS);
        double ms = (System.nanoTime() - t) / 1e6;
        JsonElement result = response.get("result");
        int size = 0;
        if (result != null && result.isJsonObject() && result.getAsJsonObject().has("items")) {
            size = result.getAsJsonObject().getAsJsonArray("items").size();
        } else if (result != null && result.isJsonArray()) {
            size = result.getAsJsonArray().size();
        } else if (result != null && result.isJsonObject() && result.getAsJsonObject().has("contents")) {
            size = result.getAsJsonObject().get("contents").toString().length();
        }
        return new double[] {ms, size};
    }

    private static Result runOne(Path launcher, GeneratedSource src, int edits, int pause, int queries)
            throws Exception {
        Result r = new Result();
        r.lines = src.lines();
        Path workspace = Files.createTempDirectory("mprt-lsp-bench");
        Path serverLog = Files.createTempFile("mprt-lsp-bench", ".log");
        String uri = workspace.resolve("bench_" + src.lines() + ".py").toUri().toString();
        System.out.printf(Locale.ROOT, "%n## %d lines (%d chars, %d edit sites in the middle third)%n", src.lines(),
                src.text().length(), src.editSites().size());
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(launcher.toString(), "lsp").directory(workspace.toFile())
                .redirectError(serverLog.toFile()).start();
        Client client = new Client(process);
        try {
            JsonObject init = new JsonObject();
            init.addProperty("processId", ProcessHandle.current().pid());
            init.addProperty("rootUri", workspace.toUri().toString());
            JsonArray folders = new JsonArray();
            JsonObject folder = new JsonObject();
            folder.addProperty("uri", workspace.toUri().toString());
            folder.addProperty("name", "bench");
            folders.add(folder);
            init.add("workspaceFolders", folders);
            init.add("capabilities", JsonParser.parseString("""
                    {"textDocument": {"synchronization": {"didSave": false, "dynamicRegistration": false},
                                      "publishDiagnostics": {"relatedInformation": false}},
                     "workspace": {"workspaceFolders": true, "configuration": false}}"""));
            long tInit = System.nanoTime();
            JsonObject initResult = client.request("initialize", init).get(TIMEOUT_S, TimeUnit.SECONDS);
            long tInitDone = System.nanoTime();
            r.startMs = (tInitDone - t0) / 1e6;
            r.initMs = (tInitDone - tInit) / 1e6;
            JsonElement sync = initResult.getAsJsonObject("result").getAsJsonObject("capabilities")
                    .get("textDocumentSync");
            System.out.println("server pid " + process.pid() + " (" + Bench.procComm(process.pid())
                    + "), textDocumentSync " + sync);
            r.process = Bench.procComm(process.pid()) + " " + process.pid();
            client.notify("initialized", new JsonObject());
            Thread.sleep(500); // let the (empty) workspace build finish
            awaitIdle(process.pid());
            client.diagnostics.clear();

            // cold open
            JsonObject doc = new JsonObject();
            doc.addProperty("uri", uri);
            doc.addProperty("languageId", "python");
            doc.addProperty("version", 1);
            doc.addProperty("text", src.text());
            JsonObject open = new JsonObject();
            open.add("textDocument", doc);
            long cpu0 = Bench.procCpuMs(process.pid());
            long sent = client.notify("textDocument/didOpen", open);
            Client.Message m = client.awaitDiagnostics(uri, -1);
            r.openMs = (m.nanos() - sent) / 1e6;
            r.openCpuMs = Bench.procCpuMs(process.pid()) - cpu0;
            r.openCpuIdleMs = awaitIdle(process.pid()) - cpu0;
            r.openDiagnostics = m.json().getAsJsonObject("params").getAsJsonArray("diagnostics").size();
            r.rssAfterOpenKb = Bench.procStatusKb(process.pid(), "VmRSS");
            System.out.printf(Locale.ROOT, "cold open: %.0f ms (server CPU %d ms to publish, %d ms until idle), %d "
                    + "diagnostics%s; VmRSS %s MB%n", r.openMs, r.openCpuMs, r.openCpuIdleMs, r.openDiagnostics,
                    r.openDiagnostics > 0 ? " (first: " + firstMessage(m) + ")" : "", Bench.mb(r.rssAfterOpenKb));

            // completion and hover on the opened file, the server idle
            Map<String, List<GeneratedSource.Site>> qs = querySites(src);
            for (Map.Entry<String, List<GeneratedSource.Site>> q : qs.entrySet()) {
                for (int k = 0; k < queries; k++) {
                    double[] a = ask(client, uri, q.getKey(), q.getValue().get(k * 7 % q.getValue().size()));
                    r.query(q.getKey(), a[0], (int) a[1]);
                }
                awaitIdle(process.pid());
            }

            // one-character edits, alternately inserting and deleting a digit
            int version = 1;
            List<GeneratedSource.Site> sites = src.editSites();
            StringBuilder first = new StringBuilder();
            for (int k = 0; k < edits; k++) {
                GeneratedSource.Site site = sites.get((k / 2 * 7) % sites.size());
                boolean insert = k % 2 == 0;
                JsonObject change = new JsonObject();
                change.add("range", range(site.line(), site.character(), site.line(),
                        site.character() + (insert ? 0 : 1)));
                change.addProperty("text", insert ? "1" : "");
                JsonArray changes = new JsonArray();
                changes.add(change);
                JsonObject id = new JsonObject();
                id.addProperty("uri", uri);
                id.addProperty("version", ++version);
                JsonObject params = new JsonObject();
                params.add("textDocument", id);
                params.add("contentChanges", changes);
                Thread.sleep(pause);
                cpu0 = awaitIdle(process.pid());
                sent = client.notify("textDocument/didChange", params);
                m = client.awaitDiagnostics(uri, version);
                double ms = (m.nanos() - sent) / 1e6;
                long cpu = Bench.procCpuMs(process.pid()) - cpu0;
                long cpuIdle = awaitIdle(process.pid()) - cpu0;
                r.editMs.add(ms);
                r.editCpuMs.add((double) cpu);
                r.editCpuIdleMs.add((double) cpuIdle);
                int n = m.json().getAsJsonObject("params").getAsJsonArray("diagnostics").size();
                r.maxEditDiagnostics = Math.max(r.maxEditDiagnostics, n);
                if (k < 5) {
                    first.append(k == 0 ? "" : ", ").append(Bench.ms(ms));
                }
                System.out.printf(Locale.ROOT, "  edit %2d (%s at %d:%d): %.0f ms, %d diagnostics; server CPU %d ms "
                        + "to publish, %d ms until idle%n", k + 1, insert ? "insert" : "delete", site.line() + 1,
                        site.character() + 1, ms, n, cpu, cpuIdle);
            }
            r.firstEdits = first.toString();

            // completion and hover sent right after a one-character edit (an even number: the text is restored)
            for (String kind : List.of("completion: name", "hover: local")) {
                List<GeneratedSource.Site> at = qs.get(kind);
                for (int k = 0; k < Math.max(2, queries / 2 * 2); k++) {
                    GeneratedSource.Site site = sites.get((k / 2 * 11) % sites.size());
                    boolean insert = k % 2 == 0;
                    JsonObject change = new JsonObject();
                    change.add("range", range(site.line(), site.character(), site.line(),
                            site.character() + (insert ? 0 : 1)));
                    change.addProperty("text", insert ? "1" : "");
                    JsonArray changes = new JsonArray();
                    changes.add(change);
                    JsonObject id = new JsonObject();
                    id.addProperty("uri", uri);
                    id.addProperty("version", ++version);
                    JsonObject params = new JsonObject();
                    params.add("textDocument", id);
                    params.add("contentChanges", changes);
                    Thread.sleep(pause);
                    awaitIdle(process.pid());
                    client.diagnostics.clear();
                    client.notify("textDocument/didChange", params);
                    double[] a = ask(client, uri, kind, at.get(k * 7 % at.size()));
                    r.query(kind + ", after an edit", a[0], (int) a[1]);
                    client.awaitDiagnostics(uri, version);
                }
            }
            System.out.println("queries: " + r.queryMs.keySet().stream().map(k -> k + " p50 "
                    + Bench.ms(Bench.Stats.of(r.queryMs.get(k)).p50()) + " ms").toList());

            // warm open: close, let the close settle, reopen the (unchanged: edits cancel out) text
            JsonObject close = new JsonObject();
            JsonObject closeId = new JsonObject();
            closeId.addProperty("uri", uri);
            close.add("textDocument", closeId);
            client.notify("textDocument/didClose", close);
            Thread.sleep(200);
            awaitIdle(process.pid());
            client.diagnostics.clear();
            cpu0 = Bench.procCpuMs(process.pid());
            sent = client.notify("textDocument/didOpen", open);
            m = client.awaitDiagnostics(uri, -1);
            r.reopenMs = (m.nanos() - sent) / 1e6;
            r.reopenCpuMs = Bench.procCpuMs(process.pid()) - cpu0;
            awaitIdle(process.pid());
            System.out.printf(Locale.ROOT, "warm open: %.0f ms (server CPU %d ms)%n", r.reopenMs, r.reopenCpuMs);

            r.rssEndKb = Bench.procStatusKb(process.pid(), "VmRSS");
            r.hwmEndKb = Bench.procStatusKb(process.pid(), "VmHWM");
            heapInfo(process.pid());

            client.request("shutdown", JsonNull.INSTANCE).get(30, TimeUnit.SECONDS);
            client.notify("exit", JsonNull.INSTANCE);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                System.out.println("server did not exit within 10 s after 'exit'; destroying it");
            }
        } catch (TimeoutException | RuntimeException | IOException e) {
            System.out.println("FAILED: " + e);
            System.out.println("server stderr (" + serverLog + "):");
            System.out.println(Files.readString(serverLog));
            throw e;
        } finally {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(workspace.resolve("bench_" + src.lines() + ".py"));
            Files.deleteIfExists(workspace);
        }
        String log = Files.readString(serverLog).strip();
        if (!log.isEmpty()) {
            System.out.println("server stderr: " + (log.length() > 2000 ? log.substring(0, 2000) + "..." : log));
        }
        Files.deleteIfExists(serverLog);
        return r;
    }

    /**
     * Waits until the server has used (almost) no CPU for two consecutive 100 ms windows (at most 30 s) and returns
     * its CPU time then. Tolerates 10 ms (one tick) per window for timers and housekeeping threads.
     */
    private static long awaitIdle(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = Bench.procCpuMs(pid);
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            long now = Bench.procCpuMs(pid);
            quiet = now - last <= 10 ? quiet + 1 : 0;
            last = now;
        }
        return last;
    }

    /** What part of the RSS is Java heap, and how much of it is in use: {@code jcmd PID GC.heap_info}, if present. */
    private static void heapInfo(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                System.out.println("heap at the end (jcmd " + pid + " GC.heap_info):");
                out.lines().skip(1).filter(l -> !l.isBlank()).limit(8).forEach(l -> System.out.println("  " + l.strip()));
            }
        } catch (IOException e) {
            // informational only
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String firstMessage(Client.Message m) {
        JsonArray d = m.json().getAsJsonObject("params").getAsJsonArray("diagnostics");
        return d.isEmpty() ? "" : d.get(0).toString();
    }

    private static JsonObject range(int l0, int c0, int l1, int c1) {
        JsonObject r = new JsonObject();
        r.add("start", position(l0, c0));
        r.add("end", position(l1, c1));
        return r;
    }

    private static JsonObject position(int line, int character) {
        JsonObject p = new JsonObject();
        p.addProperty("line", line);
        p.addProperty("character", character);
        return p;
    }

    /** A minimal JSON-RPC 2.0 client with LSP's Content-Length framing; every message is stamped on arrival. */
    static final class Client {

        record Message(JsonObject json, long nanos) {
        }

        private static final Gson GSON = new Gson();

        private final OutputStream out;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
        final BlockingQueue<Message> diagnostics = new LinkedBlockingQueue<>();
        private volatile Throwable readerFailure;

        Client(Process process) {
            this.out = process.getOutputStream();
            Thread reader = new Thread(() -> read(process.getInputStream()), "lsp-reader");
            reader.setDaemon(true);
            reader.start();
        }

        CompletableFuture<JsonObject> request(String method, JsonElement params) throws IOException {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonObject> f = new CompletableFuture<>();
            pending.put(id, f);
            JsonObject msg = new JsonObject();
            msg.addProperty("jsonrpc", "2.0");
            msg.addProperty("id", id);
            msg.addProperty("method", method);
            msg.add("params", params);
            send(msg);
            return f;
        }

        /** Sends a notification; returns System.nanoTime() just before the write. */
        long notify(String method, JsonElement params) throws IOException {
            JsonObject msg = new JsonObject();
            msg.addProperty("jsonrpc", "2.0");
            msg.addProperty("method", method);
            msg.add("params", params);
            return send(msg);
        }

        /**
         * The next publishDiagnostics for {@code uri}; with {@code version >= 0}, one that carries no version or
         * at least that one (older ones are dropped).
         */
        Message awaitDiagnostics(String uri, int version) throws InterruptedException, TimeoutException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
            while (true) {
                long left = deadline - System.nanoTime();
                Message m = diagnostics.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw new TimeoutException("no publishDiagnostics for " + uri + " within " + TIMEOUT_S + " s"
                            + (readerFailure != null ? " (reader: " + readerFailure + ")" : ""));
                }
                JsonObject params = m.json().getAsJsonObject("params");
                if (!uri.equals(params.get("uri").getAsString())) {
                    continue;
                }
                JsonElement v = params.get("version");
                if (version >= 0 && v != null && !v.isJsonNull() && v.getAsInt() < version) {
                    continue;
                }
                return m;
            }
        }

        private synchronized long send(JsonObject msg) throws IOException {
            byte[] body = GSON.toJson(msg).getBytes(StandardCharsets.UTF_8);
            byte[] header = ("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            long t = System.nanoTime();
            out.write(header);
            out.write(body);
            out.flush();
            return t;
        }

        private void read(InputStream in) {
            try {
                while (true) {
                    int length = -1;
                    String line;
                    while (!(line = headerLine(in)).isEmpty()) {
                        if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring("content-length:".length()).strip());
                        }
                    }
                    if (length < 0) {
                        throw new IOException("message without Content-Length");
                    }
                    byte[] body = in.readNBytes(length);
                    long now = System.nanoTime();
                    if (body.length < length) {
                        throw new IOException("server closed the stream");
                    }
                    dispatch(JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject(), now);
                }
            } catch (IOException | RuntimeException e) {
                readerFailure = e;
                pending.values().forEach(f -> f.completeExceptionally(e));
            }
        }

        private void dispatch(JsonObject msg, long now) throws IOException {
            boolean hasId = msg.has("id") && !msg.get("id").isJsonNull();
            if (msg.has("method")) {
                String method = msg.get("method").getAsString();
                if (hasId) {
                    // a request from the server: answer it so that it never waits on us
                    JsonObject reply = new JsonObject();
                    reply.addProperty("jsonrpc", "2.0");
                    reply.add("id", msg.get("id"));
                    JsonElement result = JsonNull.INSTANCE;
                    if (method.equals("workspace/configuration") && msg.has("params")) {
                        JsonArray nulls = new JsonArray();
                        for (JsonElement ignored : msg.getAsJsonObject("params").getAsJsonArray("items")) {
                            nulls.add(JsonNull.INSTANCE);
                        }
                        result = nulls;
                    }
                    reply.add("result", result);
                    send(reply);
                } else if (method.equals("textDocument/publishDiagnostics")) {
                    diagnostics.add(new Message(msg, now));
                }
                return;
            }
            if (hasId) {
                CompletableFuture<JsonObject> f = pending.remove(msg.get("id").getAsInt());
                if (f != null) {
                    if (msg.has("error")) {
                        f.completeExceptionally(new IOException("LSP error: " + msg.get("error")));
                    } else {
                        f.complete(msg);
                    }
                }
            }
        }

        private static String headerLine(InputStream in) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    break;
                }
                if (c != '\r') {
                    b.write(c);
                }
            }
            if (c == -1) {
                throw new IOException("server closed the stream");
            }
            return b.toString(StandardCharsets.US_ASCII);
        }
    }
}
