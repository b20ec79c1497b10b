package dev.mprt.lang.check.syntax;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.While;

/** Questions about what encloses a statement. */
final class Enclosing {

    private Enclosing() {
    }

    /** Whether a break/continue here has a loop to leave: inside a loop body, not crossing a def or class. */
    static boolean inLoopBody(EObject node) {
        EObject child = node;
        for (EObject n = node.eContainer(); n != null; child = n, n = n.eContainer()) {
            if (n instanceof FunctionDef || n instanceof ClassDef || n instanceof Lambda) {
                return false;
            }
            if (n instanceof For f && f.getBody() == child) {
                return true;
            }
            if (n instanceof While w && w.getBody() == child) {
                return true;
            }
        }
        return false;
    }
}
