package dev.mprt.lang.scope;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;

/** The scopes of one module, with the name-classification errors MicroPython's scope pass would raise. */
public final class ScopeTree {

    private final Scope module;
    private final List<ScopeBuilder.Problem> problems;
    private final Map<EObject, Scope> byNode = new IdentityHashMap<>();

    ScopeTree(Scope module, List<ScopeBuilder.Problem> problems) {
        this.module = module;
        this.problems = List.copyOf(problems);
        index(module);
    }

    private void index(Scope s) {
        byNode.put(s.node(), s);
        s.children().forEach(this::index);
    }

    public Scope module() {
        return module;
    }

    public List<ScopeBuilder.Problem> problems() {
        return problems;
    }

    /** The scope opened by a PyFile, ClassDef, FunctionDef, Lambda or comprehension node, or null. */
    public Scope scopeOf(EObject node) {
        return byNode.get(node);
    }

    /** The scope whose code contains {@code node}. */
    public Scope enclosing(EObject node) {
        Scope s = byNode.get(Scopes.scopeNode(node));
        return s != null ? s : module;
    }
}
