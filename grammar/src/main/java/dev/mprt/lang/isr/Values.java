package dev.mprt.lang.isr;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.BoolOp;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Compare;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.IfExp;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Slice;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.UnaryOp;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.ConstValue;
import dev.mprt.lang.lexer.NumberLiterals;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/**
 * The kind of value an expression has, as far as allocation cares: int (with its value when known), float, str,
 * bytes, containers, arrays by typecode, or unknown. Flow-insensitive: a local's kind joins every value assigned
 * to it; a parameter is unknown unless it has a default. Constants come from MicroPython's parse-time folding
 * ({@link ConstTable}), so a folded big int is a constant (no allocation) and a computed one is not.
 */
public final class Values {

    public enum Kind {
        INT, FLOAT, BOOL, NONE, STR, BYTES, BYTEARRAY, MEMORYVIEW, ARRAY, LIST, TUPLE, DICT, SET, OBJECT
    }

    /** A value's kind; {@code value} for ints when known, {@code typecode} for arrays, {@code init} for dicts. */
    public record Val(Kind kind, BigInteger value, String typecode, Expression init) {

        static Val of(Kind k) {
            return new Val(k, null, null, null);
        }

        static Val integer(BigInteger v) {
            return new Val(Kind.INT, v, null, null);
        }

        public boolean is(Kind k) {
            return kind == k;
        }

        public boolean numeric() {
            return kind == Kind.INT || kind == Kind.FLOAT || kind == Kind.BOOL;
        }
    }

    public static final Val UNKNOWN = Val.of(Kind.OBJECT);
    private static final int MAX_DEPTH = 12;
    private static final Set<String> MATH_NOT_FLOAT = Set.of("floor", "ceil", "trunc", "isnan", "isinf", "isfinite",
            "frexp", "modf", "factorial", "gcd", "isclose", "comb", "perm", "isqrt");

    private final SemanticModel semantic;
    private final IsrBoard board;
    private final Map<EObject, ConstTable> consts = new HashMap<>();
    private final Set<EObject> evaluating = new HashSet<>();
    private int depth;

    public Values(SemanticModel semantic, IsrBoard board) {
        this.semantic = semantic;
        this.board = board;
    }

    /** The parse-time constant {@code e} becomes, or null when it is computed at run time. */
    public ConstValue folded(Expression e) {
        ConstTable t = constTable(e);
        return t == null ? null : t.fold(e);
    }

    private ConstTable constTable(EObject node) {
        EObject root = node;
        while (root.eContainer() != null) {
            root = root.eContainer();
        }
        if (!(root instanceof PyFile file)) {
            return null;
        }
        return consts.computeIfAbsent(root, r -> ConstTable.build(file, board.smallIntBits(), true));
    }

    /** Whether {@code v} fits a small int on the board. */
    public boolean small(BigInteger v) {
        int bits = board.smallIntBits();
        BigInteger max = BigInteger.ONE.shiftLeft(bits - 1);
        return v.compareTo(max.negate()) >= 0 && v.compareTo(max) < 0;
    }

    public Val of(Expression e) {
        if (e == null || depth > MAX_DEPTH || !evaluating.add(e)) {
            return UNKNOWN;
        }
        depth++;
        try {
            return compute(e);
        } catch (RuntimeException ex) {
            return UNKNOWN;
        } finally {
            depth--;
            evaluating.remove(e);
        }
    }

