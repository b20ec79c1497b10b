package dev.mprt.lang.emitter;

import dev.mprt.lang.ast.util.FlatTree;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.BoolOp;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.Ellipsis;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.UnaryOp;
import dev.mprt.lang.lexer.NumberLiterals;

/**
 * MicroPython's parse-time constants ({@code py/parse.c}): the {@code NAME = const(EXPR)} declarations of a file,
 * the substitution of every later atom {@code NAME} by its value, and the folding of integer and logical
 * expressions the parser performs. Everything the emitter checks see goes through this, so that viper typing,
 * the {@code for ... in range} form, dead {@code if False:} code and assembler immediates agree with the compiler.
 */
public final class ConstTable {

    /** A recognised {@code NAME = const(EXPR)} statement (rule K1); {@code value} is null when EXPR is not constant. */
    public record Declaration(String name, ExprStatement statement, Name target, Call call, ConstValue value,
            int end) {
    }

    private static final BigInteger HUGE_BITS = BigInteger.valueOf(1 << 20);

    private final int smallIntBits;
    private final List<Declaration> declarations = new ArrayList<>();
    private final Map<String, Declaration> byName = new HashMap<>();

    private ConstTable(int smallIntBits) {
        this.smallIntBits = smallIntBits;
    }

    /** A table with no declarations (folding only). */
    public static ConstTable empty(int smallIntBits) {
        return new ConstTable(smallIntBits);
    }

    /** Finds the file's declarations in parse order; pass {@code scan=false} when the text has no "const". */
    public static ConstTable build(PyFile root, int smallIntBits, boolean scan) {
        ConstTable t = new ConstTable(smallIntBits);
        if (!scan || root == null) {
            return t;
        }
        List<ExprStatement> candidates = new ArrayList<>();
        for (EObject statement : FlatTree.statementsMentioning(root, "const")) {
            FlatTree tree = FlatTree.of(statement);
            for (int i = 0; i < tree.size(); i++) {
                EObject o = tree.get(i);
                if (o instanceof ExprStatement s && shape(s) != null) {
                    candidates.add(s);
                }
            }
        }
        candidates.sort(Comparator.comparingInt(Syntax::offset));
        for (ExprStatement s : candidates) {
            Name target = (Name) s.getExpression();
            if (t.substitution(target) != null) {
                continue; // `A = const(2)` after `A = const(1)`: the target is already a constant
            }
            Call call = shape(s);
            ConstValue value = call.getArgs().size() == 1 && !Syntax.hasTrailingComma(call)
                    ? t.fold(call.getArgs().get(0))
                    : null;
            Declaration d = new Declaration(target.getId(), s, target, call, value, Syntax.endOffset(s));
            t.declarations.add(d);
            if (value != null) {
                t.byName.putIfAbsent(target.getId(), d);
            }
        }
        return t;
    }

    /** The {@code const(...)} call of a statement shaped {@code NAME = const(...)}, or null. */
    public static Call shape(ExprStatement s) {
        if (s.getAugOp() != null || s.getAnnotation() != null || s.getValues().size() != 1
                || !(s.getExpression() instanceof Name target) || target.getId() == null) {
            return null;
        }
        if (s.getValues().get(0) instanceof Call call && call.getFunc() instanceof Name f && "const".equals(f.getId())) {
            return call;
        }
        return null;
    }

    public int smallIntBits() {
        return smallIntBits;
    }

