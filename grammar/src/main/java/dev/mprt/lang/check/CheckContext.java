package dev.mprt.lang.check;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.diagnostics.Diagnostic;

/** What a check may use: the options, the text, and a sink for diagnostics ranged on nodes. */
public final class CheckContext {

    private final PyFile root;
    private final AnalysisOptions options;
    private final List<Diagnostic> out;
    private ScopeTree scopes;

    CheckContext(PyFile root, AnalysisOptions options, List<Diagnostic> out) {
        this.root = root;
        this.options = options;
        this.out = out;
    }

    public PyFile root() {
        return root;
    }

    /** The module's scopes as MicroPython's scope pass classifies them; built on first use. */
    public ScopeTree scopes() {
        if (scopes == null) {
            scopes = ScopeBuilder.build(root);
        }
        return scopes;
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

    /** Reports an error on the first token of {@code node} (its keyword, for statements). */
    public void errorAtStart(String code, String message, EObject node) {
        ICompositeNode n = NodeModelUtils.getNode(node);
        if (n == null) {
            return;
        }
        for (ILeafNode leaf : n.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                out.add(Diagnostic.error(code, message, leaf.getOffset(), leaf.getEndOffset()));
                return;
            }
        }
        error(code, message, node);
    }

    public void error(String code, String message, int start, int end) {
        out.add(Diagnostic.error(code, message, start, end));
    }

    public void report(Diagnostic d) {
        out.add(d);
    }
}
