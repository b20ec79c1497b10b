package dev.mprt.lang.check;

import org.eclipse.emf.ecore.EObject;

/** A check that looks at one kind of node. */
public abstract class NodeCheck<T extends EObject> implements Check {

    private final Class<T> type;

    protected NodeCheck(Class<T> type) {
        this.type = type;
    }

    @Override
    public final void visit(EObject node, CheckContext context) {
        if (type.isInstance(node)) {
            check(type.cast(node), context);
        }
    }

    protected abstract void check(T node, CheckContext context);
}
