package dev.mprt.lang.emitter;

import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.Ellipsis;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.If;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.ast.While;
import dev.mprt.lang.ast.With;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.scope.Scopes;

/**
 * The line MicroPython's compiler puts in the traceback of an error raised at a given expression
 * ({@code compile_error_set_line} and {@code compile_generic_all_nodes} in py/compile.c): the first line of the
 * innermost enclosing element of a multi-item list (statements of a block or of a {@code ;} line, items of a list
 * display, operands of {@code **}) that is not a leaf, else the line of the scope's {@code def}. mprt marks the
 * exact expression; this model says which traceback line that expression corresponds to, so the differential
 * test can compare lines with mpy-cross.
 */
final class MicroPythonLines {

    private MicroPythonLines() {
    }

    /** The smallest tree node whose source range contains the diagnostic. */
    static EObject nodeAt(Analysis a, Diagnostic d) {
        PyFile root = a.root();
        EObject best = root;
        int bestLen = Integer.MAX_VALUE;
        if (root == null) {
            return null;
        }
        for (TreeIterator<EObject> it = root.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            ICompositeNode n = NodeModelUtils.getNode(o);
            if (n == null) {
                continue;
            }
            if (n.getOffset() <= d.start() && n.getEndOffset() >= d.end() && n.getLength() <= bestLen) {
                best = o;
                bestLen = n.getLength();
            }
        }
        return best;
    }

    static int line(EObject o) {
        return Syntax.line(o);
    }

    /** The traceback line MicroPython reports for the error mprt reports as {@code d}. */
    static int lineOf(Analysis a, Diagnostic d, String board) {
        EObject n = nodeAt(a, d);
        if (n == null) {
            return 0;
        }
        ConstTable consts = ConstTable.build(a.root(), Boards.smallIntBits(board), a.text().contains("const"));
        boolean xtensa = Boards.inlineAsmArch(board) == Arch.XTENSA;
        String code = d.code();
        FunctionDef def = null;
        for (EObject c = n; c != null; c = c.eContainer()) {
            if (c instanceof FunctionDef f) {
                def = f;
                break;
            }
        }
        if (code.equals(InlineAsm.REGISTER) || code.equals(InlineAsm.IMMEDIATE) || code.equals(InlineAsm.ADDRESS)
                || code.equals(InlineAsm.LABEL) || code.equals(InlineAsm.UNSUPPORTED)
                || code.equals(InlineAsm.BRANCH_RANGE)) {
            // Xtensa assembles twice for code size: an error of the first pass ends up on the def line
            if (xtensa && def != null && !d.message().startsWith("label '")) {
                return line(def);
            }
            for (EObject c = n; c != null; c = c.eContainer()) {
                if (c instanceof Call call && call.eContainer() instanceof ExprStatement) {
                    return parenLine(call);
                }
            }
        }
        if (code.equals(InlineAsm.PARAMETERS) || code.equals(InlineAsm.NOT_A_FUNCTION)) {
            for (EObject c = n; c != null; c = c.eContainer()) {
                if (c instanceof FunctionDef || c instanceof ClassDef) {
                    return line(c);
                }
            }
        }
        if (code.equals(InlineAsm.LABEL_REDEFINED) && xtensa && def != null) {
            return line(def);
        }
        if (code.equals(InlineAsm.NOT_AN_INSTRUCTION) || code.equals(InlineAsm.DIRECTIVE)
                || code.equals(InlineAsm.LABEL_REDEFINED)) {
            for (EObject c = n; c != null; c = c.eContainer()) {
                if (c instanceof Statement) {
                    return line(c);
                }
            }
        }
        if (code.equals(InlineAsm.RETURN_TYPE) && def != null) {
            if (d.message().equals("unknown type")) {
                return line(def);
            }
            // the pending error takes the line of the first instruction processed
            List<Statement> body = def.getBody() == null ? List.of() : def.getBody().getStatements();
            for (Statement s : body) {
                if (s instanceof ExprStatement e && e.getValues().isEmpty() && e.getExpression() instanceof Call c) {
                    return parenLine(c);
                }
                if (!(s instanceof dev.mprt.lang.ast.Pass)
                        && !(s instanceof ExprStatement e2 && consts.fold(e2.getExpression()) != null)) {
                    break;
                }
            }
            return isLeaf(n, consts) ? line(def) : line(n);
        }
        if (code.equals("const-not-a-constant")) {
            return line(n);
        }
        if (code.equals(ViperTypes.UNKNOWN_TYPE)
                || code.equals(ViperTypes.ANNOTATION_NOT_IDENTIFIER) && isLeaf(n, consts)) {
            EObject owner = n.eContainer() instanceof Parameter p ? p.eContainer() : n.eContainer();
            if (owner instanceof FunctionDef f) {
                return firstCompiledLine(f);
            }
        }
        if (code.equals(ViperTypes.ANNOTATION_NOT_IDENTIFIER)) {
            return line(n);
        }
        return generic(n, consts);
    }

