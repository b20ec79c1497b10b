package dev.mprt.lang.parser;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.naming.QualifiedName;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.FunctionDef;

/**
 * Python scoping is not Xtext linking: names are resolved by our own semantic model, never by cross-references.
 * Only functions and classes get qualified names (for workspace symbols); parameters and locals get none, which
 * also keeps Xtext's index small.
 */
public class MicroPythonNames extends IQualifiedNameProvider.AbstractImpl {

    @Override
    public QualifiedName getFullyQualifiedName(EObject obj) {
        String name;
        if (obj instanceof FunctionDef f) {
            name = f.getName();
        } else if (obj instanceof ClassDef c) {
            name = c.getName();
        } else {
            return null;
        }
        if (name == null) {
            return null;
        }
        EObject container = obj.eContainer();
        while (container != null && !(container instanceof FunctionDef) && !(container instanceof ClassDef)) {
            container = container.eContainer();
        }
        QualifiedName own = QualifiedName.create(name);
        QualifiedName outer = container == null ? null : getFullyQualifiedName(container);
        return outer == null ? own : outer.append(own);
    }
}
