package dev.mprt.lang.check.syntax;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Break;
import dev.mprt.lang.ast.Continue;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;

/** {@code compile_break_cont_stmt}: break/continue need an enclosing loop body in the same function. */
public final class BreakContinueOutsideLoopCheck implements Check {

    public static final String CODE = "syntax-outside-loop";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if ((node instanceof Break || node instanceof Continue) && !Enclosing.inLoopBody(node)) {
            ctx.error(CODE, "'break'/'continue' outside loop", node);
        }
    }
}
