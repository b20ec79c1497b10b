package dev.mprt.lang.ast.util;

import java.util.ArrayList;
import java.util.List;

import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;

/** Reading the one {@link ExprStatement} node that stands for expression statements and all assignments. */
public final class Statements {

    private Statements() {
    }

    /** {@code a = b = v}: true. Also true for annotated assignments with a value. */
    public static boolean isAssignment(ExprStatement s) {
        return s.getAugOp() == null && !s.getValues().isEmpty();
    }

    public static boolean isAugmented(ExprStatement s) {
        return s.getAugOp() != null;
    }

    public static boolean isAnnotated(ExprStatement s) {
        return s.getAnnotation() != null;
    }

    /** The targets of a plain or annotated assignment: the expression and every value but the last. */
    public static List<Expression> targets(ExprStatement s) {
        if (!isAssignment(s)) {
            return List.of();
        }
        List<Expression> targets = new ArrayList<>();
        targets.add(s.getExpression());
        List<Expression> values = s.getValues();
        targets.addAll(values.subList(0, values.size() - 1));
        return targets;
    }

    /** The assigned value of a plain, augmented or annotated assignment, or null. */
    public static Expression value(ExprStatement s) {
        List<Expression> values = s.getValues();
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }
}
