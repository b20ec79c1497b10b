package dev.mprt.lang.check.syntax;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.ast.util.Statements;

/** Where assignment and deletion targets stand in the tree. */
final class Targets {

    private Targets() {
    }

    /** Whether {@code e} is in a store position: a whole target or an element of a target tuple/list. */
    static boolean inStorePosition(Expression e) {
        EObject child = e;
        for (EObject n = e.eContainer(); n != null; child = n, n = n.eContainer()) {
            if (n instanceof Tuple || n instanceof ListExp || n instanceof Starred) {
                continue;
            }
            if (n instanceof ExprStatement s) {
                return Statements.targets(s).contains(child)
                        || (Statements.isAnnotated(s) && s.getExpression() == child);
            }
            if (n instanceof For f) {
                return f.getTarget() == child;
            }
            if (n instanceof Comprehension c) {
                return c.getTarget() == child;
            }
            if (n instanceof WithItem w) {
                return w.getTarget() == child;
            }
            if (n instanceof Del d) {
                return d.getTarget() == child;
            }
            return false;
        }
        return false;
    }
}
