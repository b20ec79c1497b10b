package dev.mprt.lang.check.syntax;

import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.scope.Scopes;

/** {@code compile_import_from}: {@code from m import *} only in module-level code. */
public final class ImportStarNotAtModuleLevelCheck extends NodeCheck<ImportFrom> {

    public static final String CODE = "syntax-import-star-not-module";

    public ImportStarNotAtModuleLevelCheck() {
        super(ImportFrom.class);
    }

    @Override
    protected void check(ImportFrom node, CheckContext ctx) {
        if (node.isWildcard() && !(Scopes.scopeNode(node) instanceof PyFile)) {
            ctx.error(CODE, "import * not at module level", node);
        }
    }
}