    private Val compute(Expression e) {
        ConstValue c = e instanceof Tuple ? null : folded(e);
        if (c != null) {
            return switch (c.kind()) {
                case INT -> Val.integer(c.integer());
                case FLOAT -> Val.of(Kind.FLOAT);
                case STR -> Val.of(Kind.STR);
                case BYTES -> Val.of(Kind.BYTES);
                case TRUE, FALSE -> Val.of(Kind.BOOL);
                case NONE -> Val.of(Kind.NONE);
                case TUPLE -> Val.of(Kind.TUPLE);
                default -> UNKNOWN;
            };
        }
        if (e instanceof Num n) {
            String v = n.getValue();
            return v != null && NumberLiterals.isFloatOrImaginary(v) && !v.endsWith("j") && !v.endsWith("J")
                    ? Val.of(Kind.FLOAT) : UNKNOWN;
        }
        if (e instanceof Str s) {
            return Val.of(isBytes(s) ? Kind.BYTES : Kind.STR);
        }
        if (e instanceof Constant) {
            return Val.of(Kind.BOOL);
        }
        if (e instanceof ListExp || e instanceof ListComp) {
            return Val.of(Kind.LIST);
        }
        if (e instanceof Tuple) {
            return Val.of(Kind.TUPLE);
        }
        if (e instanceof DictOrSet d) {
            boolean dict = d.getItems().isEmpty() || d.getItems().get(0) instanceof KeyValue;
            return new Val(dict ? Kind.DICT : Kind.SET, null, null, d);
        }
        if (e instanceof Name n) {
            return name(n);
        }
        if (e instanceof Attribute a) {
            return attribute(a);
        }
        if (e instanceof Call call) {
            return call(call);
        }
        if (e instanceof BinOp b) {
            return binary(b.getOp(), of(b.getLeft()), of(b.getRight()));
        }
        if (e instanceof UnaryOp u) {
            Val v = of(u.getOperand());
            if ("not".equals(u.getOp())) {
                return Val.of(Kind.BOOL);
            }
            if (v.is(Kind.INT) && v.value() != null) {
                return Val.integer("-".equals(u.getOp()) ? v.value().negate()
                        : "~".equals(u.getOp()) ? v.value().not() : v.value());
            }
            return v.numeric() ? Val.of(v.kind()) : UNKNOWN;
        }
        if (e instanceof Compare) {
            return Val.of(Kind.BOOL);
        }
        if (e instanceof BoolOp b) {
            return join(of(b.getLeft()), of(b.getRight()));
        }
        if (e instanceof IfExp i) {
            return join(of(i.getBody()), of(i.getOrelse()));
        }
        if (e instanceof Subscript s) {
            return subscript(s);
        }
        return UNKNOWN;
    }

    static boolean isBytes(Str s) {
        return !s.getParts().isEmpty() && s.getParts().get(0).matches("(?s)^[rRfF]?[bB].*");
    }

    /** {@code l op r} for the arithmetic and bitwise operators. */
    public Val binary(String op, Val l, Val r) {
        if (op == null) {
            return UNKNOWN;
        }
        switch (op) {
            case "/":
                return l.numeric() || r.numeric() ? Val.of(Kind.FLOAT) : UNKNOWN;
            case "+", "-", "*", "//", "%", "**": {
                if (l.is(Kind.FLOAT) || r.is(Kind.FLOAT)) {
                    return Val.of(Kind.FLOAT);
                }
                if (op.equals("+") && l.kind() == r.kind() && (l.is(Kind.STR) || l.is(Kind.BYTES) || l.is(Kind.LIST)
                        || l.is(Kind.TUPLE))) {
                    return Val.of(l.kind());
                }
                if (op.equals("%") && (l.is(Kind.STR) || l.is(Kind.BYTES))) {
                    return Val.of(l.kind());
                }
                if (op.equals("*") && (sequence(l) || sequence(r))) {
                    return Val.of(sequence(l) ? l.kind() : r.kind());
                }
                if (intLike(l) && intLike(r)) {
                    return Val.integer(apply(op, l.value(), r.value()));
                }
                return UNKNOWN;
            }
            case "&", "|", "^", "<<", ">>":
                if (intLike(l) && intLike(r)) {
                    return Val.integer(apply(op, l.value(), r.value()));
                }
                return UNKNOWN;
            default:
                return UNKNOWN;
        }
    }

    private static boolean sequence(Val v) {
        return v.is(Kind.STR) || v.is(Kind.BYTES) || v.is(Kind.LIST) || v.is(Kind.TUPLE);
    }

    private static boolean intLike(Val v) {
        return v.is(Kind.INT) || v.is(Kind.BOOL);
    }

    private static BigInteger apply(String op, BigInteger x, BigInteger y) {
        if (x == null || y == null) {
            return null;
        }
        try {
            return switch (op) {
                case "+" -> x.add(y);
                case "-" -> x.subtract(y);
                case "*" -> x.multiply(y);
                case "//" -> y.signum() == 0 ? null : floorDiv(x, y)[0];
                case "%" -> y.signum() == 0 ? null : floorDiv(x, y)[1];
                case "**" -> y.signum() < 0 || y.bitLength() > 12 ? null : x.pow(y.intValue());
                case "&" -> x.and(y);
                case "|" -> x.or(y);
                case "^" -> x.xor(y);
                case "<<" -> y.signum() < 0 || y.bitLength() > 12 ? null : x.shiftLeft(y.intValue());
                case ">>" -> y.signum() < 0 || y.bitLength() > 12 ? null : x.shiftRight(y.intValue());
                default -> null;
            };
        } catch (ArithmeticException ex) {
            return null;
        }
    }

