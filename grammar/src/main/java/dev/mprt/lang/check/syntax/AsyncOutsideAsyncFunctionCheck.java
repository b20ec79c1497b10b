package dev.mprt.lang.check.syntax;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Await;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.With;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.scope.Scopes;

/**
 * {@code compile_async_for/with}: the enclosing scope must be a generator by then, that is an {@code async def},
 * or a def in which a yield or await came earlier (MicroPython sets the generator flag as it compiles them).
 */
public final class AsyncOutsideAsyncFunctionCheck implements Check {

    public static final String CODE = "syntax-async-outside-async-function";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        boolean async = (node instanceof For f && f.isAsync()) || (node instanceof With w && w.isAsync());
        if (async && !generatorBefore(node)) {
            ctx.errorAtStart(CODE, "async for/with outside async function", node);
        }
    }

    private static boolean generatorBefore(EObject statement) {
        if (!(Scopes.scopeNode(statement) instanceof FunctionDef f)) {
            return false;
        }
        if (f.isAsync()) {
            return true;
        }
        int offset = NodeModelUtils.getNode(statement).getOffset();
        for (TreeIterator<EObject> it = f.eAllContents(); it.hasNext();) {
            EObject n = it.next();
            if ((n instanceof Yield || n instanceof Await) && Scopes.scopeNode(n) == f
                    && NodeModelUtils.getNode(n).getOffset() < offset) {
                return true;
            }
        }
        return false;
    }
}
