package dev.mprt.lang.resource;

import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Xtext's resource minus the cost of unloading: EMF's unload turns every object of the old tree into a proxy (a URI
 * fragment per object, interned segment by segment) so that references from other resources can be resolved later.
 * MicroPython trees have no cross-references (see {@link NoCrossReferenceLinker}) and nothing keeps an old tree
 * except weak caches, so the language server's builder drops the tree as it is. In docs/benchmarks.md this was a
 * third of every edit's CPU time.
 */
public class MicroPythonResource extends LazyLinkingResource {

    /** The grammar has no cross-references: nothing to resolve, so no walk over the tree to find none. */
    @Override
    public void resolveLazyCrossReferences(CancelIndicator monitor) {
    }

    @Override
    protected void unloaded(InternalEObject object) {
        // no proxy: nothing refers into the replaced tree
    }
}
