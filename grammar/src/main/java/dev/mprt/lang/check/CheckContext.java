package dev.mprt.lang.check;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.diagnostics.Diagnostic;

/** What a check may use: the options, the text, and a sink for diagnostics ranged on nodes. */
public final class CheckContext {

    private final AnalysisOptions options;
    private final List<Diagnostic> out;

    CheckContext(AnalysisOptions options, List<Diagnostic> out) {
        this.options = options;
        this.out = out;
    }

    public AnalysisOptions options() {
        return options;
    }

    /** Reports an error on the source range of {@code node} (without leading/trailing hidden tokens). */
    public void error(String code, String message, EObject node) {
        ICompositeNode n = NodeModelUtils.getNode(node);
        if (n == null) {
            return;
        }
        int start = n.getOffset();
        int end = n.getEndOffset();
        out.add(Diagnostic.error(code, message, start, Math.max(start, end)));
    }

    public void error(String code, String message, int start, int end) {
        out.add(Diagnostic.error(code, message, start, end));
    }

    public void report(Diagnostic d) {
        out.add(d);
    }
}
