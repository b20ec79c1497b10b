package dev.mprt.lang.ast.util;

import java.util.List;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.diagnostics.LineMap;

/**
 * Renders a syntax tree as deterministic, indented text for golden-file tests and debugging, by EMF reflection:
 *
 * <pre>
 * PyFile @1:1-2:8
 *   statements[0]: ExprStatement @1:1-1:6
 *     expression: Name id=x @1:1-1:2
 *     values[0]: BinOp op=+ @1:5-1:6
 * </pre>
 *
 * One line per node: its type, its attributes that are set (booleans only when true, strings bare unless they need
 * quoting, lists as {@code ['a', 'b']}), then its range {@code @line:col-line:col}, 1-based with an exclusive end.
 * Children follow by containment feature, in feature order. A node's range runs from its first to its last
 * significant character: hidden tokens (whitespace, comments, continuations) and the zero-width NEWLINE, INDENT
 * and DEDENT tokens are left out, so a block spans its statements and a parenthesised expression excludes its
 * parentheses.
 */
public final class TreePrinter {

    private static final String INDENT = "  ";

    private TreePrinter() {
    }

    public static String print(EObject root, String sourceText) {
        StringBuilder out = new StringBuilder();
        node(out, root, "", "", new LineMap(sourceText == null ? "" : sourceText));
        return out.toString();
    }

    private static void node(StringBuilder out, EObject obj, String indent, String label, LineMap lines) {
        out.append(indent).append(label).append(obj.eClass().getName());
        for (EAttribute a : obj.eClass().getEAllAttributes()) {
            if (obj.eIsSet(a)) {
                out.append(' ').append(a.getName()).append('=').append(value(obj.eGet(a)));
            }
        }
        range(out, NodeModelUtils.getNode(obj), lines);
        out.append('\n');
        String inner = indent + INDENT;
        for (EReference r : obj.eClass().getEAllContainments()) {
            if (!obj.eIsSet(r)) {
                continue;
            }
            Object v = obj.eGet(r);
            if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    node(out, (EObject) list.get(i), inner, r.getName() + "[" + i + "]: ", lines);
                }
            } else if (v instanceof EObject child) {
                node(out, child, inner, r.getName() + ": ", lines);
            }
        }
    }

    private static String value(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(quote(String.valueOf(list.get(i))));
            }
            return b.append(']').toString();
        }
        String s = String.valueOf(v);
        return isBare(s) ? s : quote(s);
    }

    private static boolean isBare(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c == '\'' || c == '"' || c == '\\' || c == '[' || c == '@' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Like Python's repr of a str: single quotes unless the text has a single quote and no double quote. */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c == q) {
                        b.append('\\').append(c);
                    } else if (c < ' ' || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append(q).toString();
    }

    private static void range(StringBuilder out, INode node, LineMap lines) {
        if (node == null) {
            return;
        }
        int start = -1;
        int end = -1;
        for (ILeafNode leaf : node.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                if (start < 0) {
                    start = leaf.getOffset();
                }
                end = leaf.getEndOffset();
            }
        }
        if (start < 0) {
            start = node.getOffset();
            end = node.getEndOffset();
        }
        out.append(" @").append(lines.line(start) + 1).append(':').append(lines.column(start) + 1)
                .append('-').append(lines.line(end) + 1).append(':').append(lines.column(end) + 1);
    }
}
