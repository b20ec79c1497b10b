package dev.mprt.lang.scope;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;

/** A module, class, function, lambda or comprehension scope and its symbols, in order of first occurrence. */
public final class Scope {

    private final ScopeKind kind;
    private final EObject node;
    private final Scope parent;
    private final List<Scope> children = new ArrayList<>();
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    /** A yield or await seen so far in this scope's pass: MicroPython's MP_SCOPE_FLAG_GENERATOR. */
    boolean generator;

    Scope(ScopeKind kind, EObject node, Scope parent) {
        this.kind = kind;
        this.node = node;
        this.parent = parent;
        if (parent != null) {
            parent.children.add(this);
        }
    }

    public ScopeKind kind() {
        return kind;
    }

    /** The PyFile, ClassDef, FunctionDef, Lambda, or comprehension expression that opens this scope. */
    public EObject node() {
        return node;
    }

    public Scope parent() {
        return parent;
    }

    public List<Scope> children() {
        return Collections.unmodifiableList(children);
    }

    public Symbol lookup(String name) {
        return symbols.get(name);
    }

    public Collection<Symbol> symbols() {
        return Collections.unmodifiableCollection(symbols.values());
    }

    Symbol findOrAdd(String name, Symbol.Kind kind, EObject node) {
        return symbols.computeIfAbsent(name, n -> new Symbol(n, kind, node));
    }
}
