package dev.mprt.lang.semantic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.lexer.NumberLiterals;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.ScopeKind;
import dev.mprt.lang.scope.Symbol;

/**
 * Names and types of one module in the context of its imports: which definition a name refers to, what type an
 * expression has (modules, classes, instances from constructor calls, attributes assigned in methods, return
 * annotations from stubs), and which members a type has. Deliberately simple inference — what real MicroPython
 * code needs for completion, hover and navigation — and never an error when it does not know: the answer is then
 * {@link PyType#UNKNOWN} or an empty list.
 */
public final class SemanticModel {

    private static final int MAX_DEPTH = 24;
    private static final String BUILTINS = "builtins";

    private final ModuleInfo module;
    private final ModuleLoader loader;
    private final ModuleSources sources;
    /** Every module this model has met, by root node, so nodes of imported modules resolve in their module. */
    private final Map<EObject, ModuleInfo> modulesByRoot = new java.util.IdentityHashMap<>();
    /** Types already inferred (the checks ask for the same callee and receiver types many times). */
    private final Map<Expression, PyType> expressionTypes = new java.util.IdentityHashMap<>();
    /** How often the depth limit cut an inference short (such results are not remembered). */
    private int limitHits;
    private int depth;

    public SemanticModel(ModuleInfo module, ModuleLoader loader, ModuleSources sources) {
        this.module = module;
        this.loader = loader;
        this.sources = sources;
        modulesByRoot.put(module.root(), module);
    }

    public ModuleInfo module() {
        return module;
    }

