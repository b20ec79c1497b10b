package dev.mprt.lang.semantic;

import org.eclipse.emf.ecore.EObject;

/**
 * Where a name is bound: the binding node (a FunctionDef, ClassDef, Parameter, target Name, ImportName,
 * ImportAlias or ExceptHandler) in its module.
 */
public record Definition(String name, EObject node, ModuleInfo module) {
}
