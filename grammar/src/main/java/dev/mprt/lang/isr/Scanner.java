package dev.mprt.lang.isr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Slice;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.UnaryOp;
import dev.mprt.lang.ast.While;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.emitter.ConstValue;
import dev.mprt.lang.isr.Finding.Kind;
import dev.mprt.lang.isr.Values.Val;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.Symbol;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;

/**
 * Reads one function's own code (not the functions it defines) for what matters in a hard handler: every
 * allocating construct of rules E.3 at its exact expression, calls (the edges of the call graph), blocking calls
 * and long loops.
 */
public final class Scanner {

    /** A call from the scanned code to other Python code. */
    public record Edge(Call call, Target target) {
    }

    public record Summary(List<Finding> findings, List<Edge> edges) {
    }

    private static final int SHORT_LOOP = 64;
    private static final Set<Values.Kind> BUILTIN_OBJECTS = Set.of(Values.Kind.LIST, Values.Kind.DICT, Values.Kind.SET,
            Values.Kind.BYTEARRAY, Values.Kind.STR, Values.Kind.BYTES);

    private final Resolver resolver;
    private final Values values;
    private final IsrBoard board;
    private final List<Finding> findings = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final Calls calls;

    private Scanner(Resolver resolver, Values values, IsrBoard board) {
        this.resolver = resolver;
        this.values = values;
        this.board = board;
        this.calls = new Calls(this, resolver, values, board);
    }

    void edge(Call c, Target t) {
        edges.add(new Edge(c, t));
    }

    static Summary scan(Target t, Resolver resolver, Values values, IsrBoard board) {
        Scanner s = new Scanner(resolver, values, board);
        if (t.node() instanceof FunctionDef f && f.eContainer() instanceof Decorated d && d.getDecorators().stream()
                .anyMatch(dec -> dec.getExpression() instanceof Attribute a && a.getAttr() != null
                        && a.getAttr().startsWith("asm_"))) {
            return new Summary(List.of(), List.of()); // inline assembler: instructions, not Python
        }
        if (t.node() instanceof FunctionDef f) {
            if (f.getBody() != null) {
                f.getBody().getStatements().forEach(s::visit);
            }
        } else if (t.node() instanceof Lambda l) {
            s.visit(l.getBody());
        }
        return new Summary(List.copyOf(s.findings), List.copyOf(s.edges));
    }

    void add(Kind kind, EObject node, String what) {
        findings.add(new Finding(kind, node, what, true));
    }

    void maybe(Kind kind, EObject node, String what) {
        findings.add(new Finding(kind, node, what, false));
    }

    void visitAll(List<? extends EObject> nodes) {
        for (EObject n : nodes) {
            visit(n);
        }
    }

    void visit(EObject n) {
        if (n == null) {
            return;
        }
        if (n instanceof Decorated d) {
            visitAll(d.getDecorators());
            add(Kind.FUNCTION, d, "a nested def/class creates a new function or class object each time");
            return;
        }
        if (n instanceof FunctionDef || n instanceof ClassDef) {
            add(Kind.FUNCTION, n, "a nested " + (n instanceof ClassDef ? "class" : "def")
                    + " creates a new " + (n instanceof ClassDef ? "class" : "function") + " object each time");
            return;
        }
        if (n instanceof Lambda) {
            add(Kind.FUNCTION, n, "a lambda creates a new function object each time");
            return;
        }
        if (n instanceof For f) {
            forLoop(f);
            return;
        }
        if (n instanceof While w) {
            maybe(Kind.LONG_LOOP, w, "a while loop in a hard handler can run for long with interrupts blocked");
            visitChildren(w);
            return;
        }
        if (n instanceof ExprStatement s) {
            statement(s);
            return;
        }
        if (n instanceof Del d) {
            target(d.getTarget());
            return;
        }
        if (n instanceof Expression e) {
            expression(e);
            return;
        }
        visitChildren(n);
    }

    void visitChildren(EObject n) {
        for (EObject c : n.eContents()) {
            visit(c);
        }
    }

    // ------------------------------------------------------------------------------------------------- statements

