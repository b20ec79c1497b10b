package dev.mprt.lang.emitter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated corpus of the emitter differential test: viper, native, inline assembler, decorator and const()
 * cases, each tagged with the catalogue rule it exercises (reference sections A-D) and the board (hence
 * {@code mpy-cross -march}) it is compiled for. Most cases are a failing construct next to a near miss; matrices
 * cover the operator and type combinations systematically.
 */
final class EmitterCorpus {

    /**
     * One case. {@code danger} names the mprt error code expected where MicroPython compiles the code but it is
     * undefined behaviour (the catalogue's "Error (compiles, but ...)" rows); {@code warning} a warning code that
     * must be present.
     */
    record Case(String rule, String board, String code, String danger, String warning) {
    }

    private final List<Case> cases = new ArrayList<>();

    static List<Case> generate() {
        EmitterCorpus c = new EmitterCorpus();
        c.annotations();
        c.localTyping();
        c.usedBeforeTypeKnown();
        c.binaryOps();
        c.loads();
        c.stores();
        c.conditions();
        c.unaryOps();
        c.returns();
        c.raises();
        c.notImplemented();
        c.undefinedBehaviour();
        c.signatures();
        c.rangeForm();
        c.nativeRaise();
        c.consts();
        c.decorators();
        c.thumb();
        c.xtensa();
        c.rv32();
        c.boardsAndLiterals();
        c.realistic();
        c.cases.addAll(NativeBranchCorpus.generate());
        return c.cases;
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static final String SIG = "o, i: int, u: uint, b: bool, p: ptr, p8: ptr8, p16: ptr16, p32: ptr32";

    /** Expressions of each viper type, given the parameters of {@link #SIG}. */
    private static final Map<String, String> TYPED = new LinkedHashMap<>();

    static {
        TYPED.put("int", "i");
        TYPED.put("int-literal", "7");
        TYPED.put("uint", "u");
        TYPED.put("bool", "b");
        TYPED.put("bool-literal", "True");
        TYPED.put("ptr", "p");
        TYPED.put("ptr8", "p8");
        TYPED.put("ptr16", "p16");
        TYPED.put("ptr32", "p32");
        TYPED.put("object", "o");
        TYPED.put("object-list", "[]");
        TYPED.put("None", "None");
    }

    private void add(String rule, String board, String code) {
        cases.add(new Case(rule, board, code, null, null));
    }

    private void add(String rule, String code) {
        add(rule, "qemu-mps2-an385", code);
    }

    private void danger(String rule, String dangerCode, String code) {
        cases.add(new Case(rule, "qemu-mps2-an385", code, dangerCode, null));
    }

    private void warn(String rule, String board, String warningCode, String code) {
        cases.add(new Case(rule, board, code, null, warningCode));
    }

    private static String fn(String decorator, String sig, String ret, String... lines) {
        StringBuilder sb = new StringBuilder("@micropython.").append(decorator).append("\ndef f(").append(sig)
                .append(")").append(ret == null ? "" : " -> " + ret).append(":\n");
        for (String l : lines) {
            sb.append("    ").append(l.replace("\n", "\n    ")).append('\n');
        }
        return sb.toString();
    }

    private static String viper(String... lines) {
        return fn("viper", SIG, null, lines);
    }

    // ------------------------------------------------------------------------------------------------ V0, S1

    private void annotations() {
        String[] names = {"int", "uint", "bool", "ptr", "ptr8", "ptr16", "ptr32", "object", "foo", "Int", "integer",
            "float", "str", "list", "byte", "ptr64", "uint8", "native"};
        for (String n : names) {
            add("V0", fn("viper", "x: " + n, null, "y = 1", "return"));
            add("V0", fn("viper", "x", n, "y = 1", "return None"));
        }
        add("V0", fn("viper", "a: int, b: foo, c: bar", null, "pass"));
        add("V0", fn("viper", "*a: foo", null, "pass"));
        add("V0", fn("viper", "**k: foo", null, "pass"));
        add("V0", fn("viper", "a, *, b: foo", null, "pass"));
        add("V0", "@micropython.viper\ndef f():\n    @micropython.viper\n    def g(x: foo):\n        pass\n    return g\n");
        add("V0", fn("native", "x: foo", "bar", "return x"));
        add("V0", "@micropython.viper\ndef f(x: unknown):\n    if x:\n        y = 1\n        z = 2\n    return\n");
        String[] bad = {"1", "'int'", "foo.bar", "int()", "[int]", "-1", "None", "True", "(int)", "int | None",
            "ptr8[0]", "1.5"};
        for (String a : bad) {
            add("S1", fn("viper", "x: " + a, null, "y = 1", "return"));
            add("S1", fn("viper", "x", a, "y = 1", "return None"));
        }
        add("S1", "from micropython import const\nT = const(1)\n@micropython.viper\ndef f(x: T):\n    pass\n");
        add("S1", fn("native", "x: 1", "'s'", "return x"));
        add("S1", "def outer():\n    @micropython.viper\n    def f(a: 1) -> foo.bar:\n        pass\n");
    }

    // ------------------------------------------------------------------------------------------------ A.3, V2

    private void localTyping() {
        for (Map.Entry<String, String> first : TYPED.entrySet()) {
            for (Map.Entry<String, String> second : TYPED.entrySet()) {
                add("V2", viper("x = " + first.getValue(), "x = " + second.getValue(), "return"));
            }
        }
        String[] pairs = {"1|[]", "[]|1", "1|uint(1)", "uint(2)|3", "True|1", "None|o", "o|None", "p8|p16",
            "1|1", "o|[]", "i < 1|True", "ptr8(o)|p8", "int(o)|i", "1 + 2|i", "i * 2|u"};
        for (String pr : pairs) {
            String[] ab = pr.split("\\|");
            add("V2", viper("if o:", "    x = " + ab[0], "else:", "    x = " + ab[1], "return"));
            add("V2", viper("for k in o:", "    x = " + ab[0], "x = " + ab[1], "return"));
        }
        add("V2", viper("x = 1", "for x in o:", "    pass", "return"));
        add("V2", viper("x = o", "for x in o:", "    pass", "return"));
        add("V2", viper("x = 1", "del x", "return"));
        add("V2", viper("x = None", "del x", "return"));
        add("V2", viper("del x", "x = 1", "return"));
        add("V2", viper("try:", "    pass", "except Exception as e:", "    pass", "return"));
        add("V2", viper("try:", "    pass", "except Exception:", "    pass", "return"));
        add("V2", viper("e = None", "try:", "    pass", "except Exception as e:", "    pass", "return"));
        add("V2", viper("x: int = 5", "x = []", "return"));
        add("V2", viper("x: object = 5", "x = 6", "return"));
        add("V2", viper("x, y = 1, 2", "x = 3", "return"));
        add("V2", viper("x, y = 1, 2", "x = []", "return"));
        add("V2", viper("x, y = 1, o", "y = []", "x = []", "return"));
        add("V2", viper("x, y, z = 1, u, b", "z = False", "y = 1", "return"));
        add("V2", viper("(x, y) = (1, 2)", "x = 3", "return"));
        add("V2", viper("x = y = 1", "y = []", "return"));
        add("V2", viper("x = (y := 1)", "y = []", "return"));
        add("V2", viper("x = 1", "x += 1", "x -= u", "return"));
        add("V2", viper("x = 1", "x += o", "return"));
        add("V2", viper("x = o", "x += 1", "return"));
        add("V2", viper("x = i", "x = x * 2 + 1", "x = x < 3", "return"));
        add("V2", viper("x = 1 if o else 2", "x = []", "return"));
        add("V2", viper("x = o or 2", "x = []", "return"));
        add("V2", viper("x = o and []", "x = []", "return"));
        add("V2", viper("import array", "array = 1", "return"));
        add("V2", viper("x = 1", "import x", "return"));
        add("V2", viper("x = 1", "from m import x", "return"));
        add("V2", viper("x = 1", "def x():", "    pass", "return"));
        add("V2", viper("x = 1", "class x:", "    pass", "return"));
        add("V2", viper("x = 1", "with o as x:", "    pass", "return"));
        add("V2", viper("x = 1", "x = int", "return"));
        add("V2", viper("x = p8[0]", "x = u", "return"));
        add("V2", viper("x = p8[0]", "x = 5", "return"));
        add("V2", viper("x = 0xfffffff", "x = 0x3fffffff", "x = 0x40000000", "return"));
        add("V2", viper("x = -0x40000000", "x = -0x40000001", "return"));
        add("V2", viper("x = 1 << 29", "x = 1 << 30", "return"));
        add("V2", viper("x = 2 ** 10", "x = 2 ** 40", "return"));
        add("V2", viper("x = 1 + 2 + i", "x = []", "return"));
        add("V2", viper("x = 10 // 3 % 2", "x = []", "return"));
        add("V2", viper("x = not o", "x = []", "x = 1", "return"));
        add("V2", viper("x = 'a'", "x = b''", "x = 1.5", "x = 1", "return"));
        add("V2", viper("x = ()", "x = (1, 2)", "x = 1", "return"));
    }

    // ------------------------------------------------------------------------------------------------ V1

    private void usedBeforeTypeKnown() {
        add("V1", viper("print(x)", "x = 1", "return"));
        add("V1", viper("x = 1", "print(x)", "return"));
        add("V1", viper("for k in o:", "    print(y)", "    y = 1", "return"));
        add("V1", viper("if o:", "    y = 1", "print(y)", "return"));
        add("V1", viper("while x < 10:", "    x = 1", "return"));
        add("V1", viper("x = 0", "while x < 10:", "    x += 1", "return"));
        add("V1", viper("y = x + 1", "x = 2", "return"));
        add("V1", viper("x = x", "return"));
        add("V1", viper("k = 2", "return [j * k for j in o]"));
        add("V1", viper("return [j * 2 for j in o]"));
        add("V1", viper("k = 2", "g = lambda: k", "return"));
        add("V1", viper("k = o", "def g():", "    return k", "return"));
        add("V1", viper("def g():", "    return g", "return"));
        add("V1", viper("k = 1", "def g():", "    nonlocal k", "    k = 2", "return"));
        add("V1", viper("g = lambda j: j", "return"));
        add("V1", viper("print(o, i, u)", "return"));
        add("V1", viper("x += 1", "return"));
        add("V1", viper("z = w", "w = 1", "return"));
        add("V1", viper("y = 1", "y = y + z", "z = 2", "return"));
        add("V1", viper("for x in range(3):", "    pass", "print(x)", "return"));
        add("V1", viper("if False:", "    print(zz)", "zz = 1", "return"));
        add("V1", viper("if True:", "    pass", "else:", "    print(zz)", "zz = 1", "return"));
        add("V1", viper("while False:", "    print(zz)", "return"));
        add("V1", viper("if 0:", "    print(zz)", "return"));
        add("V1", viper("if '':", "    print(zz)", "zz = 2", "return"));
        add("V1", viper("if o:", "    pass", "elif 1:", "    pass", "else:", "    print(zz)", "return"));
        add("V1", viper("k = 0", "y = (lambda: 1)()", "return"));
        add("V1", viper("global gg", "gg = 1", "print(gg)", "return"));
    }

    // ------------------------------------------------------------------------------------------------ V9-V12

    private void binaryOps() {
        String[] ops = {"+", "-", "*", "//", "%", "&", "|", "^", "<<", ">>", "/", "**", "@", "<", ">", "==", "!=",
            "<=", ">=", "in", "not in", "is", "is not"};
        String[][] pairs = {{"i", "i"}, {"i", "u"}, {"u", "i"}, {"u", "u"}, {"i", "o"}, {"o", "i"}, {"o", "o"},
            {"b", "i"}, {"p8", "i"}, {"i", "None"}, {"o", "None"}, {"u", "3"}};
        for (String op : ops) {
            for (String[] pr : pairs) {
                add(ruleOfBinary(op, pr), viper("z = " + pr[0] + " " + op + " " + pr[1], "return"));
            }
        }
        String[] augs = {"+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", "<<=", ">>=", "/=", "**="};
        for (String a : augs) {
            add("V12", viper("x = 1", "x " + a + " 2", "return"));
            add("V10", viper("x = uint(1)", "x " + a + " u", "return"));
            add("V12", viper("x = o", "x " + a + " 2", "return"));
        }
        add("V9", viper("for k in range(u):", "    pass", "return"));
        add("V9", viper("for k in range(uint(0), u):", "    pass", "return"));
        add("V9", viper("z = 1 < i < u", "return"));
        add("V9", viper("z = u < 1", "return"));
        add("V9", viper("z = u < uint(1)", "return"));
        add("V12", viper("for k in range(len(o)):", "    pass", "return"));
        add("V12", viper("for k in range(int(len(o))):", "    pass", "return"));
        add("V12", viper("z = i & 0xffffffff", "return"));
        add("V12", viper("z = i & uint(0xffffffff)", "return"));
        add("V12", viper("z = u & uint(0xffffffff)", "return"));
        add("V12", viper("z = i + 1.5", "return"));
        add("V12", viper("z = o == 'a'", "return"));
        add("V12", viper("z = o == 1", "return"));
        add("V12", viper("z = o is None", "return"));
        add("V12", viper("z = p8 + 1", "return"));
        add("V12", viper("z = uint(p8) + 1", "return"));
        add("V12", viper("z = ptr8(uint(p8) + 1)", "return"));
        add("V12", viper("z = b + 1", "return"));
        add("V12", viper("z = int(b) + 1", "return"));
        add("V12", viper("z = i + True", "return"));
        add("V12", viper("z = 1 + 2 + o", "return"));
        add("V12", viper("z = (1 + 2) + o", "return"));
        add("V12", viper("z = 2 ** 3 + i", "return"));
        add("V11", viper("z = 2 ** i", "return"));
        add("V11", viper("z = 1 / 2", "return"));
        add("V11", viper("z = i / 2", "return"));
        add("V12", viper("z = [] + i", "return"));
    }

    private static String ruleOfBinary(String op, String[] pr) {
        boolean li = isIntegral(pr[0]);
        boolean ri = isIntegral(pr[1]);
        if (li && ri) {
            if (op.equals("//") || op.equals("%")) {
                return "V10";
            }
            if (op.equals("<") || op.equals(">") || op.equals("==") || op.equals("!=") || op.equals("<=")
                    || op.equals(">=")) {
                return "V9";
            }
            if (op.equals("/") || op.equals("**") || op.equals("@") || op.startsWith("in") || op.startsWith("is")
                    || op.startsWith("not")) {
                return "V11";
            }
        }
        return "V12";
    }

    private static boolean isIntegral(String e) {
        return e.equals("i") || e.equals("u") || e.matches("[0-9]+");
    }

    // ------------------------------------------------------------------------------------------------ V3, V4

    private void loads() {
        String[] bases = {"i", "u", "b", "p", "p8", "p16", "p32", "o", "1", "None"};
        String[] indexes = {"0", "3", "40", "-1", "i", "u", "b", "o", "None", "p8", "1 + 1", "i + 1"};
        for (String base : bases) {
            for (String index : indexes) {
                String rule = base.equals("o") ? "V4" : indexes[0].equals(index) ? "V3" : "V4";
                if (!isTypedPtr(base)) {
                    rule = "V3";
                }
                add(rule, viper("z = " + base + "[" + index + "]", "return"));
            }
        }
        add("V4", viper("z = p8[1:2]", "return"));
        add("V3", viper("z = p8[0] + p16[1] + p32[i]", "return"));
        add("V3", viper("z = p8[0]", "z = u", "return"));
        add("V3", viper("z = ptr8(o)[0]", "return"));
        add("V3", viper("z = ptr32(o)[i]", "return int(z)"));
    }

    private static boolean isTypedPtr(String e) {
        return e.equals("p8") || e.equals("p16") || e.equals("p32");
    }

    // ------------------------------------------------------------------------------------------------ V5-V7

    private void stores() {
        String[] bases = {"i", "p", "p8", "p16", "p32", "o"};
        String[] indexes = {"0", "5", "i", "u", "b", "o", "None"};
        String[] values = {"1", "i", "u", "b", "None", "o", "p8", "1.5"};
        for (String base : bases) {
            for (String index : indexes) {
                for (String value : values) {
                    if (!base.equals("p8") && !base.equals("i") && !value.equals("1") && !value.equals("o")
                            && !value.equals("None")) {
                        continue;
                    }
                    String rule = !isTypedPtr(base) && !base.equals("o") ? "V5"
                            : (index.equals("b") || index.equals("o") || index.equals("None")) && !base.equals("o")
                                    ? "V6"
                                    : "V7";
                    add(rule, viper(base + "[" + index + "] = " + value, "return"));
                }
            }
        }
        add("V7", viper("p8[0] = p16", "return"));
        add("V7", viper("p8[0] = uint(p16)", "return"));
        add("V7", viper("p32[i] = p8[i]", "return"));
        add("V5", viper("p[0] = 1", "return"));
        add("V6", viper("p8[1:2] = 1", "return"));
        add("V7", viper("p8[i] += 1", "return"));
        add("V7", viper("p8[1] += 1", "return"));
        add("V7", viper("p16[i] |= 0x100", "return"));
        add("V7", viper("p8[i] += o", "return"));
        add("V7", viper("p8[0] = p8[1] = 2", "return"));
        add("V7", viper("p8[0], p8[1] = 1, 2", "return"));
    }

    // ------------------------------------------------------------------------------------------------ V8

    private void conditions() {
        for (Map.Entry<String, String> t : TYPED.entrySet()) {
            String e = t.getValue();
            add("V8", viper("if " + e + ":", "    pass", "return"));
            add("V8", viper("while " + e + ":", "    break", "return"));
            add("V8", viper("if o:", "    pass", "elif " + e + ":", "    pass", "return"));
            add("V8", viper("z = 1 if " + e + " else 2", "return"));
            add("V8", viper("z = " + e + " and o", "return"));
            add("V8", viper("z = " + e + " or o", "return"));
            add("V8", viper("assert " + e, "return"));
            add("V8", viper("if not " + e + ":", "    pass", "return"));
            add("V8", viper("if o and " + e + ":", "    pass", "return"));
        }
        add("V8", viper("z = [k for k in o if ptr8(0)]", "return"));
        danger("U17", ViperTypes.CAPTURED_PARAMETER, viper("z = [k for k in o if p8]", "return"));
        add("V8", viper("x = ptr(0)", "if x:", "    pass", "return"));
    }

    // ------------------------------------------------------------------------------------------------ V13, V14

    private void unaryOps() {
        String[] ops = {"-", "+", "~", "not "};
        for (String op : ops) {
            for (Map.Entry<String, String> t : TYPED.entrySet()) {
                String rule = op.equals("not ") && (t.getKey().startsWith("int") || t.getKey().equals("uint"))
                        ? "V13"
                        : "V14";
                add(rule, viper("z = " + op + t.getValue(), "return"));
            }
        }
        add("V13", viper("if not i:", "    pass", "return"));
        add("V13", viper("z = not (i < 2)", "return"));
        add("V13", viper("z = -1", "z = -i", "z = ~u", "return"));
        add("V14", viper("z = -True", "return"));
        add("V14", viper("z = not True", "z = []", "return"));
    }

    // ------------------------------------------------------------------------------------------------ V15

    private void returns() {
        String[] declared = {null, "int", "uint", "bool", "ptr8", "object", "ptr"};
        String[] values = {"1", "i", "u", "b", "p8", "o", "None", "", "i < 2", "p", "uint(1)", "[]"};
        for (String d : declared) {
            for (String v : values) {
                add("V15", fn("viper", SIG, d, "z = 1", "return " + v));
            }
        }
        add("V15", fn("viper", "x: int", "int", "return x if x else 0"));
        add("V15", fn("viper", "x: int", "int", "return x if x else o"));
        add("V15", fn("viper", "x: int", null, "return x if x else o"));
        add("V15", fn("viper", "x: int", "int", "if x:", "    return 1", "return []"));
        add("V15", fn("viper", "x", null, "return lambda: 1"));
        add("V15", fn("viper", "", null, "f = lambda: 1", "return f"));
        add("V15", fn("viper", "", null, "f = lambda: []", "return f"));
        add("V15", fn("viper", "", "int", "pass"));
        add("V15", fn("viper", "", null, "return 1, 2"));
        add("V15", fn("viper", "", null, "return 0x7fffffff"));
    }

    private void raises() {
        for (Map.Entry<String, String> t : TYPED.entrySet()) {
            add("V16", viper("raise " + t.getValue()));
            add("V16", viper("z = 1", "raise " + t.getValue()));
        }
        add("V16", viper("raise ValueError(i)"));
        add("V16", viper("if i:", "    raise ValueError", "return"));
    }

    // ------------------------------------------------------------------------------------------------ N1-N3

    private void notImplemented() {
        add("N1", viper("yield"));
        add("N1", viper("yield 1"));
        add("N1", viper("z = yield o"));
        add("N1", viper("yield from o"));
        add("N1", viper("z = 1", "return sum(k for k in o)"));
        add("N1", viper("z = (k for k in o)", "return"));
        add("N1", fn("viper", "o", null, "z = [k for k in o]", "return z"));
        add("N1", fn("native", "o", null, "yield o"));
        add("N1", fn("native", "o", null, "return sum(k for k in o)"));
        add("N2", viper("print(ptr(1))"));
        add("N2", viper("print(ptr8(1))", "return"));
        add("N2", viper("print(ptr32(i))", "return"));
        add("N2", viper("print(ptr8(o))", "return"));
        add("N2", viper("z = [ptr(0)]", "return"));
        add("N2", viper("z = (ptr(0), 1)", "return"));
        add("N2", viper("z = {ptr(0)}", "return"));
        add("N2", viper("x = ptr(1)", "print(x)", "return"));
        add("N2", viper("print(ptr(1), 1 if o else 2)", "return"));
        add("N2", viper("print(ptr(1), 2)", "return"));
        add("N2", viper("global gp", "gp = ptr(1)", "return"));
        add("N2", viper("o.x = ptr(1)", "return"));
        add("N2", viper("o[0] = ptr(1)", "return"));
        add("N2", viper("o[ptr(1)] = 1", "return"));
        add("N2", viper("print(int)", "return"));
        add("N2", viper("print(uint(1))", "return"));
        add("N2", viper("print(bool(1), None, True)", "return"));
        add("N2", viper("o.m(ptr16(2))", "return"));
        add("N2", viper("def g(a=ptr(1)):", "    pass", "return"));
        add("N2", viper("def g(a=ptr(1), *, k=2):", "    pass", "return"));
        add("N3", viper("int(int)"));
        add("N3", viper("z = uint(ptr8)", "return"));
        add("N3", viper("z = bool(bool)", "return"));
        add("N3", viper("z = int(object)", "return"));
        add("N3", viper("z = int(int(1))", "return"));
        add("N3", viper("c = int", "z = int(c)", "return"));
    }

    // ------------------------------------------------------------------------------------------------ U1-U14, A5

    private void undefinedBehaviour() {
        add("U1", viper("z = i.real", "return"));
        add("U1", viper("z = p8.x", "return"));
        add("U1", viper("z = o.x", "return"));
        add("U2", viper("z = i.to_bytes(4)", "return"));
        add("U2", viper("z = b.m()", "return"));
        add("U2", viper("z = o.m(i)", "return"));
        add("U3", viper("i.x = 1", "return"));
        add("U3", viper("o.x = i", "return"));
        add("U4", viper("del i.x", "return"));
        add("U4", viper("del o.x", "return"));
        add("U5", viper("del o[0]", "return"));
        add("U5", viper("del o[i]", "return"));
        add("U5", viper("del o[o]", "return"));
        add("U5", viper("del p8[o]", "return"));
        add("U6", viper("z = o[1:]", "return"));
        add("U6", viper("z = o[:]", "return"));
        add("U6", viper("z = o[i:o]", "return"));
        add("U6", viper("z = o[o:o]", "return"));
        add("U6", viper("z = o[o:o:o]", "return"));
        add("U6", viper("z = o[o::2]", "return"));
        add("U7", viper("for k in i:", "    pass", "return"));
        add("U7", viper("for k in 5:", "    pass", "return"));
        add("U7", viper("for k in o:", "    pass", "return"));
        add("U7", viper("z = [k for k in i]", "return"));
        add("U7", viper("z = [k for k in o for m in 5]", "return"));
        add("U7", viper("z = [k for k in o for m in k]", "return"));
        danger("U17", ViperTypes.CAPTURED_PARAMETER, viper("z = [k for k in o for m in i]", "return"));
        add("U8", viper("x, y = i", "return"));
        add("U8", viper("x, *y = i", "return"));
        add("U8", viper("x, y = o", "return"));
        add("U8", viper("for x, y in o:", "    pass", "return"));
        add("U9", viper("with i:", "    pass", "return"));
        add("U9", viper("with o:", "    pass", "return"));
        add("U9", viper("with o as x, i as y:", "    pass", "return"));
        add("U10", viper("z = {i: 1}", "return"));
        add("U10", viper("z = {o: 1}", "return"));
        add("U10", viper("z = {o: o}", "return"));
        add("U10", viper("z = {'a': o, 'b': None}", "return"));
        add("U10", viper("def g(*, k=1):", "    pass", "return"));
        add("U10", viper("def g(*, k=o):", "    pass", "return"));
        add("U11", viper("z = [1 for k in o]", "return"));
        add("U11", viper("z = [k for k in o]", "return"));
        add("U11", viper("z = {int(k) for k in o}", "return"));
        add("U11", viper("z = {k: 1 for k in o}", "return"));
        add("U11", viper("z = {k: k for k in o}", "return"));
        add("U12", viper("z = int(o, 2)", "return"));
        add("U12", viper("z = int()", "return"));
        add("U12", viper("z = int(x=1)", "return"));
        add("U12", viper("z = uint(*o)", "return"));
        add("U12", viper("z = int(o)", "return"));
        add("U13", viper("z = 1", "o(*z)", "return"));
        add("U13", viper("o(*o)", "return"));
        add("U13", viper("o(i, *o)", "return"));
        add("U13", viper("o(**o)", "return"));
        add("U13", viper("i()", "return"));
        add("U13", viper("z = ptr8(o)", "z()", "return"));
        add("U14", "@micropython.viper\nclass A:\n    x = 1\n");
        add("U14", "@micropython.viper\nclass A:\n    x = 'a'\n    y = None\n");
        add("U14", "@micropython.viper\nclass A:\n    def m(self) -> int:\n        return 1\n");
        add("U14", "@micropython.viper\nclass A:\n    int = 1\n");
        danger("A5.5", ViperTypes.CAST_AS_VALUE, viper("g = int", "return"));
        danger("A5.5", ViperTypes.CAST_AS_VALUE, viper("g = ptr8", "return"));
        add("A5.5", viper("g = object", "return"));
        add("A5.5", viper("int = 5", "g = int", "return"));
    }

    // ------------------------------------------------------------------------------------------------ A4, U16, U17

    private void signatures() {
        danger("A4.3", ViperTypes.STAR_PARAMETER, fn("viper", "*a", null, "return a"));
        danger("A4.3", ViperTypes.STAR_PARAMETER, fn("viper", "**k", null, "return k"));
        danger("A4.3", ViperTypes.STAR_PARAMETER, fn("viper", "a, *, k", null, "return k"));
        danger("A4.3", ViperTypes.STAR_PARAMETER, fn("viper", "a, *rest", null, "print(rest)"));
        add("A4.3", fn("viper", "*a, **k", null, "pass"));
        add("A4.3", fn("viper", "*", null, "pass"));
        add("A4.3", fn("native", "*a, **k", null, "return a, k"));
        cases.add(new Case("A4.2", "qemu-mps2-an385", fn("viper", "a, b=3", null, "return"), null,
                ViperTypes.DEFAULT_DROPPED));
        cases.add(new Case("A4.2", "qemu-mps2-an385", fn("viper", "a: int = 1", "int", "return a"), null,
                ViperTypes.DEFAULT_DROPPED));
        add("A4.2", fn("native", "a, b=3", null, "return a"));
        danger("U16", ViperTypes.ASYNC_DEF, "@micropython.viper\nasync def f():\n    x = 1\n");
        danger("U16", ViperTypes.ASYNC_DEF, "@micropython.viper\nasync def f():\n    return\n");
        add("U16", "@micropython.native\nasync def f(a):\n    await a\n");
        danger("U17", ViperTypes.CAPTURED_PARAMETER, fn("viper", "k", null, "g = lambda: k", "return g"));
        danger("U17", ViperTypes.CAPTURED_PARAMETER, fn("viper", "k: int", null, "def g():", "    return k",
                "return g"));
        add("U17", fn("viper", "k", null, "g = lambda k: k", "return g"));
        add("U17", fn("native", "k", null, "g = lambda: k", "return g"));
    }

    // ------------------------------------------------------------------------------------------------ A.10

    private void rangeForm() {
        String[] ranges = {"range(10)", "range(i)", "range(u)", "range(o)", "range(1, 10)", "range(i, 10)",
            "range(u, 10)", "range(o, 10)", "range(0, 10, 2)", "range(10, 0, -1)", "range(0, i, 2)", "range(0, 10, i)",
            "range(0, 10, 0)", "range(uint(0), u)", "range(uint(0), 10)", "range(True, 10)", "range(b, 10)",
            "range(p8, 10)", "range(None, 10)", "range(*o)", "range(stop=10)", "range(10)[1:]", "range(0x40000000)",
            "range(1, 0x40000000)", "range(len(o))", "range(int(len(o)))", "range(0, 10, 2 ** 40)", "range()",
            "range(1, 2, 3, 4)"};
        for (String r : ranges) {
            add("A10", viper("for k in " + r + ":", "    pass", "return"));
            add("A10", viper("for k in " + r + ":", "    z = k + 1", "return"));
            add("A10", viper("for k in " + r + ":", "    p8[k] = 1", "return"));
        }
        add("A10", viper("for k in range(10):", "    pass", "else:", "    k = 5", "return"));
        add("A10", viper("k = u", "for k in range(10):", "    pass", "return"));
        add("A10", viper("for k, j in range(10):", "    pass", "return"));
        add("A10", "from micropython import const\nSTEP = const(2)\n"
                + viper("for k in range(0, 10, STEP):", "    p8[k] = 1", "return"));
        add("A10", "range = 3\n" + viper("for k in range(10):", "    p8[k] = 1", "return"));
        add("A10", viper("n = 10", "for k in range(n):", "    n = []", "return"));
    }

    // ------------------------------------------------------------------------------------------------ B1

    private void nativeRaise() {
        for (String d : new String[] {"native", "viper"}) {
            add("B1", fn(d, "o", null, "try:", "    pass", "except:", "    raise"));
            add("B1", fn(d, "o", null, "raise"));
            add("B1", fn(d, "o", null, "raise ValueError from o"));
            add("B1", fn(d, "o", null, "raise ValueError from None"));
            add("B1", fn(d, "o", null, "raise ValueError"));
            add("B1", fn(d, "o", null, "g = lambda: 1", "def h():", "    raise", "return h"));
        }
        add("B1", "@micropython.native\nclass A:\n    def m(self):\n        raise\n");
        add("B1", "@micropython.bytecode\ndef f():\n    raise\n");
        add("B1", "@micropython.native\ndef f():\n    @micropython.bytecode\n    def g():\n        raise\n    return g\n");
        add("B1", "def f():\n    raise\n");
    }

    // ------------------------------------------------------------------------------------------------ D (const)

    private void consts() {
        String pre = "from micropython import const\n";
        String[] good = {"1", "-1", "0x7fffffff", "1 << 40", "2 ** 100", "1 + 2 * 3", "(1 | 2) ^ 4 & 7", "~5",
            "'a'", "b'a'", "1.5", "None", "True", "...", "()", "(1, 2)", "(1, 'a', None)", "1 or x", "0 and x",
            "not 1", "1 and 2", "7 // 2 % 3", "-7 // 2", "1 if 1 else 2", "1 < 2", "x", "[1]", "len('a')",
            "1 @ 2", "1 / 2", "1 ** -2", "1 << -2", "1 >> -2", "1 % 0", "1 // 0", "f'a'", "1+2j", "(1, x)",
            "-(-1)", "+'a'", "A1", "A1 + 1", "A1.x", "'a' + 'b'", "1,", "(x := 1)", "lambda: 1"};
        for (String g : good) {
            add("K2", pre + "A1 = const(1)\nX = const(" + g + ")\nprint(X)\n");
        }
        add("K2", pre + "X = const()\n");
        add("K2", pre + "X = const(1, 2)\n");
        add("K2", pre + "X = const(*a)\n");
        add("K2", pre + "X = const(k=1)\n");
        add("K2", pre + "X = const(y for y in z)\n");
        add("K2", pre + "X = (const(x))\n");
        add("K2", pre + "def f():\n    X = const(x)\n");
        String[] shapes = {"A = B = const(3)", "A, B = const(3)", "a.b = const(3)", "x = [const(3)]",
            "A = const(3) + 1", "A: int = const(3)", "A = micropython.const(3)", "A += const(3)",
            "A = const(const(3))", "A = const(3)[0]", "A = const(3)(1)"};
        for (String s : shapes) {
            add("K1", pre + "import micropython\nb = None\nB = 0\n" + s + "\n");
        }
        String[] reuse = {"A = 5", "A += 1", "A = const(2)", "for A in []:\n    pass", "del A", "f(A=7)",
            "(A := 3)", "with o as A:\n    pass", "A, b = 1, 2", "[A] = [1]", "x = [y for A in []]",
            "class C:\n    A = 3", "def g():\n    A = 3", "def g():\n    global A\n    A = 3", "import A",
            "from m import A", "def A():\n    pass", "class A:\n    pass", "print(A.x)", "A.x = 1", "x = A",
            "try:\n    pass\nexcept E as A:\n    pass", "A: int", "A: int = 1", "lambda A: 1"};
        for (String r : reuse) {
            add("K6", pre + "A = const(1)\nf = o = E = print\n" + r + "\n");
            add("K6", pre + "_A = const(1)\nf = o = E = print\n" + r.replace("A", "_A") + "\n");
        }
        add("K6", pre + "def f():\n    A = const(1)\nA = 2\n");
        add("K6", pre + "A = 2\nA = const(1)\n");
        cases.add(new Case("K6", "qemu-mps2-an385", pre + "A = const(1)\ndef f(A):\n    return A\n", null,
                "const-shadowed-parameter"));
        add("K6", pre + "A = const(1)\ndef f(A):\n    pass\n");
        cases.add(new Case("K5", "qemu-mps2-an385", pre + "def f():\n    A = const(1)\n    return A\nprint(A)\n",
                null, "const-leaks-scope"));
        add("K7", pre + "_X = const(1)\nprint(_X)\n");
        add("K7", pre + "_X = const(x)\n");
        add("K9", pre + "BIT = const(1)\n" + viper("x = i", "x ^= BIT", "return"));
        add("K9", pre + "BIG = const(0xffffffff)\n" + viper("x = i", "x ^= BIG", "return"));
        add("K9", pre + "S = const('a')\n" + viper("x = i", "x = S", "return"));
        add("K9", pre + "N = const(None)\n" + viper("x = None", "x = N", "return"));
        add("K9", pre + "T = const(True)\n" + viper("x = b", "x = T", "return"));
        add("K9", pre + "T = const(1 << 30)\n" + viper("x = 1", "x = T", "return"));
        add("K9", pre + "T = const((1 << 30) - 1)\n" + viper("x = 1", "x = T", "return"));
        add("K9", pre + "T = const(3)\n" + viper("z = p8[T]", "p8[T] = T", "return"));
    }

    // ------------------------------------------------------------------------------------------------ decorators

    private void decorators() {
        String[] boards = {"qemu-mps2-an385", "unix", "pyboard", "rp2-pico", "esp32", "esp8266", "qemu-virt-rv32"};
        String[] names = {"micropython.native", "micropython.viper", "micropython.bytecode", "micropython.foo",
            "micropython.native()", "micropython.viper(1)", "micropython", "micropython.a.b", "micropython.Native",
            "micropython.const", "micropython.asm_thumb", "micropython.asm_xtensa", "micropython.asm_rv32",
            "micropython.asm_thumb.x"};
        for (String board : boards) {
            for (String n : names) {
                if (n.startsWith("micropython.asm_") && !n.endsWith(".x")) {
                    Arch asm = dev.mprt.lang.analysis.Boards.inlineAsmArch(board);
                    String own = asm == null ? null : asm.inlineAsm().decorator();
                    if (asm != null && !n.equals("micropython." + own)) {
                        continue; // mpy-cross assembles any asm_* name with -march's ISA; firmware rejects it
                    }
                }
                add("DEC", board, "@" + n + "\ndef f():\n    pass\n");
            }
            add("DEC", board, "import micropython\n@micropython.foo\n@micropython.native\ndef f():\n    pass\n");
            add("DEC", board, "@micropython.native\n@micropython.foo\nclass A:\n    pass\n");
            add("DEC", board, "def g():\n    @micropython.native\n    def f():\n        return 1\n    return f\n");
        }
        add("DEC", "@micropython.asm_thumb\nclass A:\n    pass\n");
        add("DEC", "@micropython.viper\n@micropython.asm_thumb\ndef f():\n    nop()\n");
        add("DEC", "@micropython.asm_thumb\n@micropython.viper\ndef f(x):\n    return 1\n");
        add("DEC", "@micropython.viper\ndef f():\n    @micropython.bytecode\n    def g():\n        return 1\n"
                + "    return g\n");
    }

    // ------------------------------------------------------------------------------------------------ C.0, C.1

    private static String asm(String deco, String params, String... lines) {
        StringBuilder sb = new StringBuilder("@micropython.").append(deco).append("\ndef f(").append(params)
                .append("):\n");
        for (String l : lines) {
            sb.append("    ").append(l).append('\n');
        }
        return sb.toString();
    }

    private void thumb() {
        String[] boards = {"qemu-mps2-an385", "rp2-pico", "pyboard"};
        String[] ok = {"nop()", "wfi()", "mov(r0, r1)", "mov(r8, sp)", "mov(r0, 255)", "mov(r0, 256)", "mov(r0, -1)",
            "mov(r8, 1)", "cmp(r1, 7)", "add(r0, 1)", "sub(r7, 255)", "add(r0, r1)", "sub(r0, r1)",
            "add(r0, r1, r2)", "add(r0, r1, 7)", "add(r0, r1, 8)", "sub(r0, r8, 1)", "lsl(r0, r1, 31)",
            "lsr(r0, r1, 32)", "asr(r2, r3, 0)", "and_(r0, r1)", "eor(r0, r1)", "orr(r0, r9)", "mul(r0, r1)",
            "mvn(r0, r1)", "neg(r0, r1)", "tst(r0, r1)", "bic(r1, r2)", "adc(r1, r2)", "ror(r1, r2)", "cmn(r1, r2)",
            "ldr(r0, [r1, 0])", "ldr(r0, [r1, 4])", "ldr(r0, [r1, 2])", "ldr(r0, [r1, 128])", "ldrb(r0, [r1, 31])",
            "ldrb(r0, [r1, 32])", "ldrh(r0, [r1, 62])", "ldrh(r0, [r1, 1])", "str(r0, [r1, 124])",
            "strb(r0, [r8, 0])", "strh(r0, [r1, 2])", "ldr(r0, r1)", "ldr(r0, [r1])", "ldr(r0, [r1, r2])",
            "ldr(r0, [r1, 0, 1])", "movw(r0, 0xffff)", "movw(r0, 0x10000)", "movt(r0, 1)", "movwt(r0, 0x12345678)",
            "clz(r0, r1)", "rbit(r0, r1)", "sdiv(r0, r1, r2)", "udiv(r0, r1, r12)", "mrs(r0, IPSR)",
            "mrs(r0, BASEPRI)", "mrs(r0, APSR)", "mrs(r13, IPSR)", "ldrex(r0, [r1, 4])", "strex(r0, r1, [r2, 0])",
            "push({r0, r1})", "push({r0, lr})", "push({r8})", "pop({r0, pc})", "pop({r0, lr})", "push(r0)",
            "push({})", "push({r0: r1})", "push({1})", "pop({r0, r16})", "bx(lr)", "bx(r16)", "cpsid(i)",
            "cpsie(x)", "ip(r0)", "mov(ip, r0)", "mov(r0, fp)", "mov(r0, sl)", "foo()", "nop(1)", "mov(r0)",
            "add(r0, r1, r2, r3)", "vadd(s0, s1, s2)", "vsub(s0, s1, s31)", "vmul(s0, s1, s32)",
            "vdiv(s0, s1, r2)", "vsqrt(s0, s1)", "vneg(s0, s1)", "vcmp(s0, s1)", "vmov(r0, s1)", "vmov(s0, r1)",
            "vmov(s0, s1)", "vcvt_f32_s32(s0, s1)", "vcvt_s32_f32(s0, s1)", "vmrs(APSR_nzcv, FPSCR)",
            "vmrs(r0, FPSCR)", "vmrs(r0, FPEXC)", "vldr(s0, [r0, 4])", "vldr(s0, [r0, 2])", "vstr(s0, [r8, 0])",
            "vldr(s0, [r0, 1024])", "vfoo(s0)", "vadd(s0, s1)", "vaddx(s0, s1, s2)", "mov(r0, x)",
            "mov(r0, 1.5)", "mov(r0, 'a')", "add(r0, r1, x)", "ldr(r0, [r1, x])", "movw(r0, -1)",
            "movwt(r0, 0x123456789)", "mov(r0, 1 << 8)", "mov(r0, (1 << 8) - 1)"};
        for (String board : boards) {
            for (String insn : ok) {
                add(board.equals("rp2-pico") ? "C1-armv6m" : board.equals("pyboard") ? "C1-fpu" : "C1",
                        board, asm("asm_thumb", "r0, r1", insn));
            }
        }
        String[] branches = {"b(end)", "bl(end)", "beq(end)", "bne_n(end)", "bgt_w(end)", "bal(end)", "bhs(end)",
            "blo(end)", "bcs(end)", "blt(end)", "b(nowhere)", "b(1)", "beq(r0)", "bxx(end)", "beq_x(end)",
            "it(eq)", "ite(ne)", "itte(gt)", "ittee(lt)", "it(al)", "itx(eq)", "it(r0)", "itt(hs)"};
        for (String board : boards) {
            for (String br : branches) {
                add("C1-branch", board, asm("asm_thumb", "r0", br, "label(end)", "nop()"));
            }
        }
        // branch ranges: pad with data() to move the label away
        int[] pads = {100, 250, 252, 253, 254, 500, 1000, 1021, 1022, 1023, 1024, 2000, 4000};
        for (int pad : pads) {
            String filler = "data(2, " + "0, ".repeat(pad - 1) + "0)";
            for (String br : new String[] {"b(end)", "beq(end)", "bl(end)", "beq_w(end)"}) {
                add("C1-range", asm("asm_thumb", "r0", br, filler, "label(end)", "nop()"));
                add("C1-range", asm("asm_thumb", "r0", "label(end)", filler, br));
            }
        }
        add("C1-range", asm("asm_thumb", "r0", "b(end)", "align(4)", "data(4, 1, 2, 3)", "label(end)"));
        // C.0 rules
        String[] params = {"", "r0", "r0, r1, r2, r3", "r0, r1, r2, r3, r4", "r1", "r0, r2", "a", "r0: int",
            "r0=1", "*r0", "r00"};
        for (String p : params) {
            add("C0", asm("asm_thumb", p, "nop()"));
        }
        String[] rets = {"int", "uint", "bool", "object", "float", "ptr8", "None", "'int'", "foo.bar"};
        for (String r : rets) {
            add("C0", "@micropython.asm_thumb\ndef f(r0) -> " + r + ":\n    nop()\n");
        }
        String[] bodies = {"pass", "x = 1", "return 1", "if r0:\n        nop()", "'doc'", "1", "x", "nop(); nop()",
            "nop() + 1", "o.nop()", "nop()(1)", "label(a)\n    label(a)", "label(1)", "label(a, b)", "label()",
            "align(4)", "align(x)", "align(1.5)", "align(4, 2)", "data(1)", "data(1, 2, 3)", "data(x, 1)",
            "data(1, x)", "data(1, 2.5)", "data(4, 1 << 40)", "data(2, -1)", "def g():\n        pass",
            "for x in y:\n        nop()", "del x", "global x", "a.b = 1", "nop()\n    x = 2\n    nop()"};
        for (String b : bodies) {
            add("C0", asm("asm_thumb", "r0", b));
        }
        add("C0", "from micropython import const\nK = const(7)\n" + asm("asm_thumb", "r0", "mov(r0, K)", "data(1, K)",
                "add(r0, r0, K)", "mov(r0, K + 300)"));
        add("C0", "from micropython import const\nR = const(1)\n" + asm("asm_thumb", "r0", "mov(R, 1)", "label(R)"));
        add("C0", "@micropython.asm_thumb\ndef f(r0):\n    nop()\n    def g(r0):\n        mov(r0, 1)\n");
    }

    // ------------------------------------------------------------------------------------------------ C.2

    private void xtensa() {
        String[] insns = {"ret_n()", "ret_n(1)", "callx0(a0)", "callx0(a16)", "jx(a15)", "jx(x)", "j(end)",
            "j(nowhere)", "j(1)", "beqz(a2, end)", "bnez(a3, 1)", "beqz(x, end)", "mov(a2, a3)", "mov_n(a2, a3)",
            "mov(a2, 1)", "movi(a2, 0x12345678)", "movi(a2, -1)", "movi(a2, x)", "movi(a16, 1)", "and_(a2, a3, a4)",
            "or_(a2, a3, a4)", "xor(a2, a3, 1)", "add(a2, a3, a4)", "sub(a2, a3, a4)", "mull(a2, a3, a4)",
            "l8ui(a2, a3, 255)", "l8ui(a2, a3, 256)", "l16ui(a2, a3, 510)", "l16ui(a2, a3, 511)",
            "l16ui(a2, a3, 3)", "l32i(a2, a3, 1020)", "l32i(a2, a3, 1024)", "l32i(a2, a3, -4)", "s8i(a2, a3, 0)",
            "s16i(a2, a3, 2)", "s32i(a2, a3, 4)", "l16si(a2, a3, 2)", "addi(a2, a3, 127)", "addi(a2, a3, 128)",
            "addi(a2, a3, -128)", "addi(a2, a3, -129)", "addi(a2, a3, x)", "ball(a2, a3, end)", "bany(a2, a3, end)",
            "bbc(a2, a3, end)", "bbs(a2, a3, end)", "beq(a2, a3, end)", "bge(a2, a3, end)", "bgeu(a2, a3, end)",
            "blt(a2, a3, end)", "bnall(a2, a3, end)", "bne(a2, a3, end)", "bnone(a2, a3, end)", "beq(a2, a3, 1)",
            "foo(a2)", "foo(x, a3)", "nop()", "add(a2, a3)", "add(a2, a3, a4, a5)", "l8ui(a2, 3, 1)"};
        for (String in : insns) {
            add("C2", "esp8266", asm("asm_xtensa", "a2, a3", in, "label(end)"));
        }
        String[] params = {"", "a2", "a2, a3, a4, a5", "a2, a3, a4, a5, a6", "a3", "a2, a4", "r0"};
        for (String p : params) {
            add("C2", "esp8266", asm("asm_xtensa", p, "ret_n()"));
        }
        add("C2", "esp8266", asm("asm_xtensa", "a2", "label(a)", "label(a)"));
        add("C2", "esp8266", asm("asm_xtensa", "a2", "data(4, 1, 2)", "align(4)", "x = 1"));
        add("C2", "esp32", asm("asm_xtensa", "a2", "ret_n()"));
        add("C2", "unix", asm("asm_xtensa", "a2", "ret_n()"));
    }

    // ------------------------------------------------------------------------------------------------ C.3

    private void rv32() {
        String[] insns = {"add(a0, a1, a2)", "add(a0, a1, 1)", "add(a0, a1)", "addi(a0, a1, 2047)",
            "addi(a0, a1, 2048)", "addi(a0, a1, -2048)", "addi(a0, a1, -2049)", "addi(a0, a1, x)", "addi(a0, 1, 1)",
            "and_(a0, a1, a2)", "andi(a0, a1, 0xfff)", "auipc(a0, 0xfffff)", "auipc(a0, 0x100000)",
            "lui(a0, 0x80000)", "lui(a0, -1)", "beq(a0, a1, end)", "bne(a0, a1, nowhere)", "blt(a0, a1, 1)",
            "bge(x0, zero, end)", "bgeu(a0, fp, end)", "bltu(t6, s11, end)", "csrrw(a0, a1, 0x300)",
            "csrrs(a0, a1, 4096)", "csrrc(a0, a1, -1)", "csrrwi(a0, 0x300, 31)", "csrrsi(a0, 0x300, 32)",
            "csrrci(a0, 4096, 1)", "c_add(a0, a1)", "c_add(a0, zero)", "c_add(zero, a0)", "c_addi(a0, 31)",
            "c_addi(a0, 32)", "c_addi(a0, 0)", "c_addi(a0, -32)", "c_addi4spn(a0, 4)", "c_addi4spn(a0, 2)",
            "c_addi4spn(a0, 0)", "c_addi4spn(a6, 4)", "c_and(s0, s1)", "c_and(a6, s1)", "c_andi(a5, -1)",
            "c_beqz(s0, end)", "c_beqz(t0, end)", "c_bnez(a0, end)", "c_ebreak()", "c_j(end)", "c_jal(end)",
            "c_jalr(ra)", "c_jalr(zero)", "c_jr(a0)", "c_li(a0, 31)", "c_li(a0, 32)", "c_lui(a0, 1)",
            "c_lui(a0, 0)", "c_lui(sp, 1)", "c_lui(a0, 31)", "c_lui(a0, 32)", "c_lw(a0, 4(a1))", "c_lw(a0, 2(a1))",
            "c_lw(a0, 128(a1))", "c_lw(a6, 4(a1))", "c_lw(a0, 4(a6))", "c_lwsp(a0, 4)", "c_lwsp(zero, 4)",
            "c_lwsp(a0, 256)", "c_mv(a0, a1)", "c_mv(a0, zero)", "c_nop()", "c_nop(1)", "c_or(s0, a5)",
            "c_slli(a0, 31)", "c_slli(a0, 32)", "c_srai(a0, 1)", "c_srli(a7, 1)", "c_sub(a0, a1)", "c_sw(a0, 8(a1))",
            "c_swsp(a0, 252)", "c_swsp(a0, 253)", "c_xor(a0, a1)", "div(a0, a1, a2)", "divu(a0, a1, a2)",
            "ebreak()", "ecall()", "jal(ra, end)", "jal(ra, 1)", "jalr(ra, a0, 0)", "jalr(ra, a0, 4096)",
            "la(a0, end)", "la(a0, nowhere)", "lb(a0, 0(a1))", "lbu(a0, -1(a1))", "lh(a0, 2047(a1))",
            "lhu(a0, 2048(a1))", "lw(a0, -2048(a1))", "lw(a0, -2049(a1))", "lw(a0, +4(a1))", "lw(a0, 4)",
            "lw(a0, a1)", "lw(a0, x(a1))", "lw(a0, 4(1))", "lw(a0, 4(a1, a2))", "lw(a0, 4(a1), 1)", "lw(a0)",
            "li(a0, 0x12345678)", "li(a0, -1)", "li(a0, x)", "mv(a0, a1)", "mul(a0, a1, a2)", "mulh(a0, a1, a2)",
            "mulhsu(a0, a1, a2)", "mulhu(a0, a1, a2)", "or_(a0, a1, a2)", "ori(a0, a1, 1)", "rem(a0, a1, a2)",
            "remu(a0, a1, a2)", "sb(a0, 0(sp))", "sh(a0, 2(sp))", "sll(a0, a1, a2)", "slli(a0, a1, 31)",
            "slli(a0, a1, 32)", "slt(a0, a1, a2)", "slti(a0, a1, -1)", "sltiu(a0, a1, 1)", "sltu(a0, a1, a2)",
            "sra(a0, a1, a2)", "srai(a0, a1, 1)", "srl(a0, a1, a2)", "srli(a0, a1, -1)", "sub(a0, a1, a2)",
            "sw(a0, 0(sp))", "xor(a0, a1, a2)", "xori(a0, a1, 2)", "foo()", "nop()", "add(a0, a1, x32)",
            "add(a0, a1, x31)", "add(fp, a1, a2)", "mv(a0, 1)"};
        for (String in : insns) {
            add("C3", "qemu-virt-rv32", asm("asm_rv32", "a0, a1", in, "label(end)"));
        }
        String[] params = {"", "a0", "a0, a1, a2, a3", "a0, a1, a2, a3, a4", "a1", "x10, a1", "a0, x12",
            "zero"};
        for (String p : params) {
            add("C3", "qemu-virt-rv32", asm("asm_rv32", p, "c_nop()"));
        }
        int[] pads = {100, 126, 127, 128, 1000, 1022, 1023, 1024, 2000};
        for (int pad : pads) {
            String filler = "data(2, " + "0, ".repeat(pad - 1) + "0)";
            for (String br : new String[] {"c_beqz(a0, end)", "c_j(end)", "beq(a0, a1, end)"}) {
                add("C3-range", "qemu-virt-rv32", asm("asm_rv32", "a0, a1", br, filler, "label(end)"));
                add("C3-range", "qemu-virt-rv32", asm("asm_rv32", "a0, a1", "label(end)", filler, br));
            }
        }
        add("C3", "qemu-virt-rv32", asm("asm_rv32", "a0", "li(a0, 1)", "li(a0, 100)", "li(a0, 0x12345)",
                "c_j(end)", "label(end)"));
    }

    // ------------------------------------------------------------------------------------------------ A.11

    private void boardsAndLiterals() {
        String[] boards = {"unix", "esp32", "esp8266", "rp2-pico", "pyboard", "qemu-virt-rv32"};
        for (String board : boards) {
            add("A11", board, viper("z = i & 0xffffffff", "return"));
            add("A11", board, viper("z = i & 0x3fffffff", "return"));
            add("A11", board, viper("z = 0x40000000", "z = i", "return"));
            add("A11", board, viper("z = 1 << 62", "z = i", "return"));
            add("A11", board, viper("x = 1", "y = []", "x = y", "return"));
            add("A11", board, viper("z = p8[i] + 1", "p8[i] = z", "return"));
            add("A11", board, viper("print(ptr(1))"));
            add("A11", board, viper("for k in range(u):", "    pass", "return"));
        }
        for (String board : new String[] {"qemu-mps2-an385", "rp2-pico", "unix", "esp32"}) {
            for (int n : new int[] {100, 235, 270, 300}) {
                StringBuilder body = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    body.append("v").append(k).append(" = ").append(k).append("\n");
                }
                add("N4", board, fn("viper", "o", null, body.toString().trim(), "return"));
                add("N4", board, fn("native", "o", null, body.toString().trim(), "return"));
                add("N4", board, fn("native", "o", null, body.toString().trim(), "yield o"));
            }
        }
        cases.add(new Case("A11-literal", "qemu-mps2-an385", viper("x = 0xffffffff", "return"), null,
                ViperTypes.BIG_LITERAL));
        cases.add(new Case("A11-literal", "qemu-mps2-an385", viper("x = 0x40000000", "x = o", "return"), null,
                ViperTypes.BIG_LITERAL));
        add("A11-literal", "unix", viper("x = 0xffffffff", "x = 1", "return"));
        add("A11-literal", viper("return 123456789012345678901234567890"));
        add("A11-literal", viper("x = uint(0xffffffff)", "x = u", "return"));
        cases.add(new Case("A11-keyword", "unix", fn("viper", "a", null, "return") + "f(1, b=2)\n", null,
                "viper-keyword-argument-ignored"));
        add("A11-keyword", "unix", fn("viper", "a", null, "return") + "f(1, 2)\n");
        add("A11-keyword", "qemu-mps2-an385", fn("viper", "a", null, "return") + "f(1, b=2)\n");
        for (String board : new String[] {"esp8266", "esp32"}) {
            for (String idx : new String[] {"0", "1", "255", "256", "i"}) {
                String code = viper("p8[" + idx + "] = 1", "p32[" + idx + "] = i", "return");
                boolean bug = idx.equals("1") || idx.equals("255");
                if (bug) {
                    cases.add(new Case("A11-xtensa", board, code, null, ViperTypes.XTENSA_STORE));
                } else {
                    add("A11-xtensa", board, code);
                }
            }
        }
    }

