package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/**
 * {@code compile_star_expr}: a starred expression outside an assignment target ({@code [*a, 1]},
 * {@code x = *a, 1}) is an error in MicroPython, which has no PEP 448 unpacking in displays.
 */
public final class StarredOutsideTargetCheck extends NodeCheck<Starred> {

    public static final String CODE = "syntax-star-not-target";

    public StarredOutsideTargetCheck() {
        super(Starred.class);
    }

    @Override
    protected void check(Starred node, CheckContext ctx) {
        if (!Targets.inStorePosition(node)) {
            ctx.error(CODE, "*x must be assignment target", node);
        }
    }
}
