package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.emitter.ViperType;
import dev.mprt.lang.emitter.ViperTypes;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;

/**
 * What the viper compiler decides about locals, shown in the editor: an inlay hint with the type each viper local
 * takes at its first store (rules A3.1: the first store in code order fixes the type for the whole function), and
 * the viper type of a local or parameter for hover. The types come from {@link ViperTypes}, the same replay the
 * {@code viper-*} checks use, so a hint never disagrees with a diagnostic.
 */
public final class ViperHints {

    /** A hint shown after the name at {@code offset}: {@code label} is e.g. {@code ": int"}. */
    public record Hint(int offset, String label, String tooltip) {
    }

    private final PyFile file;
    private final String board;
    private final ScopeTree scopes;
    private ViperTypes.Context context;

    /** The context (constants of the whole module) is built on first use: most hovers are not in viper code. */
    public ViperHints(PyFile file, ScopeTree scopes, String board) {
        this.file = file;
        this.board = board;
        this.scopes = scopes;
    }

    public ViperHints(PyFile file, String board) {
        this(file, null, board);
    }

    private ViperTypes.Context context(ScopeTree scopes) {
        int bits = Boards.smallIntBits(board);
        ConstTable consts = ConstTable.build(file, bits, Syntax.documentText(file).contains("const"));
        return new ViperTypes.Context(scopes, consts, Boards.arch(board));
    }

    private ViperTypes.Context context() {
        if (context == null) {
            context = context(scopes != null ? scopes : ScopeBuilder.build(file));
        }
        return context;
    }

    /** Hints for the viper locals stored in {@code [from, to)} (offsets), in text order. */
    public List<Hint> inlay(int from, int to) {
        List<Hint> out = new ArrayList<>();
        String text = Syntax.documentText(file);
        if (!text.contains("viper")) {
            return out;
        }
        for (var it = file.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (!(o instanceof FunctionDef || o instanceof Lambda) || !isViper(o)) {
                continue;
            }
            ICompositeNode n = NodeModelUtils.getNode(o);
            if (n == null || n.getEndOffset() < from || n.getOffset() > to) {
                continue;
            }
            ViperTypes.Result r = ViperTypes.infer(o, context());
            for (ViperTypes.Local local : r.locals().values()) {
                if (local.parameter() || !(local.firstStore() instanceof Name target)
                        || local.type() == null || local.type() == ViperType.UNBOUND) {
                    continue;
                }
                int end = Syntax.endOffset(target);
                if (end < from || end > to || end < 0 || (end < text.length() && text.charAt(end) == ':')) {
                    continue; // outside the range, or annotated where it is stored
                }
                out.add(new Hint(end, ": " + local.type().qstr(), "viper: '" + local.name()
                        + "' is " + local.type().qstr() + " from its first store on (every later store must be "
                        + local.type().qstr() + ")"));
            }
        }
        out.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return out;
    }

    /**
     * The viper type of the local or parameter named at {@code offset} when it is in viper code, e.g. {@code "ptr8"};
     * null elsewhere.
     */
    public String typeAt(int offset) {
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(NodeModelUtils.getNode(file), offset);
        if (leaf == null || leaf.isHidden()) {
            return null;
        }
        EObject o = NodeModelUtils.findActualSemanticObjectFor(leaf);
        String name = o instanceof Name n ? n.getId() : o instanceof Parameter p ? p.getName() : null;
        if (name == null) {
            return null;
        }
        EObject scope = o instanceof Parameter ? o.eContainer() : o;
        while (scope != null && !(scope instanceof FunctionDef || scope instanceof Lambda)) {
            scope = scope.eContainer();
        }
        if (scope == null || !isViper(scope)) {
            return null;
        }
        ViperType t = ViperTypes.infer(scope, context()).typeOf(name);
        return t == null || t == ViperType.UNBOUND ? null : t.qstr();
    }

    /** Hover text for a viper local or parameter at {@code offset} (Markdown), or null outside viper code. */
    public String hover(int offset) {
        String type = typeAt(offset);
        if (type == null) {
            return null;
        }
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(NodeModelUtils.getNode(file), offset);
        EObject o = NodeModelUtils.findActualSemanticObjectFor(leaf);
        String kind = o instanceof Parameter ? "viper parameter" : "viper local";
        return "```python\n(" + kind + ") " + leaf.getText() + ": " + type + "\n```\n\n"
                + (type.equals("object") ? "A Python object: operations on it go through the runtime."
                        : "A native " + type + ": machine arithmetic, no heap objects; every store to it must be "
                                + type + ".");
    }

    private boolean isViper(EObject scopeNode) {
        return Emitters.of(scopeNode, Boards.inlineAsmArch(board)).kind() == Emitters.Kind.VIPER;
    }
}