    private void forLoop(For f) {
        Expression iter = f.getIter();
        if (iter instanceof Call c && "range".equals(Builtins.name(c.getFunc(), resolver.semantic()))
                && rangeForm(c)) {
            visitAll(c.getArgs()); // compiled as a counter: no range object
            BigInteger count = rangeCount(c);
            if (count == null || count.compareTo(BigInteger.valueOf(SHORT_LOOP)) > 0) {
                maybe(Kind.LONG_LOOP, f, "a loop of " + (count == null ? "an unknown number of" : count.toString())
                        + " iterations in a hard handler keeps interrupts blocked");
            }
        } else {
            visit(iter);
        }
        target(f.getTarget());
        visit(f.getBody());
        visit(f.getOrelse());
    }

    /** py/compile.c compiles {@code for x in range(a[, b[, STEP]])} as a counter when STEP is a non-zero constant. */
    private boolean rangeForm(Call c) {
        List<Expression> args = c.getArgs();
        if (args.isEmpty() || args.size() > 3 || args.stream().anyMatch(a -> a instanceof StarArg
                || a instanceof DoubleStarArg || a instanceof KeywordArg)) {
            return false;
        }
        if (args.size() == 3) {
            ConstValue step = values.folded(args.get(2));
            return step != null && step.isInt() && step.integer() != null && step.integer().signum() != 0;
        }
        return true;
    }

    private BigInteger rangeCount(Call c) {
        List<BigInteger> v = new ArrayList<>();
        for (Expression a : c.getArgs()) {
            Val x = values.of(a);
            if (!x.is(Values.Kind.INT) || x.value() == null) {
                return null;
            }
            v.add(x.value());
        }
        BigInteger start = v.size() == 1 ? BigInteger.ZERO : v.get(0);
        BigInteger stop = v.size() == 1 ? v.get(0) : v.get(1);
        BigInteger step = v.size() == 3 ? v.get(2) : BigInteger.ONE;
        BigInteger n = stop.subtract(start).divide(step);
        return n.signum() < 0 ? BigInteger.ZERO : n;
    }

    private void statement(ExprStatement s) {
        if (Statements.isAugmented(s)) {
            Expression t = s.getExpression();
            loadParts(t);
            Expression v = Statements.value(s);
            visit(v);
            String op = s.getAugOp().substring(0, s.getAugOp().length() - 1);
            arithmetic(s, op, values.of(t), values.of(v), v, null);
            return;
        }
        if (!Statements.isAssignment(s)) {
            visit(s.getExpression());
            visit(s.getAnnotation());
            return;
        }
        Expression value = Statements.value(s);
        List<Expression> targets = Statements.targets(s);
        // a, b = c, d (2 or 3 items): py/compile.c rotates the values on the stack, no tuple is built
        if (targets.size() == 1 && value instanceof Tuple vt && targets.get(0) instanceof Tuple tt
                && vt.getElements().size() == tt.getElements().size() && vt.getElements().size() <= 3
                && vt.getElements().size() >= 2 && vt.getElements().stream().noneMatch(x -> x instanceof Starred)
                && tt.getElements().stream().noneMatch(x -> x instanceof Starred)) {
            visitAll(vt.getElements());
        } else {
            visit(value);
        }
        for (Expression t : targets) {
            target(t);
        }
    }

    /** A store target: slices, starred unpacking, new globals, new attributes, new dict keys. */
    private void target(Expression t) {
        if (t == null) {
            return;
        }
        if (t instanceof Tuple tuple || t instanceof ListExp) {
            List<Expression> items = t instanceof Tuple tu ? tu.getElements() : ((ListExp) t).getElements();
            for (Expression e : items) {
                if (e instanceof Starred st) {
                    add(Kind.COLLECTION, st, "'*" + text(st.getValue()) + "' in an unpacking builds a new list");
                    target(st.getValue());
                } else {
                    target(e);
                }
            }
            return;
        }
        if (t instanceof Subscript sub) {
            loadParts(sub);
            Val container = values.of(sub.getValue());
            if (container.is(Values.Kind.DICT) && !knownKey(container, sub.getIndex())) {
                maybe(Kind.GROW, sub, "storing a new key grows the dict, which allocates when it is full");
            }
            return;
        }
        if (t instanceof Attribute a) {
            visit(a.getValue());
            newAttribute(a);
            return;
        }
        if (t instanceof Name n) {
            newGlobal(n);
        }
    }

    /** The parts of a target that are evaluated as loads (the object, the index), and a slice's own allocation. */
    private void loadParts(Expression t) {
        if (t instanceof Subscript sub) {
            visit(sub.getValue());
            slice(sub);
            visit(sub.getIndex());
        } else if (t instanceof Attribute a) {
            visit(a.getValue());
        }
    }

