package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Str;

/**
 * Foldable regions as offset pairs: every compound statement (from its header to the end of its block),
 * multi-line strings and displays, and runs of two or more comment lines.
 */
public final class Folding {

    /** A region; {@code comment} marks comment runs (LSP's folding kind "comment"). */
    public record Region(int start, int end, boolean comment) {
    }

    private Folding() {
    }

    public static List<Region> regions(PyFile file, CharSequence text) {
        List<Region> out = new ArrayList<>();
        for (TreeIterator<EObject> it = file.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            EObject owner = o instanceof Block ? o.eContainer() : null;
            if (owner != null && !(owner instanceof PyFile)) {
                INode body = NodeModelUtils.getNode(o);
                if (body != null) {
                    add(out, headerColon(body), Outline.trimmedEnd(body), text, false);
                }
            } else if (o instanceof Str || o instanceof ListExp || o instanceof DictOrSet) {
                INode n = NodeModelUtils.getNode(o);
                if (n != null) {
                    add(out, n.getOffset(), Outline.trimmedEnd(n), text, false);
                }
            }
        }
        commentRuns(file, text, out);
        return out;
    }

    /** The offset of the ':' that ends the clause header before a block. */
    private static int headerColon(INode body) {
        INode root = body.getRootNode();
        for (int k = body.getOffset() - 1; k >= 0;) {
            ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, k);
            if (leaf == null) {
                break;
            }
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                return leaf.getOffset();
            }
            k = leaf.getOffset() - 1;
        }
        return body.getOffset();
    }

    private static void commentRuns(PyFile file, CharSequence text, List<Region> out) {
        INode root = NodeModelUtils.getNode(file).getRootNode();
        int runStart = -1;
        int runEnd = -1;
        int lines = 0;
        for (ILeafNode leaf : root.getLeafNodes()) {
            if (!leaf.isHidden()) {
                if (leaf.getLength() > 0) {
                    if (lines >= 2) {
                        add(out, runStart, runEnd, text, true);
                    }
                    lines = 0;
                }
                continue;
            }
            if (leaf.getText().startsWith("#") && startsLine(text, leaf.getOffset())) {
                if (lines == 0) {
                    runStart = leaf.getOffset();
                }
                runEnd = leaf.getEndOffset();
                lines++;
            }
        }
        if (lines >= 2) {
            add(out, runStart, runEnd, text, true);
        }
    }

    private static boolean startsLine(CharSequence text, int offset) {
        for (int i = offset - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static void add(List<Region> out, int start, int end, CharSequence text, boolean comment) {
        for (int i = start; i < end && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(new Region(start, end, comment));
                return;
            }
        }
    }
}
