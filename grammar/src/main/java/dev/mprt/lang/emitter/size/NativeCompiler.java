package dev.mprt.lang.emitter.size;

import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Assert;
import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Break;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Continue;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Elif;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.Global;
import dev.mprt.lang.ast.If;
import dev.mprt.lang.ast.IfExp;
import dev.mprt.lang.ast.Import;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.Raise;
import dev.mprt.lang.ast.Return;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.While;
import dev.mprt.lang.ast.With;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.ConstValue;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.scope.ScopeTree;

/**
 * Replays py/compile.c over one native or viper function for {@link NativeEmitter}: the same emit calls in the
 * same order, with the labels of loops, conditions and exception handlers, through MicroPython's four passes
 * (scope, stack size, code size, emit). Constructs it cannot size exactly (f-strings, {@code async for/with})
 * are estimated and add uncertainty.
 */
final class NativeCompiler extends NativeExpressions {

    private int breakLabel = -1;
    private int continueLabel = -1;
    private int exceptLevel;
    private int breakContinueExceptLevel;

    NativeCompiler(FunctionDef def, boolean viper, ScopeTree tree, ConstTable consts, NativeAsm as,
            ModuleTables tables) {
        super(def, viper, tree, consts, as, tables);
    }

    void run() {
        setupScope();
        for (pass = NativeAsm.PASS_SCOPE; pass <= NativeAsm.PASS_EMIT; pass++) {
            compilePass();
        }
    }

    /** The code size (the machine code before the native prelude). */
    int codeSize() {
        return as.offset;
    }

    private void compilePass() {
        nextLabel = 0;
        breakLabel = -1;
        continueLabel = -1;
        exceptLevel = 0;
        breakContinueExceptLevel = 0;
        as.owner = def;
        e.startPass(pass);
        compileBlock(def.getBody());
        as.owner = def;
        e.loadConstNone();
        e.returnValue();
        e.endPass();
    }

    private void increaseExceptLevel(int label, int kind) {
        if (kind == 2) {
            e.setupWith(label);
        } else {
            e.setupBlock(label, kind == 1);
        }
        exceptLevel++;
        if (pass == NativeAsm.PASS_SCOPE && exceptLevel > ns.excStackSize) {
            ns.excStackSize = exceptLevel;
        }
    }

    private void decreaseExceptLevel() {
        exceptLevel--;
        e.endFinally();
    }

    // ------------------------------------------------------------------------------------------ statements

    private void compileBlock(Block b) {
        if (b == null) {
            return;
        }
        for (Statement s : b.getStatements()) {
            if (s != null) {
                int depth = e.stackSize;
                as.owner = s;
                compileStatement(s);
                if (e.stackSize != depth) {
                    e.resync(depth);
                }
            }
        }
    }

    private void compileStatement(Statement s) {
        if (s instanceof ExprStatement x) {
            exprStatement(x);
        } else if (s instanceof Return r) {
            returnStatement(r);
        } else if (s instanceof Raise r) {
            if (r.getExc() == null || r.getCause() != null) {
                broken = true; // the native emitter asserts n_args == 1 (NativeCheck reports it)
                return;
            }
            compile(r.getExc());
            e.raiseVarargs();
        } else if (s instanceof Break || s instanceof Continue) {
            int label = s instanceof Break ? breakLabel : continueLabel;
            if (label < 0) {
                broken = true;
                return;
            }
            e.unwindJump(label, exceptLevel - breakContinueExceptLevel);
        } else if (s instanceof Import i) {
            importStatement(i);
        } else if (s instanceof ImportFrom i) {
            importFrom(i);
        } else if (s instanceof Assert a) {
            int end = newLabel();
            ifCond(a.getTest(), true, end);
            e.loadGlobal("AssertionError", true);
            if (a.getMsg() != null) {
                compile(a.getMsg());
                e.callFunction(1, 0, false);
            }
            e.raiseVarargs();
            e.labelAssign(end);
        } else if (s instanceof Del d) {
            delete(d.getTarget());
        } else if (s instanceof Global g) {
            g.getNames().forEach(this::referGlobal);
        } else if (s instanceof If i) {
            ifStatement(i);
        } else if (s instanceof While w) {
            whileStatement(w);
        } else if (s instanceof For f) {
            forStatement(f);
        } else if (s instanceof Try t) {
            tryStatement(t);
        } else if (s instanceof With w) {
            withStatement(w);
        } else if (s instanceof FunctionDef f) {
            makeFunction(f, f.getParams());
            storeId(f.getName());
        } else if (s instanceof ClassDef c) {
            classdef(c);
            storeId(c.getName());
        } else if (s instanceof Decorated d) {
            decorated(d);
        }
    }

