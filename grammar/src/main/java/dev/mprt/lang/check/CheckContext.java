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
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.ModuleLoader;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.semantic.SemanticModel;
import dev.mprt.lang.semantic.StubSources;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Related;
import org.eclipse.xtext.util.LineAndColumn;

/** What a check may use: the options, the text, and a sink for diagnostics ranged on nodes. */
public final class CheckContext {

    private final PyFile root;
    private final AnalysisOptions options;
    private final List<Diagnostic> out;
    private final ModuleLoader loader;
    private ScopeTree scopes;
    private SemanticModel semantic;
    private final java.util.Map<Object, Object> memo = new java.util.HashMap<>();

    private final List<? extends EObject> focus;

    CheckContext(PyFile root, AnalysisOptions options, List<Diagnostic> out, ModuleLoader loader,
            List<? extends EObject> focus) {
        this.root = root;
        this.options = options;
        this.out = out;
        this.loader = loader;
        this.focus = focus;
    }

    /**
     * The nodes to check, in pre-order, the module at index 0: the whole module, or for an incremental analysis
     * only the top-level statements an edit replaced (whole-module models such as {@link #scopes()} still cover
     * everything). Checks that walk the tree themselves from the module node walk this.
     */
    public dev.mprt.lang.ast.util.FlatTree tree() {
        return focus == null ? dev.mprt.lang.ast.util.FlatTree.of(root)
                : memo(CheckContext.class, () -> dev.mprt.lang.ast.util.FlatTree.of(root, focus));
    }

    /**
     * The semantic model of the module being checked, with the workspace's modules and the board's stubs; built
     * on first use.
     */
    public SemanticModel semantic() {
        if (semantic == null) {
            ModuleInfo self = new ModuleInfo("__main__", options.uri() == null ? "" : options.uri(), root, scopes(),
                    false);
            semantic = new SemanticModel(self, loader,
                    ModuleSources.firstOf(options.workspace(), StubSources.forBoard(options.board())));
        }
        return semantic;
    }

    /**
     * A whole-file result shared by several checks (e.g. a model they all report from), computed on first use.
     * {@code key} identifies it (its class, typically).
     */
    @SuppressWarnings("unchecked")
    public <T> T memo(Object key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            v = compute.get();
            memo.put(key, v);
        }
        return (T) v;
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

    /**
     * The source range of {@code node} without leading/trailing hidden tokens, as {@code {start, end}}, or null for
     * a node without text.
     */
    public int[] range(EObject node) {
        ICompositeNode n = NodeModelUtils.getNode(node);
        return n == null ? null : new int[] {n.getOffset(), Math.max(n.getOffset(), n.getEndOffset())};
    }

    /**
     * A related place at {@code node}, which may be in this document or in another module of the program (e.g. a
     * handler's registration in a workspace module): {@code uri} is that module's {@link ModuleInfo#uri()}, or
     * null for this document. Null when the node has no text.
     */
    public Related related(EObject node, String uri, String message) {
        ICompositeNode n = NodeModelUtils.getNode(node);
        if (n == null) {
            return null;
        }
        LineAndColumn s = NodeModelUtils.getLineAndColumn(n, n.getOffset());
        LineAndColumn e = NodeModelUtils.getLineAndColumn(n, Math.max(n.getOffset(), n.getEndOffset()));
        String own = options.uri();
        String where = uri == null || uri.isEmpty() || uri.equals(own) ? null : uri;
        return new Related(where, s.getLine() - 1, s.getColumn() - 1, e.getLine() - 1, e.getColumn() - 1, message);
    }
}
