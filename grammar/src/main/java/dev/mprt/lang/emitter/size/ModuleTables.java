package dev.mprt.lang.emitter.size;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;

import dev.mprt.lang.ast.Assert;
import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Ellipsis;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.ConstValue;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.ViperType;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.scope.Scopes;
import dev.mprt.lang.scope.Symbol;

/**
 * The module's qstr table and constant-object table as far as the native emitter's instruction choice depends on
 * them: Thumb loads an entry with one 16-bit instruction only below index 32, Xtensa a constant below 16. MicroPython
 * fills both tables in pass order: the scope pass over every scope (attribute names, imports, keyword names, short
 * strings; floats, big ints, bytes, long strings and constant tuples), then scope by scope the names each scope
 * loads and stores. The function table is added by the first native scope, native string constants after it.
 * This is a close approximation (the emitter adds uncertainty near the boundaries).
 */
final class ModuleTables {

    private final Map<String, Integer> qstrs = new LinkedHashMap<>();
    private final Map<String, Integer> objs = new LinkedHashMap<>();
    private int funTable;
    private final Map<String, Integer> nativeStrs = new LinkedHashMap<>();

    private ModuleTables() {
    }

    /** What every function of a module shares: the scope order, each scope's nodes, the scope pass's tables. */
    static final class Module {
        private final List<Scope> order;
        private final Map<EObject, List<EObject>> own;
        private final ModuleTables scopePass;

        private Module(List<Scope> order, Map<EObject, List<EObject>> own, ModuleTables scopePass) {
            this.order = order;
            this.own = own;
            this.scopePass = scopePass;
        }

        static Module of(EObject root, ScopeTree tree, ConstTable consts) {
            ModuleTables t = new ModuleTables();
            t.qstr("<file>");
            List<Scope> order = tree == null ? List.of() : scopeOrder(tree.module());
            Map<EObject, List<EObject>> own = ownNodes(root);
            // pass 1 (MP_PASS_SCOPE, bytecode emitter) over every scope
            for (Scope s : order) {
                t.qstr(simpleName(s.node()));
                for (EObject n : own.getOrDefault(s.node(), List.of())) {
                    t.scopePass(n, consts);
                }
            }
            t.funTable = t.objs.size();
            return new Module(order, own, t);
        }
    }

    static ModuleTables build(EObject function, ScopeTree tree, ConstTable consts) {
        return build(function, Module.of(EcoreUtil.getRootContainer(function), tree, consts));
    }

    static ModuleTables build(EObject function, Module module) {
        ModuleTables t = new ModuleTables();
        t.qstrs.putAll(module.scopePass.qstrs);
        t.objs.putAll(module.scopePass.objs);
        t.funTable = module.scopePass.funTable;
        List<Scope> order = module.order;
        Map<EObject, List<EObject>> own = module.own;
        // then scope by scope (stack-size pass): a bytecode scope's argument names, the global names each scope
        // loads and stores, a native function's argument names after its code (its prelude)
        for (Scope s : order) {
            boolean nativeCode = s.node() instanceof PyFile ? false
                    : Emitters.of(s.node(), null).isNativeCode();
            boolean viper = nativeCode && Emitters.of(s.node(), null).kind() == Emitters.Kind.VIPER;
            if (!nativeCode) {
                t.argNames(s);
            }
            for (EObject n : own.getOrDefault(s.node(), List.of())) {
                if (n instanceof Name name && name.getId() != null && !isLocal(s, name.getId())
                        && !(viper && ViperType.castOf(name.getId()) != null)) {
                    t.qstr(name.getId());
                }
                if (nativeCode && n instanceof WithItem) {
                    t.qstr("__exit__");
                    t.qstr("__enter__");
                }
                String str = nativeCode && s.node() != function ? nativeStr(n) : null;
                if (str != null) {
                    t.nativeStr(str);
                }
            }
            if (s.node() == function) {
                break;
            }
            if (nativeCode && !viper) {
                t.qstr(simpleName(s.node()));
                t.argNames(s);
            }
        }
        return t;
    }

