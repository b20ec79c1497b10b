package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/**
 * The expression chain right before a position in text that may not parse yet: {@code machine.Pin(1).irq} as
 * segments {@code machine}, {@code Pin()}, {@code irq}. Reading it backwards copes with anything after the cursor.
 */
final class Chains {

    /** One name in a chain, and how many call groups {@code (...)} follow it. */
    record Segment(String name, int calls) {
    }

    private Chains() {
    }

    /** The chain ending at {@code end} (exclusive; whitespace before it skipped), or an empty list. */
    static List<Segment> before(String text, int end) {
        List<Segment> out = new ArrayList<>();
        int i = skipSpace(text, end);
        while (true) {
            int calls = 0;
            while (i > 0 && text.charAt(i - 1) == ')') {
                int open = matchingOpen(text, i - 1);
                if (open < 0) {
                    return List.of();
                }
                calls++;
                i = skipSpace(text, open);
            }
            int nameEnd = i;
            while (i > 0 && isIdentPart(text.charAt(i - 1))) {
                i--;
            }
            if (i == nameEnd || Character.isDigit(text.charAt(i))) {
                return List.of();
            }
            out.add(new Segment(text.substring(i, nameEnd), calls));
            int j = skipSpace(text, i);
            if (j > 0 && text.charAt(j - 1) == '.') {
                i = skipSpace(text, j - 1);
                continue;
            }
            Collections.reverse(out);
            return out;
        }
    }

    /** Resolves a chain from its first name at the context node. */
    static PyType resolve(SemanticModel model, List<Segment> chain, EObject context) {
        if (chain.isEmpty()) {
            return PyType.UNKNOWN;
        }
        PyType t = firstType(model.lookup(chain.get(0).name(), context, model.module()), model);
        if (t instanceof PyType.Unknown) {
            t = moduleType(model, chain.get(0).name());
        }
        t = call(model, t, chain.get(0).calls());
        for (int k = 1; k < chain.size() && !(t instanceof PyType.Unknown); k++) {
            Segment s = chain.get(k);
            PyType next = PyType.UNKNOWN;
            List<Definition> member = model.members(t).get(s.name());
            if (member != null) {
                next = firstType(member, model);
            }
            if (next instanceof PyType.Unknown && t instanceof PyType.Module m) {
                next = moduleType(model, m.module().name() + "." + s.name()); // import a.b
            }
            t = call(model, next, s.calls());
        }
        return t;
    }

    private static PyType call(SemanticModel model, PyType t, int calls) {
        for (int c = 0; c < calls && !(t instanceof PyType.Unknown); c++) {
            if (t instanceof PyType.Class cls) {
                t = new PyType.Instance(cls.node(), cls.module());
            } else if (t instanceof PyType.Function f) {
                t = model.annotationType(f.node().getReturnAnnotation(), f.module());
            } else {
                t = PyType.UNKNOWN;
            }
        }
        return t;
    }

    private static PyType firstType(List<Definition> defs, SemanticModel model) {
        for (Definition d : defs) {
            PyType t = model.typeOf(d);
            if (!(t instanceof PyType.Unknown)) {
                return t;
            }
        }
        return PyType.UNKNOWN;
    }

    private static PyType moduleType(SemanticModel model, String name) {
        ModuleInfo m = model.importModule(name);
        return m == null ? PyType.UNKNOWN : new PyType.Module(m);
    }

    private static int matchingOpen(String text, int close) {
        int depth = 0;
        for (int i = close; i >= 0 && i > close - 4000; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int skipSpace(String text, int i) {
        while (i > 0 && (text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
            i--;
        }
        return i;
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
    }
}
