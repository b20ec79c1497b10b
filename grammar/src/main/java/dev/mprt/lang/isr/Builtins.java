package dev.mprt.lang.isr;

import java.util.List;

import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.SemanticModel;

/** Recognises calls of builtins by name, unless the program rebinds the name. */
final class Builtins {

    private Builtins() {
    }

    /** The builtin {@code func} names, or null when it is not a builtin (or is shadowed). */
    static String name(Expression func, SemanticModel semantic) {
        if (!(func instanceof Name n) || n.getId() == null) {
            return null;
        }
        List<Definition> defs = semantic.definitions(n);
        if (defs.isEmpty() || defs.stream().allMatch(d -> d.module() != null && "builtins".equals(d.module().name()))) {
            return n.getId();
        }
        return null;
    }
}