    /** The positional and keyword-only parameter names a function's prelude holds (a comprehension's is ""). */
    private void argNames(Scope s) {
        EObject node = s.node();
        List<Parameter> ps = node instanceof FunctionDef f ? f.getParams()
                : node instanceof dev.mprt.lang.ast.Lambda l ? l.getParams() : null;
        if (ps == null) {
            if (s.kind() == dev.mprt.lang.scope.ScopeKind.COMPREHENSION) {
                qstr("");
            }
            return;
        }
        for (Parameter p : ps) {
            if (p != null && p.getName() != null && !p.isStar() && !p.isDstar()) {
                qstr(p.getName());
            }
        }
    }

    /** The qstrs in table order (for tests). */
    List<String> qstrOrder() {
        return List.copyOf(qstrs.keySet());
    }

    int qstrIndex(String q) {
        return qstr(q);
    }

    int funTableIndex() {
        return funTable;
    }

    int objIndex(Object key) {
        Integer i = objs.get(String.valueOf(key));
        return i != null ? i : funTable + 1 + nativeStrs.size();
    }

    /** A short str constant the native emitter loads as a qstr object. */
    int strObjIndex(String s) {
        Integer i = objs.get("s:" + s);
        return i != null ? i : nativeStr(s);
    }

    private int nativeStr(String s) {
        Integer i = nativeStrs.get(s);
        if (i == null) {
            i = funTable + 1 + nativeStrs.size();
            nativeStrs.put(s, i);
        }
        return i;
    }

    private int qstr(String q) {
        Integer i = qstrs.get(q);
        if (i == null) {
            i = qstrs.size();
            qstrs.put(q, i);
        }
        return i;
    }

    private void obj(String key) {
        objs.putIfAbsent(key, objs.size());
    }

    private void scopePass(EObject n, ConstTable consts) {
        if (n instanceof Attribute a && a.getAttr() != null) {
            qstr(a.getAttr());
        } else if (n instanceof KeywordArg k && k.getKey() instanceof Name key && key.getId() != null) {
            qstr(key.getId());
        } else if (n instanceof ImportName i && i.getModule() != null) {
            String module = i.getModule().replaceAll("\\s", "");
            qstr(module);
            if (i.getAsname() != null) {
                String[] parts = module.split("\\.");
                for (int k = 1; k < parts.length; k++) {
                    qstr(parts[k]); // import a.b as c loads the attributes
                }
            }
        } else if (n instanceof ImportFrom i) {
            // the names (a tuple of str), then the module (visited after its names)
            if (i.isWildcard()) {
                qstr("*");
            }
            qstr(i.getModule() == null ? "" : i.getModule().replaceAll("\\s", ""));
        } else if (n instanceof dev.mprt.lang.ast.Await) {
            qstr("__await__");
        } else if (n instanceof ImportAlias a && a.getImported() != null) {
            qstr(a.getImported());
        } else if (n instanceof ClassDef c && c.getName() != null) {
            qstr(c.getName());
        } else if (n instanceof Parameter p && isKeywordDefault(p)) {
            qstr(p.getName()); // the keyword-only defaults' dict is keyed by str
        } else if (n instanceof Assert) {
            qstr("AssertionError");
        } else if (n instanceof Str s && ConstTable.string(s.getParts()) == null) {
            // an f-string: the lexer makes it "...".format(...)
            String f = fStringFormat(s);
            if (f.length() <= 10) {
                qstr(f);
            } else {
                obj("s:" + f);
            }
            qstr("format");
        } else if (n instanceof Str s && ConstTable.string(s.getParts()) != null) {
            String v = text(s);
            if (isShortStr(s)) {
                qstr(v);
            } else {
                obj("s:" + v);
            }
        } else if (n instanceof Num num && num.getValue() != null) {
            ConstValue c = ConstTable.number(num.getValue());
            if (c == null || !c.isSmallInt(consts.smallIntBits())) {
                obj(constKey(num));
            }
        } else if (n instanceof Ellipsis e) {
            obj(constKey(e));
        } else if (n instanceof Tuple tu && !tu.getElements().isEmpty() && consts.fold(tu) != null) {
            obj(constKey(tu));
        }
    }

