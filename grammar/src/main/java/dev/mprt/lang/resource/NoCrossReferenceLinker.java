package dev.mprt.lang.resource;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.diagnostics.IDiagnosticConsumer;
import org.eclipse.xtext.linking.ILinker;

/**
 * The grammar has no cross-references (Python names are resolved by dev.mprt.lang.semantic, not by Xtext's
 * linker), so linking has nothing to do; Xtext's lazy linker would still walk every node on every edit.
 */
public class NoCrossReferenceLinker implements ILinker {

    @Override
    public void linkModel(EObject model, IDiagnosticConsumer diagnosticsConsumer) {
        // nothing to link
    }
}
