package dev.mprt.lang.emitter;

import java.util.ArrayList;
import java.util.List;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.emitter.size.NativeCodeSize;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.testing.Analyzers;

/**
 * The branch-range cases of the emitter corpus (rules N5 and N6): loops, conditions, early returns and exception
 * handlers around bodies of repeated statements, sized below, at, and far past the point where a branch leaves its
 * reach: on ARMv6-M (rp2-pico) MicroPython raises "native method too big", on Xtensa (esp32, esp8266) mpy-cross
 * prints "ERROR: xtensa bccz out of range", on ARMv7-M (the default board) nothing happens. The sizes are found
 * with the code-size model (two small replays per family, since a body of N copies of a statement grows the
 * branch linearly); whether the branch is out of range is decided by mpy-cross.
 *
 * <p>Also the inline assemblers: {@code asm_xtensa} branches over {@code data()} padding (N6, exact sizes) and
 * {@code asm_thumb} branches on ARMv6-M, whose range error is "branch not in range", never N5.
 */
final class NativeBranchCorpus {

    /** Statements of native code in a function {@code f(o, x)} with locals y and s. */
    static final String[] NATIVE = {"o.x = 5", "y = o.a + x", "f(o, x)", "o.m(x, 1)", "y = x * 2 - o",
        "if x:\n    y = o", "s = [x, 1, o]", "y = o[x]"};

    /** Statements of viper code in {@code f(o, i: int, p8: ptr8, p32: ptr32)} with locals s (int) and b (bool). */
    static final String[] VIPER = {"p8[i] = i", "i = i * 3 + 1", "s += p32[i]", "b = i < s", "o.m(i)",
        "p32[i + 1] = p8[i] << 2"};

    /** Control flow around the body; {@code BODY} is replaced by the repeated statements. */
    static final String[] FLOWS = {"while o:\n    BODY", "for k in range(x):\n    BODY", "for v in o:\n    BODY",
        "if o:\n    BODY", "if o:\n    y = 1\nelse:\n    BODY", "while True:\n    BODY\n    if o:\n        break",
        "if o:\n    return\nBODY", "try:\n    BODY\nexcept ValueError:\n    y = 1",
        "for v in o:\n    if v:\n        continue\n    BODY"};

    static final String[] VIPER_FLOWS = {"while i < 100:\n    BODY", "for k in range(i):\n    BODY",
        "if i:\n    BODY", "if b:\n    return\nBODY"};

    private final List<EmitterCorpus.Case> cases = new ArrayList<>();

    static List<EmitterCorpus.Case> generate() {
        NativeBranchCorpus c = new NativeBranchCorpus();
        c.nativeCode("N5", "rp2-pico");
        c.nativeCode("N6", "esp32");
        c.nativeCode("N6", "esp8266");
        c.armv7m();
        c.inlineXtensa();
        c.inlineThumbArmv6m();
        return c.cases;
    }

