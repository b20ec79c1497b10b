package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/**
 * MicroPython's grammar has no positional-only marker ({@code def f(a, /, b)}): "invalid syntax". Our grammar
 * parses it only so that .pyi stubs, which use it, load; in MicroPython code it is this error.
 */
public final class PositionalOnlyMarkerCheck extends NodeCheck<Parameter> {

    public static final String CODE = "syntax-positional-only";

    public PositionalOnlyMarkerCheck() {
        super(Parameter.class);
    }

    @Override
    protected void check(Parameter node, CheckContext ctx) {
        if (node.isSlash()) {
            ctx.error(CODE, "invalid syntax", node);
        }
    }
}