    /** Realistic viper, native and mixed code that every target compiles. */
    private void realistic() {
        List<String> programs = List.of(
                """
                import micropython
                from micropython import const
                BIT0 = const(1)


                class Reader:
                    def __init__(self):
                        self.linebuf = bytearray(32)

                    @micropython.viper
                    def foo(self, arg: int) -> int:
                        buf = ptr8(self.linebuf)
                        total = 0
                        for x in range(20, 30):
                            bar = buf[x]
                            total += bar
                        return total + arg


                @micropython.viper
                def toggle_n(n: int):
                    odr = ptr16(uint(0x40020014))
                    for _ in range(n):
                        odr[0] ^= BIT0
                """,
                """
                @micropython.viper
                def memcpy(dst: ptr8, src: ptr8, n: int):
                    i = 0
                    while i < n:
                        dst[i] = src[i]
                        i += 1
                """,
                """
                @micropython.viper
                def checksum(data) -> int:
                    p = ptr8(data)
                    n = int(len(data))
                    s = 0
                    for i in range(n):
                        s = (s + p[i]) & 0xff
                    return s
                """,
                """
                @micropython.viper
                def fill(buf, v: int):
                    p = ptr32(buf)
                    n = int(len(buf)) // 4
                    for i in range(n):
                        p[i] = v
                """,
                """
                @micropython.native
                def gen(n):
                    for i in range(n):
                        yield i * 2


                @micropython.native
                def agen(xs):
                    total = 0
                    for x in xs:
                        try:
                            total += x
                        except TypeError as e:
                            print(e)
                    with open("f") as f:
                        pass
                    return [v for v in xs if v], {k: 1 for k in xs}
                """,
                """
                @micropython.viper
                def mandel(c_r: int, c_i: int) -> int:
                    z_r = 0
                    z_i = 0
                    for i in range(100):
                        t = (z_r * z_r - z_i * z_i) >> 10
                        z_i = (2 * z_r * z_i) >> 10
                        z_r = t + c_r
                        z_i += c_i
                        if z_r * z_r + z_i * z_i > 4 << 20:
                            return i
                    return 0
                """,
                """
                @micropython.viper
                def crc16(data, crc: uint) -> uint:
                    p = ptr8(data)
                    n = int(len(data))
                    for i in range(n):
                        crc ^= uint(p[i]) << 8
                        for _ in range(8):
                            if crc & uint(0x8000):
                                crc = (crc << 1) ^ uint(0x1021)
                            else:
                                crc = crc << 1
                        crc &= uint(0xffff)
                    return crc
                """,
                """
                @micropython.viper
                def count_set(buf) -> int:
                    p = ptr8(buf)
                    c = 0
                    i = 0
                    n = int(len(buf))
                    while i < n:
                        v = p[i]
                        while v:
                            c += v & 1
                            v >>= 1
                        i += 1
                    return c
                """,
                """
                @micropython.viper
                def blit(dst, src, w: int, h: int, stride: int):
                    d = ptr16(dst)
                    s = ptr16(src)
                    for y in range(h):
                        for x in range(w):
                            d[y * stride + x] = s[y * w + x]
                """,
                """
                @micropython.viper
                def clamp(v: int, lo: int, hi: int) -> int:
                    if v < lo:
                        return lo
                    elif v > hi:
                        return hi
                    return v


                @micropython.viper
                def use_clamp(buf):
                    p = ptr8(buf)
                    for i in range(int(len(buf))):
                        p[i] = int(clamp(p[i] * 2, 0, 255))
                """,
                """
                import micropython


                @micropython.viper
                def f(x: int, y: int) -> bool:
                    return x < y and y > 0


                @micropython.viper
                def g(o) -> object:
                    return o.upper() if o else None


                @micropython.viper
                def h(a: uint, b: uint) -> uint:
                    return (a >> 3) | (b << uint(2)) ^ uint(1)
                """,
                """
                @micropython.viper
                def sum16(arr) -> int:
                    p = ptr16(arr)
                    s = 0
                    for i in range(0, int(len(arr)) // 2, 1):
                        s += p[i]
                    return s


                @micropython.viper
                def reverse(buf):
                    p = ptr8(buf)
                    i = 0
                    j = int(len(buf)) - 1
                    while i < j:
                        t = p[i]
                        p[i] = p[j]
                        p[j] = t
                        i += 1
                        j -= 1
                """,
                """
                @micropython.viper
                def f(buf, n: int) -> int:
                    p = ptr32(buf)
                    acc = 0
                    k = 0
                    while True:
                        if k >= n:
                            break
                        acc += p[k]
                        k += 1
                    try:
                        print(acc)
                    except OSError:
                        pass
                    finally:
                        k = 0
                    global LAST
                    LAST = acc
                    return acc
                """);
        for (String program : programs) {
            for (String board : new String[] {"qemu-mps2-an385", "rp2-pico", "esp32", "unix", "qemu-virt-rv32"}) {
                add("REAL", board, program);
            }
        }
    }
}
