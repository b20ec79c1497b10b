package dev.mprt.lang.check.isr;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Global;
import dev.mprt.lang.ast.Import;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Slice;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.emitter.ConstValue;
import dev.mprt.lang.isr.Finding;
import dev.mprt.lang.isr.IsrModel;
import dev.mprt.lang.isr.Values;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.Symbol;
import dev.mprt.lang.semantic.Definition;

/**
 * The quick fixes of the isr-* checks, as edits of the analysed document: pre-bind a method in {@code __init__},
 * hand allocating work to {@code micropython.schedule}, add {@code alloc_emergency_exception_buf}, {@code /} to
 * {@code //} on ints, a slice to a memoryview made outside the handler. Each is offered only where it is safe to
 * apply mechanically; otherwise none.
 */
final class IsrFixes {

    private IsrFixes() {
    }

    static List<Fix> forAllocation(CheckContext ctx, IsrModel model, IsrModel.Reached r, Finding f) {
        List<Fix> fixes = new ArrayList<>();
        try {
            if (f.kind() == Finding.Kind.FLOAT) {
                add(fixes, floorDivision(ctx, model, f.node()));
            }
            if (f.kind() == Finding.Kind.SLICE) {
                add(fixes, memoryview(ctx, model, f.node()));
            }
            if (f.kind() == Finding.Kind.BOUND_METHOD && f.node() instanceof Attribute a) {
                fixes.addAll(preBind(ctx, a));
            }
            if (f.certain()) {
                add(fixes, schedule(ctx, model, r, f.node()));
            }
        } catch (RuntimeException e) {
            // a fix that cannot be built is simply not offered
        }
        return fixes;
    }

    static List<Fix> forCall(CheckContext ctx, IsrModel model, IsrModel.Reached r, EObject call) {
        List<Fix> fixes = new ArrayList<>();
        try {
            add(fixes, schedule(ctx, model, r, call));
        } catch (RuntimeException e) {
            // not offered
        }
        return fixes;
    }

    private static void add(List<Fix> fixes, Fix f) {
        if (f != null) {
            fixes.add(f);
        }
    }

    // ------------------------------------------------------------------------------------------------- text

    private static String text(CheckContext ctx) {
        ICompositeNode root = NodeModelUtils.getNode(ctx.root());
        return root == null ? "" : root.getRootNode().getText();
    }