    /** Strings of up to 10 characters are interned by the parser (MICROPY_ALLOC_PARSE_INTERN_STRING_LEN). */
    static boolean isShortStr(Str s) {
        ConstValue c = ConstTable.string(s.getParts());
        return c != null && c.kind() == ConstValue.Kind.STR && text(s).length() <= 10;
    }

    /**
     * The format string MicroPython's lexer makes of an f-string: the literal text with each field's expression
     * removed ({@code f'a{x!r:>3}b'} is {@code 'a{!r:>3}b'.format(x)}).
     */
    static String fStringFormat(Str s) {
        StringBuilder out = new StringBuilder();
        for (String part : s.getParts()) {
            int i = 0;
            while (i < part.length() && Character.isLetter(part.charAt(i))) {
                i++;
            }
            String rest = part.substring(i);
            int q = rest.startsWith("'''") || rest.startsWith("\"\"\"") ? 3 : 1;
            if (rest.length() < 2 * q) {
                continue;
            }
            String body = rest.substring(q, rest.length() - q);
            for (int k = 0; k < body.length(); k++) {
                char c = body.charAt(k);
                if (c == '{' && k + 1 < body.length() && body.charAt(k + 1) == '{') {
                    out.append("{{");
                    k++;
                } else if (c == '{') {
                    int depth = 0;
                    int j = k + 1;
                    int spec = -1;
                    for (; j < body.length(); j++) {
                        char d = body.charAt(j);
                        if (d == '{' || d == '[' || d == '(') {
                            depth++;
                        } else if ((d == '}' && depth == 0)) {
                            break;
                        } else if (d == '}' || d == ']' || d == ')') {
                            depth--;
                        } else if ((d == '!' || d == ':') && depth == 0 && spec < 0
                                && !(d == '!' && j + 1 < body.length() && body.charAt(j + 1) == '=')) {
                            spec = j;
                        }
                    }
                    out.append('{').append(spec >= 0 ? body.substring(spec, Math.min(j, body.length())) : "")
                            .append('}');
                    k = j;
                } else {
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** The qstr a native scope loads as a str object at {@code n} ({@code load_const_str}), or null. */
    private static String nativeStr(EObject n) {
        if (n instanceof Str s && ConstTable.string(s.getParts()) == null) {
            String f = fStringFormat(s);
            return f.length() <= 10 ? f : null;
        }
        if (n instanceof Str s && ConstTable.string(s.getParts()) != null && isShortStr(s)) {
            return text(s);
        }
        if (n instanceof KeywordArg k && k.getKey() instanceof Name key) {
            return key.getId();
        }
        if (n instanceof ImportAlias a) {
            return a.getImported();
        }
        if (n instanceof ClassDef c) {
            return c.getName();
        }
        if (n instanceof Parameter p && isKeywordDefault(p)) {
            return p.getName();
        }
        return null;
    }

    /** A keyword-only parameter with a default value (after {@code *} or {@code *args}). */
    static boolean isKeywordDefault(Parameter p) {
        if (p.getDefault() == null || p.getName() == null || p.isStar() || p.isDstar()) {
            return false;
        }
        List<Parameter> ps = p.eContainer() instanceof FunctionDef f ? f.getParams()
                : p.eContainer() instanceof dev.mprt.lang.ast.Lambda l ? l.getParams() : List.of();
        for (Parameter q : ps) {
            if (q == p) {
                return false;
            }
            if (q != null && q.isStar()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isBuiltIn(Decorator d) {
        List<String> parts = Emitters.dottedName(d);
        return parts != null && "micropython".equals(parts.get(0));
    }

    /** The key identifying a constant object across the tables. */
    static String constKey(Expression e) {
        if (e instanceof Str s) {
            return "s:" + text(s);
        }
        return "c:" + dev.mprt.lang.emitter.Syntax.documentText(e).substring(
                Math.max(0, dev.mprt.lang.emitter.Syntax.offset(e)),
                Math.max(0, dev.mprt.lang.emitter.Syntax.endOffset(e)));
    }

    /** A string literal's value when it is one plain literal (what MicroPython interns), else its source. */
    static String text(Str s) {
        if (s.getParts().size() == 1) {
            String p = s.getParts().get(0);
            boolean quoted = p.length() >= 2 && (p.charAt(0) == '\'' || p.charAt(0) == '"')
                    && p.charAt(p.length() - 1) == p.charAt(0);
            if (quoted && p.indexOf('\\') < 0 && !p.startsWith("'''") && !p.startsWith("\"\"\"")) {
                return p.substring(1, p.length() - 1);
            }
        }
        return String.join("", s.getParts());
    }

    private static boolean isLocal(Scope s, String name) {
        if (s.kind() == dev.mprt.lang.scope.ScopeKind.MODULE || s.kind() == dev.mprt.lang.scope.ScopeKind.CLASS) {
            return false;
        }
        Symbol sym = s.lookup(name);
        return sym != null && (sym.kind() == Symbol.Kind.LOCAL || sym.kind() == Symbol.Kind.CELL
                || sym.kind() == Symbol.Kind.FREE || sym.isParameter());
    }

    private static String simpleName(EObject node) {
        if (node instanceof FunctionDef f) {
            return f.getName() == null ? "" : f.getName();
        }
        if (node instanceof ClassDef c) {
            return c.getName() == null ? "" : c.getName();
        }
        if (node instanceof PyFile) {
            return "<module>";
        }
        if (node instanceof dev.mprt.lang.ast.Lambda) {
            return "<lambda>";
        }
        if (node instanceof dev.mprt.lang.ast.ListComp) {
            return "<listcomp>";
        }
        if (node instanceof dev.mprt.lang.ast.DictOrSet d) {
            return !d.getItems().isEmpty() && d.getItems().get(0) instanceof dev.mprt.lang.ast.KeyValue ? "<dictcomp>"
                    : "<setcomp>";
        }
        return "<genexpr>";
    }

    /** MicroPython's scope list: the module, then scopes in the order the scope pass creates them. */
    private static List<Scope> scopeOrder(Scope module) {
        List<Scope> out = new ArrayList<>();
        Deque<Scope> queue = new ArrayDeque<>();
        queue.add(module);
        while (!queue.isEmpty()) {
            Scope s = queue.poll();
            out.add(s);
            queue.addAll(s.children());
        }
        return out;
    }

    /** Each scope node's own nodes (code that belongs to it), in the order the compiler emits them. */
    private static Map<EObject, List<EObject>> ownNodes(EObject root) {
        List<EObject> all = new ArrayList<>();
        ordered(root, all);
        Map<EObject, List<EObject>> out = new java.util.IdentityHashMap<>();
        for (EObject n : all) {
            EObject s = n == root ? null : Scopes.scopeNode(n);
            if (s != null) {
                out.computeIfAbsent(s, k -> new ArrayList<>()).add(n);
            }
        }
        return out;
    }

    /**
     * The nodes in compile order: operands before their operation (post-order), the assigned value before its
     * targets, a loop's iterable before its target, a comprehension's loops before its element; annotations and
     * built-in decorators are not compiled. A keyword argument's name is loaded before its value.
     */
    private static void ordered(EObject n, List<EObject> out) {
        if (n instanceof Decorator d && isBuiltIn(d)) {
            return;
        }
        if (n instanceof Assert a) {
            // the condition, then the load of AssertionError, then the message
            if (a.getTest() != null) {
                ordered(a.getTest(), out);
            }
            out.add(a);
            if (a.getMsg() != null) {
                ordered(a.getMsg(), out);
            }
            return;
        }
        if (n instanceof dev.mprt.lang.ast.With w) {
            // each context manager, then (native code) the __exit__ and __enter__ lookups, then its target
            for (WithItem item : w.getItems()) {
                if (item != null) {
                    if (item.getContext() != null) {
                        ordered(item.getContext(), out);
                    }
                    out.add(item);
                    if (item.getTarget() != null) {
                        ordered(item.getTarget(), out);
                    }
                }
            }
            if (w.getBody() != null) {
                ordered(w.getBody(), out);
            }
            out.add(w);
            return;
        }
        boolean pre = n instanceof KeywordArg || n instanceof ImportName;
        if (pre) {
            out.add(n);
        }
        for (EObject c : children(n)) {
            if (c != null) {
                ordered(c, out);
            }
        }
        if (!pre) {
            out.add(n);
        }
    }

    private static List<EObject> children(EObject n) {
        if (n instanceof dev.mprt.lang.ast.ExprStatement s && !s.getValues().isEmpty()) {
            List<EObject> c = new ArrayList<>();
            if (s.getAugOp() != null) {
                c.add(s.getExpression());
                c.addAll(s.getValues());
            } else if (s.getAnnotation() != null) {
                c.addAll(s.getValues());
                c.add(s.getExpression());
            } else {
                c.add(s.getValues().get(s.getValues().size() - 1));
                c.add(s.getExpression());
                c.addAll(s.getValues().subList(0, s.getValues().size() - 1));
            }
            return c;
        }
        if (n instanceof dev.mprt.lang.ast.For f) {
            return java.util.Arrays.asList(f.getIter(), f.getTarget(), f.getBody(), f.getOrelse());
        }
        if (n instanceof dev.mprt.lang.ast.IfExp e) {
            return java.util.Arrays.asList(e.getCondition(), e.getBody(), e.getOrelse());
        }
        if (n instanceof dev.mprt.lang.ast.KeyValue kv) {
            return java.util.Arrays.asList(kv.getValue(), kv.getKey());
        }
        if (n instanceof Parameter p) {
            return java.util.Arrays.asList(p.getDefault());
        }
        if (n instanceof FunctionDef f) {
            List<EObject> c = new ArrayList<>(f.getParams());
            c.add(f.getBody());
            return c;
        }
        if (n instanceof dev.mprt.lang.ast.Comprehension g) {
            List<EObject> c = new ArrayList<>();
            c.add(g.getIter());
            c.add(g.getTarget());
            c.addAll(g.getIfs());
            return c;
        }
        if (n instanceof dev.mprt.lang.ast.ListComp l) {
            List<EObject> c = new ArrayList<>(l.getGenerators());
            c.add(l.getElt());
            return c;
        }
        if (n instanceof dev.mprt.lang.ast.GeneratorExp g) {
            List<EObject> c = new ArrayList<>(g.getGenerators());
            c.add(g.getElt());
            return c;
        }
        if (n instanceof dev.mprt.lang.ast.DictOrSet d && !d.getGenerators().isEmpty()) {
            List<EObject> c = new ArrayList<>(d.getGenerators());
            c.addAll(d.getItems());
            return c;
        }
        if (n instanceof dev.mprt.lang.ast.Call call && isOptimisedRange(call)) {
            return new ArrayList<>(call.getArgs()); // for NAME in range(...): range is not loaded
        }
        return n.eContents();
    }

    private static boolean isOptimisedRange(dev.mprt.lang.ast.Call call) {
        return call.eContainer() instanceof dev.mprt.lang.ast.For f && f.getIter() == call
                && f.getTarget() instanceof Name && call.getFunc() instanceof Name fn && "range".equals(fn.getId())
                && !call.getArgs().isEmpty() && call.getArgs().size() <= 3
                && call.getArgs().stream().noneMatch(a -> a instanceof KeywordArg
                        || a instanceof dev.mprt.lang.ast.StarArg || a instanceof dev.mprt.lang.ast.DoubleStarArg);
    }
}
