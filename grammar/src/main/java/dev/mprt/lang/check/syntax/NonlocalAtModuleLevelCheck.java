package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.Nonlocal;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.scope.Scopes;

/** {@code compile_global_nonlocal_stmt}: nonlocal has nothing to refer to in module-level code. */
public final class NonlocalAtModuleLevelCheck extends NodeCheck<Nonlocal> {

    public static final String CODE = "syntax-nonlocal-at-module";

    public NonlocalAtModuleLevelCheck() {
        super(Nonlocal.class);
    }

    @Override
    protected void check(Nonlocal node, CheckContext ctx) {
        if (Scopes.scopeNode(node) instanceof PyFile) {
            ctx.error(CODE, "can't declare nonlocal in outer code", node);
        }
    }
}
