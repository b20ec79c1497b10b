package dev.mprt.lang.editor;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/** Hover text (Markdown): the signature or inferred type of what is named at an offset, and its docstring. */
public final class Hovers {

    /** Markdown and the range of the name it is about. */
    public record Hover(String markdown, int start, int end) {
    }

    private Hovers() {
    }

    public static Hover at(SemanticModel model, int offset) {
        ILeafNode leaf = Navigation.identifierAt(model.module(), offset);
        if (leaf == null) {
            return null;
        }
        List<Definition> defs = Navigation.definitionsAt(model, offset);
        if (defs.isEmpty()) {
            return null;
        }
        Definition d = defs.get(defs.size() - 1);
        String md = describe(model, d, defs);
        return md == null ? null : new Hover(md, leaf.getOffset(), leaf.getEndOffset());
    }

    /** The Markdown description of a definition, or null. */
    public static String describe(SemanticModel model, Definition d) {
        return describe(model, d, List.of(d));
    }

    /**
     * As {@link #describe(SemanticModel, Definition)}; a variable's type comes from the last of {@code all} (its
     * bindings in order) whose type is known, so {@code count += 1} after {@code count = 0} is still an int.
     */
    private static String describe(SemanticModel model, Definition d, List<Definition> all) {
        EObject node = d.node();
        String origin = d.module().stub() ? "\n\n*" + d.module().name() + "* (board stub)"
                : d.module() != model.module() ? "\n\n*" + d.module().name() + "*" : "";
        if (node instanceof FunctionDef f) {
            String owner = SemanticModel.ownerClass(f) != null ? SemanticModel.ownerClass(f).getName() + "." : "";
            return code((f.isAsync() ? "async " : "") + "def " + owner + signature(f)) + doc(f.getBody()) + origin;
        }
        if (node instanceof ClassDef c) {
            String bases = c.getArgs().isEmpty() ? "" : "(" + String.join(", ", c.getArgs().stream()
                    .map(Hovers::text).toList()) + ")";
            return code("class " + c.getName() + bases) + doc(c.getBody()) + origin;
        }
        if (node instanceof PyFile f) {
            return code("module " + d.module().name()) + moduleDoc(f) + origin;
        }
        PyType t = model.typeOf(d);
        for (int i = all.size() - 1; i >= 0 && t instanceof PyType.Unknown; i--) {
            t = model.typeOf(all.get(i));
        }
        String kind = node instanceof Parameter ? "(parameter) " : "";
        return code(kind + d.name() + ": " + typeName(t)) + origin;
    }

    /** {@code name(params) -> annotation}, the parameters as written. */
    public static String signature(FunctionDef f) {
        StringBuilder sb = new StringBuilder(f.getName()).append('(');
        for (int i = 0; i < f.getParams().size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(text(f.getParams().get(i)));
        }
        sb.append(')');
        if (f.getReturnAnnotation() != null) {
            sb.append(" -> ").append(text(f.getReturnAnnotation()));
        }
        return sb.toString();
    }

    public static String typeName(PyType t) {
        if (t instanceof PyType.Instance i) {
            return i.cls().getName();
        }
        if (t instanceof PyType.Class c) {
            return "type[" + c.node().getName() + "]";
        }
        if (t instanceof PyType.Module m) {
            return "module " + m.module().name();
        }
        if (t instanceof PyType.Function f) {
            return "def " + signature(f.node());
        }
        return "unknown";
    }

    static String text(EObject o) {
        INode n = NodeModelUtils.getNode(o);
        return n == null ? "" : NodeModelUtils.getTokenText(n);
    }

    private static String code(String s) {
        return "```python\n" + s + "\n```";
    }

    private static String doc(Block body) {
        return body == null ? "" : docOf(body.getStatements());
    }

    private static String moduleDoc(PyFile f) {
        return docOf(f.getStatements());
    }

    private static String docOf(List<Statement> statements) {
        if (statements.isEmpty() || !(statements.get(0) instanceof ExprStatement s) || !s.getValues().isEmpty()) {
            return "";
        }
        Expression e = s.getExpression();
        if (!(e instanceof Str str) || str.getParts().isEmpty()) {
            return "";
        }
        String doc = Docstrings.text(str.getParts().get(0));
        return doc.isBlank() ? "" : "\n\n" + doc;
    }
}
