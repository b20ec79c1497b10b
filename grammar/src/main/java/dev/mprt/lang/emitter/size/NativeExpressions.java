package dev.mprt.lang.emitter.size;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Await;
import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.BoolOp;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Compare;
import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.IfExp;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.Slice;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.UnaryOp;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.ConstValue;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.emitter.ViperType;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.scope.Symbol;

/**
 * The expression half of the py/compile.c replay ({@link NativeCompiler}): the function's scope (signature, local
 * numbering, viper types, name resolution), definitions (nested functions, lambdas, classes, comprehensions and
 * their closures) and every expression, emitted in MicroPython's order with its constant folding.
 */
abstract class NativeExpressions {

    enum IdKind {
        FAST, DEREF, GLOBAL
    }

    final FunctionDef def;
    final Scope scope;
    final ScopeTree tree;
    final ConstTable consts;
    final int bits;
    final NativeScope ns = new NativeScope();
    final NativeAsm as;
    final NativeEmitter e;
    int pass;
    int nextLabel;
    /** MicroPython would not compile the function (an assertion, a syntax error): nothing to report. */
    boolean broken;

    NativeExpressions(FunctionDef def, boolean viper, ScopeTree tree, ConstTable consts, NativeAsm as,
            ModuleTables tables) {
        this.def = def;
        this.tree = tree;
        this.scope = tree == null ? null : tree.scopeOf(def);
        this.consts = consts;
        this.bits = consts.smallIntBits();
        this.as = as;
        this.ns.viper = viper;
        this.ns.tables = tables;
        this.e = new NativeEmitter(as, ns, () -> nextLabel++);
    }

    // ------------------------------------------------------------------------------------------ the scope

    void setupScope() {
        List<Parameter> params = new ArrayList<>();
        boolean star = false;
        for (Parameter p : def.getParams()) {
            if (p == null || p.isSlash()) {
                continue;
            }
            if (p.isStar()) {
                star = true;
                if (p.getName() != null) {
                    ns.varargs = true;
                }
            } else if (p.isDstar()) {
                ns.varkw = true;
            } else if (star) {
                ns.numKwonlyArgs++;
            } else {
                ns.numPosArgs++;
            }
            if (p.getName() != null) {
                params.add(p);
            }
        }
        // local numbering (scope_compute_things): free variables, parameters (star swapped after keyword-only),
        // locals, then cells
        List<String> order = new ArrayList<>();
        List<String> free = new ArrayList<>();
        if (scope != null) {
            for (Symbol s : scope.symbols()) {
                if (s.kind() == Symbol.Kind.FREE && !s.isParameter()) {
                    free.add(s.name());
                }
            }
            if (scope.parent() != null) {
                List<String> parentOrder = new ArrayList<>();
                scope.parent().symbols().forEach(s -> parentOrder.add(s.name()));
                free.sort((a, b) -> Integer.compare(parentOrder.indexOf(a), parentOrder.indexOf(b)));
            }
        }
        order.addAll(free);
        List<String> paramNames = new ArrayList<>();
        for (Parameter p : params) {
            paramNames.add(p.getName());
        }
        swapStar(params, paramNames);
        order.addAll(paramNames);
        if (scope != null) {
            for (Symbol s : scope.symbols()) {
                if (!s.isParameter() && s.kind() == Symbol.Kind.LOCAL) {
                    order.add(s.name());
                }
            }
            for (Symbol s : scope.symbols()) {
                if (!s.isParameter() && s.kind() == Symbol.Kind.CELL) {
                    order.add(s.name());
                }
            }
        }
        for (String n : order) {
            ns.localNum.putIfAbsent(n, ns.localNum.size());
        }
        ns.numLocals = ns.localNum.size();
        ns.numPosArgs += free.size();
        List<Integer> cells = new ArrayList<>();
        if (scope != null) {
            for (Symbol s : scope.symbols()) {
                if (s.kind() == Symbol.Kind.CELL) {
                    cells.add(ns.localNum.get(s.name()));
                }
            }
        }
        ns.cellLocals = cells.stream().mapToInt(Integer::intValue).toArray();
        ns.paramTypes = new ViperType[ns.numLocals];
        if (ns.viper) {
            for (Parameter p : params) {
                Integer num = ns.localNum.get(p.getName());
                if (num != null) {
                    ns.paramTypes[num] = annotation(p.getAnnotation());
                }
            }
            ns.returnType = annotation(def.getReturnAnnotation());
        }
    }

