package dev.mprt.lang.emitter.size;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.emitter.Arch;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.MpyCross;
import dev.mprt.lang.emitter.MpyFile;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * Calibrates the native code-size model ({@link NativeCodeSize}) against MicroPython 1.25's mpy-cross: many
 * generated native and viper functions are compiled for ARMv6-M, ARMv7-M, Xtensa and Xtensa (windowed), the size of
 * each function's machine code is read from the .mpy file ({@link MpyFile}) and compared with the model's.
 *
 * <p>Three sets: every statement template alone and three times (the difference is the construct's cost per
 * occurrence, printed as a table), every template inside every control-flow template, and seeded random
 * functions mixing them (nested control flow, many locals and attribute names, so that table indices pass the
 * short-encoding limits). The report gives the exact-match rate and the largest error per set; the branch-range
 * checks add the largest relative error measured here to their uncertainty band
 * ({@link NativeCodeSize#RELATIVE_MARGIN}), and this test keeps the model within it.
 */
class NativeCodeSizeCalibrationTest {

    static final Arch[] ARCHS = {Arch.ARMV6M, Arch.ARMV7M, Arch.XTENSA, Arch.XTENSAWIN};

    /** Statements of native code; {@code o}, {@code x} are parameters, {@code y}, {@code z} locals. */
    static final String[] NATIVE = {"pass", "y = x", "y = 1", "y = 1000", "y = 100000", "y = -5", "y = 1.5",
        "y = 'ab'", "y = 'a long string constant'", "y = b'xy'", "y = None", "y = True", "y = (1, 2)", "y = ()",
        "y = [x, 1]", "y = {x: 1}", "y = {x, 1}", "y = {}", "y = o.a", "o.a = x", "o.a.b = x", "del o.a",
        "y = o[1]", "o[x] = 1", "del o[x]", "y = o[1:2]", "y = o[x:]", "y = o[::2]", "y = x + 1", "y = x * o - 2",
        "y = -x", "y = not x", "y = ~x", "y = x < 1", "y = 1 < x < 3", "y = x in o", "y = x not in o",
        "y = x is None", "y = x is not o", "y = x and o", "y = x or o or 1", "y = x if o else 1", "x += 1",
        "o.a += 1", "o[1] += x", "f(o)", "f(o, x, 1)", "f(o, k=1)", "f(*o)", "f(**o)", "f(x, *o)", "o.m()",
        "o.m(x, 1)", "o.m(k=x)", "print(x)", "y = g", "y, z = x, o", "y, z = o", "y, *z = o", "y = z = x",
        "y = len(o)", "y = [i for i in o]", "y = lambda: 1", "y = (i for i in o)", "assert x", "assert x, 'msg'",
        "raise ValueError(x)", "import math", "from math import sin", "y = x // 3", "y = x % o", "y = x ** 2",
        "y = o.m(x).n", "y = (x, o, 1)", "y = [i * 2 for i in range(x) if i]", "y = {k: 1 for k in o}",
        "y = x[0][1]", "o.a, o.b = x, 1", "f(lambda a=1: a)", "y = o if x else (1 if o else 2)",
        "y = x == 1 or o != 2 and x >= 3", "def g(a=x):\n    return a", "def g(*a, k=1, **kw):\n    return k",
        "def g():\n    return o", "class C:\n    pass", "global g\ng = x", "del y", "y, (z, s) = o",
        "with o, x:\n    pass", "try:\n    return x\nfinally:\n    y = 1", "while x:\n    pass\nelse:\n    y = 1",
        "for i in o:\n    for j in o:\n        break", "f(*o, **o)", "o.m(*o)", "y = o[1, 2]", "y = o[x, 1]",
        "import a.b.c as d", "from . import z", "from m import (p, q as r)", "y = f'{x}!'",
        "y = f'a{x}b{o!r}c'", "y = x if o else o if x else 1", "assert not x or o", "y = not (x and o)",
        "y = (yield)", "y = yield x"};

    /** Statements of viper code; the parameters are typed (see {@link #VIPER_SIG}). */
    static final String[] VIPER = {"i = i + 1", "i += 3", "i = i * 2 - 1", "i = i << 2", "i = i >> 1",
        "u = u >> 1", "i = i & 0xff", "i = i | 1", "i = i ^ 3", "i = -i", "i = ~i", "i = i // 3", "i = i % 7",
        "b = i < 3", "b = i == 0", "u = u + uint(1)", "p8[i] = i", "p8[1] = i", "p8[0] = 1", "p8[40] = i",
        "i = p8[i]", "i = p8[3]", "i = p8[300]", "p16[i] = i", "p16[2] = i", "i = p16[i]", "i = p16[5]",
        "p32[i] = i", "p32[3] = i", "p32[20] = i", "i = p32[i]", "i = p32[7]", "i = p32[20]", "i = int(o)",
        "o = o.attr", "o.attr = i", "f(i)", "o.m(i, 1)", "i = int(len(o))", "i = 100000", "i = -1",
        "b = i < 3 and i > 0", "i = p8[i] + p8[i + 1]", "p32[i] = p32[i] + i * 3", "o = o.m(i)",
        "i <<= 1", "p8[i] = p8[i - 1]", "while b:\n    b = False", "i = int(o) + p8[0]", "u = uint(i) & u",
        "b = bool(o)", "o = [o, i]", "o = {o: i}", "p16[i] = i >> 1", "u = ptr32(o)[0]", "i = p32[i] // 4",
        "if not b:\n    i = 0\nelif u:\n    i = 1", "raise ValueError(o)", "try:\n    o.m()\nexcept:\n    pass"};

    static final String VIPER_SIG = "o, i: int, u: uint, b: bool, p8: ptr8, p16: ptr16, p32: ptr32";

    /** Control flow around a body ({@code BODY}, indented by the template). */
    static final String[] FLOW = {"if x:\n    BODY", "if x:\n    BODY\nelse:\n    BODY",
        "if x:\n    BODY\nelif o:\n    BODY\nelse:\n    BODY", "while x:\n    BODY", "while True:\n    BODY\n    break",
        "for i in range(10):\n    BODY", "for i in range(x):\n    BODY", "for i in range(0, x, 2):\n    BODY",
        "for i in range(10, 0, -1):\n    BODY", "for i in o:\n    BODY",
        "for i in o:\n    BODY\n    if i:\n        continue\n    break", "for i in o:\n    BODY\nelse:\n    BODY",
        "try:\n    BODY\nexcept:\n    BODY", "try:\n    BODY\nexcept ValueError:\n    BODY",
        "try:\n    BODY\nexcept ValueError as e:\n    BODY", "try:\n    BODY\nfinally:\n    BODY",
        "try:\n    BODY\nexcept ValueError:\n    BODY\nelse:\n    BODY\nfinally:\n    BODY", "with o:\n    BODY",
        "with o as z:\n    BODY", "for i in o:\n    try:\n        BODY\n        break\n    finally:\n        BODY",
        "if x:\n    BODY\n    return 1", "while x:\n    BODY\n    if o:\n        return x"};

    static final String[] VIPER_FLOW = {"if i < 3:\n    BODY", "if b:\n    BODY\nelse:\n    BODY",
        "while i < 10:\n    BODY", "for k in range(i):\n    BODY", "for k in range(4):\n    BODY",
        "for k in range(0, i, 2):\n    BODY", "if i:\n    BODY\n    return"};

    record Sample(String set, String label, Arch arch, String source, int model, int uncertainty, int actual) {
        int error() {
            return model - actual;
        }
    }

    static String function(boolean viper, String body, boolean generator) {
        StringBuilder sb = new StringBuilder("import micropython\n\n@micropython.")
                .append(viper ? "viper" : "native").append("\ndef f(").append(viper ? VIPER_SIG : "o, x")
                .append("):\n");
        if (!viper) {
            sb.append("    y = z = 0\n");
        }
        for (String l : body.split("\n")) {
            sb.append("    ").append(l).append('\n');
        }
        if (generator) {
            sb.append("    yield x\n");
        }
        return sb.toString();
    }

    static String indentBody(String flow, String body) {
        StringBuilder out = new StringBuilder();
        for (String line : flow.split("\n")) {
            if (line.strip().equals("BODY")) {
                String pad = line.substring(0, line.indexOf('B'));
                for (String b : body.split("\n")) {
                    out.append(pad).append(b).append('\n');
                }
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString().stripTrailing();
    }

    /** The model's code size and uncertainty for each native function of {@code source}, in definition order. */
    static List<int[]> model(String source, Arch arch) {
        Analysis a = Analyzers.analyze(source, new AnalysisOptions("unix"));
        ScopeTree tree = ScopeBuilder.build(a.root());
        ConstTable consts = ConstTable.build(a.root(), 31, source.contains("const"));
        List<int[]> out = new ArrayList<>();
        for (Statement s : a.root().getStatements()) {
            if (s instanceof Decorated d && d.getDefinition() instanceof FunctionDef f
                    && dev.mprt.lang.emitter.Emitters.decorated(d, null).isNativeCode()) {
                boolean viper = dev.mprt.lang.emitter.Emitters.decorated(d, null).kind()
                        == dev.mprt.lang.emitter.Emitters.Kind.VIPER;
                NativeCodeSize.Result r = NativeCodeSize.analyze(f, viper, arch, tree, consts);
                out.add(new int[] {r.codeSize(), r.uncertainty()});
            }
        }
        return out;
    }

    /** A module of several functions (bytecode, native, viper) and module-level code using names and strings. */
    static String randomModule(Random rnd) {
        StringBuilder sb = new StringBuilder("import micropython\n");
        for (int k = 0; k < rnd.nextInt(12); k++) {
            sb.append(switch (rnd.nextInt(5)) {
                case 0 -> "A" + k + " = 'str" + rnd.nextInt(40) + "'\n";
                case 1 -> "B" + k + " = A.x" + rnd.nextInt(40) + "\n";
                case 2 -> "C" + k + " = " + rnd.nextInt(10) + ".5\n";
                case 3 -> "D" + k + " = (" + k + ", 'a long string " + k + "')\n";
                default -> "E" + k + " = 10 ** 20\n";
            });
        }
        int n = 2 + rnd.nextInt(4);
        for (int f = 0; f < n; f++) {
            int kind = rnd.nextInt(3);
            boolean viper = kind == 2;
            String body = randomBody(rnd, viper, 1, 4 + rnd.nextInt(20));
            if (!viper) {
                body = body.replace("'ab'", "'s" + rnd.nextInt(30) + "'").replace("1.5", rnd.nextInt(5) + ".25");
            }
            String fn = function(viper, body, false).substring("import micropython\n\n".length())
                    .replace("def f(", "def f" + f + "(");
            if (kind == 0) {
                fn = fn.substring(fn.indexOf('\n') + 1); // bytecode
            }
            sb.append('\n').append(fn);
        }
        return sb.toString();
    }

    /** MicroPython's own tests with native or viper functions ({@code tests/micropython}, {@code tests/perf_bench}). */
    static List<Path> micropythonTests() throws IOException {
        List<Path> out = new ArrayList<>();
        Path tests = MicroPythonSource.tree().resolve("tests");
        try (java.util.stream.Stream<Path> s = Files.walk(tests)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".py")).sorted().toList()) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                if (text.contains("@micropython.native") || text.contains("@micropython.viper")) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static List<Sample> measureModule(MpyCross mpy, String label, Arch arch, String source)
            throws IOException, InterruptedException {
        return measureModule(mpy, label, arch, source, "modules");
    }

    private static List<Sample> measureModule(MpyCross mpy, String label, Arch arch, String source, String set)
            throws IOException, InterruptedException {
        MpyCross.Compiled c = mpy.compileToMpy(source, arch);
        List<Sample> out = new ArrayList<>();
        if (!c.ok()) {
            return out;
        }
        List<Integer> natives = new ArrayList<>();
        for (MpyFile.RawCode rc : c.rawCodes()) {
            if (rc.depth() == 1 && (rc.kind() == MpyFile.Kind.NATIVE_PY || rc.kind() == MpyFile.Kind.NATIVE_VIPER)) {
                natives.add(rc.machineCode());
            }
        }
        List<int[]> m = model(source, arch);
        for (int k = 0; k < Math.min(natives.size(), m.size()); k++) {
            out.add(new Sample(set, label + " function " + k, arch, source, m.get(k)[0], m.get(k)[1],
                    natives.get(k)));
        }
        return out;
    }

    private static Sample measure(MpyCross mpy, String set, String label, Arch arch, String source)
            throws IOException, InterruptedException {
        MpyCross.Compiled c = mpy.compileToMpy(source, arch);
        if (!c.ok()) {
            return null;
        }
        List<int[]> m = model(source, arch);
        int actual = c.rawCodes().size() > 1 ? c.rawCodes().get(1).machineCode() : -1;
        return new Sample(set, label, arch, source, m.isEmpty() ? -1 : m.get(0)[0], m.isEmpty() ? 0 : m.get(0)[1],
                actual);
    }

    @Test
    void modelMatchesMpyCross() throws IOException, InterruptedException {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> costTable = new TreeMap<>();
        String sets = System.getProperty("mprt.calibrate", "statements,tests,modules,random");
        int scale = Integer.getInteger("mprt.calibrate.scale", 1);
        if (sets.equals("full")) {
            sets = "statements,flow,generators,tests,modules,random";
        }
        try (MpyCross mpy = new MpyCross()) {
            for (Arch arch : ARCHS) {
                for (boolean viper : new boolean[] {false, true}) {
                    for (String st : !sets.contains("statements") ? new String[0] : viper ? VIPER : NATIVE) {
                        Sample one = measure(mpy, "statements", st, arch, function(viper, st, false));
                        Sample three = measure(mpy, "statements", st + " x3", arch,
                                function(viper, st + "\n" + st + "\n" + st, false));
                        if (one != null && three != null) {
                            samples.add(one);
                            samples.add(three);
                            costTable.merge((viper ? "viper  " : "native ") + st, String.format(" %4s",
                                    (three.actual() - one.actual()) / 2 + (three.model() - one.model() == three
                                            .actual() - one.actual() ? "" : "*")), String::concat);
                        }
                    }
                    for (String flow : !sets.contains("flow") ? new String[0] : viper ? VIPER_FLOW : FLOW) {
                        for (String st : viper ? VIPER : NATIVE) {
                            Sample s = measure(mpy, "in control flow", flow.replace("\n", " ") + " / " + st, arch,
                                    function(viper, indentBody(flow, st), false));
                            if (s != null) {
                                samples.add(s);
                            }
                        }
                    }
                }
                for (String st : sets.contains("generators") ? NATIVE : new String[0]) {
                    Sample s = measure(mpy, "generators", st, arch, function(false, st, true));
                    if (s != null) {
                        samples.add(s);
                    }
                }
                for (Path f : sets.contains("tests") ? micropythonTests() : List.<Path>of()) {
                    String text;
                    try {
                        text = Files.readString(f);
                    } catch (java.nio.charset.MalformedInputException e) {
                        continue;
                    }
                    samples.addAll(measureModule(mpy, "tests/" + MicroPythonSource.tree().resolve("tests")
                            .relativize(f), arch, text, "micropython tests"));
                }
                Random modules = new Random(99 + arch.ordinal());
                for (int k = 0; k < (sets.contains("modules") ? 40 * scale : 0); k++) {
                    samples.addAll(measureModule(mpy, "module #" + k, arch, randomModule(modules)));
                }
                Random rnd = new Random(1234 + arch.ordinal());
                for (int k = 0; k < (sets.contains("random") ? 60 * scale : 0); k++) {
                    boolean viper = k % 3 == 2;
                    String body = randomBody(rnd, viper, 0, 6 + rnd.nextInt(30));
                    Sample s = measure(mpy, "random functions", "random #" + k, arch, function(viper, body, false));
                    if (s != null) {
                        samples.add(s);
                    }
                }
            }
        }
        String report = report(samples, costTable);
        System.out.print(report);
        Path out = Path.of(System.getProperty("mprt.codeSize.report", "/tmp/native-code-size-calibration.txt"));
        Files.writeString(out, report);
        List<Sample> outside = samples.stream().filter(s -> Math.abs(s.error()) > s.uncertainty()
                + Math.ceil(NativeCodeSize.RELATIVE_MARGIN * s.actual())).toList();
        if (System.getProperty("mprt.calibrate") == null) {
            assertTrue(samples.size() > 1000, "too few samples: " + samples.size());
        }
        assertTrue(outside.isEmpty(), outside.size() + " functions whose size the model misses by more than its"
                + " uncertainty and margin, e.g. " + (outside.isEmpty() ? "" : outside.get(0).label()) + " (see " + out
                + ")");
    }

    private static String randomBody(Random rnd, boolean viper, int depth, int budget) {
        String[] stmts = viper ? VIPER : NATIVE;
        String[] flows = viper ? VIPER_FLOW : FLOW;
        List<String> lines = new ArrayList<>();
        int n = 1 + rnd.nextInt(Math.max(1, budget));
        for (int i = 0; i < n && budget > 0; i++) {
            if (depth < 3 && rnd.nextInt(4) == 0) {
                String flow = flows[rnd.nextInt(flows.length)];
                lines.add(indentBody(flow, randomBody(rnd, viper, depth + 1, budget / 2)));
                budget -= 3;
            } else {
                String st = stmts[rnd.nextInt(stmts.length)];
                if (!viper && rnd.nextInt(3) == 0) {
                    st = st.replace("o.a", "o.a" + rnd.nextInt(60)).replace("o.m(", "o.m" + rnd.nextInt(60) + "(");
                }
                lines.add(st);
                budget--;
            }
        }
        return String.join("\n", lines);
    }

    private static String report(List<Sample> samples, Map<String, String> costTable) {
        StringBuilder sb = new StringBuilder(
                "Native code-size model vs mpy-cross 1.25 (machine code bytes per function)\n");
        Map<String, List<Sample>> bySet = new LinkedHashMap<>();
        for (Sample s : samples) {
            bySet.computeIfAbsent(s.set() + " " + s.arch().mpyCrossName(), k -> new ArrayList<>()).add(s);
        }
        sb.append(String.format("  %-28s %6s %6s %8s %9s%n", "set", "funcs", "exact", "max err", "max rel"));
        for (Map.Entry<String, List<Sample>> e : bySet.entrySet()) {
            List<Sample> l = e.getValue();
            long exact = l.stream().filter(s -> s.error() == 0).count();
            int maxErr = l.stream().mapToInt(s -> Math.abs(s.error())).max().orElse(0);
            double maxRel = l.stream().mapToDouble(s -> Math.abs(s.error()) / (double) s.actual()).max().orElse(0);
            sb.append(String.format("  %-28s %6d %6d %8d %8.2f%%%n", e.getKey(), l.size(), exact, maxErr,
                    100 * maxRel));
        }
        long exact = samples.stream().filter(s -> s.error() == 0).count();
        sb.append(String.format("  total: %d functions, %d exact (%.1f%%)%n", samples.size(), exact,
                100.0 * exact / samples.size()));
        sb.append("\nCost per occurrence (bytes; armv6m armv7m xtensa xtensawin; * = the model differs)\n");
        costTable.forEach((k, v) -> sb.append(String.format("  %-44s%s%n", k, v)));
        List<Sample> wrong = samples.stream().filter(s -> s.error() != 0).toList();
        if (!wrong.isEmpty()) {
            sb.append("\nDifferences:\n");
            for (Sample s : wrong.subList(0, Math.min(60, wrong.size()))) {
                sb.append(String.format("  %s %s: model %d (±%d), mpy-cross %d%n", s.arch().mpyCrossName(),
                        s.label(), s.model(), s.uncertainty(), s.actual()));
                if (Boolean.getBoolean("mprt.calibrate.sources")) {
                    sb.append(s.source().indent(6));
                }
            }
        }
        return sb.toString();
    }
}
