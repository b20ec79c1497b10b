package dev.mprt.lang.scope;

import org.eclipse.emf.ecore.EObject;

/** One name in one scope, classified as MicroPython's compiler classifies it ({@code id_info_t}). */
public final class Symbol {

    /** {@code ID_INFO_KIND_*} of py/scope.h. */
    public enum Kind {
        UNDECIDED, GLOBAL_IMPLICIT, GLOBAL_IMPLICIT_ASSIGNED, GLOBAL_EXPLICIT, LOCAL, CELL, FREE
    }

    private final String name;
    private final EObject firstNode;
    private final java.util.List<EObject> bindings = new java.util.ArrayList<>(2);
    Kind kind;
    boolean parameter;

    Symbol(String name, Kind kind, EObject firstNode) {
        this.name = name;
        this.kind = kind;
        this.firstNode = firstNode;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isParameter() {
        return parameter;
    }

    /**
     * The nodes that bind the name in this scope, in source order: a Name target, Parameter, FunctionDef, ClassDef,
     * ImportName, ImportAlias or ExceptHandler.
     */
    public java.util.List<EObject> bindings() {
        return java.util.Collections.unmodifiableList(bindings);
    }

    void addBinding(EObject node) {
        bindings.add(node);
    }

    /** Where the name first occurs in its scope. */
    public EObject firstNode() {
        return firstNode;
    }

    @Override
    public String toString() {
        return name + ":" + kind + (parameter ? "(param)" : "");
    }
}
