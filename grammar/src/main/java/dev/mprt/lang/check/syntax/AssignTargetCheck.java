package dev.mprt.lang.check.syntax;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;

/**
 * {@code c_assign} in py/compile.c: only names, attributes, subscripts and (non-empty) tuples/lists of those can be
 * assigned to; augmented assignment and {@code :=} take a single target. Also "multiple *x in assignment".
 */
public final class AssignTargetCheck implements Check {

    public static final String CODE = "syntax-cant-assign";
    public static final String MULTIPLE_STARRED = "syntax-multiple-starred";
    static final String MESSAGE = "can't assign to expression";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (node instanceof ExprStatement s) {
            if (Statements.isAugmented(s)) {
                Expression t = s.getExpression();
                if (!(t instanceof Name || t instanceof Attribute || t instanceof Subscript)) {
                    ctx.error(CODE, MESSAGE, t);
                }
            } else {
                for (Expression t : Statements.targets(s)) {
                    target(t, ctx);
                }
            }
        } else if (node instanceof For f) {
            target(f.getTarget(), ctx);
        } else if (node instanceof Comprehension c) {
            target(c.getTarget(), ctx);
        } else if (node instanceof WithItem w && w.getTarget() != null) {
            target(w.getTarget(), ctx);
        } else if (node instanceof NamedExpr n && !(n.getTarget() instanceof Name)) {
            ctx.error(CODE, MESSAGE, n.getTarget());
        }
    }

    private static void target(Expression t, CheckContext ctx) {
        if (t == null || t instanceof Name || t instanceof Attribute || t instanceof Subscript) {
            return;
        }
        if (t instanceof Tuple tuple && !tuple.getElements().isEmpty()) {
            elements(tuple.getElements(), ctx);
        } else if (t instanceof ListExp list) {
            elements(list.getElements(), ctx);
        } else {
            ctx.error(CODE, MESSAGE, t);
        }
    }

    private static void elements(java.util.List<Expression> elements, CheckContext ctx) {
        boolean seenStar = false;
        for (Expression e : elements) {
            if (e instanceof Starred s) {
                if (seenStar) {
                    ctx.error(MULTIPLE_STARRED, "multiple *x in assignment", e);
                }
                seenStar = true;
                target(s.getValue(), ctx);
            } else {
                target(e, ctx);
            }
        }
    }
}
