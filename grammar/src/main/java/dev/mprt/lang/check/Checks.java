package dev.mprt.lang.check;

import dev.mprt.lang.ast.util.FlatTree;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.parser.IParseResult;

import com.google.inject.Inject;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.diagnostics.Codes;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.semantic.ModuleLoader;

/** Runs every registered check over a tree in one walk. The registry is {@link CheckRegistry}. */
public final class Checks {

    private final List<Check> checks = CheckRegistry.all();
    private final ModuleLoader loader;

    @Inject
    Checks(ModuleLoader loader) {
        this.loader = loader;
    }

    public void run(IParseResult parse, AnalysisOptions options, List<Diagnostic> out) {
        run(parse, options, out, null);
    }

    /** The checks' names, in the order {@link #run(IParseResult, AnalysisOptions, List, long[])} times them. */
    public List<String> names() {
        return checks.stream().map(c -> c.getClass().getSimpleName()).toList();
    }

    /**
     * As {@link #run(IParseResult, AnalysisOptions, List)}; when {@code nanos} is given (one slot per check, see
     * {@link #names()}), adds each check's time to its slot (for the benchmarks; a memo shared by several checks is
     * charged to the first that asks).
     */
    public void run(IParseResult parse, AnalysisOptions options, List<Diagnostic> out, long[] nanos) {
        run(parse, options, out, nanos, null);
    }

    /**
     * As {@link #run(IParseResult, AnalysisOptions, List, long[])}, visiting only the module node and the subtrees of
     * {@code focus} (top-level statements) when it is given: the findings located in those statements are the
     * whole run's; elsewhere some may be missing.
     */
    public void run(IParseResult parse, AnalysisOptions options, List<Diagnostic> out, long[] nanos,
            List<? extends EObject> focus) {
        if (!(parse.getRootASTElement() instanceof PyFile root)) {
            return;
        }
        CheckContext context = new CheckContext(root, options, out, loader, focus);
        boolean[] failed = new boolean[checks.size()];
        FlatTree tree = context.tree();
        for (int i = 0; i < tree.size(); i++) {
            visitAll(tree.get(i), context, failed, out, nanos);
        }
    }

    /**
     * Offers a node to every check. A check that throws (a bug, on some unforeseen tree) is reported once as
     * {@code internal-error} and skipped for the rest of this file: the other checks' findings are never lost.
     */
    private void visitAll(EObject node, CheckContext context, boolean[] failed, List<Diagnostic> out, long[] nanos) {
        for (int i = 0; i < checks.size(); i++) {
            if (failed[i]) {
                continue;
            }
            long t0 = nanos == null ? 0 : System.nanoTime();
            try {
                checks.get(i).visit(node, context);
                if (nanos != null) {
                    nanos[i] += System.nanoTime() - t0;
                }
            } catch (RuntimeException | StackOverflowError e) {
                failed[i] = true;
                out.add(new Diagnostic(Codes.INTERNAL_ERROR, Severity.WARNING, "mprt's check "
                        + checks.get(i).getClass().getSimpleName() + " failed on this file (" + e
                        + "); its findings here are missing. Please report this.", 0, 0));
            }
        }
    }
}
