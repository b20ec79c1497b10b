package dev.mprt.lang.check.syntax;

import java.util.List;

import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/** {@code compile_try_except}: a bare {@code except:} must be the last handler. */
public final class DefaultExceptLastCheck extends NodeCheck<Try> {

    public static final String CODE = "syntax-default-except-last";

    public DefaultExceptLastCheck() {
        super(Try.class);
    }

    @Override
    protected void check(Try node, CheckContext ctx) {
        List<ExceptHandler> handlers = node.getHandlers();
        for (int i = 0; i < handlers.size() - 1; i++) {
            if (handlers.get(i).getType() == null) {
                ctx.errorAtStart(CODE, "default 'except' must be last", handlers.get(i));
            }
        }
    }
}
