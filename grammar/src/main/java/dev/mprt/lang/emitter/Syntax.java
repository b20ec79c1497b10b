package dev.mprt.lang.emitter;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Decorator;

/** Facts about how an expression was written that MicroPython's parse tree keeps and our tree does not. */
public final class Syntax {

    private Syntax() {
    }

    /** Offset of the node's first non-hidden character, or -1. */
    public static int offset(EObject o) {
        ICompositeNode n = o == null ? null : NodeModelUtils.getNode(o);
        return n == null ? -1 : n.getOffset();
    }

    /** Offset just after the node's last non-hidden character, or -1. */
    public static int endOffset(EObject o) {
        ICompositeNode n = o == null ? null : NodeModelUtils.getNode(o);
        return n == null ? -1 : n.getEndOffset();
    }

    /** 1-based line of the node's first token, or 0. */
    public static int line(EObject o) {
        ICompositeNode n = o == null ? null : NodeModelUtils.getNode(o);
        return n == null ? 0 : n.getStartLine();
    }

    /** The full text of the document the node belongs to ("" when unknown). */
    public static String documentText(EObject o) {
        ICompositeNode n = o == null ? null : NodeModelUtils.getNode(o);
        return n == null ? "" : n.getRootNode().getText();
    }

    /**
     * Whether the expression is wrapped in parentheses as a whole: {@code (a + b)}, not {@code (a) + b}. MicroPython's
     * parser keeps such an expression as a separate node (it stops operator chains and constant folding).
     */
    public static boolean isParenthesized(EObject o) {
        ICompositeNode n = o == null ? null : NodeModelUtils.getNode(o);
        if (n == null) {
            return false;
        }
        int depth = 0;
        boolean first = true;
        ILeafNode last = null;
        boolean closedEarly = false;
        for (ILeafNode leaf : n.getLeafNodes()) {
            if (leaf.isHidden() || leaf.getLength() == 0) {
                continue;
            }
            String t = leaf.getText();
            if (first) {
                if (!"(".equals(t)) {
                    return false;
                }
                first = false;
            } else if (depth == 0) {
                closedEarly = true;
            }
            if ("(".equals(t) || "[".equals(t) || "{".equals(t)) {
                depth++;
            } else if (")".equals(t) || "]".equals(t) || "}".equals(t)) {
                depth--;
            }
            last = leaf;
        }
        return !first && !closedEarly && depth == 0 && last != null && ")".equals(last.getText());
    }

    /** Whether a call's argument list ends with a comma ({@code f(a,)}: MicroPython keeps an arglist node). */
    public static boolean hasTrailingComma(EObject call) {
        ICompositeNode n = call == null ? null : NodeModelUtils.getNode(call);
        if (n == null) {
            return false;
        }
        String previous = null;
        String last = null;
        for (ILeafNode leaf : n.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                previous = last;
                last = leaf.getText();
            }
        }
        return ")".equals(last) && ",".equals(previous);
    }

    /** Whether a name is part of a decorator's dotted name (not an expression atom for MicroPython's parser). */
    public static boolean inDecoratorName(EObject o) {
        for (EObject c = o, p = o.eContainer(); p != null; c = p, p = p.eContainer()) {
            if (p instanceof Decorator) {
                return true;
            }
            if (p instanceof dev.mprt.lang.ast.Call call && call.getArgs().contains(c)) {
                return false;
            }
            if (p instanceof dev.mprt.lang.ast.Statement) {
                return false;
            }
        }
        return false;
    }
}
