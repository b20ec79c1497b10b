package dev.mprt.firmware;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The interrupt-handler lint against the real VM: every handler body of {@code isr/corpus/*.py} (see its README) runs
 * eight times, as a handler runs on every interrupt, under {@code micropython.heap_lock()} on the emulated
 * qemu-mps2-an385 firmware (32-bit, 31-bit small ints,
 * boxed floats), and {@code mprt check --board qemu-mps2-an385} judges the same body registered as a hard
 * {@code machine.Timer} callback. The VM's MemoryError is the truth. Prints every disagreement, recall and precision
 * per corpus file and overall, and fails below recall 98% or precision 90%, or when a case is broken (its setup
 * fails, or the body raises something other than MemoryError).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class IsrAllocationOracleTest {

    private static final String BOARD = "qemu-mps2-an385";
    private static final double MIN_RECALL = 0.98;
    private static final double MIN_PRECISION = 0.90;
    private static final int BATCH = 40;

    /** One handler body with its setup. */
    record Case(String file, String name, String source) {

        String id() {
            return file.replace(".py", "") + "__" + name;
        }
    }

    @TempDir
    Path work;

    @Test
    void lintVerdictsAgreeWithHeapLockedVm() throws Exception {
        assertTrue(EmulatedBoard.qemuInstalled(),
                "qemu-system-arm is not installed (vm-firmware/install-deps.sh installs it); the VM is the oracle");
        List<Case> cases = corpus();
        assertTrue(cases.size() >= 100, "the corpus must hold at least 100 bodies, has " + cases.size());

        Map<String, Boolean> lint = lint(cases);
        Map<String, String> vm = vm(cases);

        List<String> broken = new ArrayList<>();
        Map<String, int[]> perFile = new TreeMap<>(); // tp, fp, fn, tn
        List<String> disagreements = new ArrayList<>();
        for (Case c : cases) {
            String v = vm.get(c.id());
            if (v == null || !(v.equals("MEM") || v.equals("OK"))) {
                broken.add(c.id() + ": " + v);
                continue;
            }
            boolean truth = v.equals("MEM");
            boolean said = lint.getOrDefault(c.id(), false);
            int[] counts = perFile.computeIfAbsent(c.file(), k -> new int[4]);
            counts[truth ? (said ? 0 : 2) : (said ? 1 : 3)]++;
            if (truth != said) {
                disagreements.add((truth ? "missed      " : "false alarm ") + c.id());
            }
        }
        int[] total = new int[4];
        System.out.printf("ISR allocation lint vs heap_lock() on %s: %d bodies%n", BOARD, cases.size());
        System.out.println("  file                 allocates(VM)  no-alloc(VM)  recall  precision");
        perFile.forEach((file, n) -> {
            for (int i = 0; i < 4; i++) {
                total[i] += n[i];
            }
            System.out.printf("  %-20s %13d %13d  %6s  %9s%n", file, n[0] + n[2], n[1] + n[3], pct(n[0], n[0] + n[2]),
                    pct(n[0], n[0] + n[1]));
        });
        disagreements.forEach(d -> System.out.println("  " + d));
        double recall = total[0] / (double) Math.max(1, total[0] + total[2]);
        double precision = total[0] / (double) Math.max(1, total[0] + total[1]);
        System.out.printf("  total: %d allocating, %d not; true positives %d, false positives %d, false negatives %d;"
                + " recall %s, precision %s%n", total[0] + total[2], total[1] + total[3], total[0], total[1], total[2],
                pct(total[0], total[0] + total[2]), pct(total[0], total[0] + total[1]));

        assertTrue(broken.isEmpty(), "corpus cases that do not run cleanly on the VM: " + broken);
        assertTrue(total[0] + total[2] > 0 && total[1] + total[3] > 0, "the corpus needs both verdicts");
        assertTrue(recall >= MIN_RECALL, String.format("recall %.3f below %.2f: %s", recall, MIN_RECALL, disagreements));
        assertTrue(precision >= MIN_PRECISION,
                String.format("precision %.3f below %.2f: %s", precision, MIN_PRECISION, disagreements));
    }

    private static String pct(int num, int den) {
        return den == 0 ? "-" : String.format("%.1f%%", 100.0 * num / den);
    }

    // ---- corpus ---------------------------------------------------------------------------------------------------

    static List<Case> corpus() throws IOException {
        Path dir = EmulatedBoard.repoRoot().resolve("test/src/test/resources/isr/corpus");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        List<Case> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path f : files) {
            String name = null;
            StringBuilder src = new StringBuilder();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.startsWith("# case: ")) {
                    if (name != null) {
                        out.add(new Case(f.getFileName().toString(), name, src.toString()));
                    }
                    name = line.substring(8).trim();
                    src.setLength(0);
                } else if (name != null) {
                    src.append(line).append('\n');
                }
            }
            if (name != null) {
                out.add(new Case(f.getFileName().toString(), name, src.toString()));
            }
        }
        for (Case c : out) {
            if (!ids.add(c.id())) {
                throw new IllegalStateException("duplicate case " + c.id());
            }
        }
        return out;
    }

    // ---- the lint: ./mprt check, one process for the whole corpus ---------------------------------------------------

    private Map<String, Boolean> lint(List<Case> cases) throws Exception {
        Path dir = Files.createDirectories(work.resolve("lint"));
        for (Case c : cases) {
            // the body registered as a machine.Timer callback: a hard IRQ on this board
            Files.writeString(dir.resolve(c.id() + ".py"), "import machine\n" + c.source()
                    + "\n_timer = machine.Timer(-1, period=1000, callback=handler)\n", StandardCharsets.UTF_8);
        }
        List<String> command = List.of(EmulatedBoard.repoRoot().resolve("mprt").toString(), "check", "--board", BOARD,
                "--format", "json", dir.toString());
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mprt check did not finish");
        }
        String json = out.get(10, TimeUnit.SECONDS);
        if (!err.get(10, TimeUnit.SECONDS).isBlank()) {
            throw new AssertionError("mprt check wrote to stderr:\n" + err.get());
        }
        Map<String, Boolean> verdicts = new HashMap<>();
        for (JsonElement e : JsonParser.parseString(json).getAsJsonArray()) {
            JsonObject d = e.getAsJsonObject();
            String code = d.get("code").getAsString();
            String file = Path.of(d.get("file").getAsString()).getFileName().toString().replace(".py", "");
            if (code.equals("internal-error")) {
                throw new AssertionError("internal error on " + file + ": " + d);
            }
            if (code.startsWith("isr-alloc-") || code.equals("isr-schedule-bound-method")) {
                verdicts.put(file, true);
            }
        }
        return verdicts;
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    // ---- the VM: batches of bodies per raw-paste round trip ---------------------------------------------------------

    private static final String RUNNER = """
            import gc, micropython
            def _run(name, src):
                ns = {'__name__': 'case'}
                try:
                    exec(src, ns)
                    h = ns['handler']
                except Exception as e:
                    print('@', name, 'SETUP', repr(e))
                    return
                gc.collect()
                r = None
                micropython.heap_lock()
                try:
                    for _ in range(8):
                        h(7)
                except MemoryError:
                    r = 1
                except Exception as e:
                    r = e
                micropython.heap_unlock()
                print('@', name, 'OK' if r is None else 'MEM' if r == 1 else 'EXC ' + repr(r))
            """;

    private Map<String, String> vm(List<Case> cases) throws Exception {
        Map<String, String> verdicts = new LinkedHashMap<>();
        try (EmulatedBoard board = EmulatedBoard.start(work)) {
            for (int from = 0; from < cases.size(); from += BATCH) {
                board.rawRepl(); // a soft reset: a fresh heap, no state from the previous batch
                StringBuilder script = new StringBuilder(RUNNER);
                for (Case c : cases.subList(from, Math.min(cases.size(), from + BATCH))) {
                    script.append("_run(").append(literal(c.id())).append(", ").append(literal(c.source()))
                            .append(")\n");
                }
                String out = board.exec(script.toString(), Duration.ofSeconds(60));
                for (String line : out.replace("\r\n", "\n").split("\n")) {
                    if (line.startsWith("@ ")) {
                        String[] parts = line.substring(2).split(" ", 2);
                        verdicts.put(parts[0], parts.length > 1 ? parts[1] : "");
                    }
                }
            }
        }
        return verdicts;
    }

    /** A Python string literal for {@code s}. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("'");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }
}