    private void exprStatement(ExprStatement s) {
        Expression target = s.getExpression();
        if (Statements.isAugmented(s)) {
            Expression value = Statements.value(s);
            if (target instanceof Name n) {
                loadId(n.getId());
            } else if (target instanceof Attribute a) {
                compile(a.getValue());
                e.dupTop();
                e.loadAttr(a.getAttr());
            } else if (target instanceof Subscript sub) {
                compile(sub.getValue());
                compileIndex(sub.getIndex());
                e.dupTopTwo();
                e.loadSubscr();
            } else {
                broken = true;
                return;
            }
            compile(value);
            String op = s.getAugOp();
            e.binaryOp(op.substring(0, op.length() - 1));
            if (target instanceof Name n) {
                storeId(n.getId());
            } else if (target instanceof Attribute a) {
                e.rotTwo();
                e.storeAttr(a.getAttr());
            } else {
                e.rotThree();
                e.storeSubscr();
            }
            return;
        }
        if (Statements.isAssignment(s)) {
            List<Expression> targets = Statements.targets(s);
            Expression value = Statements.value(s);
            Call decl = ConstTable.shape(s);
            if (decl != null && target instanceof Name n && consts.substitution(n) == null
                    && decl.getArgs().size() == 1 && consts.fold(decl.getArgs().get(0)) != null) {
                if (n.getId() != null && !n.getId().startsWith("_")) {
                    compile(decl.getArgs().get(0));
                    storeId(n.getId());
                }
                return;
            }
            if (targets.size() == 1 && tupleAssign(targets.get(0), value)) {
                return;
            }
            compile(value);
            for (int i = 0; i < targets.size(); i++) {
                if (i + 1 < targets.size()) {
                    e.dupTop();
                }
                assign(targets.get(i));
            }
            return;
        }
        if (Statements.isAnnotated(s) || target == null) {
            return;
        }
        ConstValue c = consts.fold(target);
        if (c != null && c != ConstValue.EMPTY_TUPLE) {
            return; // a lonely constant is not compiled
        }
        compile(target);
        e.popTop();
    }

    private boolean tupleAssign(Expression target, Expression value) {
        if (!(target instanceof Tuple lhs) || !(value instanceof Tuple rhs) || Syntax.isParenthesized(lhs)
                || Syntax.isParenthesized(rhs) || consts.fold(rhs) != null) {
            return false;
        }
        int n = lhs.getElements().size();
        if (n != rhs.getElements().size() || (n != 2 && n != 3)) {
            return false;
        }
        for (Expression x : lhs.getElements()) {
            if (x instanceof Starred) {
                return false;
            }
        }
        compile(rhs.getElements().get(0));
        compile(rhs.getElements().get(1));
        if (n == 3) {
            compile(rhs.getElements().get(2));
            e.rotThree();
        }
        e.rotTwo();
        for (Expression x : lhs.getElements()) {
            assign(x);
        }
        return true;
    }

    /** {@code c_assign} with ASSIGN_STORE: the value is on the top of the stack. */
    private void assign(Expression target) {
        if (target instanceof Name n) {
            if (consts.substitution(n) != null) {
                broken = true;
                e.popTop();
                return;
            }
            storeId(n.getId());
        } else if (target instanceof Attribute a) {
            compile(a.getValue());
            e.storeAttr(a.getAttr());
        } else if (target instanceof Subscript s) {
            compile(s.getValue());
            compileIndex(s.getIndex());
            e.storeSubscr();
        } else if (target instanceof Tuple t) {
            assignSequence(t.getElements());
        } else if (target instanceof ListExp l) {
            assignSequence(l.getElements());
        } else {
            broken = true;
            e.popTop();
        }
    }

