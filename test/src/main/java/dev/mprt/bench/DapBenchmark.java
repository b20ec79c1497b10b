package dev.mprt.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.VariablesArguments;

import dev.mprt.dapclient.DapClientProcess;

/**
 * The debug adapter's latencies as an editor sees them, over real DAP on {@code ./mprt dap} with the emulated board:
 * breakpoint hit to the {@code stopped} event at the client (continue sent → stopped received, the loop between two
 * hits being a few µs of device time), a step with the client's whole round (next → stopped → stackTrace → scopes →
 * variables), and upload throughput (as the adapter reports it) for programs of several sizes.
 *
 * <p>{@code java -cp test/target/classes:language-server/target/mprt.jar dev.mprt.bench.DapBenchmark --root .
 * [--hits 50] [--steps 50]}
 */
public final class DapBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern UPLOADED = Pattern.compile("uploaded \\d+ of \\d+ files \\((\\d+) bytes.*in (\\d+) ms");

    private DapBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Bench.Args args = new Bench.Args(argv);
        Path root = Bench.root(args);
        int hits = args.integer("hits", 50);
        int steps = args.integer("steps", 50);
        Path dir = Files.createTempDirectory("mprt-dap-bench");
        System.out.println("## DapBenchmark: ./mprt dap on the emulated board (qemu-mps2-an385)");
        System.out.println(Bench.machine());

        List<Double> hit = new ArrayList<>();
        List<Double> step = new ArrayList<>();
        Path program = write(dir, "loop.py", """
                def f(i):
                    return i + 1  # line 2: the breakpoint


                n = 0
                while True:
                    n = f(n)
                    n = n % 1000
                """);
        try (DapClientProcess dap = DapClientProcess.start(root)) {
            long t0 = System.nanoTime();
            launch(dap, program);
            setBreakpoint(dap, program, 2);
            int mark = dap.mark();
            get(dap.server().configurationDone(new ConfigurationDoneArguments()));
            dap.await(mark, "stopped", WAIT);
            double launchMs = (System.nanoTime() - t0) / 1e6;
            for (int i = 0; i < hits; i++) {
                mark = dap.mark();
                long s = System.nanoTime();
                ContinueArguments c = new ContinueArguments();
                c.setThreadId(1);
                get(dap.server().continue_(c));
                DapClientProcess.Event e = dap.await(mark, "stopped", WAIT);
                hit.add((e.nanos() - s) / 1e6);
            }
            setBreakpoint(dap, program);
            for (int i = 0; i < steps; i++) {
                mark = dap.mark();
                long s = System.nanoTime();
                NextArguments n = new NextArguments();
                n.setThreadId(1);
                get(dap.server().next(n));
                dap.await(mark, "stopped", WAIT);
                StackTraceArguments st = new StackTraceArguments();
                st.setThreadId(1);
                int frame = get(dap.server().stackTrace(st)).getStackFrames()[0].getId();
                ScopesArguments sc = new ScopesArguments();
                sc.setFrameId(frame);
                int ref = get(dap.server().scopes(sc)).getScopes()[0].getVariablesReference();
                VariablesArguments va = new VariablesArguments();
                va.setVariablesReference(ref);
                get(dap.server().variables(va));
                step.add((System.nanoTime() - s) / 1e6);
            }
            disconnect(dap);
            System.out.println(String.format(Locale.ROOT,
                    "launch to the first stop (adapter JVM, QEMU start, attach, upload, breakpoint): %.0f ms",
                    launchMs));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("breakpoint hit → stopped at the client (continue sent → event)", Bench.Stats.of(hit)));
        rows.add(row("step over + stackTrace + scopes + variables", Bench.Stats.of(step)));
        Bench.table("Debugging latency (ms)", List.of("what", "n", "min", "p50", "p95", "max"), rows);

        List<List<String>> up = new ArrayList<>();
        for (int kb : new int[] {4, 16, 64}) {
            StringBuilder src = new StringBuilder("values = []\n");
            int i = 0;
            while (src.length() < kb * 1024 - 40) {
                src.append("values.append(").append(i++).append(")  # padding to make the file bigger\n");
            }
            Path p = write(dir, "up" + kb + ".py", src.toString());
            try (DapClientProcess dap = DapClientProcess.start(root)) {
                launch(dap, p);
                Matcher m = UPLOADED.matcher(dap.output("console"));
                for (int tries = 0; tries < 100 && !m.find(); tries++) {
                    Thread.sleep(20);
                    m = UPLOADED.matcher(dap.output("console"));
                }
                if (!m.find(0)) {
                    throw new IllegalStateException("no upload report: " + dap.output(null));
                }
                long bytes = Long.parseLong(m.group(1));
                long ms = Long.parseLong(m.group(2));
                up.add(List.of(Long.toString(bytes), Long.toString(ms),
                        String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / (ms / 1000.0)),
                        String.format(Locale.ROOT, "%.0f%%", 100.0 * bytes / 1024.0 / (ms / 1000.0) / 11.25)));
                disconnect(dap);
            }
        }
        Bench.table("Upload (UPLOAD_BEGIN/DATA/END, 224-byte chunks, one request at a time, CRC-32 checked)",
                List.of("bytes", "ms", "KiB/s", "of a 115200-baud link (11.25 KiB/s)"), up);
    }

    private static List<String> row(String what, Bench.Stats s) {
        return List.of(what, Integer.toString(s.n()), Bench.ms(s.min()), Bench.ms(s.p50()), Bench.ms(s.p95()),
                Bench.ms(s.max()));
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static void launch(DapClientProcess dap, Path program) throws Exception {
        InitializeRequestArguments init = new InitializeRequestArguments();
        init.setAdapterID("mprt");
        init.setLinesStartAt1(true);
        get(dap.server().initialize(init));
        Map<String, Object> a = new HashMap<>();
        a.put("program", program.toString());
        int mark = dap.mark();
        get(dap.server().launch(a));
        dap.await(mark, "initialized", WAIT);
    }

    private static void setBreakpoint(DapClientProcess dap, Path program, int... lines) throws Exception {
        SetBreakpointsArguments a = new SetBreakpointsArguments();
        Source s = new Source();
        s.setPath(program.toString());
        a.setSource(s);
        SourceBreakpoint[] bps = new SourceBreakpoint[lines.length];
        for (int i = 0; i < lines.length; i++) {
            bps[i] = new SourceBreakpoint();
            bps[i].setLine(lines[i]);
        }
        a.setBreakpoints(bps);
        get(dap.server().setBreakpoints(a));
    }

    private static void disconnect(DapClientProcess dap) throws Exception {
        DisconnectArguments d = new DisconnectArguments();
        d.setTerminateDebuggee(true);
        get(dap.server().disconnect(d));
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return DapClientProcess.get(f, WAIT);
    }
}
