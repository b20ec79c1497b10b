package dev.mprt.lang.check.syntax;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;

/**
 * {@code compile_funcdef_lambdef_param} and {@code compile_scope_func_lambda_param}: a positional parameter
 * without a default after one with a default; anything after {@code **kw} or a second {@code *} ("invalid
 * syntax"); a parameter name used twice.
 */
public final class ParameterListCheck implements Check {

    public static final String NON_DEFAULT_AFTER_DEFAULT = "syntax-non-default-after-default";
    public static final String ORDER = "syntax-parameter-order";
    public static final String NAME_REUSED = "syntax-argument-name-reused";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (node instanceof FunctionDef f) {
            check(f.getParams(), ctx);
        } else if (node instanceof Lambda l) {
            check(l.getParams(), ctx);
        }
    }

    private static void check(List<Parameter> params, CheckContext ctx) {
        boolean star = false;
        boolean doubleStar = false;
        boolean defaults = false;
        Set<String> names = new HashSet<>();
        for (Parameter p : params) {
            if (p.isSlash()) {
                continue; // reported by PositionalOnlyMarkerCheck
            }
            if (doubleStar) {
                ctx.error(ORDER, "invalid syntax", p);
            } else if (p.isStar()) {
                if (star) {
                    ctx.error(ORDER, "invalid syntax", p);
                }
                star = true;
            } else if (p.isDstar()) {
                doubleStar = true;
            } else if (p.getDefault() != null) {
                defaults = true;
            } else if (defaults && !star) {
                ctx.error(NON_DEFAULT_AFTER_DEFAULT, "non-default argument follows default argument", p);
            }
            if (p.getName() != null && !names.add(p.getName())) {
                ctx.error(NAME_REUSED, "argument name reused", p);
            }
        }
    }
}
