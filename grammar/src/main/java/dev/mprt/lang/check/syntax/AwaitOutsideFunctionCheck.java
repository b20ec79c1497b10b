package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.Await;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/**
 * {@code compile_atom_expr_await}: await only in a function or lambda scope. MicroPython, unlike CPython, accepts
 * it in a plain {@code def}.
 */
public final class AwaitOutsideFunctionCheck extends NodeCheck<Await> {

    public static final String CODE = "syntax-await-outside-function";

    public AwaitOutsideFunctionCheck() {
        super(Await.class);
    }

    @Override
    protected void check(Await node, CheckContext ctx) {
        if (!YieldOutsideFunctionCheck.inFunctionOrLambda(node)) {
            ctx.error(CODE, "'await' outside function", node);
        }
    }
}
