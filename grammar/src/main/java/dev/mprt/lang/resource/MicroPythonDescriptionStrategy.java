package dev.mprt.lang.resource;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.impl.DefaultResourceDescriptionStrategy;
import org.eclipse.xtext.util.IAcceptor;

import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Elif;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Statement;

/**
 * What Xtext's index records of a module, computed without walking every expression: only statements can define
 * what the index exports (functions and classes, named by {@code MicroPythonNames}; workspace symbols come from it),
 * so the walk stops at expressions, which are most of a tree. There are no cross-references, so no reference
 * descriptions either. Both walks ran over the whole tree on every edit before.
 */
public class MicroPythonDescriptionStrategy extends DefaultResourceDescriptionStrategy {

    @Override
    public boolean createEObjectDescriptions(EObject object, IAcceptor<IEObjectDescription> acceptor) {
        if (!(object instanceof PyFile || object instanceof Statement || object instanceof Block
                || object instanceof Decorated || object instanceof Elif || object instanceof ExceptHandler)) {
            return false;
        }
        return super.createEObjectDescriptions(object, acceptor);
    }

    @Override
    public boolean createReferenceDescriptions(EObject from, URI exportedContainerURI,
            IAcceptor<IReferenceDescription> acceptor) {
        return false;
    }
}
