package dev.mprt.lang.isr;

import java.math.BigInteger;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.isr.Finding.Kind;
import dev.mprt.lang.isr.Values.Val;
import dev.mprt.lang.semantic.PyType;

/**
 * What a call allocates in hard interrupt code (rules E.3): builtins ({@code float()}, {@code str()}, {@code range()}
 * as an object ...), methods of builtin types ({@code .format()}, {@code .append()}), C functions of the board's
 * modules ({@code math}, {@code struct}, reads that return new bytes), constructors, and the call itself
 * ({@code *args}, {@code **kw}, generators); calls of Python code become edges of the call graph. Part of
 * {@link Scanner}, which it reports to.
 */
final class Calls {

    private static final Set<String> STRING_METHODS = Set.of("format", "decode", "encode", "join");
    private static final Set<String> STR_RECEIVER_METHODS = Set.of("split", "strip", "lstrip", "rstrip", "upper",
            "lower", "replace", "center", "rsplit", "splitlines", "partition", "rpartition", "title");
    private static final Set<String> GROW_METHODS = Set.of("append", "extend", "insert", "add", "update",
            "setdefault");
    private static final Set<String> BLOCKING = Set.of("print", "input", "open");
    /** C methods of stream and bus objects that return a new bytes object or list (their stubs say Any). */
    private static final Set<String> READS = Set.of("read", "readline", "readlines", "readfrom", "readfrom_mem",
            "recv", "recvfrom", "scan", "unique_id");

    private final Scanner scanner;
    private final Resolver resolver;
    private final Values values;
    private final IsrBoard board;

    Calls(Scanner scanner, Resolver resolver, Values values, IsrBoard board) {
        this.scanner = scanner;
        this.resolver = resolver;
        this.values = values;
        this.board = board;
    }

    void call(Call c) {
        Expression func = c.getFunc();
        // the callee: a method call obj.m(...) does not create a bound method (LOAD_METHOD)
        if (func instanceof Attribute a) {
            scanner.visit(a.getValue());
        } else {
            scanner.visit(func);
        }
        boolean scheduled = isSchedule(func);
        for (int i = 0; i < c.getArgs().size(); i++) {
            Expression arg = c.getArgs().get(i);
            if (arg instanceof StarArg || arg instanceof DoubleStarArg) {
                scanner.add(Kind.STAR_ARGS, arg, (arg instanceof StarArg ? "'*args'" : "'**kwargs'")
                        + " in a call builds a new " + (arg instanceof StarArg ? "tuple" : "dict"));
                scanner.visitChildren(arg);
            } else if (scheduled && i == 0 && arg instanceof Attribute a && resolver.boundMethod(a) != null) {
                scanner.visit(a.getValue());
                scanner.add(Kind.SCHEDULE_BOUND_METHOD, a, "passing the method '" + a.getAttr()
                        + "' to micropython.schedule() creates a bound method object");
            } else {
                scanner.visit(arg);
            }
        }
        String builtin = Builtins.name(func, resolver.semantic());
        if (builtin != null) {
            builtin(c, builtin);
            return;
        }
        if (scheduled) {
            return;
        }
        if (func instanceof Attribute a && "from_bytes".equals(a.getAttr())
                && "int".equals(Builtins.name(a.getValue(), resolver.semantic()))) {
            fromBytes(c);
            return;
        }
        if (func instanceof Attribute a && a.getAttr() != null) {
            if (method(c, a)) {
                return;
            }
        }
        PyType.Class cls = resolver.userClass(func);
        if (cls != null) {
            scanner.add(Kind.OBJECT, c, "creating a " + cls.node().getName() + " instance allocates it");
            Target init = resolver.init(cls);
            if (init != null) {
                scanner.edge(c, init);
            }
            return;
        }
        PyType.Class stubCls = resolver.stubClass(func);
        if (stubCls != null) {
            String name = stubCls.node().getName();
            if (!isException(name)) {
                scanner.add(Kind.OBJECT, c, name + "(...) creates a new object");
            }
            return;
        }
        PyType.Function stub = resolver.stubFunction(func);
        if (stub != null) {
            stubCall(c, stub);
            return;
        }
        for (Target t : resolver.targets(func)) {
            callOf(c, t);
        }
    }

