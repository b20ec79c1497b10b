package dev.mprt.lang.isr;

import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.semantic.ModuleInfo;

/**
 * Code that can be called: a {@code def} or a {@code lambda} in some module of the program; {@code bound} when it
 * is reached as a bound method (its first parameter is then supplied by the object).
 */
public record Target(EObject node, ModuleInfo module, boolean bound) {

    public List<Parameter> params() {
        return node instanceof FunctionDef f ? f.getParams() : ((Lambda) node).getParams();
    }

    public String name() {
        return node instanceof FunctionDef f ? f.getName() : "<lambda>";
    }

    /** The same code regardless of how it is reached. */
    public boolean sameCode(Target other) {
        return other != null && other.node == node;
    }
}
