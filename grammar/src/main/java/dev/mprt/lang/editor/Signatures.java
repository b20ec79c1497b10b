package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/** Signature help: the callee of the call the cursor is in, its parameters, and which one is being typed. */
public final class Signatures {

    /** An unclosed call before the cursor: the callee chain ({@code a.b().f}) and the argument index. */
    record CallSite(List<Chains.Segment> callee, int argument, String keyword) {
    }

    /** The signature to show: label, each parameter's [start, end) in the label, the active parameter. */
    public record Help(String label, List<int[]> parameters, int activeParameter, String documentation) {
    }

    private Signatures() {
    }

    public static Help at(SemanticModel model, String text, int offset) {
        CallSite call = callSite(text, offset);
        if (call == null) {
            return null;
        }
        EObject context = Completions.contextAt(model.module(), offset);
        FunctionDef f = callee(model, call.callee(), context);
        if (f == null) {
            return null;
        }
        // a class call shows the class's name, not __init__'s
        String name = Chains.resolve(model, call.callee(), context) instanceof PyType.Class c ? c.node().getName()
                : f.getName();
        StringBuilder label = new StringBuilder(name).append('(');
        List<int[]> ranges = new ArrayList<>();
        List<Parameter> shown = new ArrayList<>();
        boolean skipSelf = SemanticModel.ownerClass(f) != null;
        for (Parameter p : f.getParams()) {
            if (skipSelf) {
                skipSelf = false;
                continue;
            }
            if (!shown.isEmpty()) {
                label.append(", ");
            }
            int s = label.length();
            label.append(Hovers.text(p));
            ranges.add(new int[] {s, label.length()});
            shown.add(p);
        }
        label.append(')');
        if (f.getReturnAnnotation() != null && name.equals(f.getName())) {
            label.append(" -> ").append(Hovers.text(f.getReturnAnnotation()));
        }
        int active = Math.min(call.argument(), Math.max(0, shown.size() - 1));
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).isStar() && call.argument() >= i && call.keyword() == null) {
                active = i;
                break;
            }
            if (call.keyword() != null && call.keyword().equals(shown.get(i).getName())) {
                active = i;
            }
        }
        String doc = Hovers.describe(model, new Definition(f.getName(), f, model.module()));
        return new Help(label.toString(), ranges, active, doc);
    }

    /** The function a callee expression denotes: a def, or a class's {@code __init__}. */
    static FunctionDef callee(SemanticModel model, List<Chains.Segment> callee, EObject context) {
        PyType t = Chains.resolve(model, callee, context);
        if (t instanceof PyType.Function fn) {
            return fn.node();
        }
        if (t instanceof PyType.Class c) {
            List<Definition> init = model.members(t).get("__init__");
            if (init != null && !init.isEmpty() && init.get(0).node() instanceof FunctionDef f) {
                return f;
            }
            return classInit(c.node());
        }
        return null;
    }

    private static FunctionDef classInit(ClassDef c) {
        if (c.getBody() == null) {
            return null;
        }
        for (EObject s : c.getBody().getStatements()) {
            EObject d = s instanceof Decorated dec ? dec.getDefinition() : s;
            if (d instanceof FunctionDef f && "__init__".equals(f.getName())) {
                return f;
            }
        }
        return null;
    }

    /**
     * Scans back from the cursor for the innermost unclosed '(' preceded by a name chain, counting the commas at
     * its depth. Strings and comments on the way are skipped roughly (quotes toggle); good enough while typing.
     */
    static CallSite callSite(String text, int offset) {
        int depth = 0;
        int commas = 0;
        int limit = Math.max(0, offset - 4000);
        String keyword = null;
        int lastTopLevelStart = offset;
        for (int i = offset - 1; i >= limit; i--) {
            char c = text.charAt(i);
            if (c == ')' || c == ']' || c == '}') {
                depth++;
            } else if (c == '[' || c == '{') {
                if (depth == 0) {
                    return null;
                }
                depth--;
            } else if (c == '(') {
                if (depth == 0) {
                    List<Chains.Segment> callee = Chains.before(text, i);
                    if (callee.isEmpty()) {
                        return null;
                    }
                    String arg = text.substring(commas == 0 ? i + 1 : lastTopLevelStart, offset).strip();
                    int eq = arg.indexOf('=');
                    if (eq > 0 && (eq + 1 >= arg.length() || arg.charAt(eq + 1) != '=')
                            && "!<>=".indexOf(arg.charAt(eq - 1)) < 0) {
                        keyword = arg.substring(0, eq).strip();
                    }
                    return new CallSite(callee, commas, keyword);
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                if (commas == 0) {
                    lastTopLevelStart = i + 1;
                }
                commas++;
            } else if ((c == '\n') && depth == 0 && i > 0 && text.charAt(i - 1) != '\\' && !insideParens(text, i)) {
                return null;
            }
        }
        return null;
    }

    /** Whether a line break at {@code i} is inside brackets: then the call may continue on this line. */
    private static boolean insideParens(String text, int i) {
        int depth = 0;
        for (int k = i; k >= 0 && k > i - 4000; k--) {
            char c = text.charAt(k);
            if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
                if (depth > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