    public List<Declaration> declarations() {
        return Collections.unmodifiableList(declarations);
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** The declaration that substitutes this name atom, or null. */
    public Declaration declarationFor(Name n) {
        if (byName.isEmpty() || n == null || n.getId() == null) {
            return null;
        }
        Declaration d = byName.get(n.getId());
        if (d == null || d.end() > Syntax.offset(n) || Syntax.inDecoratorName(n)) {
            return null;
        }
        return d;
    }

    /** The value MicroPython's parser puts in place of this name atom, or null when it stays a name. */
    public ConstValue substitution(Name n) {
        Declaration d = declarationFor(n);
        return d == null ? null : d.value().asObject();
    }

    // ---------------------------------------------------------------------------------------------- folding

    /** Operator precedence groups: one MicroPython rule each, whose operands are folded together or not at all. */
    private static int group(String op) {
        return switch (op == null ? "" : op) {
            case "|" -> 1;
            case "^" -> 2;
            case "&" -> 3;
            case "<<", ">>" -> 4;
            case "+", "-" -> 5;
            case "*", "/", "//", "%", "@" -> 6;
            case "**" -> 7;
            default -> 0;
        };
    }

    /**
     * The operands of the operator chain {@code e} heads ({@code a + b - c} is one MicroPython rule), in order;
     * {@code ops} receives the operators.
     */
    public static List<Expression> chain(BinOp e, List<String> ops) {
        List<Expression> operands = new ArrayList<>();
        int g = group(e.getOp());
        Expression cur = e;
        while (cur instanceof BinOp b && group(b.getOp()) == g && g != 7 && (cur == e || !Syntax.isParenthesized(cur))) {
            operands.add(b.getRight());
            ops.add(b.getOp());
            cur = b.getLeft();
        }
        if (g == 7 && cur instanceof BinOp b) {
            operands.add(b.getRight());
            ops.add(b.getOp());
            cur = b.getLeft();
        }
        operands.add(cur);
        Collections.reverse(operands);
        Collections.reverse(ops);
        return operands;
    }

    /** Whether this BinOp is the left operand inside a longer chain (so MicroPython never folds it on its own). */
    public static boolean isChainMember(BinOp e) {
        return e.eContainer() instanceof BinOp p && p.getLeft() == e && group(p.getOp()) == group(e.getOp())
                && group(e.getOp()) != 7 && !Syntax.isParenthesized(e);
    }

    /** Operands of the {@code or}/{@code and} chain headed by {@code e}. */
    private static List<Expression> logicalChain(BoolOp e) {
        List<Expression> operands = new ArrayList<>();
        Expression cur = e;
        while (cur instanceof BoolOp b && e.getOp() != null && e.getOp().equals(b.getOp())
                && (cur == e || !Syntax.isParenthesized(cur))) {
            operands.add(b.getRight());
            cur = b.getLeft();
        }
        operands.add(cur);
        Collections.reverse(operands);
        return operands;
    }

    public static boolean isLogicalChainMember(BoolOp e) {
        return e.eContainer() instanceof BoolOp p && p.getLeft() == e && e.getOp() != null
                && e.getOp().equals(p.getOp()) && !Syntax.isParenthesized(e);
    }

    /**
     * The operands MicroPython keeps of an {@code or}/{@code and} chain ({@code fold_logical_constants}): constant
     * operands that cannot decide the result are dropped, and one that decides it ends the chain. A single
     * remaining operand replaces the whole expression.
     */
    public List<Expression> logicalOperands(BoolOp e) {
        List<Expression> all = logicalChain(e);
        boolean or = "or".equals(e.getOp());
        List<Expression> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Expression pn = all.get(i);
            if (i == all.size() - 1) {
                kept.add(pn);
                break;
            }
            ConstValue c = foldIn(pn);
            if (c != null && c.truthy() == or) {
                kept.add(pn);
                break;
            }
            if (c == null) {
                kept.add(pn);
            }
        }
        return kept;
    }

    /** The constant MicroPython's parser turns {@code e} into, or null if it stays an expression. */
    public ConstValue fold(Expression e) {
        return fold(e, null);
    }

    /**
     * Like {@link #fold(Expression)}, also folding {@code module.NAME} for the given modules into an integer of
     * unknown value, as a board's parser does with {@code MICROPY_COMP_MODULE_CONST} (rule K4).
     */
    public ConstValue fold(Expression e, Set<String> modules) {
        Set<String> saved = foldModules;
        foldModules = modules;
        try {
            return foldIn(e);
        } finally {
            foldModules = saved;
        }
    }

    private Set<String> foldModules;