    static void swapStar(List<Parameter> params, List<String> names) {
        int starIdx = -1;
        int last = -1;
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).isStar()) {
                starIdx = i;
            } else if (starIdx >= 0 && !params.get(i).isDstar()) {
                last = i;
            }
        }
        if (starIdx >= 0 && last > starIdx) {
            java.util.Collections.swap(names, starIdx, last);
        }
    }

    ViperType annotation(Expression a) {
        if (a == null) {
            return ViperType.OBJECT;
        }
        if (a instanceof Name n) {
            ViperType t = ViperType.fromName(n.getId());
            if (t != null) {
                return t;
            }
        }
        broken = true; // unknown type or not an identifier: a compile error
        return ViperType.OBJECT;
    }

    IdKind idKind(String name) {
        Symbol s = scope == null || name == null ? null : scope.lookup(name);
        if ("__class__".equals(name)) {
            return IdKind.DEREF;
        }
        if (s == null) {
            return IdKind.GLOBAL;
        }
        return switch (s.kind()) {
            case LOCAL -> IdKind.FAST;
            case CELL, FREE -> IdKind.DEREF;
            default -> s.isParameter() ? IdKind.FAST : IdKind.GLOBAL;
        };
    }

    int localNum(String name) {
        Integer n = ns.localNum.get(name);
        return n == null ? 0 : n;
    }

    void referGlobal(String name) {
        if (pass == NativeAsm.PASS_SCOPE && name != null) {
            ViperType cast = ns.viper ? ViperType.castOf(name) : null;
            if (cast == null || cast == ViperType.BOOL) {
                ns.refGlobals = true;
            }
        }
    }

    void loadId(String name) {
        switch (idKind(name)) {
            case FAST -> e.loadFast(localNum(name));
            case DEREF -> e.loadDeref(localNum(name));
            case GLOBAL -> {
                referGlobal(name);
                e.loadGlobal(name, true);
            }
        }
    }

    void storeId(String name) {
        switch (idKind(name)) {
            case FAST -> e.storeFast(localNum(name));
            case DEREF -> e.storeDeref(localNum(name));
            case GLOBAL -> {
                referGlobal(name);
                e.storeGlobal(name, true);
            }
        }
    }

    void deleteId(String name) {
        switch (idKind(name)) {
            case FAST -> {
                e.loadConstNone();
                e.storeFast(localNum(name));
            }
            case DEREF -> {
            }
            case GLOBAL -> {
                referGlobal(name);
                e.deleteGlobal(name, true);
            }
        }
    }

    int newLabel() {
        return nextLabel++;
    }


    // ------------------------------------------------------------------------------------------ definitions

    void makeFunction(EObject node, List<Parameter> ps) {
        boolean haveStar = false;
        int nDefault = 0;
        int nDict = 0;
        for (Parameter p : ps) {
            if (p == null) {
                continue;
            }
            if (p.isStar()) {
                haveStar = true;
            } else if (!p.isDstar() && p.getDefault() != null) {
                if (haveStar) {
                    nDict++;
                    if (nDict == 1) {
                        if (nDefault > 0) {
                            e.build(nDefault, false);
                        } else {
                            e.loadNull();
                        }
                        e.build(0, true);
                    }
                    compile(p.getDefault());
                    e.loadConstStr(p.getName());
                    e.storeMap();
                } else {
                    nDefault++;
                    compile(p.getDefault());
                }
            }
        }
        if (nDefault > 0 && nDict == 0) {
            e.build(nDefault, false);
            e.loadNull();
        }
        closeOver(node, nDefault > 0 || nDict > 0);
    }

    /** {@code close_over_variables_etc}. */
    void closeOver(EObject node, boolean defaults) {
        if (pass == NativeAsm.PASS_SCOPE) {
            ns.refGlobals = true;
            ns.hasConsts = true;
        }
        Scope inner = tree == null ? null : tree.scopeOf(node);
        int nFree = 0;
        if (inner != null && scope != null) {
            for (Symbol s : scope.symbols()) {
                if (s.kind() != Symbol.Kind.CELL && s.kind() != Symbol.Kind.FREE) {
                    continue;
                }
                Symbol in = inner.lookup(s.name());
                if (in != null && in.kind() == Symbol.Kind.FREE) {
                    e.loadFast(localNum(s.name()));
                    nFree++;
                }
            }
        }
        if (nFree == 0) {
            e.makeFunction(defaults);
        } else {
            e.makeClosure(nFree, defaults);
        }
    }

    void classdef(ClassDef c) {
        e.loadBuildClass();
        closeOver(c, false);
        e.loadConstStr(c.getName());
        compileArgs(c.getArgs(), 2, false);
    }

    void decorated(Decorated d) {
        int calls = 0;
        for (Decorator dec : d.getDecorators()) {
            if (dec == null) {
                continue;
            }
            List<String> parts = Emitters.dottedName(dec);
            if (parts != null && "micropython".equals(parts.get(0))) {
                continue;
            }
            Expression x = dec.getExpression();
            Call call = x instanceof Call c ? c : null;
            compileDotted(call != null ? call.getFunc() : x);
            if (call != null) {
                compileArgs(call.getArgs(), 0, false);
            }
            calls++;
        }
        EObject definition = d.getDefinition();
        if (definition instanceof FunctionDef f) {
            makeFunction(f, f.getParams());
        } else if (definition instanceof ClassDef c) {
            classdef(c);
        } else {
            return;
        }
        for (int i = 0; i < calls; i++) {
            e.callFunction(1, 0, false);
        }
        storeId(definition instanceof FunctionDef f ? f.getName() : ((ClassDef) definition).getName());
    }

    void compileDotted(Expression x) {
        if (x instanceof Attribute a) {
            compileDotted(a.getValue());
            e.loadAttr(a.getAttr());
        } else if (x instanceof Name n) {
            loadId(n.getId());
        } else {
            broken = true;
            e.loadNull();
        }
    }

    static List<Comprehension> generators(EObject node) {
        if (node instanceof ListComp l) {
            return l.getGenerators();
        }
        if (node instanceof GeneratorExp g) {
            return g.getGenerators();
        }
        return ((DictOrSet) node).getGenerators();
    }

    void comprehension(Expression node) {
        closeOver(node, false);
        List<Comprehension> gens = generators(node);
        Expression iter = gens.isEmpty() || gens.get(0) == null ? null : gens.get(0).getIter();
        compile(iter);
        if (node instanceof GeneratorExp) {
            e.getIter(false);
        }
        e.callFunction(1, 0, false);
    }

    // ------------------------------------------------------------------------------------------ expressions

    /** {@code c_if_cond}: a condition compiled as jumps to {@code label}. */
    void ifCond(Expression x, boolean jumpIf, int label) {
        if (x == null) {
            return;
        }
        ConstValue c = consts.fold(x);
        if (c != null) {
            if (c.truthy() == jumpIf) {
                e.jump(label);
            }
            return;
        }
        if (x instanceof BoolOp b && !ConstTable.isLogicalChainMember(b)) {
            List<Expression> kept = consts.logicalOperands(b);
            if (kept.size() == 1) {
                ifCond(kept.get(0), jumpIf, label);
                return;
            }
            boolean or = "or".equals(b.getOp());
            int n = kept.size();
            if (or != jumpIf) {
                int label2 = newLabel();
                for (int i = 0; i < n - 1; i++) {
                    ifCond(kept.get(i), !jumpIf, label2);
                }
                ifCond(kept.get(n - 1), jumpIf, label);
                e.labelAssign(label2);
            } else {
                for (Expression k : kept) {
                    ifCond(k, jumpIf, label);
                }
            }
            return;
        }
        if (x instanceof UnaryOp u && "not".equals(u.getOp())) {
            ifCond(u.getOperand(), !jumpIf, label);
            return;
        }
        compile(x);
        e.popJumpIf(jumpIf, label);
    }

    void compile(Expression x) {
        if (x == null) {
            broken = true;
            e.loadNull();
            return;
        }
        if (x instanceof BinOp b && ConstTable.isChainMember(b)) {
            binOp(b);
            return;
        }
        if (x instanceof BoolOp b && ConstTable.isLogicalChainMember(b)) {
            boolOp(b);
            return;
        }
        ConstValue c = consts.fold(x);
        if (c != null) {
            loadConst(c, x);
            return;
        }
        if (x instanceof Name n) {
            loadId(n.getId());
        } else if (x instanceof BinOp b) {
            binOp(b);
        } else if (x instanceof UnaryOp u) {
            compile(u.getOperand());
            e.unaryOp(u.getOp());
        } else if (x instanceof BoolOp b) {
            boolOp(b);
        } else if (x instanceof Compare cmp) {
            compare(cmp);
        } else if (x instanceof IfExp ie) {
            int fail = newLabel();
            int end = newLabel();
            ifCond(ie.getCondition(), false, fail);
            compile(ie.getBody());
            e.jump(end);
            e.labelAssign(fail);
            e.adjustStackSize(-1);
            compile(ie.getOrelse());
            e.labelAssign(end);
        } else if (x instanceof Lambda l) {
            makeFunction(l, l.getParams());
        } else if (x instanceof Call call) {
            call(call);
        } else if (x instanceof Subscript s) {
            compile(s.getValue());
            compileIndex(s.getIndex());
            e.loadSubscr();
        } else if (x instanceof Attribute a) {
            compile(a.getValue());
            e.loadAttr(a.getAttr());
        } else if (x instanceof Tuple t) {
            sequence(t.getElements());
        } else if (x instanceof ListExp l) {
            sequence(l.getElements());
        } else if (x instanceof DictOrSet d) {
            dictOrSet(d);
        } else if (x instanceof ListComp || x instanceof GeneratorExp) {
            comprehension(x);
        } else if (x instanceof Yield y) {
            if (y.isFrom()) {
                compile(y.getValue());
                e.getIter(false);
                e.loadConstNone();
                e.yield(true);
            } else {
                if (y.getValue() == null) {
                    e.loadConstNone();
                } else {
                    compile(y.getValue());
                }
                e.yield(false);
            }
            if (pass == NativeAsm.PASS_SCOPE) {
                ns.generator = true;
            }
        } else if (x instanceof Await a) {
            compile(a.getValue());
            e.loadMethod("__await__", false);
            e.callMethod(0, 0, false);
            e.getIter(false);
            e.loadConstNone();
            e.yield(true);
            if (pass == NativeAsm.PASS_SCOPE) {
                ns.generator = true;
            }
        } else if (x instanceof NamedExpr ne) {
            compile(ne.getValue());
            e.dupTop();
            if (ne.getTarget() instanceof Name n) {
                storeId(n.getId());
            } else {
                broken = true;
                e.popTop();
            }
        } else if (x instanceof Str s) {
            fString(s);
        } else {
            broken = true;
            e.loadNull();
        }
    }

    void sequence(List<Expression> elements) {
        for (Expression el : elements) {
            if (el instanceof Starred) {
                broken = true; // *x must be assignment target
            }
            compile(el instanceof Starred s ? s.getValue() : el);
        }
        e.build(elements.size(), false);
    }

    void loadConst(ConstValue c, Expression x) {
        if (c == ConstValue.EMPTY_TUPLE) {
            e.build(0, false);
            return;
        }
        if (c.isObject() && !c.isSmallInt(bits)) {
            e.loadConstObj(ModuleTables.constKey(x));
            return;
        }
        switch (c.kind()) {
            case INT -> {
                if (c.isSmallInt(bits)) {
                    e.loadConstSmallInt(c.integer().longValue());
                } else {
                    e.loadConstObj(ModuleTables.constKey(x));
                }
            }
            case NONE -> e.loadConstNone();
            case TRUE -> e.loadConstBool(true);
            case FALSE -> e.loadConstBool(false);
            case STR -> {
                if (x instanceof Str s && ModuleTables.isShortStr(s)) {
                    e.loadConstStr(ModuleTables.text(s));
                } else {
                    e.loadConstObj(ModuleTables.constKey(x));
                }
            }
            default -> e.loadConstObj(ModuleTables.constKey(x));
        }
    }

    /**
     * An f-string: MicroPython's lexer turns it into {@code "...".format(args)}. The fields' expressions are not
     * in our tree, so each is estimated as a local load.
     */
    void fString(Str s) {
        int fields = 0;
        String text = ModuleTables.text(s);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '{') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '{') {
                    i++;
                } else {
                    fields++;
                }
            }
        }
        String format = ModuleTables.fStringFormat(s);
        if (format.length() <= 10) {
            e.loadConstStr(format);
        } else {
            e.loadConstObj("s:" + format);
        }
        e.loadMethod("format", false);
        for (int i = 0; i < fields; i++) {
            if (ns.numLocals > 0 && !ns.viper) {
                e.loadFast(0); // typically a name
            } else {
                e.loadNull();
            }
            as.estimate(0, 8);
        }
        e.callMethod(fields, 0, false);
    }

    void binOp(BinOp b) {
        Expression left = b.getLeft();
        if (left instanceof BinOp lb && ConstTable.isChainMember(lb)) {
            binOp(lb);
        } else {
            compile(left);
        }
        compile(b.getRight());
        e.binaryOp(b.getOp() == null ? "+" : b.getOp());
    }

    void boolOp(BoolOp b) {
        List<Expression> kept = consts.logicalOperands(b);
        if (kept.size() == 1) {
            compile(kept.get(0));
            return;
        }
        boolean or = "or".equals(b.getOp());
        int end = newLabel();
        for (int i = 0; i < kept.size(); i++) {
            compile(kept.get(i));
            if (i + 1 < kept.size()) {
                e.jumpIfOrPop(or, end);
            }
        }
        e.labelAssign(end);
    }

    void compare(Compare c) {
        compile(c.getLeft());
        int n = Math.min(c.getOps().size(), c.getComparators().size());
        boolean multi = n > 1;
        int fail = multi ? newLabel() : -1;
        for (int i = 0; i < n; i++) {
            compile(c.getComparators().get(i));
            if (i + 1 < n) {
                e.dupTop();
                e.rotThree();
            }
            e.binaryOp(c.getOps().get(i).replaceAll("\\s+", " ").trim());
            if (i + 1 < n) {
                e.jumpIfOrPop(false, fail);
            }
        }
        if (multi) {
            int end = newLabel();
            e.jump(end);
            e.labelAssign(fail);
            e.adjustStackSize(1);
            e.rotTwo();
            e.popTop();
            e.labelAssign(end);
        }
    }

    void call(Call call) {
        Expression func = call.getFunc();
        if (func instanceof Attribute a && !Syntax.isParenthesized(a)) {
            if (a.getValue() instanceof Call sup && isSuperCall(sup)) {
                superLoad(sup);
                e.loadMethod(a.getAttr(), true);
            } else {
                compile(a.getValue());
                e.loadMethod(a.getAttr(), false);
            }
            compileArgs(call.getArgs(), 0, true);
            return;
        }
        if (isSuperCall(call)) {
            superLoad(call);
            e.callFunction(2, 0, false);
            return;
        }
        compile(func);
        compileArgs(call.getArgs(), 0, false);
    }

    boolean isSuperCall(Call c) {
        return c.getFunc() instanceof Name n && "super".equals(n.getId()) && c.getArgs().isEmpty()
                && consts.substitution(n) == null;
    }

    void superLoad(Call sup) {
        loadId("super");
        loadId("__class__");
        String first = null;
        for (Parameter p : def.getParams()) {
            if (p != null && p.getName() != null) {
                first = p.getName();
                break;
            }
        }
        if (first != null) {
            loadId(first);
        } else {
            broken = true;
            e.loadNull();
        }
    }

    /** {@code compile_trailer_paren_helper} and the call. */
    void compileArgs(List<Expression> args, int extra, boolean method) {
        int nPos = extra;
        int nKw = 0;
        boolean star = false;
        long starArgs = 0;
        for (int i = 0; i < args.size(); i++) {
            Expression a = args.get(i);
            if (a instanceof StarArg s) {
                star = true;
                starArgs |= 1L << i;
                compile(s.getValue());
                nPos++;
            } else if (a instanceof DoubleStarArg d) {
                star = true;
                e.loadNull();
                compile(d.getValue());
                nKw++;
            } else if (a instanceof KeywordArg k) {
                e.loadConstStr(k.getKey() instanceof Name kn ? kn.getId() : "");
                compile(k.getValue());
                nKw++;
            } else if (a instanceof GeneratorExp g && !Syntax.isParenthesized(g)) {
                comprehension(g);
                nPos++;
            } else {
                compile(a);
                nPos++;
            }
        }
        if (star) {
            e.loadConstSmallInt(starArgs);
        }
        if (method) {
            e.callMethod(nPos, nKw, star);
        } else {
            e.callFunction(nPos, nKw, star);
        }
    }

    void compileIndex(Expression index) {
        if (index instanceof Slice s) {
            if (s.getLower() != null) {
                compile(s.getLower());
            } else {
                e.loadConstNone();
            }
            if (s.getUpper() == null && s.getStep() == null) {
                e.loadConstNone();
                e.buildSlice(2);
            } else if (s.getUpper() == null) {
                e.loadConstNone();
                compile(s.getStep());
                e.buildSlice(3);
            } else if (s.getStep() == null) {
                compile(s.getUpper());
                e.buildSlice(2);
            } else {
                compile(s.getUpper());
                compile(s.getStep());
                e.buildSlice(3);
            }
            return;
        }
        if (index instanceof Tuple t && consts.fold(t) == null) {
            for (Expression x : t.getElements()) {
                compileIndex(x);
            }
            e.build(t.getElements().size(), false);
            return;
        }
        compile(index);
    }

    void dictOrSet(DictOrSet d) {
        if (!d.getGenerators().isEmpty()) {
            comprehension(d);
            return;
        }
        List<Expression> items = d.getItems();
        if (items.isEmpty()) {
            e.build(0, true);
            return;
        }
        if (items.get(0) instanceof KeyValue) {
            e.build(items.size(), true);
            for (Expression x : items) {
                if (x instanceof KeyValue kv) {
                    compile(kv.getValue());
                    compile(kv.getKey());
                    e.storeMap();
                } else {
                    broken = true;
                }
            }
        } else {
            for (Expression x : items) {
                compile(x);
            }
            e.build(items.size(), false);
        }
    }
}
