package dev.mprt.lang.ast.util;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.emf.ecore.EObject;

/**
 * A syntax tree's nodes in pre-order, as an array, with where each node's subtree ends. The analysis walks a file's
 * tree several times (the checks' walk, const() declarations and uses, names); EMF's reflective tree iterators cost
 * more than the work done per node, so the tree is flattened once per parse and the walks index into it. Cached
 * with the root (as an EMF adapter): a new parse makes a new root. The tree must not change afterwards;
 * the analysis never changes it.
 */
public final class FlatTree {

    private final EObject[] nodes;
    private final int[] end;

    private FlatTree(EObject root) {
        List<EObject> list = new ArrayList<>(1024);
        List<Integer> ends = new ArrayList<>(1024);
        add(root, list, ends);
        nodes = list.toArray(new EObject[0]);
        end = new int[ends.size()];
        for (int i = 0; i < end.length; i++) {
            end[i] = ends.get(i);
        }
    }

    /** The flattened tree of {@code root} (built on first use for this root). */
    public static FlatTree of(EObject root) {
        synchronized (root) {
            for (Adapter a : root.eAdapters()) {
                if (a instanceof Holder h) {
                    return h.tree;
                }
            }
            FlatTree t = new FlatTree(root);
            root.eAdapters().add(new Holder(t));
            return t;
        }
    }

    /** Keeps the flattened tree with its root (an adapter, so that it lives and dies with the tree). */
    private static final class Holder extends AdapterImpl {

        final FlatTree tree;

        Holder(FlatTree tree) {
            this.tree = tree;
        }
    }

    private static void add(EObject node, List<EObject> list, List<Integer> ends) {
        // iterative, so that deeply nested expressions cannot overflow the stack
        List<EObject> stack = new ArrayList<>();
        List<Integer> open = new ArrayList<>();
        stack.add(node);
        while (!stack.isEmpty()) {
            EObject o = stack.remove(stack.size() - 1);
            if (o == null) { // marks the end of the subtree opened last
                int at = open.remove(open.size() - 1);
                ends.set(at, list.size());
                continue;
            }
            open.add(list.size());
            list.add(o);
            ends.add(-1);
            stack.add(null);
            // eContents() is a sequential view: iterate it once, forwards, then push the children in reverse
            int first = stack.size();
            for (EObject child : o.eContents()) {
                stack.add(child);
            }
            java.util.Collections.reverse(stack.subList(first, stack.size()));
        }
    }

    private FlatTree(EObject[] nodes, int[] end) {
        this.nodes = nodes;
        this.end = end;
    }

    /**
     * A walk over part of a tree: {@code root} at index 0, then the subtrees of {@code parts} one after the other
     * (the incremental analysis re-checks only the statements an edit replaced). Not cached.
     */
    public static FlatTree of(EObject root, List<? extends EObject> parts) {
        int size = 1;
        List<FlatTree> trees = new ArrayList<>(parts.size());
        for (EObject p : parts) {
            FlatTree t = of(p);
            trees.add(t);
            size += t.size();
        }
        EObject[] nodes = new EObject[size];
        int[] end = new int[size];
        nodes[0] = root;
        end[0] = size;
        int at = 1;
        for (FlatTree t : trees) {
            System.arraycopy(t.nodes, 0, nodes, at, t.size());
            for (int i = 0; i < t.size(); i++) {
                end[at + i] = t.end[i] + at;
            }
            at += t.size();
        }
        return new FlatTree(nodes, end);
    }

    /**
     * The top-level statements of a module whose text contains one of {@code words}, in order: a walk for nodes
     * that can only be in such statements need not look at the others (each statement's flattened tree stays
     * cached with it, so that an edit that re-parses some statements leaves the others' as they were).
     */
    public static List<dev.mprt.lang.ast.Statement> statementsMentioning(dev.mprt.lang.ast.PyFile root,
            String... words) {
        List<dev.mprt.lang.ast.Statement> all = root.getStatements();
        org.eclipse.xtext.nodemodel.INode rootNode = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(root);
        if (rootNode == null) {
            return all;
        }
        String text = rootNode.getRootNode().getText();
        int[] starts = new int[all.size()];
        for (int i = 0; i < starts.length; i++) {
            org.eclipse.xtext.nodemodel.INode n = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(all.get(i));
            starts[i] = n == null ? -1 : n.getTotalOffset();
        }
        boolean[] marked = new boolean[all.size()];
        for (String w : words) {
            for (int at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
                int i = java.util.Arrays.binarySearch(starts, at);
                i = i >= 0 ? i : -i - 2;
                if (i >= 0) {
                    marked[i] = true;
                }
            }
        }
        List<dev.mprt.lang.ast.Statement> out = new ArrayList<>();
        for (int i = 0; i < marked.length; i++) {
            if (marked[i]) {
                out.add(all.get(i));
            }
        }
        return out;
    }

    /** The number of nodes, the root included (index 0). */
    public int size() {
        return nodes.length;
    }

    public EObject get(int i) {
        return nodes[i];
    }

    /** The index just after the last node of the subtree at {@code i}: continue there to skip the subtree. */
    public int end(int i) {
        return end[i];
    }
}