    static String function(boolean viper, String flow, String statement, int n) {
        StringBuilder body = new StringBuilder();
        for (int k = 0; k < n; k++) {
            body.append(statement.replace("5", String.valueOf(k % 100))).append('\n');
        }
        StringBuilder sb = new StringBuilder("import micropython\n\n@micropython.").append(viper ? "viper" : "native")
                .append("\ndef f(").append(viper ? "o, i: int, p8: ptr8, p32: ptr32" : "o, x").append("):\n");
        sb.append(viper ? "    s = 0\n    b = False\n" : "    y = s = 0\n");
        for (String line : flow.split("\n")) {
            if (line.strip().equals("BODY")) {
                String pad = line.substring(0, line.indexOf('B'));
                for (String b : body.toString().split("\n")) {
                    sb.append("    ").append(pad).append(b).append('\n');
                }
            } else {
                sb.append("    ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * How far the function's farthest branch is past its reach, in bytes, by the model for the board (negative:
     * within reach).
     */
    static long excess(String source, String board) {
        Analysis a = Analyzers.analyze(source, new AnalysisOptions(board));
        ScopeTree tree = ScopeBuilder.build(a.root());
        ConstTable consts = ConstTable.build(a.root(), Boards.smallIntBits(board), false);
        long worst = Long.MIN_VALUE;
        for (Statement s : a.root().getStatements()) {
            if (s instanceof Decorated d && d.getDefinition() instanceof FunctionDef f) {
                boolean viper = Emitters.decorated(d, null).kind() == Emitters.Kind.VIPER;
                NativeCodeSize.Result r = NativeCodeSize.analyze(f, viper, Boards.arch(board), tree, consts);
                for (NativeCodeSize.Branch b : r.branches()) {
                    worst = Math.max(worst, Math.max(b.rel() - b.instruction().max(), b.instruction().min() - b.rel()));
                }
            }
        }
        return worst;
    }

    /** The smallest count of statements that takes a branch out of reach, by the model (linear in the count). */
    static int threshold(boolean viper, String flow, String statement, String board) {
        long e4 = excess(function(viper, flow, statement, 4), board);
        long e8 = excess(function(viper, flow, statement, 8), board);
        double perStatement = (e8 - e4) / 4.0;
        if (perStatement <= 0) {
            return -1;
        }
        return (int) Math.max(1, Math.floor(4 - e4 / perStatement) + 1);
    }

    private void nativeCode(String rule, String board) {
        for (boolean viper : new boolean[] {false, true}) {
            for (String flow : viper ? VIPER_FLOWS : FLOWS) {
                String[] statements = viper ? VIPER : NATIVE;
                for (int s = 0; s < statements.length; s++) {
                    // every flow with three statement kinds, rotating, to keep the corpus small
                    if ((s + flow.length()) % 3 != 0 && !(viper && s < 2)) {
                        continue;
                    }
                    String st = statements[s];
                    int n = threshold(viper, flow, st, board);
                    if (n < 0) {
                        add(rule, board, function(viper, flow, st, 300));
                        continue;
                    }
                    for (int count : new int[] {n / 2, n - 3, n - 1, n, n + 1, n + 3, n * 2}) {
                        if (count > 0) {
                            add(rule, board, function(viper, flow, st, count));
                        }
                    }
                }
            }
        }
    }

    /** ARMv7-M has 32-bit branches: the same bodies past the ARMv6-M limit compile. */
    private void armv7m() {
        for (String flow : FLOWS) {
            int n = threshold(false, flow, NATIVE[1], "rp2-pico");
            add("N5", "qemu-mps2-an385", function(false, flow, NATIVE[1], Math.max(n, 1) * 2));
        }
        for (String flow : VIPER_FLOWS) {
            int n = threshold(true, flow, VIPER[0], "rp2-pico");
            add("N5", "pyboard", function(true, flow, VIPER[0], Math.max(n, 1) * 2));
        }
    }

    private static String pad(int halfwords) {
        return "data(2" + ", 0".repeat(halfwords) + ")";
    }

    /** asm_xtensa (ESP8266): beqz/bnez ±2 KiB, beq & co ±128 bytes, forwards and backwards. */
    private void inlineXtensa() {
        int[] bcczPads = {500, 1015, 1017, 1018, 1019, 1020, 1021, 1023, 2000};
        for (int p : bcczPads) {
            add("N6-asm", "esp8266", asm("beqz(a2, end)", pad(p), "label(end)", "ret_n()"));
            add("N6-asm", "esp8266", asm("label(top)", pad(p), "bnez(a2, top)", "ret_n()"));
        }
        int[] bccPads = {40, 61, 62, 63, 64, 65, 100};
        for (int p : bccPads) {
            add("N6-asm", "esp8266", asm("beq(a2, a3, end)", pad(p), "label(end)", "ret_n()"));
            add("N6-asm", "esp8266", asm("label(top)", pad(p), "bne(a2, a3, top)", "ret_n()"));
        }
        add("N6-asm", "esp8266", asm("movi(a2, 0x12345678)", "beqz(a2, end)", "align(4)", pad(1020), "label(end)",
                "ret_n()"));
        add("N6-asm", "esp8266", asm("j(end)", pad(3000), "label(end)", "ret_n()"));
        add("N6-asm", "esp8266", asm("beqz(a2, end)", pad(1500), "bnez(a2, end)", pad(1500), "label(end)",
                "ret_n()"));
        add("N6-asm", "esp8266", asm("beqz(a2, nowhere)", pad(1500), "ret_n()"));
    }

    private static String asm(String... lines) {
        StringBuilder sb = new StringBuilder("import micropython\n\n@micropython.asm_xtensa\ndef f(a2, a3):\n");
        for (String l : lines) {
            sb.append("    ").append(l).append('\n');
        }
        return sb.toString();
    }

    /** asm_thumb on ARMv6-M: an out-of-range branch is "branch not in range" (never "native method too big"). */
    private void inlineThumbArmv6m() {
        for (int p : new int[] {1000, 1021, 1022, 1023, 2000}) {
            for (String br : new String[] {"b(end)", "beq(end)", "bl(end)"}) {
                add("C1-range-armv6m", "rp2-pico", "import micropython\n\n@micropython.asm_thumb\ndef f(r0):\n    "
                        + br + "\n    " + pad(p) + "\n    label(end)\n    nop()\n");
            }
        }
    }

    private void add(String rule, String board, String code) {
        cases.add(new EmitterCorpus.Case(rule, board, code, null, null));
    }
}
