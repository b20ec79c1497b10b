package dev.mprt.lang.check;

import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.parser.IParseResult;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.diagnostics.Diagnostic;

/** Runs every registered check over a tree in one walk. The registry is {@link CheckRegistry}. */
public final class Checks {

    private final List<Check> checks = CheckRegistry.all();

    public void run(IParseResult parse, AnalysisOptions options, List<Diagnostic> out) {
        if (!(parse.getRootASTElement() instanceof PyFile root)) {
            return;
        }
        CheckContext context = new CheckContext(root, options, out);
        for (Check c : checks) {
            c.visit(root, context);
        }
        for (TreeIterator<EObject> it = root.eAllContents(); it.hasNext();) {
            EObject node = it.next();
            for (Check c : checks) {
                c.visit(node, context);
            }
        }
    }
}
