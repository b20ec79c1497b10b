package dev.mprt.lang.resource;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.nodemodel.BidiTreeIterator;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.impl.AbstractNode;
import org.eclipse.xtext.nodemodel.impl.CompositeNode;
import org.eclipse.xtext.nodemodel.impl.LeafNode;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.nodemodel.impl.RootNode;

/**
 * The splice of a root node's children, for the partial re-parse of top-level statements
 * ({@link StatementReparser}). Xtext sets the node model's links (parent, siblings, leaf offsets) only from its own
 * package, whose jar is signed, so they are reached here through method handles; this follows what Xtext's
 * {@link NodeModelBuilder#replaceAndTransferLookAhead} does for one node.
 */
final class NodeSplicer {

    private static final MethodHandle SET_PARENT;
    private static final MethodHandle SET_PREVIOUS;
    private static final MethodHandle SET_NEXT;
    private static final MethodHandle GET_NEXT;
    private static final MethodHandle GET_FIRST_CHILD;
    private static final MethodHandle SET_FIRST_CHILD;
    private static final MethodHandle SET_OFFSET;

    static {
        try {
            MethodHandles.Lookup node = MethodHandles.privateLookupIn(AbstractNode.class, MethodHandles.lookup());
            MethodHandles.Lookup composite = MethodHandles.privateLookupIn(CompositeNode.class, MethodHandles.lookup());
            MethodHandles.Lookup leaf = MethodHandles.privateLookupIn(LeafNode.class, MethodHandles.lookup());
            SET_PARENT = node.findVirtual(AbstractNode.class, "basicSetParent",
                    MethodType.methodType(void.class, CompositeNode.class));
            SET_PREVIOUS = node.findVirtual(AbstractNode.class, "basicSetPreviousSibling",
                    MethodType.methodType(void.class, AbstractNode.class));
            SET_NEXT = node.findVirtual(AbstractNode.class, "basicSetNextSibling",
                    MethodType.methodType(void.class, AbstractNode.class));
            GET_NEXT = node.findVirtual(AbstractNode.class, "basicGetNextSibling",
                    MethodType.methodType(AbstractNode.class));
            GET_FIRST_CHILD = composite.findVirtual(CompositeNode.class, "basicGetFirstChild",
                    MethodType.methodType(AbstractNode.class));
            SET_FIRST_CHILD = composite.findVirtual(CompositeNode.class, "basicSetFirstChild",
                    MethodType.methodType(void.class, AbstractNode.class));
            SET_OFFSET = leaf.findVirtual(LeafNode.class, "basicSetTotalOffset", MethodType.methodType(void.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final NodeModelBuilder BUILDER = new NodeModelBuilder();

    private NodeSplicer() {
    }

    /** Whether {@code node} is a root node this class can splice. */
    static boolean isSpliceable(ICompositeNode node) {
        return node instanceof RootNode;
    }

    /**
     * Replaces the children {@code from..to} (inclusive) of {@code root} by the children of {@code donor} from index
     * {@code skip} on, gives every leaf its offset in {@code newText} and makes {@code newText} the root's text.
     */
    static void splice(ICompositeNode root, int from, int to, ICompositeNode donor, int skip, String newText) {
        try {
            CompositeNode r = (CompositeNode) root;
            List<AbstractNode> old = children(r);
            List<AbstractNode> given = children((CompositeNode) donor);
            List<AbstractNode> all = new ArrayList<>(old.size() - (to - from + 1) + given.size() - skip);
            all.addAll(old.subList(0, from));
            all.addAll(given.subList(skip, given.size()));
            all.addAll(old.subList(to + 1, old.size()));
            SET_FIRST_CHILD.invoke((CompositeNode) donor, (AbstractNode) null);
            relink(r, all);
            for (AbstractNode gone : old.subList(from, to + 1)) {
                // detached: their text cannot be read any more (it would be read from the new text)
                SET_PARENT.invoke(gone, (CompositeNode) null);
                SET_PREVIOUS.invoke(gone, (AbstractNode) null);
                SET_NEXT.invoke(gone, (AbstractNode) null);
            }
            int offset = 0;
            for (BidiTreeIterator<AbstractNode> it = r.basicIterator(); it.hasNext();) {
                AbstractNode n = it.next();
                if (n instanceof LeafNode leaf) {
                    SET_OFFSET.invokeExact(leaf, offset);
                    offset += leaf.getTotalLength();
                }
            }
            if (offset != newText.length()) {
                throw new IllegalStateException(
                        "spliced leaves cover " + offset + " characters, the text has " + newText.length());
            }
            BUILDER.setCompleteContent(r, newText);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<AbstractNode> children(CompositeNode parent) throws Throwable {
        List<AbstractNode> out = new ArrayList<>();
        AbstractNode first = (AbstractNode) GET_FIRST_CHILD.invoke(parent);
        if (first == null) {
            return out;
        }
        AbstractNode n = first;
        do {
            out.add(n);
            n = (AbstractNode) GET_NEXT.invoke(n);
        } while (n != first && n != null);
        return out;
    }

    private static void relink(CompositeNode parent, List<AbstractNode> nodes) throws Throwable {
        int n = nodes.size();
        if (n == 0) {
            SET_FIRST_CHILD.invoke(parent, (AbstractNode) null);
            return;
        }
        for (int i = 0; i < n; i++) {
            AbstractNode c = nodes.get(i);
            SET_PARENT.invoke(c, parent);
            SET_PREVIOUS.invoke(c, nodes.get((i - 1 + n) % n));
            SET_NEXT.invoke(c, nodes.get((i + 1) % n));
        }
        SET_FIRST_CHILD.invoke(parent, nodes.get(0));
    }
}