    /** {@code int.from_bytes(b, order)}: a big int when the value does not fit; exact for constant bytes. */
    private void fromBytes(Call c) {
        if (c.getArgs().isEmpty()) {
            return;
        }
        byte[] bytes = values.bytes(c.getArgs().get(0));
        String order = c.getArgs().size() > 1 && c.getArgs().get(1) instanceof Str o ? o.getParts().get(0) : null;
        if (bytes != null && order != null && (order.contains("little") || order.contains("big"))) {
            byte[] be = bytes.clone();
            if (order.contains("little")) {
                for (int i = 0; i < be.length / 2; i++) {
                    byte t = be[i];
                    be[i] = be[be.length - 1 - i];
                    be[be.length - 1 - i] = t;
                }
            }
            if (!values.small(new BigInteger(1, be))) {
                scanner.add(Kind.BIGINT, c, "int.from_bytes() of these " + bytes.length
                        + " bytes is a big int (outside the small-int range), a heap object");
            }
        } else if (bytes != null && bytes.length * 8 >= board.smallIntBits()) {
            scanner.maybe(Kind.BIGINT, c, "int.from_bytes() of " + bytes.length
                    + " bytes gives a big int when the value is outside the small-int range");
        }
    }

    private boolean isSchedule(Expression func) {
        PyType.Function f = resolver.stubFunction(func);
        return f != null && "micropython".equals(f.module().name()) && "schedule".equals(f.node().getName());
    }

    private static boolean isException(String name) {
        return name.endsWith("Error") || name.endsWith("Exception") || name.equals("StopIteration")
                || name.equals("KeyboardInterrupt") || name.equals("SystemExit") || name.equals("GeneratorExit");
    }

    /** A call of user code: an edge, plus what the call itself allocates (*args tuple, **kw dict, generator). */
    private void callOf(Call c, Target t) {
        scanner.edge(c, t);
        List<Parameter> params = t.params();
        int positional = 0;
        boolean star = false;
        boolean dstar = false;
        for (Parameter p : params) {
            if (p.isStar()) {
                star = p.getName() != null;
                if (!star) {
                    continue;
                }
            } else if (p.isDstar()) {
                dstar = true;
            } else if (!star && !p.isSlash()) {
                positional++;
            }
        }
        if (t.bound()) {
            positional--;
        }
        long given = c.getArgs().stream().filter(a -> !(a instanceof KeywordArg) && !(a instanceof StarArg)
                && !(a instanceof DoubleStarArg)).count();
        if (star && given > positional) {
            scanner.add(Kind.STAR_ARGS, c, "calling " + t.name()
                    + "() with extra positional arguments builds its *args tuple");
        }
        if (dstar) {
            scanner.add(Kind.STAR_ARGS, c, "calling " + t.name() + "() builds its **kwargs dict");
        }
        if (t.node() instanceof FunctionDef f && isGenerator(f)) {
            scanner.add(Kind.ITERATOR, c, "calling the generator function " + f.getName()
                    + "() creates a generator object");
        }
    }

    private static boolean isGenerator(FunctionDef f) {
        for (var it = f.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (o instanceof FunctionDef || o instanceof Lambda || o instanceof ClassDef) {
                it.prune();
            } else if (o instanceof Yield) {
                return true;
            }
        }
        return false;
    }

    /** Methods of builtin types that allocate; true when handled. */
    private boolean method(Call c, Attribute a) {
        String m = a.getAttr();
        Val recv = values.of(a.getValue());
        boolean text = recv.is(Values.Kind.STR) || recv.is(Values.Kind.BYTES);
        if (STRING_METHODS.contains(m) && (text || recv.is(Values.Kind.OBJECT) && resolver.targets(a).isEmpty()
                && resolver.stubFunction(a) == null) || STR_RECEIVER_METHODS.contains(m) && text) {
            scanner.add(Kind.STRING, c, "." + m + "() builds a new string");
            return true;
        }
        boolean growable = recv.is(Values.Kind.LIST) || recv.is(Values.Kind.BYTEARRAY) || recv.is(Values.Kind.DICT)
                || recv.is(Values.Kind.SET);
        if (GROW_METHODS.contains(m) && growable) {
            scanner.maybe(Kind.GROW, c, "." + m + "() grows the " + recv.kind().name().toLowerCase()
                    + ", which allocates when it is full");
            return true;
        }
        if ((m.equals("items") || m.equals("keys") || m.equals("values")) && recv.is(Values.Kind.DICT)) {
            scanner.add(Kind.ITERATOR, c, "." + m + "() creates a dict view object");
            return true;
        }
        if (m.equals("copy") && growable) {
            scanner.add(Kind.COLLECTION, c, ".copy() builds a new " + recv.kind().name().toLowerCase());
            return true;
        }
        if (m.equals("pop") && recv.is(Values.Kind.LIST) || m.equals("to_bytes")) {
            if (m.equals("to_bytes")) {
                scanner.add(Kind.STRING, c, ".to_bytes() builds a new bytes object");
                return true;
            }
        }
        return false;
    }