    private static BigInteger[] floorDiv(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
            qr[0] = qr[0].subtract(BigInteger.ONE);
            qr[1] = qr[1].add(y);
        }
        return qr;
    }

    private static Val join(Val a, Val b) {
        if (a.kind() == b.kind()) {
            return a.is(Kind.INT) && !java.util.Objects.equals(a.value(), b.value()) ? Val.of(Kind.INT) : a;
        }
        if (a.is(Kind.FLOAT) && b.numeric() || b.is(Kind.FLOAT) && a.numeric()) {
            return Val.of(Kind.FLOAT);
        }
        if (intLike(a) && intLike(b)) {
            return Val.of(Kind.INT);
        }
        return UNKNOWN;
    }

    // ------------------------------------------------------------------------------------------------- names

    private Val name(Name n) {
        Val out = null;
        for (Definition d : semantic.definitions(n)) {
            Val v = definition(d);
            out = out == null ? v : join(out, v);
        }
        return out == null ? UNKNOWN : out;
    }

    private Val definition(Definition d) {
        EObject node = d.node();
        if (d.module() != null && d.module().stub()) {
            return stubAttribute(node);
        }
        if (node instanceof Parameter p) {
            return p.getDefault() != null ? of(p.getDefault()) : UNKNOWN;
        }
        if (node.eContainer() instanceof ExprStatement s && s.getExpression() == node && Statements.isAugmented(s)) {
            // x += v: the kind of x op v, without the (unknown) previous value of x
            Val v = of(Statements.value(s));
            String op = s.getAugOp().substring(0, s.getAugOp().length() - 1);
            if (v.is(Kind.FLOAT) || op.equals("/")) {
                return Val.of(Kind.FLOAT);
            }
            return intLike(v) ? Val.of(Kind.INT) : UNKNOWN;
        }
        if (node.eContainer() instanceof ExprStatement s && Statements.isAssignment(s)
                && Statements.targets(s).contains(node)) {
            return of(Statements.value(s));
        }
        if (node.eContainer() instanceof For f && f.getTarget() == node) {
            if (f.getIter() instanceof Call c && c.getFunc() instanceof Name r && "range".equals(r.getId())) {
                return Val.of(Kind.INT);
            }
            Val it = of(f.getIter());
            if (it.is(Kind.BYTES) || it.is(Kind.BYTEARRAY)) {
                return Val.of(Kind.INT);
            }
            if (it.is(Kind.ARRAY)) {
                return element(it);
            }
        }
        return UNKNOWN;
    }

    /** The kind of a stub's module attribute ({@code math.pi: float}). */
    private Val stubAttribute(EObject node) {
        if (node.eContainer() instanceof ExprStatement s && s.getAnnotation() instanceof Name t) {
            return annotation(t.getId());
        }
        return UNKNOWN;
    }

    private static Val annotation(String type) {
        return switch (type) {
            case "float" -> Val.of(Kind.FLOAT);
            case "int" -> Val.of(Kind.INT);
            case "bool" -> Val.of(Kind.BOOL);
            case "str" -> Val.of(Kind.STR);
            case "bytes" -> Val.of(Kind.BYTES);
            case "bytearray" -> Val.of(Kind.BYTEARRAY);
            case "tuple" -> Val.of(Kind.TUPLE);
            case "list" -> Val.of(Kind.LIST);
            case "dict" -> Val.of(Kind.DICT);
            default -> UNKNOWN;
        };
    }

    private Val attribute(Attribute a) {
        PyType base = semantic.typeOf(a.getValue());
        List<Definition> member = semantic.members(base).get(a.getAttr());
        if (member == null) {
            return UNKNOWN;
        }
        Val out = null;
        for (Definition d : member) {
            if (d.node() instanceof FunctionDef) {
                return UNKNOWN;
            }
            Val v = definition(d);
            out = out == null ? v : join(out, v);
        }
        return out == null ? UNKNOWN : out;
    }

    private Val subscript(Subscript s) {
        Val v = of(s.getValue());
        if (s.getIndex() instanceof Slice) {
            return v.is(Kind.BYTEARRAY) ? Val.of(Kind.BYTEARRAY) : v;
        }
        if (v.is(Kind.BYTES) || v.is(Kind.BYTEARRAY)) {
            return Val.of(Kind.INT);
        }
        if (v.is(Kind.ARRAY)) {
            return element(v);
        }
        return UNKNOWN;
    }

    /** The kind of an array's element: float for 'f'/'d', int otherwise. */
    public static Val element(Val array) {
        String tc = array.typecode();
        return tc != null && (tc.equals("f") || tc.equals("d")) ? Val.of(Kind.FLOAT) : Val.of(Kind.INT);
    }

    // ------------------------------------------------------------------------------------------------- calls

    private Val call(Call c) {
        Expression f = c.getFunc();
        String builtin = Builtins.name(f, semantic);
        if (builtin != null) {
            return builtinCall(builtin, c);
        }
        PyType.Function fn = new Resolver(semantic).stubFunction(f);
        if (fn != null) {
            if ("math".equals(fn.module().name())) {
                return MATH_NOT_FLOAT.contains(fn.node().getName()) ? UNKNOWN : Val.of(Kind.FLOAT);
            }
            if ("array".equals(fn.module().name()) && "array".equals(fn.node().getName())) {
                return array(c);
            }
            return returnKind(fn.node().getReturnAnnotation());
        }
        PyType.Class cls = new Resolver(semantic).stubClass(f);
        if (cls != null && "array".equals(cls.node().getName()) && "array".equals(cls.module().name())) {
            return array(c);
        }
        return UNKNOWN;
    }

    private Val array(Call c) {
        String tc = !c.getArgs().isEmpty() && c.getArgs().get(0) instanceof Str s && !s.getParts().isEmpty()
                ? s.getParts().get(0).replaceAll("^[a-zA-Z]*['\"]+|['\"]+$", "") : null;
        return new Val(Kind.ARRAY, null, tc, null);
    }

    static Val returnKind(Expression annotation) {
        if (annotation instanceof Name n) {
            return annotation(n.getId());
        }
        return UNKNOWN;
    }

    private Val builtinCall(String name, Call c) {
        List<Expression> args = c.getArgs();
        Val first = args.isEmpty() ? UNKNOWN : of(args.get(0));
        return switch (name) {
            case "float" -> Val.of(Kind.FLOAT);
            case "int", "len", "ord", "hash", "id" -> Val.of(Kind.INT);
            case "bool", "isinstance", "hasattr", "callable", "issubclass", "all", "any" -> Val.of(Kind.BOOL);
            case "abs" -> first.is(Kind.FLOAT) ? first : intLike(first) ? Val.of(Kind.INT) : UNKNOWN;
            case "min", "max" -> args.stream().map(this::of).reduce(Values::join).orElse(UNKNOWN);
            case "round" -> args.size() >= 2 && first.is(Kind.FLOAT) ? Val.of(Kind.FLOAT) : Val.of(Kind.INT);
            case "str", "repr", "hex", "oct", "bin", "chr" -> Val.of(Kind.STR);
            case "bytes" -> Val.of(Kind.BYTES);
            case "bytearray" -> Val.of(Kind.BYTEARRAY);
            case "memoryview" -> Val.of(Kind.MEMORYVIEW);
            case "list", "sorted" -> Val.of(Kind.LIST);
            case "tuple", "divmod" -> Val.of(Kind.TUPLE);
            case "dict" -> Val.of(Kind.DICT);
            case "set" -> Val.of(Kind.SET);
            default -> UNKNOWN;
        };
    }

    /**
     * The bytes of a constant bytes literal, or of a name bound once to one; null when unknown. Escapes are decoded
     * as MicroPython's lexer does for bytes ({@code \\xHH}, the single-character escapes, octal).
     */
    public byte[] bytes(Expression e) {
        if (e instanceof Name n) {
            List<Definition> defs = semantic.definitions(n);
            if (defs.size() == 1 && defs.get(0).node().eContainer() instanceof ExprStatement s
                    && Statements.isAssignment(s) && Statements.targets(s).contains(defs.get(0).node())) {
                return bytes(Statements.value(s));
            }
            return null;
        }
        if (!(e instanceof Str s) || !isBytes(s)) {
            return null;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (String part : s.getParts()) {
            int i = 0;
            while (i < part.length() && Character.isLetter(part.charAt(i))) {
                i++;
            }
            boolean raw = part.substring(0, i).toLowerCase().contains("r");
            String q = part.startsWith("\"\"\"", i) || part.startsWith("'''", i) ? part.substring(i, i + 3)
                    : part.substring(i, i + 1);
            String body = part.substring(i + q.length(), part.length() - q.length());
            for (int k = 0; k < body.length(); k++) {
                char ch = body.charAt(k);
                if (ch != '\\' || raw || k + 1 >= body.length()) {
                    out.write(ch);
                    continue;
                }
                char x = body.charAt(++k);
                switch (x) {
                    case 'x' -> {
                        out.write(Integer.parseInt(body.substring(k + 1, k + 3), 16));
                        k += 2;
                    }
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                        int end = k;
                        while (end < body.length() && end < k + 3 && body.charAt(end) >= '0'
                                && body.charAt(end) <= '7') {
                            end++;
                        }
                        out.write(Integer.parseInt(body.substring(k, end), 8) & 0xff);
                        k = end - 1;
                    }
                    case '\n' -> {
                        // a line continuation
                    }
                    default -> out.write(x == 'a' ? 7 : x == 'b' ? 8 : x == 'f' ? 12 : x == 'v' ? 11 : x);
                }
            }
        }
        return out.toByteArray();
    }

    /** The module a node belongs to (for messages). */
    public ModuleInfo moduleOf(EObject node) {
        return semantic.moduleOf(node);
    }
}
