package dev.mprt.lang.check.syntax;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.scope.ScopeBuilder;

/**
 * The errors of MicroPython's scope pass: "identifier redefined as global" (a name used or bound before its
 * {@code global} statement, a parameter declared global, a comprehension variable rebound by {@code :=}),
 * "identifier redefined as nonlocal" and "no binding for nonlocal found". See {@link ScopeBuilder}.
 */
public final class GlobalNonlocalCheck implements Check {

    public static final String REDEFINED_GLOBAL = "syntax-redefined-global";
    public static final String REDEFINED_NONLOCAL = "syntax-redefined-nonlocal";
    public static final String NO_BINDING = "syntax-nonlocal-no-binding";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (!(node instanceof PyFile)) {
            return;
        }
        for (ScopeBuilder.Problem p : ctx.scopes().problems()) {
            String code = switch (p.message()) {
                case "identifier redefined as global" -> REDEFINED_GLOBAL;
                case "identifier redefined as nonlocal" -> REDEFINED_NONLOCAL;
                default -> NO_BINDING;
            };
            ctx.error(code, p.message(), p.node());
        }
    }
}