    private void builtin(Call c, String name) {
        List<Expression> args = c.getArgs();
        Val first = args.isEmpty() ? Values.UNKNOWN : values.of(args.get(0));
        switch (name) {
            case "float" -> {
                if (board.floatsAllocate()) {
                    scanner.add(Kind.FLOAT, c, "float() creates a new float object");
                }
            }
            case "abs", "round" -> {
                if (first.is(Values.Kind.FLOAT) && board.floatsAllocate() && (name.equals("abs") || args.size() > 1)) {
                    scanner.add(Kind.FLOAT, c, name + "() of a float creates a new float object");
                }
            }
            case "str", "repr", "hex", "oct", "bin", "bytes" -> {
                if (!args.isEmpty()) {
                    scanner.add(Kind.STRING, c, name + "() builds a new "
                            + (name.equals("bytes") ? "bytes object" : "string"));
                }
            }
            case "bytearray", "memoryview", "object" -> scanner.add(Kind.OBJECT, c, name + "() creates a new object");
            case "list", "dict", "set", "frozenset", "sorted" ->
                scanner.add(Kind.COLLECTION, c, name + "() builds a new " + (name.equals("sorted") ? "list" : name));
            case "tuple" -> {
                if (!args.isEmpty()) {
                    scanner.add(Kind.COLLECTION, c, "tuple() builds a new tuple");
                }
            }
            case "divmod" -> scanner.add(Kind.COLLECTION, c, "divmod() returns a new tuple");
            case "range" -> scanner.add(Kind.ITERATOR, c,
                    "range() used as an object (not directly in a for loop) creates a range object");
            case "enumerate", "zip", "map", "filter", "reversed", "iter" ->
                scanner.add(Kind.ITERATOR, c, name + "() creates a new iterator object");
            default -> {
                if (BLOCKING.contains(name)) {
                    scanner.maybe(Kind.BLOCKING, c, name + "() does I/O and can block in a hard handler");
                }
            }
        }
    }

    private void stubCall(Call c, PyType.Function stub) {
        String module = stub.module().name();
        String fn = stub.node().getName();
        if (("time".equals(module) || "utime".equals(module)) && fn != null && fn.startsWith("sleep")) {
            scanner.maybe(Kind.BLOCKING, c, module + "." + fn + "() waits in a hard handler, with interrupts blocked");
            return;
        }
        if ("machine".equals(module) && ("lightsleep".equals(fn) || "deepsleep".equals(fn) || "idle".equals(fn))) {
            scanner.maybe(Kind.BLOCKING, c, "machine." + fn + "() waits in a hard handler");
            return;
        }
        if ("math".equals(module)) {
            if (!Set.of("floor", "ceil", "trunc", "isnan", "isinf", "isfinite", "factorial", "gcd", "isclose",
                    "isqrt").contains(fn)) {
                if (Set.of("frexp", "modf").contains(fn)) {
                    scanner.add(Kind.COLLECTION, c, "math." + fn + "() returns a new tuple");
                } else if (board.floatsAllocate()) {
                    scanner.add(Kind.FLOAT, c, "math." + fn + "() returns a new float object");
                }
            }
            return;
        }
        if ("struct".equals(module)) {
            if ("unpack".equals(fn) || "unpack_from".equals(fn)) {
                scanner.add(Kind.COLLECTION, c, "struct." + fn + "() returns a new tuple");
            } else if ("pack".equals(fn)) {
                scanner.add(Kind.STRING, c, "struct.pack() returns a new bytes object");
            }
            return;
        }
        if (stub.owner() != null && READS.contains(fn)) {
            scanner.add(Kind.STRING, c, stub.owner().getName() + "." + fn + "() returns a new "
                    + (fn.equals("scan") || fn.equals("readlines") ? "list" : "bytes object")
                    + " (readinto() fills a preallocated buffer)");
            return;
        }
        Val ret = Values.returnKind(stub.node().getReturnAnnotation());
        String what = switch (ret.kind()) {
            case FLOAT -> board.floatsAllocate() ? "a new float object" : null;
            case STR -> "a new str";
            case BYTES -> "a new bytes object";
            case BYTEARRAY, LIST, TUPLE, DICT -> "a new " + ret.kind().name().toLowerCase();
            default -> null;
        };
        if (what != null) {
            scanner.add(ret.is(Values.Kind.FLOAT) ? Kind.FLOAT : ret.is(Values.Kind.STR) || ret.is(Values.Kind.BYTES)
                    ? Kind.STRING : Kind.COLLECTION, c, fn + "() returns " + what);
        }
    }

}