    /** A module by dotted name, parsed on demand, or null. */
    public ModuleInfo importModule(String dotted) {
        if (dotted == null || dotted.isEmpty()) {
            return null;
        }
        ModuleSources.Source s = sources.find(dotted);
        if (s == null) {
            return null;
        }
        ModuleInfo m = loader.load(dotted, s);
        if (m.root() != null) {
            modulesByRoot.put(m.root(), m);
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------------- names

    /** The definitions a name use (or binding) refers to; builtins last. Empty when unknown. */
    public List<Definition> definitions(Name name) {
        return lookup(name.getId(), name, moduleOf(name));
    }

    /** The definitions {@code id} refers to at {@code context} in module {@code in}. */
    public List<Definition> lookup(String id, EObject context, ModuleInfo in) {
        if (id == null || in == null) {
            return List.of();
        }
        Scope scope = in.scopes().enclosing(context);
        Symbol sym = scope.lookup(id);
        if (sym != null && (sym.kind() == Symbol.Kind.LOCAL || sym.kind() == Symbol.Kind.CELL)) {
            return defs(id, sym, in);
        }
        if (sym != null && sym.kind() == Symbol.Kind.FREE) {
            for (Scope s = scope.parent(); s != null; s = s.parent()) {
                Symbol outer = s.lookup(id);
                if (outer != null && s.kind() != ScopeKind.CLASS
                        && (outer.kind() == Symbol.Kind.LOCAL || outer.kind() == Symbol.Kind.CELL)) {
                    return defs(id, outer, in);
                }
            }
        }
        if (scope.kind() == ScopeKind.CLASS && sym != null && !sym.bindings().isEmpty()
                && sym.kind() == Symbol.Kind.GLOBAL_IMPLICIT_ASSIGNED) {
            return defs(id, sym, in); // a class attribute used in the class body itself
        }
        Symbol global = in.scopes().module().lookup(id);
        if (global != null && !global.bindings().isEmpty()) {
            return defs(id, global, in);
        }
        ModuleInfo builtins = importModule(BUILTINS);
        if (builtins != null && builtins != in) {
            Symbol b = builtins.scopes().module().lookup(id);
            if (b != null) {
                return defs(id, b, builtins);
            }
        }
        return List.of();
    }

    private static List<Definition> defs(String id, Symbol sym, ModuleInfo in) {
        List<Definition> out = new ArrayList<>(sym.bindings().size());
        for (EObject b : sym.bindings()) {
            out.add(new Definition(id, b, in));
        }
        return out;
    }

    /** Every name visible at {@code context}: locals and enclosing functions' names, globals, builtins. */
    public Map<String, List<Definition>> visibleNames(EObject context) {
        Map<String, List<Definition>> out = new LinkedHashMap<>();
        ModuleInfo in = moduleOf(context);
        if (in == null) {
            return out;
        }
        Scope start = in.scopes().enclosing(context);
        for (Scope s = start; s != null; s = s.parent()) {
            if (s.kind() == ScopeKind.CLASS && s != start) {
                continue; // class bodies are not visible from their methods
            }
            for (Symbol sym : s.symbols()) {
                if (!sym.bindings().isEmpty()) {
                    out.putIfAbsent(sym.name(), defs(sym.name(), sym, in));
                }
            }
        }
        ModuleInfo builtins = importModule(BUILTINS);
        if (builtins != null) {
            for (Symbol sym : builtins.scopes().module().symbols()) {
                // the stub's own imports (typing.Any ...) are not builtins on the device
                if (!sym.bindings().isEmpty() && !sym.name().startsWith("_") && sym.bindings().stream()
                        .noneMatch(b -> b instanceof ImportName || b instanceof ImportAlias)) {
                    out.putIfAbsent(sym.name(), defs(sym.name(), sym, builtins));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------- types

    public PyType typeOf(Expression e) {
        if (e == null) {
            return PyType.UNKNOWN;
        }
        if (depth > MAX_DEPTH) {
            limitHits++;
            return PyType.UNKNOWN;
        }
        PyType known = expressionTypes.get(e);
        if (known != null) {
            return known;
        }
        int hits = limitHits;
        depth++;
        try {
            PyType t = computeTypeOf(e);
            if (limitHits == hits) {
                expressionTypes.put(e, t); // not cut short by the depth limit: the same on every call
            }
            return t;
        } finally {
            depth--;
        }
    }

    private PyType computeTypeOf(Expression e) {
        if (e instanceof Name n) {
            for (Definition d : definitions(n)) {
                PyType t = typeOf(d);
                if (!(t instanceof PyType.Unknown)) {
                    return t;
                }
            }
            return PyType.UNKNOWN;
        }
        if (e instanceof Attribute a) {
            List<Definition> member = members(typeOf(a.getValue())).get(a.getAttr());
            if (member != null) {
                for (Definition d : member) {
                    PyType t = typeOf(d);
                    if (!(t instanceof PyType.Unknown)) {
                        return t;
                    }
                }
            }
            return PyType.UNKNOWN;
        }
        if (e instanceof Call c) {
            PyType f = typeOf(c.getFunc());
            if (f instanceof PyType.Class cls) {
                return new PyType.Instance(cls.node(), cls.module());
            }
            if (f instanceof PyType.Function fn) {
                return annotationType(fn.node().getReturnAnnotation(), fn.module());
            }
            return PyType.UNKNOWN;
        }
        if (e instanceof Num n) {
            String v = n.getValue();
            String cls = v == null ? null : v.endsWith("j") || v.endsWith("J") ? "complex"
                    : NumberLiterals.isFloatOrImaginary(v) ? "float" : "int";
            return builtinInstance(cls);
        }
        if (e instanceof Str s) {
            boolean bytes = !s.getParts().isEmpty() && s.getParts().get(0).matches("(?s)^[rRfF]?[bB].*");
            return builtinInstance(bytes ? "bytes" : "str");
        }
        if (e instanceof ListExp || e instanceof ListComp) {
            return builtinInstance("list");
        }
        if (e instanceof Tuple) {
            return builtinInstance("tuple");
        }
        if (e instanceof DictOrSet d) {
            return builtinInstance(d.getItems().isEmpty() || d.getItems().get(0) instanceof KeyValue ? "dict" : "set");
        }
        if (e instanceof Constant c && c.getValue() != null && !"None".equals(c.getValue())) {
            return builtinInstance("bool");
        }
        return PyType.UNKNOWN;
    }

    /** The type a definition gives its name. */
    public PyType typeOf(Definition d) {
        if (depth > MAX_DEPTH) {
            limitHits++;
            return PyType.UNKNOWN;
        }
        depth++;
        try {
            return computeTypeOf(d);
        } finally {
            depth--;
        }
    }

    private PyType computeTypeOf(Definition d) {
        EObject node = d.node();
        if (node instanceof FunctionDef f) {
            return new PyType.Function(f, d.module(), ownerClass(f));
        }
        if (node instanceof ClassDef c) {
            return new PyType.Class(c, d.module());
        }
        if (node instanceof Parameter p) {
            if (p.getAnnotation() != null) {
                return annotationType(p.getAnnotation(), d.module());
            }
            if (p.eContainer() instanceof FunctionDef f && !f.getParams().isEmpty() && f.getParams().get(0) == p
                    && !p.isStar() && !p.isDstar() && ownerClass(f) != null && !isStaticMethod(f)) {
                return new PyType.Instance(ownerClass(f), d.module());
            }
            return PyType.UNKNOWN;
        }
        if (node instanceof ImportName i) {
            String target = i.getAsname() != null ? i.getModule() : firstComponent(i.getModule());
            ModuleInfo m = importModule(clean(target));
            return m == null ? PyType.UNKNOWN : new PyType.Module(m);
        }
        if (node instanceof ImportAlias a && a.eContainer() instanceof ImportFrom from) {
            ModuleInfo m = importModule(clean(from.getModule()));
            if (m == null) {
                return PyType.UNKNOWN;
            }
            List<Definition> member = members(new PyType.Module(m)).get(a.getImported());
            if (member != null) {
                for (Definition md : member) {
                    PyType t = typeOf(md);
                    if (!(t instanceof PyType.Unknown)) {
                        return t;
                    }
                }
            }
            ModuleInfo sub = importModule(clean(from.getModule()) + "." + a.getImported());
            return sub == null ? PyType.UNKNOWN : new PyType.Module(sub);
        }
        if (node instanceof Name n && n.eContainer() instanceof ExprStatement s) {
            if (s.getAnnotation() != null && s.getExpression() == n) {
                return annotationType(s.getAnnotation(), d.module());
            }
            if (Statements.isAssignment(s) && Statements.targets(s).contains(n)) {
                return typeOf(Statements.value(s));
            }
        }
        if (node instanceof Attribute a && a.eContainer() instanceof ExprStatement s && Statements.isAssignment(s)
                && Statements.targets(s).contains(a)) {
            return typeOf(Statements.value(s));
        }
        return PyType.UNKNOWN;
    }

    /** The instance type an annotation denotes ({@code Pin}, {@code machine.Pin}, {@code 'Pin'}, {@code X | None}). */
    public PyType annotationType(Expression annotation, ModuleInfo in) {
        if (annotation == null) {
            return PyType.UNKNOWN;
        }
        if (annotation instanceof dev.mprt.lang.ast.BinOp b && "|".equals(b.getOp())) {
            PyType left = annotationType(b.getLeft(), in);
            return left instanceof PyType.Unknown ? annotationType(b.getRight(), in) : left;
        }
        PyType t;
        if (annotation instanceof Name n) {
            List<Definition> defs = lookup(n.getId(), n, in);
            t = defs.isEmpty() ? PyType.UNKNOWN : typeOf(defs.get(0));
        } else {
            t = annotation instanceof Str ? PyType.UNKNOWN : typeOf(annotation);
        }
        return t instanceof PyType.Class c ? new PyType.Instance(c.node(), c.module()) : PyType.UNKNOWN;
    }

    private PyType builtinInstance(String cls) {
        if (cls == null) {
            return PyType.UNKNOWN;
        }
        ModuleInfo builtins = importModule(BUILTINS);
        if (builtins == null) {
            return PyType.UNKNOWN;
        }
        Symbol s = builtins.scopes().module().lookup(cls);
        if (s != null) {
            for (EObject b : s.bindings()) {
                if (b instanceof ClassDef c) {
                    return new PyType.Instance(c, builtins);
                }
            }
        }
        return PyType.UNKNOWN;
    }

    // ------------------------------------------------------------------------------------------------- members

    /** Members already listed: a check asks for the same module's or class's members at every attribute. */
    private final Map<PyType, Map<String, List<Definition>>> memberCache = new java.util.HashMap<>();

    /**
     * The members of a type by name (module globals, class attributes with inherited ones, instance attributes);
     * unmodifiable.
     */
    public synchronized Map<String, List<Definition>> members(PyType type) {
        if (type == null) {
            return Map.of();
        }
        Map<String, List<Definition>> known = memberCache.get(type);
        if (known == null) {
            known = java.util.Collections.unmodifiableMap(listMembers(type));
            memberCache.put(type, known);
        }
        return known;
    }

    private Map<String, List<Definition>> listMembers(PyType type) {
        Map<String, List<Definition>> out = new LinkedHashMap<>();
        if (type instanceof PyType.Module m) {
            for (Symbol sym : m.module().scopes().module().symbols()) {
                if (!sym.bindings().isEmpty()) {
                    out.put(sym.name(), defs(sym.name(), sym, m.module()));
                }
            }
        } else if (type instanceof PyType.Class c) {
            classMembers(c.node(), c.module(), out, new HashSet<>(), false);
        } else if (type instanceof PyType.Instance i) {
            classMembers(i.cls(), i.module(), out, new HashSet<>(), true);
        }
        return out;
    }

    private void classMembers(ClassDef cls, ModuleInfo in, Map<String, List<Definition>> out, Set<ClassDef> seen,
            boolean instance) {
        if (cls == null || !seen.add(cls) || seen.size() > 16) {
            return;
        }
        Scope scope = in.scopes().scopeOf(cls);
        if (scope != null) {
            for (Symbol sym : scope.symbols()) {
                if (!sym.bindings().isEmpty()) {
                    out.putIfAbsent(sym.name(), defs(sym.name(), sym, in));
                }
            }
        }
        if (instance) {
            selfAttributes(cls, in, out);
        }
        for (Expression base : cls.getArgs()) {
            if (base instanceof KeywordArg) {
                continue;
            }
            if (typeOf(base) instanceof PyType.Class b) {
                classMembers(b.node(), b.module(), out, seen, instance);
            }
        }
    }

    /** {@code self.x = ...} in the class's methods (including {@code __init__}). */
    private static void selfAttributes(ClassDef cls, ModuleInfo in, Map<String, List<Definition>> out) {
        if (cls.getBody() == null) {
            return;
        }
        for (EObject s : cls.getBody().getStatements()) {
            EObject def = s instanceof Decorated d ? d.getDefinition() : s;
            if (!(def instanceof FunctionDef f) || f.getParams().isEmpty() || f.getParams().get(0).getName() == null) {
                continue;
            }
            String self = f.getParams().get(0).getName();
            for (TreeIterator<EObject> it = f.eAllContents(); it.hasNext();) {
                EObject o = it.next();
                if (o instanceof FunctionDef || o instanceof ClassDef) {
                    it.prune();
                } else if (o instanceof ExprStatement st && (Statements.isAssignment(st) || Statements.isAnnotated(st))) {
                    List<Expression> targets = Statements.isAssignment(st) ? Statements.targets(st)
                            : List.of(st.getExpression());
                    for (Expression t : targets) {
                        if (t instanceof Attribute a && a.getValue() instanceof Name n && self.equals(n.getId())
                                && a.getAttr() != null) {
                            out.computeIfAbsent(a.getAttr(), k -> new ArrayList<>()).add(new Definition(a.getAttr(), a, in));
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /** The class whose body directly holds {@code f} (a method), or null. */
    public static ClassDef ownerClass(FunctionDef f) {
        EObject c = f.eContainer();
        if (c instanceof Decorated) {
            c = c.eContainer();
        }
        return c instanceof Block b && b.eContainer() instanceof ClassDef cls ? cls : null;
    }

    private static boolean isStaticMethod(FunctionDef f) {
        if (f.eContainer() instanceof Decorated d) {
            return d.getDecorators().stream().anyMatch(dec -> dec.getExpression() instanceof Name n
                    && ("staticmethod".equals(n.getId()) || "classmethod".equals(n.getId())));
        }
        return false;
    }

    /** The module a node of this model's program belongs to, or null for a node of a module it has not met. */
    public ModuleInfo moduleOf(EObject node) {
        EObject root = node;
        while (root.eContainer() != null) {
            root = root.eContainer();
        }
        return modulesByRoot.get(root);
    }

    private static String firstComponent(String dotted) {
        if (dotted == null) {
            return null;
        }
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    /** Dotted names come from a datatype rule: drop any whitespace between the parts. */
    private static String clean(String dotted) {
        return dotted == null ? null : dotted.replaceAll("\\s+", "");
    }
}
