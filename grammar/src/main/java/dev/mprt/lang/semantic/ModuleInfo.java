package dev.mprt.lang.semantic;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.scope.ScopeTree;

/** A parsed module with its scopes: the unit the semantic model resolves names in. */
public record ModuleInfo(String name, String uri, PyFile root, ScopeTree scopes, boolean stub) {
}
