package dev.mprt.lang.isr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/**
 * What code an expression denotes when it is called or registered: functions, lambdas, bound methods
 * ({@code self.cb}, also pre-bound references {@code self._ref = self.cb}), aliases ({@code cb = h}), nested
 * functions, and functions imported from workspace modules. Stubs are never targets (their code is C).
 */
public final class Resolver {

    private static final int MAX_DEPTH = 8;

    private final SemanticModel semantic;

    public Resolver(SemanticModel semantic) {
        this.semantic = semantic;
    }

    public SemanticModel semantic() {
        return semantic;
    }

    /** The code {@code e} may denote; empty when unknown or not Python code. */
    public List<Target> targets(Expression e) {
        List<Target> out = new ArrayList<>();
        collect(e, out, 0);
        return out;
    }

    private void collect(Expression e, List<Target> out, int depth) {
        if (e == null || depth > MAX_DEPTH) {
            return;
        }
        ModuleInfo in = semantic.moduleOf(e);
        if (e instanceof Lambda l && in != null && !in.stub()) {
            out.add(new Target(l, in, false));
        } else if (e instanceof Name n) {
            for (Definition d : semantic.definitions(n)) {
                fromDefinition(d, false, out, depth);
            }
        } else if (e instanceof Attribute a && a.getAttr() != null) {
            PyType base = semantic.typeOf(a.getValue());
            List<Definition> member = semantic.members(base).get(a.getAttr());
            if (member != null) {
                for (Definition d : member) {
                    fromDefinition(d, base instanceof PyType.Instance, out, depth);
                }
            }
        }
    }

    private void fromDefinition(Definition d, boolean onInstance, List<Target> out, int depth) {
        EObject node = d.node();
        if (d.module() == null || d.module().stub()) {
            return;
        }
        if (node instanceof FunctionDef f) {
            boolean method = SemanticModel.ownerClass(f) != null;
            out.add(new Target(f, d.module(), onInstance && method && !isStatic(f)));
        } else if (node instanceof ImportAlias) {
            // from module import name: the model follows the import into the workspace module
            PyType t = semantic.typeOf(d);
            if (t instanceof PyType.Function fn && !fn.module().stub()) {
                out.add(new Target(fn.node(), fn.module(), false));
            }
        } else if ((node instanceof Name || node instanceof Attribute)
                && node.eContainer() instanceof ExprStatement s && Statements.isAssignment(s)
                && Statements.targets(s).contains(node)) {
            collect(Statements.value(s), out, depth + 1);
        }
    }

    /** The user class a call constructs ({@code Counter()}), or null. */
    public PyType.Class userClass(Expression func) {
        PyType t = semantic.typeOf(func);
        return t instanceof PyType.Class c && !c.module().stub() ? c : null;
    }

    /** The {@code __init__} of a user class, as a bound target, or null. */
    public Target init(PyType.Class c) {
        List<Definition> init = semantic.members(c).get("__init__");
        if (init != null) {
            for (Definition d : init) {
                if (d.node() instanceof FunctionDef f && !d.module().stub()) {
                    return new Target(f, d.module(), true);
                }
            }
        }
        return null;
    }

    /** The stub function or method a call's callee is, with its module, or null. */
    public PyType.Function stubFunction(Expression func) {
        PyType t = semantic.typeOf(func);
        return t instanceof PyType.Function f && f.module().stub() ? f : null;
    }

    /** The stub class a call's callee is, or null. */
    public PyType.Class stubClass(Expression func) {
        PyType t = semantic.typeOf(func);
        return t instanceof PyType.Class c && c.module().stub() ? c : null;
    }

    /** Whether {@code a} reads a method through an instance (a bound method object is created). */
    public FunctionDef boundMethod(Attribute a) {
        if (a.getAttr() == null) {
            return null;
        }
        PyType base = semantic.typeOf(a.getValue());
        if (!(base instanceof PyType.Instance)) {
            return null;
        }
        Map<String, List<Definition>> members = semantic.members(base);
        List<Definition> member = members.get(a.getAttr());
        if (member == null) {
            return null;
        }
        for (Definition d : member) {
            if (d.node() instanceof FunctionDef f && SemanticModel.ownerClass(f) != null && !isStatic(f)
                    && !isProperty(f)) {
                return f;
            }
            if (!(d.node() instanceof FunctionDef)) {
                return null; // an attribute assigned somewhere (a pre-bound reference) shadows the method
            }
        }
        return null;
    }

    /**
     * Whether instances of {@code i}'s class have attribute {@code attr} before any handler runs: defined in the class
     * body (or a base's), or assigned to {@code self} in an {@code __init__}.
     */
    public boolean existingAttribute(PyType.Instance i, String attr) {
        PyType.Class cls = new PyType.Class(i.cls(), i.module());
        if (semantic.members(cls).containsKey(attr)) {
            return true;
        }
        List<Definition> defs = semantic.members(i).get(attr);
        if (defs == null) {
            return false;
        }
        for (Definition d : defs) {
            for (EObject n = d.node(); n != null; n = n.eContainer()) {
                if (n instanceof FunctionDef f) {
                    if ("__init__".equals(f.getName())) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    static boolean isStatic(FunctionDef f) {
        return decoratedWith(f, "staticmethod");
    }

    static boolean isProperty(FunctionDef f) {
        return decoratedWith(f, "property");
    }

    private static boolean decoratedWith(FunctionDef f, String name) {
        return f.eContainer() instanceof Decorated d && d.getDecorators().stream()
                .anyMatch(dec -> dec.getExpression() instanceof Name n && name.equals(n.getId()));
    }

    /** The class a method belongs to, or null. */
    public static ClassDef owner(Target t) {
        return t.node() instanceof FunctionDef f ? SemanticModel.ownerClass(f) : null;
    }
}