    private ConstValue foldIn(Expression e) {
        if (e == null) {
            return null;
        }
        if (foldModules != null && e instanceof dev.mprt.lang.ast.Attribute a && a.getValue() instanceof Name m
                && foldModules.contains(m.getId()) && substitution(m) == null) {
            return ConstValue.hugeInt();
        }
        if (e instanceof Name n) {
            return substitution(n);
        }
        if (e instanceof Num n) {
            return number(n.getValue());
        }
        if (e instanceof Str s) {
            return string(s.getParts());
        }
        if (e instanceof Constant c) {
            return "None".equals(c.getValue()) ? ConstValue.NONE
                    : "True".equals(c.getValue()) ? ConstValue.TRUE : "False".equals(c.getValue()) ? ConstValue.FALSE : null;
        }
        if (e instanceof Ellipsis) {
            return ConstValue.ELLIPSIS;
        }
        if (e instanceof Tuple t) {
            if (t.getElements().isEmpty()) {
                return ConstValue.EMPTY_TUPLE;
            }
            List<ConstValue> items = new ArrayList<>();
            for (Expression x : t.getElements()) {
                ConstValue v = x instanceof Starred ? null : foldIn(x);
                if (v == null) {
                    return null;
                }
                items.add(v);
            }
            return ConstValue.ofTuple(items);
        }
        if (e instanceof UnaryOp u) {
            ConstValue v = foldIn(u.getOperand());
            if (v == null) {
                return null;
            }
            if ("not".equals(u.getOp())) {
                return v.truthy() ? ConstValue.FALSE : ConstValue.TRUE;
            }
            if (!v.isInt()) {
                return null;
            }
            BigInteger x = v.integer();
            if (x == null) {
                return ConstValue.hugeInt();
            }
            return switch (u.getOp()) {
                case "-" -> ConstValue.ofInt(x.negate());
                case "~" -> ConstValue.ofInt(x.not());
                case "+" -> v;
                default -> null;
            };
        }
        if (e instanceof BinOp b) {
            return foldChain(b);
        }
        if (e instanceof BoolOp b) {
            List<Expression> kept = logicalOperands(b);
            return kept.size() == 1 ? foldIn(kept.get(0)) : null;
        }
        return null;
    }

    private ConstValue foldChain(BinOp b) {
        List<String> ops = new ArrayList<>();
        List<Expression> operands = chain(b, ops);
        ConstValue acc = foldIn(operands.get(0));
        if (acc == null || !acc.isInt()) {
            return null;
        }
        for (int i = 0; i < ops.size(); i++) {
            ConstValue rhs = foldIn(operands.get(i + 1));
            if (rhs == null || !rhs.isInt()) {
                return null;
            }
            acc = apply(ops.get(i), acc, rhs);
            if (acc == null) {
                return null;
            }
        }
        return acc;
    }