    private static int parenLine(Call call) {
        ICompositeNode node = NodeModelUtils.getNode(call);
        if (node != null) {
            for (ILeafNode leaf : node.getLeafNodes()) {
                if (!leaf.isHidden() && "(".equals(leaf.getText())) {
                    // the first '(' after the instruction name
                    return leaf.getStartLine();
                }
            }
        }
        return line(call);
    }

    /** Where a pending error gets its line once the body is compiled: the innermost first statement. */
    private static int firstCompiledLine(FunctionDef f) {
        List<Statement> body = f.getBody() == null ? List.of() : f.getBody().getStatements();
        if (body.size() < 2) {
            return line(f);
        }
        return descend(body.get(0));
    }

    private static int descend(Statement s) {
        Block inner = s instanceof While w ? w.getBody()
                : s instanceof If i ? i.getBody()
                        : s instanceof For f ? f.getBody()
                                : s instanceof Try t ? t.getBody() : s instanceof With w2 ? w2.getBody() : null;
        if (inner != null && inner.getStatements().size() >= 2) {
            return descend(inner.getStatements().get(0));
        }
        return line(s);
    }

    private static int generic(EObject n, ConstTable bits) {
        EObject scope = n instanceof FunctionDef || n instanceof ClassDef || n instanceof Lambda
                || dev.mprt.lang.scope.ScopeBuilder.isComprehension(n) ? Scopes.scopeNode(n) : Scopes.scopeNode(n);
        for (EObject cur = n; cur != null && cur != scope; cur = cur.eContainer()) {
            EObject p = cur.eContainer();
            if (cur instanceof Statement && (p instanceof Block b && b.getStatements().size() >= 2
                    || p instanceof PyFile f && f.getStatements().size() >= 2)) {
                return line(cur);
            }
            if (p instanceof ListExp l && l.getElements().size() >= 2 && !isLeaf(cur, bits)) {
                return line(cur);
            }
            if (p instanceof BinOp b && "**".equals(b.getOp()) && !isLeaf(cur, bits)) {
                return line(cur);
            }
        }
        return scopeLine(scope);
    }

    private static int scopeLine(EObject scope) {
        if (scope instanceof ListComp l) {
            return line(l.getElt());
        }
        if (scope instanceof GeneratorExp g) {
            return line(g.getElt());
        }
        if (scope instanceof DictOrSet d && !d.getItems().isEmpty()) {
            return line(d.getItems().get(0));
        }
        if (scope instanceof PyFile f) {
            return f.getStatements().isEmpty() ? 0 : line(f.getStatements().get(0));
        }
        return line(scope);
    }

    /** Whether MicroPython's parse tree holds the expression as a leaf (no line number of its own). */
    static boolean isLeaf(EObject e, ConstTable consts) {
        if (e instanceof dev.mprt.lang.ast.Expression x) {
            ConstValue c = consts.fold(x);
            if (c != null) {
                return c.isSmallInt(consts.smallIntBits()) || !c.isObject() && c.kind() != ConstValue.Kind.STR
                        && c.kind() != ConstValue.Kind.INT && c.kind() != ConstValue.Kind.TUPLE
                        && c.kind() != ConstValue.Kind.FLOAT && c.kind() != ConstValue.Kind.COMPLEX
                        && c.kind() != ConstValue.Kind.BYTES || c.kind() == ConstValue.Kind.STR && shortStr(e);
            }
        }
        if (e instanceof Name || e instanceof Constant || e instanceof Ellipsis) {
            return true;
        }
        return false;
    }

    private static boolean shortStr(EObject e) {
        return e instanceof Str s && s.getParts().size() == 1 && s.getParts().get(0).length() <= 12;
    }
}