    static int[] firstToken(EObject node) {
        ICompositeNode n = NodeModelUtils.getNode(node);
        if (n == null) {
            return null;
        }
        for (ILeafNode leaf : n.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                return new int[] {leaf.getOffset(), leaf.getEndOffset()};
            }
        }
        return null;
    }

    private static int lineStart(String text, int offset) {
        return text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
    }

    private static int lineEnd(String text, int offset) {
        int e = text.indexOf('\n', offset);
        return e < 0 ? text.length() : e;
    }

    private static String indentOf(String text, int offset) {
        int s = lineStart(text, offset);
        int i = s;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return text.substring(s, i);
    }

    /** The end of the statement's last line (before its newline). */
    private static int statementEnd(CheckContext ctx, String text, EObject statement) {
        int[] r = ctx.range(statement);
        return lineEnd(text, Math.max(r[0], r[1] - 1));
    }

    // ------------------------------------------------------------------------------------------------- pre-bind

    /** {@code self.cb} → {@code self._cb_ref}, with {@code self._cb_ref = self.cb} at the end of {@code __init__}. */
    static List<Fix> preBind(CheckContext ctx, Attribute a) {
        if (!(a.getValue() instanceof Name self) || NodeModelUtils.getNode(a) == null) {
            return List.of();
        }
        ClassDef cls = enclosingClass(a);
        FunctionDef init = cls == null ? null : method(cls, "__init__");
        if (init == null || init.getBody() == null || init.getBody().getStatements().isEmpty()
                || init.getParams().isEmpty() || !self.getId().equals(init.getParams().get(0).getName())) {
            return List.of();
        }
        String text = text(ctx);
        String ref = "_" + a.getAttr() + "_ref";
        List<Statement> body = init.getBody().getStatements();
        int end = statementEnd(ctx, text, body.get(body.size() - 1));
        String indent = indentOf(text, ctx.range(body.get(0))[0]);
        int[] r = ctx.range(a);
        return List.of(Fix.of("Bind " + self.getId() + "." + a.getAttr() + " once in __init__ and use "
                + self.getId() + "." + ref,
                Fix.Edit.insert(end, "\n" + indent + self.getId() + "." + ref + " = " + self.getId() + "."
                        + a.getAttr()),
                new Fix.Edit(r[0], r[1], self.getId() + "." + ref)));
    }

    private static ClassDef enclosingClass(EObject node) {
        for (EObject n = node; n != null; n = n.eContainer()) {
            if (n instanceof FunctionDef f) {
                ClassDef c = dev.mprt.lang.semantic.SemanticModel.ownerClass(f);
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    private static FunctionDef method(ClassDef cls, String name) {
        if (cls.getBody() == null) {
            return null;
        }
        for (Statement s : cls.getBody().getStatements()) {
            EObject d = s instanceof Decorated dec ? dec.getDefinition() : s;
            if (d instanceof FunctionDef f && name.equals(f.getName())) {
                return f;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------- emergency

    /** Adds {@code micropython.alloc_emergency_exception_buf(100)} after the file's leading imports. */
    static List<Fix> emergencyBuffer(CheckContext ctx) {
        String text = text(ctx);
        PyFile root = ctx.root();
        int at = 0;
        boolean imported = false;
        for (Statement s : root.getStatements()) {
            if (s instanceof Import imp) {
                for (ImportName n : imp.getNames()) {
                    imported |= "micropython".equals(n.getModule()) && n.getAsname() == null;
                }
                at = statementEnd(ctx, text, s) + 1;
            } else if (s instanceof ImportFrom) {
                at = statementEnd(ctx, text, s) + 1;
            } else if (s instanceof ExprStatement e && e.getExpression() instanceof dev.mprt.lang.ast.Str && at == 0) {
                at = statementEnd(ctx, text, s) + 1; // the module's docstring
            } else {
                break;
            }
        }
        at = Math.min(at, text.length());
        String prefix = at > 0 && text.charAt(at - 1) != '\n' ? "\n" : "";
        String insert = prefix + (imported ? "" : "import micropython\n")
                + "micropython.alloc_emergency_exception_buf(100)\n";
        return List.of(Fix.of("Add micropython.alloc_emergency_exception_buf(100)", Fix.Edit.insert(at, insert)));
    }

    // ------------------------------------------------------------------------------------------------- floor div

    /** {@code a / b} on ints → {@code a // b} (and {@code /=} → {@code //=}). */
    private static Fix floorDivision(CheckContext ctx, IsrModel model, EObject node) {
        Values v = model.values();
        EObject left;
        Expression l;
        Expression r;
        if (node instanceof BinOp b && "/".equals(b.getOp())) {
            l = b.getLeft();
            r = b.getRight();
            left = l;
        } else if (node instanceof ExprStatement s && "/=".equals(s.getAugOp())) {
            l = s.getExpression();
            r = Statements.value(s);
            left = l;
        } else {
            return null;
        }
        if (!isInt(v.of(l)) || !isInt(v.of(r))) {
            return null;
        }
        int after = ctx.range(left)[1];
        for (ILeafNode leaf : NodeModelUtils.getNode(node).getLeafNodes()) {
            if (leaf.getOffset() >= after && !leaf.isHidden()
                    && ("/".equals(leaf.getText()) || "/=".equals(leaf.getText()))) {
                return Fix.of("Use integer division '//' (the operands are ints)",
                        new Fix.Edit(leaf.getOffset(), leaf.getEndOffset(), "/" + leaf.getText()));
            }
        }
        return null;
    }

    private static boolean isInt(Values.Val v) {
        return v.is(Values.Kind.INT) || v.is(Values.Kind.BOOL);
    }

    // ------------------------------------------------------------------------------------------------- memoryview

    /**
     * {@code buf[2:6]} (constant bounds, read) on a module-level buffer or a {@code self.buf} set in {@code __init__}
     * → a memoryview {@code _buf_2_6 = memoryview(buf)[2:6]} made once after the buffer, used in the handler.
     */
    private static Fix memoryview(CheckContext ctx, IsrModel model, EObject node) {
        if (!(node instanceof Subscript sub) || !(sub.getIndex() instanceof Slice slice) || slice.getStep() != null
                || isStoreTarget(sub)) {
            return null;
        }
        String lo = bound(model, slice.getLower());
        String hi = bound(model, slice.getUpper());
        if (lo == null || hi == null) {
            return null;
        }
        String text = text(ctx);
        String suffix = "_" + lo.replace('-', 'm') + "_" + hi.replace('-', 'm');
        String sliceText = "[" + lo + ":" + hi + "]";
        EObject definition;
        String created;
        String use;
        if (sub.getValue() instanceof Name n) {
            definition = moduleLevelAssignment(ctx, model, n);
            if (definition == null) {
                return null;
            }
            use = "_" + n.getId() + suffix;
            created = use + " = memoryview(" + n.getId() + ")" + sliceText;
        } else if (sub.getValue() instanceof Attribute a && a.getValue() instanceof Name self) {
            definition = initAssignment(a);
            if (definition == null) {
                return null;
            }
            use = self.getId() + "._" + a.getAttr() + suffix;
            created = use + " = memoryview(" + self.getId() + "." + a.getAttr() + ")" + sliceText;
        } else {
            return null;
        }
        if (ctx.range(definition) == null || !(definition.eContainer() instanceof Block
                || definition.eContainer() instanceof PyFile)) {
            return null;
        }
        int end = statementEnd(ctx, text, definition);
        String indent = indentOf(text, ctx.range(definition)[0]);
        int[] r = ctx.range(sub);
        return Fix.of("Use a memoryview of " + textOf(sub) + " created once outside the handler",
                Fix.Edit.insert(end, "\n" + indent + created), new Fix.Edit(r[0], r[1], use));
    }

    private static String textOf(EObject node) {
        return NodeModelUtils.getTokenText(NodeModelUtils.getNode(node));
    }

    private static String bound(IsrModel model, Expression e) {
        if (e == null) {
            return "";
        }
        ConstValue c = model.values().folded(e);
        return c != null && c.isInt() && c.integer() != null ? c.integer().toString() : null;
    }

    private static boolean isStoreTarget(Expression e) {
        return e.eContainer() instanceof ExprStatement s && (Statements.targets(s).contains(e) || s.getExpression() == e
                && Statements.isAugmented(s));
    }

    private static EObject moduleLevelAssignment(CheckContext ctx, IsrModel model, Name n) {
        List<Definition> defs = model.resolver().semantic().definitions(n);
        if (defs.size() != 1 || defs.get(0).module().root() != ctx.root()) {
            return null;
        }
        EObject b = defs.get(0).node();
        return b.eContainer() instanceof ExprStatement s && s.eContainer() == ctx.root() ? s : null;
    }

    private static EObject initAssignment(Attribute a) {
        ClassDef cls = enclosingClass(a);
        FunctionDef init = cls == null ? null : method(cls, "__init__");
        if (init == null || init.getBody() == null) {
            return null;
        }
        for (Statement s : init.getBody().getStatements()) {
            if (s instanceof ExprStatement e && Statements.isAssignment(e)) {
                for (Expression t : Statements.targets(e)) {
                    if (t instanceof Attribute ta && a.getAttr().equals(ta.getAttr())) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------- schedule

    /**
     * Moves the handler's statement that holds {@code node} into a new module-level function, scheduled from the
     * handler with the handler's argument: {@code micropython.schedule(_h_scheduled, arg)}. Only for module-level
     * handlers of one parameter whose statement uses no other local.
     */
    private static Fix schedule(CheckContext ctx, IsrModel model, IsrModel.Reached r, EObject node) {
        if (!r.chain().isEmpty() || !(r.target().node() instanceof FunctionDef h) || h.getBody() == null
                || r.target().module().root() != ctx.root()) {
            return null;
        }
        EObject top = h.eContainer() instanceof Decorated d ? d : h;
        ClassDef cls = dev.mprt.lang.semantic.SemanticModel.ownerClass(h);
        boolean method = cls != null && r.target().bound();
        FunctionDef init = method ? method(cls, "__init__") : null;
        if (method ? init == null || init.getBody() == null || init.getBody().getStatements().isEmpty()
                || h.getParams().size() != 2 || init.getParams().isEmpty()
                || !h.getParams().get(0).getName().equals(init.getParams().get(0).getName())
                : top.eContainer() != ctx.root() || h.getParams().size() != 1) {
            return null;
        }
        if (h.getParams().stream().anyMatch(p -> p.getName() == null || p.isStar() || p.isDstar())) {
            return null;
        }
        Statement statement = null;
        for (EObject n = node; n != null && n != h; n = n.eContainer()) {
            if (n instanceof Statement s && s.eContainer() == h.getBody()) {
                statement = s;
            }
        }
        if (statement == null || statement instanceof Global) {
            return null;
        }
        Parameter param = h.getParams().get(method ? 1 : 0);
        String self = method ? h.getParams().get(0).getName() : null;
        Scope scope = r.target().module().scopes().scopeOf(h);
        if (scope == null) {
            return null;
        }
        for (TreeIterator<EObject> it = statement.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (o instanceof dev.mprt.lang.ast.Return || o instanceof dev.mprt.lang.ast.Yield) {
                return null;
            }
            if (o instanceof Name n && !n.getId().equals(param.getName()) && !n.getId().equals(self)) {
                Symbol s = scope.lookup(n.getId());
                if (s != null && (s.kind() == Symbol.Kind.LOCAL || s.kind() == Symbol.Kind.CELL)) {
                    return null;
                }
            }
        }
        String text = text(ctx);
        String name = "_" + h.getName() + "_scheduled";
        if (text.contains(name)) {
            return null;
        }
        String defIndent = indentOf(text, ctx.range(top)[0]);
        StringBuilder fn = new StringBuilder(defIndent + "def " + name + "(" + (method ? self + ", " : "")
                + param.getName() + "):\n");
        for (Statement s : h.getBody().getStatements()) {
            if (s instanceof Global g) {
                fn.append(defIndent).append("    ").append(textOf(g)).append('\n');
            }
        }
        int[] sr = ctx.range(statement);
        String bodyIndent = indentOf(text, sr[0]);
        int from = lineStart(text, sr[0]);
        int to = statementEnd(ctx, text, statement);
        for (String line : text.substring(from, to).split("\n", -1)) {
            fn.append(defIndent).append("    ")
                    .append(line.startsWith(bodyIndent) ? line.substring(bodyIndent.length()) : line.strip())
                    .append('\n');
        }
        fn.append(method ? "\n" : "\n\n");
        int defStart = lineStart(text, ctx.range(top)[0]);
        List<Fix.Edit> edits = new ArrayList<>();
        String imports = importsMicropython(ctx) ? "" : "import micropython\n";
        if (!imports.isEmpty()) {
            edits.add(Fix.Edit.insert(0, imports));
        }
        String scheduled = name;
        if (method) {
            // a bound method would be allocated by the schedule call itself: bind it once in __init__
            List<Statement> body = init.getBody().getStatements();
            int end = statementEnd(ctx, text, body.get(body.size() - 1));
            String initIndent = indentOf(text, ctx.range(body.get(0))[0]);
            scheduled = self + "." + name + "_ref";
            edits.add(Fix.Edit.insert(end, "\n" + initIndent + scheduled + " = " + self + "." + name));
        }
        edits.add(Fix.Edit.insert(defStart, fn.toString()));
        edits.add(new Fix.Edit(sr[0], to, "micropython.schedule(" + scheduled + ", " + param.getName() + ")"));
        edits.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return new Fix("Move this work into " + name + "() and run it with micropython.schedule()", edits);
    }

    private static boolean importsMicropython(CheckContext ctx) {
        for (Statement s : ctx.root().getStatements()) {
            if (s instanceof Import imp && imp.getNames().stream()
                    .anyMatch(n -> "micropython".equals(n.getModule()) && n.getAsname() == null)) {
                return true;
            }
        }
        return false;
    }
}
