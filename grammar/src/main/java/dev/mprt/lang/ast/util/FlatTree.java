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
