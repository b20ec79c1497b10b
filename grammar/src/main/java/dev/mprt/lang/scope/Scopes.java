package dev.mprt.lang.scope;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;

/** Which scope's code a node belongs to, without building the scope tree. */
public final class Scopes {

    private Scopes() {
    }

    /**
     * The node opening the scope whose code contains {@code node}: a PyFile, ClassDef, FunctionDef, Lambda or
     * comprehension. Parameter defaults, class bases and a comprehension's first iterable belong to the
     * enclosing scope, as MicroPython evaluates them there.
     */
    public static EObject scopeNode(EObject node) {
        EObject child = node;
        for (EObject n = node.eContainer(); n != null; child = n, n = n.eContainer()) {
            if (n instanceof PyFile) {
                return n;
            }
            if (n instanceof FunctionDef f) {
                if (child == f.getBody()) {
                    return n;
                }
            } else if (n instanceof Lambda l) {
                if (child == l.getBody()) {
                    return n;
                }
            } else if (n instanceof ClassDef c) {
                if (child == c.getBody()) {
                    return n;
                }
            } else if (ScopeBuilder.isComprehension(n)) {
                if (!inFirstIterable(node, n)) {
                    return n;
                }
            } else if (n instanceof Parameter) {
                // defaults are evaluated outside the function: skip the function itself
                n = n.eContainer();
                child = n;
                if (n == null) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whether {@code node} lies inside the first {@code for}'s iterable of comprehension {@code comp}. */
    private static boolean inFirstIterable(EObject node, EObject comp) {
        EObject first = null;
        for (EObject c : comp.eContents()) {
            if (c instanceof Comprehension g) {
                first = g.getIter();
                break;
            }
        }
        for (EObject n = node; n != null && n != comp; n = n.eContainer()) {
            if (n == first) {
                return true;
            }
        }
        return false;
    }
}