    private void assignSequence(List<Expression> elements) {
        int star = -1;
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof Starred) {
                star = i;
                break;
            }
        }
        if (star >= 0) {
            e.unpackEx(star, elements.size() - star - 1);
        } else {
            e.unpackSequence(elements.size());
        }
        for (Expression x : elements) {
            assign(x instanceof Starred s ? s.getValue() : x);
        }
    }

    private void returnStatement(Return r) {
        Expression v = r.getValue();
        if (v == null) {
            e.loadConstNone();
        } else if (v instanceof IfExp ie) {
            int fail = newLabel();
            ifCond(ie.getCondition(), false, fail);
            compile(ie.getBody());
            as.owner = r;
            e.returnValue();
            e.labelAssign(fail);
            compile(ie.getOrelse());
        } else {
            compile(v);
        }
        as.owner = r;
        e.returnValue();
    }

    private void importStatement(Import i) {
        for (ImportName n : i.getNames()) {
            String module = n.getModule() == null ? "" : n.getModule().replaceAll("\\s", "");
            e.loadConstSmallInt(0);
            e.loadConstNone();
            e.importName(module);
            String[] parts = module.split("\\.");
            if (n.getAsname() != null) {
                for (int k = 1; k < parts.length; k++) {
                    e.loadAttr(parts[k]);
                }
                storeId(n.getAsname());
            } else {
                storeId(parts[0]);
            }
        }
    }

    private void importFrom(ImportFrom i) {
        int level = 0;
        for (String d : i.getDots()) {
            level += "...".equals(d) ? 3 : 1;
        }
        e.loadConstSmallInt(level);
        String module = i.getModule() == null ? "" : i.getModule().replaceAll("\\s", "");
        if (i.isWildcard()) {
            e.loadConstStr("*");
            e.build(1, false);
            e.importName(module);
            e.importStar();
            return;
        }
        for (ImportAlias a : i.getNames()) {
            e.loadConstStr(a.getImported());
        }
        e.build(i.getNames().size(), false);
        e.importName(module);
        for (ImportAlias a : i.getNames()) {
            e.importFrom(a.getImported());
            storeId(a.getAsname() != null ? a.getAsname() : a.getImported());
        }
        e.popTop();
    }

    private void delete(Expression t) {
        if (t instanceof Name n) {
            if (consts.substitution(n) == null) {
                deleteId(n.getId());
            }
        } else if (t instanceof Attribute a) {
            compile(a.getValue());
            e.deleteAttr(a.getAttr());
        } else if (t instanceof Subscript s) {
            compile(s.getValue());
            compileIndex(s.getIndex());
            e.deleteSubscr();
        } else if (t instanceof Tuple tu) {
            tu.getElements().forEach(this::delete);
        } else if (t instanceof ListExp l) {
            l.getElements().forEach(this::delete);
        }
    }

    private boolean constTrue(Expression x) {
        ConstValue c = consts.fold(x);
        return c != null && c.truthy();
    }

    private boolean constFalse(Expression x) {
        ConstValue c = consts.fold(x);
        return c != null && !c.truthy();
    }

    private void ifStatement(If s) {
        int end = newLabel();
        if (!constFalse(s.getCondition())) {
            int fail = newLabel();
            as.owner = s;
            ifCond(s.getCondition(), false, fail);
            compileBlock(s.getBody());
            as.owner = s;
            if (constTrue(s.getCondition())) {
                e.labelAssign(end);
                return;
            }
            if (!s.getElifs().isEmpty() || s.getOrelse() != null) {
                e.jump(end);
            }
            e.labelAssign(fail);
        }
        for (Elif elif : s.getElifs()) {
            if (elif == null || constFalse(elif.getCondition())) {
                continue;
            }
            int fail = newLabel();
            as.owner = elif;
            ifCond(elif.getCondition(), false, fail);
            compileBlock(elif.getBody());
            as.owner = elif;
            if (constTrue(elif.getCondition())) {
                e.labelAssign(end);
                return;
            }
            e.jump(end);
            e.labelAssign(fail);
        }
        compileBlock(s.getOrelse());
        as.owner = s;
        e.labelAssign(end);
    }

    private int[] startLoop() {
        int[] saved = {breakLabel, continueLabel, breakContinueExceptLevel};
        breakLabel = newLabel();
        continueLabel = newLabel();
        breakContinueExceptLevel = exceptLevel;
        return saved;
    }

    private void endLoop(int[] saved) {
        breakLabel = saved[0];
        continueLabel = saved[1];
        breakContinueExceptLevel = saved[2];
    }

    private void whileStatement(While w) {
        int[] saved = startLoop();
        int brk = breakLabel;
        if (!constFalse(w.getCondition())) {
            int top = newLabel();
            as.owner = w;
            if (!constTrue(w.getCondition())) {
                e.jump(continueLabel);
            }
            e.labelAssign(top);
            compileBlock(w.getBody());
            as.owner = w;
            e.labelAssign(continueLabel);
            ifCond(w.getCondition(), true, top);
        }
        endLoop(saved);
        compileBlock(w.getOrelse());
        as.owner = w;
        e.labelAssign(brk);
    }

    private void forStatement(For f) {
        if (f.isAsync()) {
            estimateUnknown(f);
            return;
        }
        if (rangeFor(f)) {
            return;
        }
        int[] saved = startLoop();
        int brk = breakLabel;
        int cont = continueLabel;
        int pop = newLabel();
        as.owner = f;
        compile(f.getIter());
        e.getIter(true);
        e.labelAssign(cont);
        as.owner = f;
        e.forIter(pop);
        assign(f.getTarget());
        compileBlock(f.getBody());
        as.owner = f;
        e.jump(cont);
        e.labelAssign(pop);
        e.forIterEnd();
        endLoop(saved);
        compileBlock(f.getOrelse());
        as.owner = f;
        e.labelAssign(brk);
    }

    /** {@code compile_for_stmt_optimised_range}. */
    private boolean rangeFor(For f) {
        if (!(f.getTarget() instanceof Name var) || consts.substitution(var) != null
                || !(f.getIter() instanceof Call call) || !(call.getFunc() instanceof Name fn)
                || !"range".equals(fn.getId()) || consts.substitution(fn) != null) {
            return false;
        }
        List<Expression> args = call.getArgs();
        if (args.isEmpty() || args.size() > 3) {
            return false;
        }
        for (Expression a : args) {
            if (a instanceof StarArg || a instanceof DoubleStarArg || a instanceof KeywordArg || a instanceof NamedExpr
                    || (a instanceof GeneratorExp g && !Syntax.isParenthesized(g))) {
                return false;
            }
        }
        Expression start = args.size() >= 2 ? args.get(0) : null;
        Expression end = args.size() == 1 ? args.get(0) : args.get(1);
        long step = 1;
        if (args.size() == 3) {
            ConstValue c = consts.fold(args.get(2));
            if (c == null || !c.isSmallInt(bits) || c.integer().signum() == 0) {
                return false;
            }
            step = c.integer().longValue();
        }
        int[] saved = startLoop();
        int brk = breakLabel;
        int cont = continueLabel;
        int top = newLabel();
        int entry = newLabel();
        ConstValue endConst = consts.fold(end);
        boolean endOnStack = endConst == null || !endConst.isSmallInt(bits);
        as.owner = f;
        if (endOnStack) {
            compile(end);
        }
        if (start == null) {
            e.loadConstSmallInt(0);
        } else {
            compile(start);
        }
        as.owner = f;
        e.jump(entry);
        e.labelAssign(top);
        e.dupTop();
        assign(var);
        compileBlock(f.getBody());
        as.owner = f;
        e.labelAssign(cont);
        e.loadConstSmallInt(step);
        e.binaryOp("+");
        e.labelAssign(entry);
        if (endOnStack) {
            e.dupTopTwo();
            e.rotTwo();
        } else {
            e.dupTop();
            compile(end);
        }
        e.binaryOp(step >= 0 ? "<" : ">");
        as.owner = f;
        e.popJumpIf(true, top);
        endLoop(saved);
        int endLabel = -1;
        if (f.getOrelse() != null) {
            e.popTop();
            if (endOnStack) {
                e.popTop();
            }
            compileBlock(f.getOrelse());
            as.owner = f;
            endLabel = newLabel();
            e.jump(endLabel);
            e.adjustStackSize(1 + (endOnStack ? 1 : 0));
        }
        e.labelAssign(brk);
        e.popTop();
        if (endOnStack) {
            e.popTop();
        }
        if (endLabel >= 0) {
            e.labelAssign(endLabel);
        }
        return true;
    }

    private void tryStatement(Try t) {
        as.owner = t;
        if (t.getFinalbody() != null) {
            int finallyBlock = newLabel();
            increaseExceptLevel(finallyBlock, 1);
            if (t.getHandlers().isEmpty()) {
                e.adjustStackSize(3);
                compileBlock(t.getBody());
                e.adjustStackSize(-3);
            } else {
                tryExcept(t);
            }
            as.owner = t;
            e.loadConstNone();
            e.labelAssign(finallyBlock);
            e.adjustStackSize(1);
            compileBlock(t.getFinalbody());
            as.owner = t;
            e.adjustStackSize(-1);
            decreaseExceptLevel();
        } else {
            tryExcept(t);
        }
    }

    private void tryExcept(Try t) {
        int l1 = newLabel();
        int success = newLabel();
        as.owner = t;
        increaseExceptLevel(l1, 0);
        compileBlock(t.getBody());
        as.owner = t;
        e.popExceptJump(success, false);
        e.labelAssign(l1);
        e.startExceptHandler();
        int l2 = newLabel();
        for (ExceptHandler h : t.getHandlers()) {
            if (h == null) {
                continue;
            }
            int endFinally = newLabel();
            as.owner = h;
            String asName = null;
            if (h.getType() != null) {
                asName = h.getAsname();
                e.dupTop();
                compile(h.getType());
                e.binaryOp("exception match");
                as.owner = h;
                e.popJumpIf(false, endFinally);
            }
            if (asName == null) {
                e.popTop();
            } else {
                storeId(asName);
            }
            int l3 = -1;
            if (asName != null) {
                l3 = newLabel();
                increaseExceptLevel(l3, 1);
            }
            compileBlock(h.getBody());
            as.owner = h;
            if (asName != null) {
                e.loadConstNone();
                e.labelAssign(l3);
                e.adjustStackSize(1);
                e.loadConstNone();
                storeId(asName);
                deleteId(asName);
                e.adjustStackSize(-1);
                decreaseExceptLevel();
            }
            e.popExceptJump(l2, true);
            e.labelAssign(endFinally);
            e.adjustStackSize(1);
        }
        as.owner = t;
        decreaseExceptLevel();
        e.labelAssign(success);
        compileBlock(t.getOrelse());
        as.owner = t;
        e.labelAssign(l2);
    }

    private void withStatement(With w) {
        if (w.isAsync()) {
            estimateUnknown(w);
            return;
        }
        withItems(w, 0);
    }

    private void withItems(With w, int i) {
        if (i >= w.getItems().size()) {
            compileBlock(w.getBody());
            return;
        }
        WithItem item = w.getItems().get(i);
        if (item == null) {
            return;
        }
        int end = newLabel();
        as.owner = w;
        compile(item.getContext());
        increaseExceptLevel(end, 2);
        if (item.getTarget() != null) {
            assign(item.getTarget());
        } else {
            e.popTop();
        }
        withItems(w, i + 1);
        as.owner = w;
        e.withCleanup(end);
        decreaseExceptLevel();
    }

    /** A construct the model does not replay: counted as a typical size, with as much uncertainty. */
    private void estimateUnknown(EObject node) {
        as.owner = node;
        as.estimate(160, 160);
        int depth = e.stackSize;
        if (node instanceof For f) {
            compileBlock(f.getBody());
        } else if (node instanceof With w) {
            compileBlock(w.getBody());
        }
        e.resync(depth);
    }
}
