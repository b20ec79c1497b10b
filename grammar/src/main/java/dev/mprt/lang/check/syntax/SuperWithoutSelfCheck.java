package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.scope.Scopes;

/**
 * {@code compile_atom_expr_normal}: a bare {@code super()} in a function takes the function's first parameter as
 * self; a function without parameters is a compile-time error in MicroPython.
 */
public final class SuperWithoutSelfCheck extends NodeCheck<Call> {

    public static final String CODE = "syntax-super-no-self";

    public SuperWithoutSelfCheck() {
        super(Call.class);
    }

    @Override
    protected void check(Call node, CheckContext ctx) {
        if (node.getFunc() instanceof Name n && "super".equals(n.getId()) && node.getArgs().isEmpty()
                && Scopes.scopeNode(node) instanceof FunctionDef f
                && f.getParams().stream().map(Parameter::getName).noneMatch(java.util.Objects::nonNull)) {
            ctx.error(CODE, "super() can't find self", node);
        }
    }
}
