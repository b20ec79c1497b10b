package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Return;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.scope.Scopes;

/** {@code compile_return_stmt}: return only in a function's own code (not at module level, not in a class body). */
public final class ReturnOutsideFunctionCheck extends NodeCheck<Return> {

    public static final String CODE = "syntax-return-outside-function";

    public ReturnOutsideFunctionCheck() {
        super(Return.class);
    }

    @Override
    protected void check(Return node, CheckContext ctx) {
        if (!(Scopes.scopeNode(node) instanceof FunctionDef)) {
            ctx.error(CODE, "'return' outside function", node);
        }
    }
}
