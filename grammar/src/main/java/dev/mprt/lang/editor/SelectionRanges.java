package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;

/**
 * "Expand selection": the ranges around an offset from the innermost token out to the whole file, each strictly
 * larger than the one before, following the syntax tree.
 */
public final class SelectionRanges {

    /** A range of offsets, end exclusive. */
    public record Range(int start, int end) {
    }

    private SelectionRanges() {
    }

    public static List<Range> at(IParseResult parse, int offset) {
        ICompositeNode root = parse.getRootNode();
        List<Range> out = new ArrayList<>();
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset);
        if (leaf != null && leaf.isHidden() && offset > 0) {
            ILeafNode before = NodeModelUtils.findLeafNodeAtOffset(root, offset - 1);
            if (before != null && !before.isHidden()) {
                leaf = before;
            }
        }
        INode n = leaf;
        while (n != null) {
            int start = n.getOffset();
            int end = n instanceof ICompositeNode c ? Outline.trimmedEnd(c) : n.getEndOffset();
            if (end > start && (out.isEmpty() || (start <= out.get(out.size() - 1).start()
                    && end >= out.get(out.size() - 1).end() && !out.get(out.size() - 1).equals(new Range(start, end))))) {
                out.add(new Range(start, end));
            }
            n = n.getParent();
        }
        Range whole = new Range(0, root.getTotalEndOffset());
        if (out.isEmpty() || !out.get(out.size() - 1).equals(whole)) {
            out.add(whole);
        }
        return out;
    }
}