    /** {@code mp_binary_op} on two ints, or null where the parser refuses to fold. */
    private static ConstValue apply(String op, ConstValue a, ConstValue b) {
        BigInteger x = a.integer();
        BigInteger y = b.integer();
        switch (op) {
            case "@", "/" -> {
                return null;
            }
            case "**" -> {
                if (y != null && y.signum() < 0) {
                    return null;
                }
                if (x != null && (x.signum() == 0 || x.abs().equals(BigInteger.ONE))) {
                    if (y == null) {
                        return x.signum() == 0 || x.equals(BigInteger.ONE) ? ConstValue.ofInt(x) : ConstValue.hugeInt();
                    }
                    if (y.signum() == 0) {
                        return ConstValue.ofInt(BigInteger.ONE);
                    }
                    return ConstValue.ofInt(x.signum() > 0 || x.signum() == 0 || !y.testBit(0) ? x.abs() : x);
                }
                if (x == null || y == null || BigInteger.valueOf(Math.max(1, x.bitLength())).multiply(y)
                        .compareTo(HUGE_BITS) > 0) {
                    return ConstValue.hugeInt();
                }
                return ConstValue.ofInt(x.pow(y.intValueExact()));
            }
            case "<<", ">>" -> {
                if (y != null && y.signum() < 0) {
                    return null;
                }
                if (x == null || y == null) {
                    return ConstValue.hugeInt();
                }
                if (op.equals(">>")) {
                    return ConstValue.ofInt(y.bitLength() > 31 ? (x.signum() < 0 ? BigInteger.ONE.negate()
                            : BigInteger.ZERO) : x.shiftRight(y.intValue()));
                }
                if (x.signum() == 0) {
                    return ConstValue.ofInt(x);
                }
                if (y.compareTo(HUGE_BITS) > 0) {
                    return ConstValue.hugeInt();
                }
                return ConstValue.ofInt(x.shiftLeft(y.intValue()));
            }
            case "//", "%" -> {
                if (y != null && y.signum() == 0) {
                    return null;
                }
                if (x == null || y == null) {
                    return ConstValue.hugeInt();
                }
                BigInteger[] qr = x.divideAndRemainder(y);
                if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
                    qr[0] = qr[0].subtract(BigInteger.ONE);
                    qr[1] = qr[1].add(y);
                }
                return ConstValue.ofInt(op.equals("//") ? qr[0] : qr[1]);
            }
            default -> {
                if (x == null || y == null) {
                    return ConstValue.hugeInt();
                }
                return switch (op) {
                    case "+" -> ConstValue.ofInt(x.add(y));
                    case "-" -> ConstValue.ofInt(x.subtract(y));
                    case "*" -> ConstValue.ofInt(x.multiply(y));
                    case "|" -> ConstValue.ofInt(x.or(y));
                    case "^" -> ConstValue.ofInt(x.xor(y));
                    case "&" -> ConstValue.ofInt(x.and(y));
                    default -> null;
                };
            }
        }
    }

    /** The value of a number token, or null for a malformed one. */
    public static ConstValue number(String token) {
        if (token == null || token.isEmpty() || NumberLiterals.error(token) != null) {
            return null;
        }
        if (NumberLiterals.isFloatOrImaginary(token)) {
            String s = token.replace("_", "").toLowerCase(Locale.ROOT);
            boolean complex = s.endsWith("j");
            if (complex) {
                s = s.substring(0, s.length() - 1);
            }
            boolean nonZero;
            try {
                nonZero = Double.parseDouble(s) != 0.0;
            } catch (NumberFormatException ex) {
                nonZero = true;
            }
            return ConstValue.ofFloat(complex, nonZero);
        }
        String s = token.replace("_", "");
        int radix = 10;
        if (s.length() > 1 && s.charAt(0) == '0') {
            char c = Character.toLowerCase(s.charAt(1));
            if (c == 'x' || c == 'o' || c == 'b') {
                radix = c == 'x' ? 16 : c == 'o' ? 8 : 2;
                s = s.substring(2);
            }
        }
        try {
            return ConstValue.ofInt(new BigInteger(s, radix));
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    /** The value of adjacent string literals, or null for f-strings (which the lexer turns into calls). */
    public static ConstValue string(List<String> parts) {
        if (parts == null || parts.isEmpty()) {
            return null;
        }
        boolean bytes = false;
        boolean nonEmpty = false;
        for (String p : parts) {
            int i = 0;
            while (i < p.length() && Character.isLetter(p.charAt(i))) {
                i++;
            }
            String prefix = p.substring(0, i).toLowerCase(Locale.ROOT);
            if (prefix.contains("f")) {
                return null;
            }
            bytes |= prefix.contains("b");
            String rest = p.substring(i);
            int q = rest.length() >= 6 && (rest.startsWith("'''") || rest.startsWith("\"\"\"")) ? 3 : 1;
            if (rest.length() < 2 * q) {
                return null;
            }
            String body = rest.substring(q, rest.length() - q);
            if (!prefix.contains("r")) {
                body = body.replace("\\\r\n", "").replace("\\\n", "");
            }
            nonEmpty |= !body.isEmpty();
        }
        return ConstValue.ofString(bytes, nonEmpty);
    }
}
