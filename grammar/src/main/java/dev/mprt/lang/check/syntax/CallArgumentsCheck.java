package dev.mprt.lang.check.syntax;

import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;

/**
 * {@code compile_trailer_paren_helper}: the order of positional, keyword, {@code *} and {@code **} arguments, a
 * keyword argument's name, and the compile-time limit on where a {@code *} argument may stand (its position must
 * fit a bit of a small int: 30 on 32-bit ports and mpy-cross, 62 on 64-bit unix). Applies to calls and class
 * bases alike. Like MicroPython, stops at the first error of an argument list.
 */
public final class CallArgumentsCheck implements Check {

    public static final String STAR_AFTER_DOUBLE_STAR = "syntax-star-after-double-star";
    public static final String TOO_MANY_ARGS = "syntax-too-many-args";
    public static final String KEYWORD_NOT_NAME = "syntax-keyword-not-name";
    public static final String POSITIONAL_AFTER_DOUBLE_STAR = "syntax-positional-after-double-star";
    public static final String POSITIONAL_AFTER_KEYWORD = "syntax-positional-after-keyword";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (node instanceof Call c) {
            check(c.getArgs(), ctx);
        } else if (node instanceof ClassDef c) {
            check(c.getArgs(), ctx);
        }
    }

    private static void check(List<Expression> args, CheckContext ctx) {
        int starLimit = Boards.smallIntBits(ctx.options().board()) - 1;
        boolean doubleStar = false;
        int keywords = 0;
        for (int i = 0; i < args.size(); i++) {
            Expression a = args.get(i);
            if (a instanceof StarArg) {
                if (doubleStar) {
                    ctx.error(STAR_AFTER_DOUBLE_STAR, "* arg after **", a);
                    return;
                }
                if (i >= starLimit) {
                    ctx.error(TOO_MANY_ARGS, "too many args", a);
                    return;
                }
            } else if (a instanceof DoubleStarArg) {
                doubleStar = true;
                keywords++;
            } else if (a instanceof KeywordArg k) {
                if (!(k.getKey() instanceof Name)) {
                    ctx.error(KEYWORD_NOT_NAME, "LHS of keyword arg must be an id", k.getKey());
                    return;
                }
                keywords++;
            } else if (!(a instanceof NamedExpr) && !(a instanceof GeneratorExp g && isBareGenerator(g))) {
                if (doubleStar) {
                    ctx.error(POSITIONAL_AFTER_DOUBLE_STAR, "positional arg after **", a);
                    return;
                }
                if (keywords > 0) {
                    ctx.error(POSITIONAL_AFTER_KEYWORD, "positional arg after keyword arg", a);
                    return;
                }
            }
        }
    }

    /** {@code f(x for x in y)}: MicroPython's argument rule, which skips the positional-order checks. */
    private static boolean isBareGenerator(GeneratorExp g) {
        org.eclipse.xtext.nodemodel.ICompositeNode n = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(g);
        return n != null && !n.getText().trim().startsWith("(");
    }
}
