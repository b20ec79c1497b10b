package dev.mprt.lang.check.emitter;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.AstPackage;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.Arch;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.emitter.ViperTypes;

/**
 * What the emitter and const() checks share within one analysis run: the board's targets, the file's parse-time
 * constants (built once, and only when the text mentions "const") and whether any {@code micropython.*} decorator
 * can occur at all. Cached per {@link CheckContext}, which exists for exactly one run.
 */
public final class EmitterFacts {

    private static final Map<CheckContext, EmitterFacts> CACHE = new WeakHashMap<>();

    /** Weak: the cache's value must not keep its key alive. */
    private final java.lang.ref.WeakReference<CheckContext> context;
    private final dev.mprt.lang.ast.PyFile root;
    private final String board;
    private final Arch arch;
    private final Arch asmArch;
    private final boolean mentionsMicropython;
    private final boolean mentionsConst;
    private ConstTable consts;
    private ViperTypes.Context viper;

    private EmitterFacts(CheckContext ctx) {
        this.context = new java.lang.ref.WeakReference<>(ctx);
        this.root = ctx.root();
        this.board = ctx.options() == null ? null : ctx.options().board();
        this.arch = Boards.arch(board);
        this.asmArch = Boards.inlineAsmArch(board);
        String text = Syntax.documentText(ctx.root());
        this.mentionsMicropython = text.contains("micropython");
        this.mentionsConst = text.contains("const");
    }

    public static EmitterFacts of(CheckContext ctx) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(ctx, EmitterFacts::new);
        }
    }

    public Arch arch() {
        return arch;
    }

    /** The board's inline assembler ISA, or null when the port has none. */
    public Arch asmArch() {
        return asmArch;
    }

    /** False when no {@code micropython.*} decorator can be in the file (then no scope is native code). */
    public boolean mayHaveEmitters() {
        return mentionsMicropython;
    }

    public boolean mentionsConst() {
        return mentionsConst;
    }

    public String board() {
        return board;
    }

    public synchronized ConstTable consts() {
        if (consts == null) {
            consts = ConstTable.build(root, Boards.smallIntBits(board), mentionsConst);
        }
        return consts;
    }

    public synchronized ViperTypes.Context viperContext() {
        if (viper == null) {
            CheckContext ctx = context.get();
            viper = new ViperTypes.Context(ctx == null ? null : ctx.scopes(), consts(), arch);
        }
        return viper;
    }

    /** The emitter of the scope a def/class/lambda/comprehension node opens. */
    public Emitters.Emitter emitterOf(EObject scopeNode) {
        return Emitters.of(scopeNode, asmArch);
    }

    // ---------------------------------------------------------------------------------------------- reporting

    public void report(String code, Severity severity, String message, EObject node) {
        int[] r = range(node);
        CheckContext ctx = context.get();
        if (r != null && ctx != null) {
            ctx.report(new Diagnostic(code, severity, message, r[0], r[1], List.of(),
                    EmitterFixes.fixesFor(code, message, node)));
        }
    }

    /**
     * The source range for a finding on {@code node}: a def or class is marked on its name, an except clause on
     * its {@code as} name, anything else on its whole extent.
     */
    public static int[] range(EObject node) {
        if (node == null) {
            return null;
        }
        EStructuralFeature name = node instanceof FunctionDef ? AstPackage.Literals.FUNCTION_DEF__NAME
                : node instanceof ClassDef ? AstPackage.Literals.CLASS_DEF__NAME
                        : node instanceof ExceptHandler h && h.getAsname() != null
                                ? AstPackage.Literals.EXCEPT_HANDLER__ASNAME
                                : null;
        if (name != null) {
            List<INode> nodes = NodeModelUtils.findNodesForFeature(node, name);
            if (!nodes.isEmpty()) {
                INode n = nodes.get(0);
                return new int[] {n.getOffset(), n.getEndOffset()};
            }
        }
        int start = Syntax.offset(node);
        int end = Syntax.endOffset(node);
        return start < 0 ? null : new int[] {start, Math.max(start, end)};
    }
}