    private void slice(Subscript sub) {
        Expression i = sub.getIndex();
        if (i instanceof Slice
                || i instanceof Tuple tu && tu.getElements().stream().anyMatch(x -> x instanceof Slice)) {
            boolean view = values.of(sub.getValue()).is(Values.Kind.MEMORYVIEW);
            add(Kind.SLICE, sub, "slicing creates a slice object" + (view
                    ? " and a new memoryview" : " (and a copy of the data when reading)"));
        }
    }

    private boolean knownKey(Val dict, Expression key) {
        ConstValue k = values.folded(key);
        if (k == null || !(dict.init() instanceof DictOrSet d)) {
            return false;
        }
        for (Expression item : d.getItems()) {
            if (item instanceof KeyValue kv) {
                ConstValue ik = values.folded(kv.getKey());
                if (ik != null && ik.toString().equals(k.toString())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void newAttribute(Attribute a) {
        PyType base = resolver.semantic().typeOf(a.getValue());
        if (base instanceof PyType.Instance i && !i.module().stub() && a.getAttr() != null
                && !resolver.existingAttribute(i, a.getAttr())) {
            maybe(Kind.GROW, a, "adding the new attribute '" + a.getAttr()
                    + "' grows the instance's attribute table, which allocates when it is full");
        }
    }

    private void newGlobal(Name n) {
        ModuleInfo m = resolver.semantic().moduleOf(n);
        if (m == null) {
            return;
        }
        Scope scope = m.scopes().enclosing(n);
        Symbol sym = scope.lookup(n.getId());
        if (sym == null || sym.kind() != Symbol.Kind.GLOBAL_EXPLICIT) {
            return;
        }
        Symbol global = m.scopes().module().lookup(n.getId());
        boolean boundAtModuleLevel = global != null && global.bindings().stream()
                .anyMatch(b -> m.scopes().enclosing(b) == m.scopes().module());
        if (!boundAtModuleLevel) {
            maybe(Kind.GROW, n, "creating the new global '" + n.getId()
                    + "' grows the module's dict, which allocates when it is full; create it before enabling the IRQ");
        }
    }

    // ------------------------------------------------------------------------------------------------- expressions

    private void expression(Expression e) {
        if (e instanceof ListExp l) {
            add(Kind.COLLECTION, e, "a list display builds a new list"
                    + (l.getElements().isEmpty() ? " (even empty)" : ""));
            visitChildren(e);
        } else if (e instanceof DictOrSet d) {
            boolean dict = d.getItems().isEmpty() || d.getItems().get(0) instanceof KeyValue;
            if (!d.getGenerators().isEmpty()) {
                String kind = dict ? "dict" : "set";
                add(Kind.ITERATOR, e, "a " + kind + " comprehension builds a new " + kind);
                return;
            }
            add(Kind.COLLECTION, e, "a " + (dict ? "dict" : "set") + " display builds a new " + (dict ? "dict" : "set")
                    + (d.getItems().isEmpty() ? " (even empty)" : ""));
            visitChildren(e);
        } else if (e instanceof ListComp) {
            add(Kind.ITERATOR, e, "a list comprehension builds a new list");
        } else if (e instanceof GeneratorExp) {
            add(Kind.ITERATOR, e, "a generator expression creates a generator object");
        } else if (e instanceof Tuple t) {
            if (values.folded(t) == null && !t.getElements().isEmpty()) {
                add(Kind.COLLECTION, e,
                        "a tuple of non-constant items is built at run time (a tuple of constants would not be)");
            }
            visitChildren(e);
        } else if (e instanceof Str s) {
            if (s.getParts().stream().anyMatch(p -> p.matches("(?s)^[rRbB]?[fF].*\\{.*")) && values.folded(s) == null) {
                add(Kind.STRING, e, "an f-string builds a new str (it becomes a .format call)");
            }
        } else if (e instanceof BinOp b) {
            visit(b.getLeft());
            visit(b.getRight());
            if (values.folded(b) == null) {
                arithmetic(b, b.getOp(), values.of(b.getLeft()), values.of(b.getRight()), b.getRight(), b.getLeft());
            }
        } else if (e instanceof UnaryOp u) {
            visit(u.getOperand());
            Val v = values.of(u.getOperand());
            if (values.folded(u) == null && ("-".equals(u.getOp()) || "+".equals(u.getOp())) && v.is(Values.Kind.FLOAT)
                    && board.floatsAllocate()) {
                add(Kind.FLOAT, u, "negating a float creates a new float object");
            } else if (values.folded(u) == null && v.is(Values.Kind.INT) && v.value() != null
                    && !values.small(v.value())) {
                add(Kind.BIGINT, u, "the result is a big int (outside the small-int range), a heap object");
            }
        } else if (e instanceof Call c) {
            calls.call(c);
        } else if (e instanceof Attribute a) {
            visit(a.getValue());
            if (a.eContainer() instanceof Call c && c.getFunc() == a) {
                return;
            }
            if (resolver.boundMethod(a) != null) {
                add(Kind.BOUND_METHOD, a, "reading the method '" + a.getAttr()
                        + "' without calling it creates a bound method object");
            } else if (BUILTIN_OBJECTS.contains(values.of(a.getValue()).kind())) {
                // the builtin types' attributes are methods
                add(Kind.BOUND_METHOD, a, "reading the " + values.of(a.getValue()).kind().name().toLowerCase()
                        + " method '" + a.getAttr() + "' without calling it creates a bound method object");
            }
        } else if (e instanceof Subscript s) {
            visit(s.getValue());
            slice(s);
            visit(s.getIndex());
            Val v = values.of(s.getValue());
            if (v.is(Values.Kind.ARRAY) && !(s.getIndex() instanceof Slice)) {
                String tc = v.typecode() == null ? "" : v.typecode();
                if ((tc.equals("f") || tc.equals("d")) && board.floatsAllocate()) {
                    add(Kind.FLOAT, s, "reading an array('" + tc + "') element creates a new float object");
                } else if (tc.equals("q") || tc.equals("Q") || board.smallIntBits() < 32
                        && (tc.equals("I") || tc.equals("L"))) {
                    // unsigned 32-bit values (counters, timestamps, registers) often pass 2**30; signed ones rarely
                    maybe(Kind.BIGINT, s, "reading an array('" + tc + "') element creates a big int when its value is"
                            + " outside the small-int range");
                }
            }
        } else if (e instanceof Starred s) {
            visit(s.getValue());
        } else if (e instanceof Lambda) {
            add(Kind.FUNCTION, e, "a lambda creates a new function object each time");
        } else if (e instanceof Yield) {
            visitChildren(e);
        } else {
            visitChildren(e);
        }
    }

    /** The allocation of {@code l op r}, if any, reported on {@code at}. */
    private void arithmetic(EObject at, String op, Val l, Val r, Expression right, Expression left) {
        Val result = values.binary(op, l, r);
        boolean unknownInt = l.is(Values.Kind.INT) && l.value() == null || l.is(Values.Kind.OBJECT);
        if ("<<".equals(op) && unknownInt && r.value() != null
                && r.value().compareTo(java.math.BigInteger.valueOf(board.smallIntBits() - 1)) >= 0) {
            add(Kind.BIGINT, at, "shifting left by " + r.value() + " gives a big int (beyond the "
                    + board.smallIntBits() + "-bit small-int range) for any non-zero value, a heap object");
            return;
        }
        if (result.is(Values.Kind.FLOAT)) {
            if (board.floatsAllocate()) {
                add(Kind.FLOAT, at, "/".equals(op) && !l.is(Values.Kind.FLOAT) && !r.is(Values.Kind.FLOAT)
                        ? "'/' always produces a float, a new heap object (use '//' for an integer result)"
                        : "float arithmetic creates a new float object");
            }
        } else if (result.is(Values.Kind.INT)) {
            boolean bigOperand = l.value() != null && !values.small(l.value())
                    || r.value() != null && !values.small(r.value());
            if (bigOperand || result.value() != null && !values.small(result.value())) {
                add(Kind.BIGINT, at, "the result is a big int (outside the " + board.smallIntBits()
                        + "-bit small-int range), a heap object");
            }
        } else if (result.is(Values.Kind.STR) || result.is(Values.Kind.BYTES)) {
            add(Kind.STRING, at, "%".equals(op) ? "'%' formatting builds a new string"
                    : "*".equals(op) ? "repeating a string builds a new one" : "concatenation builds a new string");
        } else if (result.is(Values.Kind.LIST) || result.is(Values.Kind.TUPLE)) {
            add(Kind.COLLECTION, at, "concatenating or repeating a " + result.kind().name().toLowerCase()
                    + " builds a new one");
        }
    }

    private static String text(EObject node) {
        var n = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(node);
        return n == null ? "" : org.eclipse.xtext.nodemodel.util.NodeModelUtils.getTokenText(n);
    }
}
