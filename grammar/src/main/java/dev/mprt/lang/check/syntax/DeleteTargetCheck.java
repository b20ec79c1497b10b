package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/** {@code c_del_stmt}: only names, attributes, subscripts and non-empty tuples of those can be deleted. */
public final class DeleteTargetCheck extends NodeCheck<Del> {

    public static final String CODE = "syntax-cant-delete";

    public DeleteTargetCheck() {
        super(Del.class);
    }

    @Override
    protected void check(Del node, CheckContext ctx) {
        target(node.getTarget(), ctx);
    }

    private static void target(Expression t, CheckContext ctx) {
        if (t == null || t instanceof Name || t instanceof Attribute || t instanceof Subscript) {
            return;
        }
        if (t instanceof Tuple tuple && !tuple.getElements().isEmpty()) {
            tuple.getElements().forEach(e -> target(e, ctx));
        } else {
            // unlike CPython, MicroPython deletes no list display: `del [a]` is an error (c_del_stmt)
            ctx.error(CODE, "can't delete expression", t);
        }
    }
}
