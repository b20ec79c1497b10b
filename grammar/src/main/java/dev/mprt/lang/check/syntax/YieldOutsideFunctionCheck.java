package dev.mprt.lang.check.syntax;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.scope.Scopes;

/** {@code compile_yield_expr}: yield only in a function or lambda scope (not a comprehension, class or module). */
public final class YieldOutsideFunctionCheck extends NodeCheck<Yield> {

    public static final String CODE = "syntax-yield-outside-function";

    public YieldOutsideFunctionCheck() {
        super(Yield.class);
    }

    @Override
    protected void check(Yield node, CheckContext ctx) {
        if (!inFunctionOrLambda(node)) {
            ctx.error(CODE, "'yield' outside function", node);
        }
    }

    static boolean inFunctionOrLambda(EObject node) {
        EObject scope = Scopes.scopeNode(node);
        return scope instanceof FunctionDef || scope instanceof Lambda;
    }
}
