package dev.mprt.lang.emitter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Assert;
import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Await;
import dev.mprt.lang.ast.BinOp;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.BoolOp;
import dev.mprt.lang.ast.Break;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Compare;
import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.Continue;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Elif;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.If;
import dev.mprt.lang.ast.IfExp;
import dev.mprt.lang.ast.Import;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.Raise;
import dev.mprt.lang.ast.Return;
import dev.mprt.lang.ast.Slice;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.ast.Subscript;
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.UnaryOp;
import dev.mprt.lang.ast.While;
import dev.mprt.lang.ast.With;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.scope.Symbol;

/**
 * Replays py/compile.c over one scope of our tree, feeding a model of py/emitnative.c's typed value stack (viper
 * mode). Each emit method below corresponds to an {@code emit_native_*} function and applies its type rules; the
 * compile methods correspond to {@code compile_*} and emit in the same order, so first-store typing, immediates
 * and stack settling happen exactly where MicroPython's emitter sees them.
 */
final class ViperCompiler {

    private static final String UB = " is undefined behaviour: the viper emitter only asserts against it (firmware"
            + " generates wrong code, mpy-cross aborts)";

    private enum IdKind {
        FAST, DEREF, GLOBAL, NAME
    }

    /** One entry of the emitter's value stack ({@code stack_info_t}). */
    private static final class Entry {
        ViperType type;
        boolean imm;
        /** Immediate int value (for an INT immediate), or null. */
        BigInteger value;
        /** The cast target of a CAST immediate. */
        ViperType cast;
        EObject node;

        Entry(ViperType type, boolean imm, EObject node) {
            this.type = type;
            this.imm = imm;
            this.node = node;
        }
    }

    // binary operators (subset of mp_binary_op_t that the emitter distinguishes)
    private enum Op {
        LESS, MORE, EQUAL, LESS_EQUAL, MORE_EQUAL, NOT_EQUAL, IN, IS, EXCEPTION_MATCH, NOT_IN, IS_NOT,
        OR, XOR, AND, LSHIFT, RSHIFT, ADD, SUBTRACT, MULTIPLY, MAT_MULTIPLY, FLOOR_DIVIDE, TRUE_DIVIDE, MODULO, POWER;

        boolean isComparison() {
            return ordinal() <= NOT_EQUAL.ordinal();
        }
    }

    private final EObject scopeNode;
    private final ViperTypes.Context ctx;
    private final ScopeTree tree;
    private final Scope scope;
    private final ConstTable consts;
    private final int bits;
    private final List<ViperTypes.Finding> findings = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();
    private final Map<String, ViperType> fast = new LinkedHashMap<>();
    private final Map<String, EObject> firstStore = new LinkedHashMap<>();
    private final Map<String, ViperType> params = new LinkedHashMap<>();
    private final ArrayList<Entry> stack = new ArrayList<>();
    private ViperType savedStackVtype = ViperType.OBJECT;
    private ViperType returnType = ViperType.OBJECT;
    private boolean functionLike;

    ViperCompiler(EObject scopeNode, ViperTypes.Context ctx) {
        this.scopeNode = scopeNode;
        this.ctx = ctx;
        this.tree = ctx.scopes();
        this.scope = tree == null ? null : tree.scopeOf(scopeNode);
        this.consts = ctx.consts();
        this.bits = consts.smallIntBits();
    }

    ViperTypes.Result run() {
        functionLike = !(scopeNode instanceof ClassDef);
        try {
            compileScope();
        } catch (RuntimeException e) {
            // never fail the analysis on a broken tree; keep what was found
        }
        Map<String, ViperTypes.Local> locals = new LinkedHashMap<>();
        params.forEach((n, t) -> locals.put(n, new ViperTypes.Local(n, t, null, true)));
        fast.forEach((n, t) -> locals.putIfAbsent(n, new ViperTypes.Local(n, t, firstStore.get(n), false)));
        return new ViperTypes.Result(locals, returnType, findings);
    }

    // ================================================================================================ findings

    private void report(String code, Severity severity, String message, EObject node) {
        if (node == null) {
            node = scopeNode;
        }
        String key = code + "|" + message + "|" + System.identityHashCode(node);
        if (reported.add(key)) {
            findings.add(new ViperTypes.Finding(code, severity, message, node));
        }
    }

    private void error(String code, String message, EObject node) {
        report(code, Severity.ERROR, message, node);
    }

    private void typeError(String code, String message, EObject node) {
        error(code, "ViperTypeError: " + message, node);
    }

    private void undefined(String code, String what, EObject node) {
        error(code, "viper: " + what + UB, node);
    }

    // ================================================================================================ scope

    private void compileScope() {
        if (scopeNode instanceof FunctionDef f) {
            initFunction(f);
            compileBlock(f.getBody());
            loadConstTok(ViperType.NONE, f);
            returnValue(f, f);
        } else if (scopeNode instanceof Lambda l) {
            initLocals();
            compile(l.getBody());
            returnValue(l.getBody(), l.getBody());
        } else if (scopeNode instanceof ClassDef c) {
            initLocals();
            push(ViperType.OBJECT, c); // __name__
            storeGlobal(IdKind.NAME, c); // __module__
            push(ViperType.OBJECT, c);
            storeGlobal(IdKind.NAME, c); // __qualname__
            compileBlock(c.getBody());
            loadConstTok(ViperType.NONE, c);
            returnValue(c, c);
        } else if (ScopeBuilder.isComprehension(scopeNode)) {
            initLocals();
            compileComprehensionScope(scopeNode);
        }
    }

    /** Parameter and local types at the start of a pass ({@code emit_native_start_pass}). */
    private void initLocals() {
        if (scope == null) {
            return;
        }
        for (Symbol s : scope.symbols()) {
            if (s.kind() == Symbol.Kind.LOCAL && !fast.containsKey(s.name())) {
                fast.put(s.name(), s.isParameter() ? ViperType.OBJECT : ViperType.UNBOUND);
                if (s.isParameter()) {
                    params.put(s.name(), ViperType.OBJECT);
                }
            } else if (s.kind() == Symbol.Kind.CELL && s.isParameter()) {
                params.put(s.name(), ViperType.OBJECT);
            }
        }
    }

    private void initFunction(FunctionDef f) {
        initLocals();
        if (f.isAsync()) {
            error(ViperTypes.ASYNC_DEF, "viper: 'async def' is not supported by the viper emitter (coroutines need"
                    + " yield, and compiling one crashed MicroPython's unix build)", f);
        }
        boolean afterStar = false;
        int positional = 0;
        for (Parameter p : f.getParams()) {
            if (p != null && !p.isStar() && !p.isDstar()) {
                if (afterStar) {
                    break;
                }
                positional++;
            } else if (p != null && p.isStar()) {
                afterStar = true;
            }
        }
        afterStar = false;
        for (Parameter p : f.getParams()) {
            if (p == null) {
                continue;
            }
            if (p.isStar()) {
                afterStar = true;
                if (p.getName() != null && reads(f, p.getName())) {
                    error(ViperTypes.STAR_PARAMETER, "viper functions take positional arguments only: '*"
                            + p.getName() + "' is never filled in, so reading it reads an uninitialised slot", p);
                }
            } else if (p.isDstar()) {
                if (reads(f, p.getName())) {
                    error(ViperTypes.STAR_PARAMETER, "viper functions take positional arguments only: '**"
                            + p.getName() + "' is never filled in, so reading it reads an uninitialised slot", p);
                }
            } else if (afterStar) {
                if (reads(f, p.getName())) {
                    error(ViperTypes.STAR_PARAMETER, "viper functions take positional arguments only: keyword-only"
                            + " parameter '" + p.getName() + "' is never filled in, so reading it reads an"
                            + " uninitialised slot", p);
                }
            } else if (p.getDefault() != null) {
                report(ViperTypes.DEFAULT_DROPPED, Severity.WARNING, "viper functions ignore default values: a call"
                        + " without '" + p.getName() + "' raises TypeError (the function takes exactly " + positional
                        + " positional arguments)", p.getDefault());
            }
            Symbol sym = symbol(p.getName());
            if (sym != null && sym.kind() == Symbol.Kind.CELL) {
                error(ViperTypes.CAPTURED_PARAMETER, "viper: parameter '" + p.getName() + "' is captured by a nested"
                        + " function, but viper never makes parameters into cells: the closure sees a wrong value at"
                        + " run time (copy it to a local object first)", p);
            }
            ViperType t = ViperType.OBJECT;
            if (p.getAnnotation() != null) {
                t = annotation(p.getAnnotation());
            }
            if (p.getName() != null) {
                params.put(p.getName(), t);
                if (fast.containsKey(p.getName())) {
                    fast.put(p.getName(), t);
                }
            }
        }
        if (f.getReturnAnnotation() != null) {
            returnType = annotation(f.getReturnAnnotation());
        }
    }

    /** Whether the body of {@code f} (or a scope nested in it) reads the name. */
    private static boolean reads(FunctionDef f, String name) {
        if (name == null || f.getBody() == null) {
            return false;
        }
        for (Iterator<EObject> it = f.getBody().eAllContents(); it.hasNext();) {
            if (it.next() instanceof Name n && name.equals(n.getId()) && !isStoreTarget(n)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStoreTarget(Name n) {
        EObject c = n;
        EObject p = n.eContainer();
        while (p instanceof Tuple || p instanceof ListExp || p instanceof Starred) {
            c = p;
            p = p.eContainer();
        }
        if (p instanceof ExprStatement s && !Statements.isAugmented(s)) {
            return Statements.targets(s).contains(c) || (Statements.isAnnotated(s) && s.getExpression() == c);
        }
        return p instanceof For f && f.getTarget() == c || p instanceof Comprehension k && k.getTarget() == c
                || p instanceof WithItem w && w.getTarget() == c || p instanceof Del;
    }

    /** {@code compile_viper_type_annotation}. */
    private ViperType annotation(Expression a) {
        if (a instanceof Name n && consts.substitution(n) == null) {
            ViperType t = ViperType.fromName(n.getId());
            if (t == null) {
                typeError(ViperTypes.UNKNOWN_TYPE, "unknown type '" + n.getId() + "'", a);
                return ViperType.OBJECT;
            }
            return t;
        }
        error(ViperTypes.ANNOTATION_NOT_IDENTIFIER, "annotation must be an identifier", a);
        return ViperType.OBJECT;
    }

    // ================================================================================================ names

    private Symbol symbol(String name) {
        return scope == null || name == null ? null : scope.lookup(name);
    }

    private IdKind idKind(String name) {
        if ("__class__".equals(name) && functionLike) {
            return IdKind.DEREF;
        }
        Symbol s = symbol(name);
        if (s == null) {
            return functionLike ? IdKind.GLOBAL : IdKind.NAME;
        }
        return switch (s.kind()) {
            case LOCAL -> IdKind.FAST;
            case CELL, FREE -> IdKind.DEREF;
            case GLOBAL_EXPLICIT -> IdKind.GLOBAL;
            case GLOBAL_IMPLICIT_ASSIGNED -> IdKind.NAME;
            default -> functionLike ? IdKind.GLOBAL : IdKind.NAME;
        };
    }

    /** The type {@code load_fast} sees for a name's slot. */
    private ViperType slotType(String name) {
        Symbol s = symbol(name);
        if (s != null && s.kind() == Symbol.Kind.CELL) {
            ViperType p = params.get(name);
            return p != null ? p : ViperType.UNBOUND; // viper never types cell variables
        }
        if (s != null && s.kind() == Symbol.Kind.FREE || "__class__".equals(name)) {
            return ViperType.OBJECT; // free variables arrive as arguments
        }
        ViperType t = fast.get(name);
        return t != null ? t : ViperType.UNBOUND;
    }

    private void loadId(String name, EObject node) {
        switch (idKind(name)) {
            case FAST -> loadFast(name, node);
            case DEREF -> {
                loadFast(name, node);
                pop();
                push(ViperType.OBJECT, node);
            }
            case GLOBAL -> loadGlobal(name, true, node);
            case NAME -> loadGlobal(name, false, node);
        }
    }

    private void storeId(String name, EObject node) {
        switch (idKind(name)) {
            case FAST -> storeFast(name, node);
            case DEREF -> {
                loadFast(name, node); // emit_native_store_deref loads the cell first
                pop();
                pop();
            }
            case GLOBAL -> storeGlobal(IdKind.GLOBAL, node);
            case NAME -> storeGlobal(IdKind.NAME, node);
        }
    }

    private void deleteId(String name, EObject node) {
        if (idKind(name) == IdKind.FAST) {
            loadConstTok(ViperType.NONE, node);
            storeFast(name, node);
        }
    }

    // ================================================================================================ the stack

    private Entry push(ViperType t, EObject node) {
        Entry e = new Entry(t, false, node);
        stack.add(e);
        return e;
    }

    private Entry pushImm(ViperType t, EObject node) {
        Entry e = new Entry(t, true, node);
        stack.add(e);
        return e;
    }

    private Entry pop() {
        if (stack.isEmpty()) {
            return new Entry(ViperType.OBJECT, false, null);
        }
        return stack.remove(stack.size() - 1);
    }

    /** Pops one value into a register: an immediate stops being one ({@code emit_access_stack}). */
    private Entry popReg() {
        Entry e = pop();
        Entry r = new Entry(e.type, false, e.node);
        r.cast = e.cast; // kept for messages only (the emitter loses it with the immediate)
        return r;
    }

    private Entry peek(int depth) {
        int i = stack.size() - 1 - depth;
        return i >= 0 ? stack.get(i) : new Entry(ViperType.OBJECT, false, null);
    }

    /** {@code need_stack_settled}: immediates become stack values (with their viper type). */
    private void settle() {
        for (Entry e : stack) {
            e.imm = false;
        }
    }

    /** {@code emit_get_stack_pointer_to_reg_for_pop}: the top n values become objects. */
    private void popForCall(int n) {
        for (int i = 0; i < n && i < stack.size(); i++) {
            Entry e = stack.get(stack.size() - 1 - i);
            if (e.imm) {
                switch (e.type) {
                    case OBJECT, BOOL, INT, UINT, NONE -> {
                    }
                    default -> error(ViperTypes.CONVERSION_TO_OBJECT, "NotImplementedError: conversion to object",
                            e.node);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            pop();
        }
    }

    private void adjustStackSize(int delta) {
        if (delta > 0) {
            for (int i = 0; i < delta; i++) {
                push(delta == 1 ? savedStackVtype : ViperType.OBJECT, null);
            }
        } else {
            for (int i = 0; i < -delta; i++) {
                pop();
            }
        }
    }

    // ================================================================================================ emit_native_*

    private void loadConstTok(ViperType t, EObject node) {
        Entry e = pushImm(t, node);
        if (t == ViperType.BOOL) {
            e.value = BigInteger.ZERO;
        }
    }

    private void loadConstSmallInt(BigInteger v, EObject node) {
        pushImm(ViperType.INT, node).value = v;
    }

    private void loadConst(ConstValue c, EObject node) {
        if (c.isObject() && !c.isSmallInt(bits)) {
            push(ViperType.OBJECT, node); // a substituted const() value: load_const_obj
            return;
        }
        switch (c.kind()) {
            case INT -> {
                if (c.isSmallInt(bits)) {
                    loadConstSmallInt(c.integer(), node);
                } else {
                    push(ViperType.OBJECT, node);
                }
            }
            case NONE -> loadConstTok(ViperType.NONE, node);
            case TRUE, FALSE -> loadConstTok(ViperType.BOOL, node);
            default -> push(ViperType.OBJECT, node);
        }
    }

    private void loadFast(String name, EObject node) {
        ViperType t = slotType(name);
        if (t == ViperType.UNBOUND) {
            typeError(ViperTypes.USED_BEFORE_TYPE_KNOWN, "local '" + name + "' used before type known", node);
        }
        push(t, node);
    }

    private void loadGlobal(String name, boolean global, EObject node) {
        ViperType cast = global ? ViperType.castOf(name) : null;
        if (cast != null) {
            pushImm(ViperType.CAST, node).cast = cast;
        } else {
            push(ViperType.OBJECT, node);
        }
    }

    private void storeFast(String name, EObject node) {
        Entry e = popReg();
        ViperType current = fast.get(name);
        if (current == null || current == ViperType.UNBOUND) {
            fast.put(name, e.type);
            if (e.type != ViperType.UNBOUND) {
                firstStore.putIfAbsent(name, node);
            }
            if (e.type == ViperType.OBJECT && e.node instanceof Expression x) {
                ConstValue c = consts.fold(x);
                int word = ctx.arch() == null ? 32 : ctx.arch().wordBits();
                if (c != null && c.isInt() && !c.isObject() && c.integer() != null && !c.isSmallInt(bits)
                        && c.integer().bitLength() <= word) {
                    report(ViperTypes.BIG_LITERAL, Severity.WARNING, "local '" + name + "' becomes an object, not an"
                            + " int: " + c.integer() + " does not fit a small int (" + bits + " bits) on this target;"
                            + " write uint(" + c.integer() + ") or int(...) for a machine word", x);
                }
            }
            if (e.type == ViperType.CAST) {
                error(ViperTypes.CAST_AS_VALUE, "viper: storing the cast '" + castName(e)
                        + "' in a local gives the local no usable type (use it only as a call, e.g. int(x))", node);
            }
        } else if (current != e.type) {
            typeError(ViperTypes.LOCAL_TYPE_MISMATCH, "local '" + name + "' has type '" + current.qstr()
                    + "' but source is '" + e.type.qstr() + "'", node);
        }
    }

    private static String castName(Entry e) {
        return e.cast == null ? "?" : e.cast.qstr();
    }

    private void storeGlobal(IdKind kind, EObject node) {
        Entry e = popReg();
        if (kind == IdKind.NAME && e.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_NAME_STORE, "storing a native '" + e.type.qstr()
                    + "' value to a name in a viper class body", node);
        }
    }

    private void loadAttr(EObject node, EObject base) {
        Entry b = popReg();
        if (b.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_ATTRIBUTE, "an attribute of a native '" + b.type.qstr() + "' value",
                    base != null ? base : node);
        }
        push(ViperType.OBJECT, node);
    }

    private void loadMethod(boolean isSuper, EObject node, EObject base) {
        if (isSuper) {
            popForCall(3);
        } else {
            Entry b = popReg();
            if (b.type != ViperType.OBJECT) {
                undefined(ViperTypes.NATIVE_ATTRIBUTE, "a method call on a native '" + b.type.qstr() + "' value",
                        base != null ? base : node);
            }
        }
        push(ViperType.OBJECT, node);
        push(ViperType.OBJECT, node);
    }

    private void storeAttr(EObject node, EObject base) {
        Entry b = popReg();
        pop(); // the value is boxed whatever its type
        if (b.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_ATTRIBUTE, "an attribute store on a native '" + b.type.qstr() + "' value",
                    base != null ? base : node);
        }
    }

    private void deleteAttr(EObject node, EObject base) {
        Entry b = popReg();
        if (b.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_ATTRIBUTE, "deleting an attribute of a native '" + b.type.qstr()
                    + "' value", base != null ? base : node);
        }
    }

    private void loadSubscr(Subscript s) {
        EObject baseNode = s.getValue();
        EObject indexNode = s.getIndex();
        if (peek(1).type == ViperType.OBJECT) {
            popReg();
            popReg();
            push(ViperType.OBJECT, s);
            return;
        }
        Entry top = peek(0);
        if (top.type == ViperType.INT && top.imm) {
            pop();
            Entry base = popReg();
            if (!isTypedPointer(base.type)) {
                typeError(ViperTypes.CANT_LOAD_FROM, "can't load from '" + base.type.qstr() + "'", baseNode);
            }
        } else {
            Entry index = popReg();
            Entry base = popReg();
            if (!index.type.isIntegral()) {
                typeError(ViperTypes.CANT_LOAD_WITH_INDEX, "can't load with '" + index.type.qstr() + "' index",
                        indexNode);
            }
            if (!isTypedPointer(base.type)) {
                typeError(ViperTypes.CANT_LOAD_FROM, "can't load from '" + base.type.qstr() + "'", baseNode);
            }
        }
        push(ViperType.INT, s);
    }

    private static boolean isTypedPointer(ViperType t) {
        return t == ViperType.PTR8 || t == ViperType.PTR16 || t == ViperType.PTR32;
    }

    /** {@code base[index] = value}: stack is value, base, index. */
    private void storeSubscr(Subscript s, EObject statement) {
        EObject baseNode = s.getValue();
        EObject indexNode = s.getIndex();
        if (peek(1).type == ViperType.OBJECT) {
            if (peek(0).type != ViperType.OBJECT || peek(2).type != ViperType.OBJECT) {
                popForCall(3);
            } else {
                pop();
                pop();
                pop();
            }
            return;
        }
        Entry top = peek(0);
        if (top.type == ViperType.INT && top.imm) {
            BigInteger index = top.value;
            pop();
            Entry base = popReg();
            Entry value = popReg();
            if (!isStorable(value.type)) {
                typeError(ViperTypes.CANT_STORE_VALUE, "can't store '" + value.type.qstr() + "'",
                        value.node != null ? value.node : statement);
            }
            if (!isTypedPointer(base.type)) {
                typeError(ViperTypes.CANT_STORE_TO, "can't store to '" + base.type.qstr() + "'", baseNode);
            } else if (ctx.arch() != null && ctx.arch().isXtensa() && index != null && index.signum() > 0
                    && index.compareTo(BigInteger.valueOf(256)) < 0) {
                report(ViperTypes.XTENSA_STORE, Severity.WARNING, "viper store through a " + base.type.qstr()
                        + " with a literal index from 1 to 255: MicroPython 1.25's Xtensa emitter stores the wrong"
                        + " register (it writes a2, not the value); use a variable index or add the offset to the"
                        + " pointer", s);
            }
        } else {
            Entry index = popReg();
            Entry base = popReg();
            if (!index.type.isIntegral()) {
                typeError(ViperTypes.CANT_STORE_WITH_INDEX, "can't store with '" + index.type.qstr() + "' index",
                        indexNode);
            }
            Entry value = popReg();
            if (!isStorable(value.type)) {
                typeError(ViperTypes.CANT_STORE_VALUE, "can't store '" + value.type.qstr() + "'",
                        value.node != null ? value.node : statement);
            }
            if (!isTypedPointer(base.type)) {
                typeError(ViperTypes.CANT_STORE_TO, "can't store to '" + base.type.qstr() + "'", baseNode);
            }
        }
    }

    private static boolean isStorable(ViperType t) {
        return t == ViperType.BOOL || t == ViperType.INT || t == ViperType.UINT;
    }

    private void deleteSubscr(Subscript s) {
        Entry index = popReg();
        Entry base = popReg();
        if (index.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_DELETE_SUBSCRIPT, "deleting an item with a native '" + index.type.qstr()
                    + "' index", s.getIndex());
        }
        if (base.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_DELETE_SUBSCRIPT, "deleting an item of a native '" + base.type.qstr()
                    + "' value", s.getValue());
        }
    }

    private void dupTop() {
        Entry e = popReg();
        stack.add(e);
        stack.add(copy(e));
    }

    private static Entry copy(Entry e) {
        Entry c = new Entry(e.type, e.imm, e.node);
        c.value = e.value;
        c.cast = e.cast;
        return c;
    }

    private void dupTopTwo() {
        Entry a = popReg();
        Entry b = popReg();
        stack.add(b);
        stack.add(a);
        stack.add(copy(b));
        stack.add(copy(a));
    }

    private void rotTwo() {
        Entry a = popReg();
        Entry b = popReg();
        stack.add(a);
        stack.add(b);
    }

    private void rotThree() {
        Entry a = popReg();
        Entry b = popReg();
        Entry c = popReg();
        stack.add(a);
        stack.add(c);
        stack.add(b);
    }

    private void jump() {
        settle();
    }

    private void labelAssign() {
        settle();
    }

    private void checkCondition(Entry e, EObject node) {
        if (e.type != ViperType.OBJECT && e.type != ViperType.BOOL && !e.type.isIntegral()) {
            typeError(ViperTypes.CANT_CONVERT_TO_BOOL, "can't implicitly convert '" + e.type.qstr() + "' to 'bool'",
                    node);
        }
    }

    private void popJumpIf(EObject node) {
        Entry e = popReg();
        checkCondition(e, node != null ? node : e.node);
        settle();
    }

    private void jumpIfOrPop(EObject node) {
        Entry e = peek(0);
        checkCondition(e, node != null ? node : e.node);
        savedStackVtype = e.type;
        settle();
        pop();
    }

    private void getIter(boolean useStack, EObject node) {
        Entry e = popReg();
        if (e.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_ITERATION, "iterating over a native '" + e.type.qstr() + "' value", node);
        }
        if (useStack) {
            for (int i = 0; i < 4; i++) {
                push(ViperType.OBJECT, node);
            }
        } else {
            push(ViperType.OBJECT, node);
        }
    }

    private void forIter(EObject node) {
        push(ViperType.OBJECT, node);
    }

    private void forIterEnd() {
        for (int i = 0; i < 4; i++) {
            pop();
        }
    }

    private void unaryOp(String op, EObject node) {
        Entry e = peek(0);
        if (e.type.isIntegral()) {
            switch (op) {
                case "+" -> {
                }
                case "-", "~" -> {
                    Entry r = popReg();
                    push(r.type, node);
                }
                default -> typeError(ViperTypes.NOT_NOT_IMPLEMENTED, "'not' not implemented", node);
            }
        } else if (e.type == ViperType.OBJECT) {
            pop();
            push(ViperType.OBJECT, node);
        } else {
            typeError(ViperTypes.UNARY_OP_TYPE, "can't do unary op of '" + e.type.qstr() + "'", node);
        }
    }

    private void binaryOp(Op op, EObject node) {
        ViperType lhs = peek(1).type;
        ViperType rhs = peek(0).type;
        if (lhs.isIntegral() && rhs.isIntegral()) {
            if (op == Op.FLOOR_DIVIDE || op == Op.MODULO) {
                pop();
                pop();
                if (lhs != ViperType.INT) {
                    typeError(ViperTypes.UINT_DIV_MOD, "div/mod not implemented for uint", node);
                }
                push(ViperType.INT, node);
                return;
            }
            switch (op) {
                case OR, XOR, AND, ADD, SUBTRACT, MULTIPLY, LSHIFT, RSHIFT -> {
                    pop();
                    pop();
                    push(lhs, node);
                }
                case LESS, MORE, EQUAL, LESS_EQUAL, MORE_EQUAL, NOT_EQUAL -> {
                    pop();
                    pop();
                    if (lhs != rhs) {
                        typeError(ViperTypes.INT_UINT_COMPARISON, "comparison of int and uint", node);
                    }
                    push(ViperType.BOOL, node);
                }
                default -> {
                    pop();
                    Entry l = peek(0);
                    l.imm = false;
                    l.node = node;
                    // mpy-cross names no method here (MICROPY_PY_ALL_SPECIAL_METHODS is off); `not in` reads past
                    // the end of mp_binary_op_method_name, see the differential's note
                    typeError(ViperTypes.BINARY_OP_NOT_IMPLEMENTED, "binary op  not implemented", node);
                }
            }
        } else if (lhs == ViperType.OBJECT && rhs == ViperType.OBJECT) {
            pop();
            pop();
            push(ViperType.OBJECT, node);
        } else {
            pop();
            typeError(ViperTypes.BINARY_OP_TYPES, "can't do binary op between '" + lhs.qstr() + "' and '"
                    + rhs.qstr() + "'", node);
        }
    }

    private void buildSlice(int n, EObject node) {
        for (int i = 0; i < n; i++) {
            Entry e = popReg();
            if (e.type != ViperType.OBJECT) {
                undefined(ViperTypes.NATIVE_SLICE, "a slice bound of native type '" + e.type.qstr()
                        + "' (in viper a literal or None bound is native)", e.node != null ? e.node : node);
            }
        }
        push(ViperType.OBJECT, node);
    }

    private void storeMap(EObject node) {
        Entry key = popReg();
        Entry value = popReg();
        pop();
        if (key.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_DICT_ITEM, "a dict key of native type '" + key.type.qstr() + "'",
                    key.node != null ? key.node : node);
        }
        if (value.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_DICT_ITEM, "a dict value of native type '" + value.type.qstr() + "'",
                    value.node != null ? value.node : node);
        }
        push(ViperType.OBJECT, node);
    }

    private void unpack(int pushCount, EObject node, EObject valueNode) {
        Entry e = popReg();
        if (e.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_UNPACK, "unpacking a native '" + e.type.qstr() + "' value",
                    valueNode != null ? valueNode : node);
        }
        for (int i = 0; i < pushCount; i++) {
            push(ViperType.OBJECT, node);
        }
    }

    private void callFunction(int nPos, int nKw, boolean star, EObject node) {
        Entry fun = peek(nPos + 2 * nKw);
        if (fun.type == ViperType.CAST) {
            if (nPos != 1 || nKw != 0 || star) {
                undefined(ViperTypes.CAST_ARGUMENTS, "a cast with other than one positional argument", node);
                int n = nPos + 2 * nKw + (star ? 1 : 0);
                for (int i = 0; i < n; i++) {
                    pop();
                }
                Entry f = pop();
                push(f.cast != null ? f.cast : ViperType.OBJECT, node);
                return;
            }
            ViperType target = peek(1).cast != null ? peek(1).cast : ViperType.OBJECT;
            Entry arg = peek(0);
            switch (arg.type) {
                case OBJECT -> {
                    pop();
                    pop();
                    push(target, node);
                }
                case BOOL, INT, UINT, PTR, PTR8, PTR16, PTR32, NONE -> {
                    Entry a = pop();
                    pop();
                    Entry folded = copy(a);
                    folded.type = target;
                    folded.node = node;
                    stack.add(folded);
                }
                default -> {
                    error(ViperTypes.CASTING, "NotImplementedError: casting", node);
                    pop();
                    pop();
                    push(target, node);
                }
            }
            return;
        }
        if (fun.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_CALL, star ? "a call with * or ** arguments whose first argument is a native '"
                    + fun.type.qstr() + "' value" : "calling a native '" + fun.type.qstr() + "' value",
                    fun.node != null ? fun.node : node);
        }
        if (star) {
            popForCall(nPos + 2 * nKw + 2);
        } else {
            popForCall(nPos + 2 * nKw);
            pop();
        }
        push(ViperType.OBJECT, node);
    }

    private void callMethod(int nPos, int nKw, boolean star, EObject node) {
        popForCall(2 + nPos + 2 * nKw + (star ? 1 : 0));
        push(ViperType.OBJECT, node);
    }

    private void returnValue(EObject node, EObject valueNode) {
        Entry e = popReg();
        if (e.type != ViperType.NONE && e.type != returnType) {
            typeError(ViperTypes.RETURN_TYPE, "return expected '" + returnType.qstr() + "' but got '"
                    + e.type.qstr() + "'", valueNode != null ? valueNode : node);
        }
        settle();
    }

    private void emitYield(EObject node, boolean from) {
        error(ViperTypes.NATIVE_YIELD, "NotImplementedError: native yield", node);
        pop();
        if (from) {
            pop();
        }
        push(ViperType.OBJECT, node);
    }

    // ================================================================================================ statements

    private void compileBlock(Block b) {
        if (b == null) {
            return;
        }
        for (Statement s : b.getStatements()) {
            if (s != null) {
                int depth = stack.size();
                compileStatement(s);
                // a statement leaves the stack as it found it; recover from any modelling gap
                while (stack.size() > depth) {
                    pop();
                }
                while (stack.size() < depth) {
                    push(ViperType.OBJECT, null);
                }
            }
        }
    }

    private void compileStatement(Statement s) {
        if (s instanceof ExprStatement e) {
            exprStatement(e);
        } else if (s instanceof Return r) {
            returnStatement(r);
        } else if (s instanceof Raise r) {
            raise(r);
        } else if (s instanceof Break || s instanceof Continue) {
            jump();
        } else if (s instanceof Import i) {
            importStatement(i);
        } else if (s instanceof ImportFrom i) {
            importFrom(i);
        } else if (s instanceof Assert a) {
            assertStatement(a);
        } else if (s instanceof Del d) {
            delete(d.getTarget());
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
            funcdef(f);
            storeId(f.getName(), f);
        } else if (s instanceof ClassDef c) {
            classdef(c);
            storeId(c.getName(), c);
        } else if (s instanceof Decorated d) {
            decorated(d);
        }
    }

    private void exprStatement(ExprStatement s) {
        Expression target = s.getExpression();
        if (Statements.isAugmented(s)) {
            Expression value = Statements.value(s);
            if (target instanceof Name n) {
                loadId(n.getId(), n);
            } else if (target instanceof Attribute a) {
                compile(a.getValue());
                dupTop();
                loadAttr(a, a.getValue());
            } else if (target instanceof Subscript sub) {
                compile(sub.getValue());
                compileIndex(sub.getIndex());
                dupTopTwo();
                loadSubscr(sub);
            } else {
                return;
            }
            compile(value);
            binaryOp(augOp(s.getAugOp()), s);
            if (target instanceof Name n) {
                storeId(n.getId(), n);
            } else if (target instanceof Attribute a) {
                rotTwo();
                storeAttr(a, a.getValue());
            } else if (target instanceof Subscript sub) {
                rotThree();
                storeSubscr(sub, s);
            }
            return;
        }
        if (Statements.isAssignment(s)) {
            List<Expression> targets = Statements.targets(s);
            Expression value = Statements.value(s);
            Call decl = ConstTable.shape(s);
            if (decl != null && target instanceof Name n && consts.substitution(n) == null
                    && decl.getArgs().size() == 1 && consts.fold(decl.getArgs().get(0)) != null) {
                // NAME = const(EXPR): the parser drops the statement (a _private name) or leaves NAME = EXPR
                if (n.getId() != null && !n.getId().startsWith("_")) {
                    compile(decl.getArgs().get(0));
                    storeId(n.getId(), n);
                }
                return;
            }
            if (targets.size() == 1 && tupleAssign(targets.get(0), value)) {
                return;
            }
            compile(value);
            for (int i = 0; i < targets.size(); i++) {
                if (i + 1 < targets.size()) {
                    dupTop();
                }
                assign(targets.get(i), value);
            }
            return;
        }
        if (Statements.isAnnotated(s)) {
            return; // `x: T` declares only
        }
        if (target == null) {
            return;
        }
        ConstValue c = consts.fold(target);
        if (c != null && c != ConstValue.EMPTY_TUPLE) {
            return; // a lonely constant is not compiled
        }
        compile(target);
        pop();
    }

    /** {@code a, b = c, d} (and three items): compiled without a tuple (MICROPY_COMP_DOUBLE/TRIPLE_TUPLE_ASSIGN). */
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
            rotThree();
        }
        rotTwo();
        for (Expression x : lhs.getElements()) {
            assign(x, null);
        }
        return true;
    }

    /** {@code c_assign} with ASSIGN_STORE: the value is on the top of the stack. */
    private void assign(Expression target, EObject valueNode) {
        if (target instanceof Name n) {
            if (consts.substitution(n) != null) {
                pop(); // `can't assign to expression`: the const check reports it
                return;
            }
            storeId(n.getId(), n);
        } else if (target instanceof Attribute a) {
            compile(a.getValue());
            storeAttr(a, a.getValue());
        } else if (target instanceof Subscript s) {
            compile(s.getValue());
            compileIndex(s.getIndex());
            storeSubscr(s, target);
        } else if (target instanceof Tuple t) {
            assignSequence(t.getElements(), t, valueNode);
        } else if (target instanceof ListExp l) {
            assignSequence(l.getElements(), l, valueNode);
        } else {
            pop();
        }
    }

    private void assignSequence(List<Expression> elements, EObject node, EObject valueNode) {
        int star = -1;
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof Starred) {
                star = i;
                break;
            }
        }
        unpack(star < 0 ? elements.size() : elements.size(), node, valueNode);
        for (int i = 0; i < elements.size(); i++) {
            Expression x = elements.get(i);
            assign(x instanceof Starred s ? s.getValue() : x, null);
        }
    }

    private void returnStatement(Return r) {
        Expression v = r.getValue();
        if (v == null) {
            loadConstTok(ViperType.NONE, r);
            returnValue(r, r);
        } else if (v instanceof IfExp ie) {
            ifCond(ie.getCondition(), false);
            compile(ie.getBody());
            returnValue(r, ie.getBody());
            labelAssign();
            compile(ie.getOrelse());
            returnValue(r, ie.getOrelse());
        } else {
            compile(v);
            returnValue(r, v);
        }
    }

    private void raise(Raise r) {
        if (r.getExc() == null) {
            return; // bare raise: NativeCheck reports it for native and viper code
        }
        compile(r.getExc());
        if (r.getCause() != null) {
            compile(r.getCause());
            pop();
            pop();
            return;
        }
        Entry e = popReg();
        if (e.type != ViperType.OBJECT) {
            typeError(ViperTypes.MUST_RAISE_OBJECT, "must raise an object", r.getExc());
        }
        settle();
    }

    private void importStatement(Import i) {
        for (ImportName n : i.getNames()) {
            pop2push1(n);
            String module = n.getModule();
            String bind = n.getAsname() != null ? n.getAsname()
                    : module == null ? null : module.split("\\.")[0].trim();
            if (bind != null) {
                storeId(bind, n);
            } else {
                pop();
            }
        }
    }

    private void pop2push1(EObject node) {
        push(ViperType.OBJECT, node); // level, fromlist and the import itself only ever hold objects here
    }

    private void importFrom(ImportFrom i) {
        push(ViperType.OBJECT, i); // the module
        if (i.isWildcard()) {
            pop();
            return;
        }
        for (ImportAlias a : i.getNames()) {
            push(ViperType.OBJECT, a);
            String bind = a.getAsname() != null ? a.getAsname() : a.getImported();
            if (bind != null) {
                storeId(bind, a);
            } else {
                pop();
            }
        }
        pop();
    }

    private void assertStatement(Assert a) {
        ifCond(a.getTest(), true);
        push(ViperType.OBJECT, a); // AssertionError
        if (a.getMsg() != null) {
            compile(a.getMsg());
            callFunction(1, 0, false, a);
        }
        pop();
        settle();
        labelAssign();
    }

    private void delete(Expression t) {
        if (t instanceof Name n) {
            if (consts.substitution(n) == null) {
                deleteId(n.getId(), n);
            }
        } else if (t instanceof Attribute a) {
            compile(a.getValue());
            deleteAttr(a, a.getValue());
        } else if (t instanceof Subscript s) {
            compile(s.getValue());
            compileIndex(s.getIndex());
            deleteSubscr(s);
        } else if (t instanceof Tuple tu) {
            for (Expression x : tu.getElements()) {
                delete(x);
            }
        }
    }

    private boolean constTrue(Expression e) {
        ConstValue c = consts.fold(e);
        return c != null && c.truthy();
    }

    private boolean constFalse(Expression e) {
        ConstValue c = consts.fold(e);
        return c != null && !c.truthy();
    }

    private void ifStatement(If s) {
        boolean done = false;
        if (!constFalse(s.getCondition())) {
            ifCond(s.getCondition(), false);
            compileBlock(s.getBody());
            if (constTrue(s.getCondition())) {
                done = true;
            } else {
                if (!s.getElifs().isEmpty() || s.getOrelse() != null) {
                    jump();
                }
                labelAssign();
            }
        }
        if (!done) {
            for (Elif e : s.getElifs()) {
                if (e == null || constFalse(e.getCondition())) {
                    continue;
                }
                ifCond(e.getCondition(), false);
                compileBlock(e.getBody());
                if (constTrue(e.getCondition())) {
                    done = true;
                    break;
                }
                jump();
                labelAssign();
            }
        }
        if (!done) {
            compileBlock(s.getOrelse());
        }
        labelAssign();
    }

    private void whileStatement(While w) {
        if (!constFalse(w.getCondition())) {
            if (!constTrue(w.getCondition())) {
                jump();
            }
            labelAssign();
            compileBlock(w.getBody());
            labelAssign();
            ifCond(w.getCondition(), true);
        }
        compileBlock(w.getOrelse());
        labelAssign();
    }

    private void forStatement(For f) {
        if (f.isAsync()) {
            error(ViperTypes.NATIVE_YIELD, "NotImplementedError: native yield", f);
            return;
        }
        if (rangeFor(f)) {
            return;
        }
        compile(f.getIter());
        getIter(true, f.getIter());
        labelAssign();
        forIter(f);
        assign(f.getTarget(), null);
        compileBlock(f.getBody());
        jump();
        labelAssign();
        forIterEnd();
        compileBlock(f.getOrelse());
        labelAssign();
    }

    /** {@code compile_for_stmt_optimised_range}: {@code for NAME in range(...)} as a counted loop (A.10). */
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
        BigInteger step = BigInteger.ONE;
        if (args.size() == 3) {
            ConstValue c = consts.fold(args.get(2));
            if (c == null || !c.isSmallInt(bits) || c.integer().signum() == 0) {
                return false;
            }
            step = c.integer();
        }
        ConstValue endConst = consts.fold(end);
        boolean endOnStack = endConst == null || !endConst.isSmallInt(bits);
        if (endOnStack) {
            compile(end);
        }
        if (start == null) {
            loadConstSmallInt(BigInteger.ZERO, call);
        } else {
            compile(start);
        }
        jump();
        labelAssign();
        dupTop();
        storeId(var.getId(), var);
        compileBlock(f.getBody());
        labelAssign();
        loadConstSmallInt(step, args.size() == 3 ? args.get(2) : call);
        binaryOp(Op.ADD, start != null ? start : call);
        labelAssign();
        if (endOnStack) {
            dupTopTwo();
            rotTwo();
        } else {
            dupTop();
            compile(end);
        }
        binaryOp(step.signum() >= 0 ? Op.LESS : Op.MORE, end);
        popJumpIf(end);
        if (f.getOrelse() != null) {
            pop();
            if (endOnStack) {
                pop();
            }
            compileBlock(f.getOrelse());
            jump();
            adjustStackSize(1 + (endOnStack ? 1 : 0));
        }
        labelAssign();
        pop();
        if (endOnStack) {
            pop();
        }
        return true;
    }

    private void tryStatement(Try t) {
        if (t.getFinalbody() != null) {
            settle(); // setup_block FINALLY
            if (t.getHandlers().isEmpty()) {
                adjustStackSize(3);
                compileBlock(t.getBody());
                adjustStackSize(-3);
            } else {
                tryExcept(t);
            }
            loadConstTok(ViperType.NONE, t);
            labelAssign();
            adjustStackSize(1);
            compileBlock(t.getFinalbody());
            adjustStackSize(-1);
            pop(); // end_finally
        } else {
            tryExcept(t);
        }
    }

    private void tryExcept(Try t) {
        settle(); // setup_block EXCEPT
        compileBlock(t.getBody());
        jump(); // pop_except_jump
        labelAssign();
        push(ViperType.OBJECT, t); // start_except_handler
        for (ExceptHandler h : t.getHandlers()) {
            if (h == null) {
                continue;
            }
            if (h.getType() != null) {
                dupTop();
                compile(h.getType());
                binaryOp(Op.EXCEPTION_MATCH, h.getType());
                popJumpIf(h.getType());
            }
            String as = h.getType() != null ? h.getAsname() : null;
            if (as == null) {
                pop();
            } else {
                storeId(as, h);
                settle(); // setup_block FINALLY
            }
            compileBlock(h.getBody());
            if (as != null) {
                loadConstTok(ViperType.NONE, h);
                labelAssign();
                adjustStackSize(1);
                loadConstTok(ViperType.NONE, h);
                storeId(as, h);
                deleteId(as, h);
                adjustStackSize(-1);
                pop(); // end_finally
            }
            jump(); // pop_except_jump
            labelAssign();
            adjustStackSize(1);
        }
        pop(); // end_finally
        labelAssign();
        compileBlock(t.getOrelse());
        labelAssign();
    }

    private void withStatement(With w) {
        if (w.isAsync()) {
            error(ViperTypes.NATIVE_YIELD, "NotImplementedError: native yield", w);
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
        compile(item.getContext());
        // emit_native_setup_with
        Entry cm = peek(0);
        if (cm.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_CONTEXT_MANAGER, "'with' on a native '" + cm.type.qstr() + "' value",
                    item.getContext());
        }
        pop();
        push(ViperType.OBJECT, item); // __exit__
        push(ViperType.OBJECT, item); // self
        push(ViperType.OBJECT, item); // as_value
        settle();
        dupTop();
        if (item.getTarget() != null) {
            assign(item.getTarget(), null);
        } else {
            pop();
        }
        withItems(w, i + 1);
        // with_cleanup and end_finally
        pop();
        pop();
        pop();
        settle();
    }

    // ------------------------------------------------------------------------------------------ definitions

    /** Defaults, closure and function object of a nested def ({@code compile_funcdef_lambdef}). */
    private void funcdef(FunctionDef f) {
        makeFunction(f, f.getParams());
    }

    private void makeFunction(EObject def, List<Parameter> ps) {
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
                            popForCall(nDefault);
                            push(ViperType.OBJECT, def);
                        } else {
                            pushImm(ViperType.OBJECT, def);
                        }
                        push(ViperType.OBJECT, def); // build_map
                    }
                    compile(p.getDefault());
                    push(ViperType.OBJECT, p); // the keyword's name
                    storeMap(p.getDefault());
                } else {
                    nDefault++;
                    compile(p.getDefault());
                }
            }
        }
        if (nDefault > 0 && nDict == 0) {
            popForCall(nDefault);
            push(ViperType.OBJECT, def);
            pushImm(ViperType.OBJECT, def);
        }
        closure(def, nDefault > 0 || nDict > 0);
    }

    /** Loads the closed-over cells ({@code close_over_variables_etc}) and makes the function. */
    private void closure(EObject def, boolean defaults) {
        Scope inner = tree == null ? null : tree.scopeOf(def);
        int nFree = 0;
        if (inner != null && scope != null) {
            for (Symbol s : scope.symbols()) {
                if (s.kind() != Symbol.Kind.CELL && s.kind() != Symbol.Kind.FREE) {
                    continue;
                }
                Symbol in = inner.lookup(s.name());
                if (in != null && in.kind() == Symbol.Kind.FREE) {
                    ViperType t = s.kind() == Symbol.Kind.FREE ? ViperType.OBJECT : slotType(s.name());
                    if (t == ViperType.UNBOUND) {
                        typeError(ViperTypes.USED_BEFORE_TYPE_KNOWN, "local '" + s.name() + "' used before type known",
                                def);
                    }
                    push(t, def);
                    nFree++;
                }
            }
        }
        if (defaults) {
            popForCall(2 + nFree);
        } else {
            popForCall(nFree);
        }
        push(ViperType.OBJECT, def);
    }

    private void classdef(ClassDef c) {
        push(ViperType.OBJECT, c); // __build_class__
        closure(c, false);
        push(ViperType.OBJECT, c); // the name
        compileArgs(c.getArgs(), 2, false, c);
    }

    private void decorated(Decorated d) {
        int calls = 0;
        for (Decorator dec : d.getDecorators()) {
            if (dec == null) {
                continue;
            }
            List<String> parts = Emitters.dottedName(dec);
            if (parts != null && "micropython".equals(parts.get(0))) {
                continue; // built-in: not compiled
            }
            Expression e = dec.getExpression();
            Call call = e instanceof Call c ? c : null;
            Expression dotted = call != null ? call.getFunc() : e;
            compileDotted(dotted);
            if (call != null) {
                compileArgs(call.getArgs(), 0, false, call);
            }
            calls++;
        }
        EObject def = d.getDefinition();
        if (def instanceof FunctionDef f) {
            funcdef(f);
        } else if (def instanceof ClassDef c) {
            classdef(c);
        } else {
            return;
        }
        for (int i = 0; i < calls; i++) {
            callFunction(1, 0, false, d);
        }
        storeId(def instanceof FunctionDef f ? f.getName() : ((ClassDef) def).getName(), def);
    }

    private void compileDotted(Expression e) {
        if (e instanceof Attribute a) {
            compileDotted(a.getValue());
            loadAttr(a, a.getValue());
        } else if (e instanceof Name n) {
            loadId(n.getId(), n);
        } else {
            push(ViperType.OBJECT, e);
        }
    }

    // ================================================================================================ comprehensions

    private static List<Comprehension> generators(EObject node) {
        if (node instanceof ListComp l) {
            return l.getGenerators();
        }
        if (node instanceof GeneratorExp g) {
            return g.getGenerators();
        }
        return ((DictOrSet) node).getGenerators();
    }

    /** In the enclosing scope: make the comprehension function and call it on the first iterable. */
    private void comprehension(Expression node) {
        closure(node, false);
        List<Comprehension> gens = generators(node);
        Expression iter = gens.isEmpty() || gens.get(0) == null ? null : gens.get(0).getIter();
        compile(iter);
        if (node instanceof GeneratorExp) {
            getIter(false, iter);
        }
        callFunction(1, 0, false, node);
    }

    private void compileComprehensionScope(EObject node) {
        boolean gen = node instanceof GeneratorExp;
        if (gen) {
            for (int i = 0; i < 4; i++) {
                push(ViperType.OBJECT, node);
            }
        } else {
            push(ViperType.OBJECT, node); // the collection
            push(ViperType.OBJECT, node); // the iterator argument
            getIter(true, node);
        }
        compIter(node, generators(node), 0);
        if (gen) {
            loadConstTok(ViperType.NONE, node);
        }
        returnValue(node, node);
    }

    private void compIter(EObject node, List<Comprehension> gens, int i) {
        Comprehension c = i < gens.size() ? gens.get(i) : null;
        labelAssign();
        forIter(node);
        if (c != null) {
            assign(c.getTarget(), null);
            for (Expression cond : c.getIfs()) {
                ifCond(cond, false);
            }
        }
        if (i + 1 < gens.size()) {
            Comprehension next = gens.get(i + 1);
            compile(next == null ? null : next.getIter());
            getIter(true, next == null ? node : next.getIter());
            compIter(node, gens, i + 1);
        } else if (node instanceof GeneratorExp g) {
            compile(g.getElt());
            emitYield(g.getElt(), false);
            pop();
        } else if (node instanceof ListComp l) {
            compile(l.getElt());
            storeComp(l.getElt());
        } else if (node instanceof DictOrSet d && !d.getItems().isEmpty()) {
            Expression item = d.getItems().get(0);
            if (item instanceof KeyValue kv) {
                compile(kv.getValue());
                compile(kv.getKey());
                storeComp(kv.getKey());
                storeComp(kv.getValue());
            } else {
                compile(item);
                storeComp(item);
            }
        }
        jump();
        labelAssign();
        forIterEnd();
    }

    private void storeComp(EObject item) {
        Entry e = popReg();
        if (e.type != ViperType.OBJECT) {
            undefined(ViperTypes.NATIVE_COMPREHENSION_ITEM, "a comprehension item of native type '" + e.type.qstr()
                    + "'", item);
        }
    }

    // ================================================================================================ expressions

    /** {@code c_if_cond}: a condition compiled as jumps. */
    private void ifCond(Expression e, boolean jumpIf) {
        if (e == null) {
            return;
        }
        ConstValue c = consts.fold(e);
        if (c != null) {
            if (c.truthy() == jumpIf) {
                jump();
            }
            return;
        }
        if (e instanceof BoolOp b && !ConstTable.isLogicalChainMember(b)) {
            List<Expression> kept = consts.logicalOperands(b);
            if (kept.size() == 1) {
                ifCond(kept.get(0), jumpIf);
                return;
            }
            boolean or = "or".equals(b.getOp());
            int n = kept.size();
            if (or != jumpIf) {
                // and_or_logic1
                for (int i = 0; i < n - 1; i++) {
                    ifCond(kept.get(i), !jumpIf);
                }
                ifCond(kept.get(n - 1), jumpIf);
                labelAssign();
            } else {
                for (Expression x : kept) {
                    ifCond(x, jumpIf);
                }
            }
            return;
        }
        if (e instanceof UnaryOp u && "not".equals(u.getOp())) {
            ifCond(u.getOperand(), !jumpIf);
            return;
        }
        compile(e);
        popJumpIf(e);
    }

    private void compile(Expression e) {
        if (e == null) {
            push(ViperType.OBJECT, null);
            return;
        }
        if (e instanceof BinOp b && ConstTable.isChainMember(b)) {
            binOp(b);
            return;
        }
        if (e instanceof BoolOp b && ConstTable.isLogicalChainMember(b)) {
            boolOp(b);
            return;
        }
        ConstValue c = consts.fold(e);
        if (c != null) {
            if (c == ConstValue.EMPTY_TUPLE) {
                push(ViperType.OBJECT, e);
            } else {
                loadConst(c, e);
            }
            return;
        }
        if (e instanceof Name n) {
            loadId(n.getId(), n);
        } else if (e instanceof BinOp b) {
            binOp(b);
        } else if (e instanceof UnaryOp u) {
            compile(u.getOperand());
            unaryOp("not".equals(u.getOp()) ? "not" : u.getOp(), u);
        } else if (e instanceof BoolOp b) {
            boolOp(b);
        } else if (e instanceof Compare c2) {
            compare(c2);
        } else if (e instanceof IfExp ie) {
            ifCond(ie.getCondition(), false);
            compile(ie.getBody());
            jump();
            labelAssign();
            adjustStackSize(-1);
            compile(ie.getOrelse());
            labelAssign();
        } else if (e instanceof Lambda l) {
            makeFunction(l, l.getParams());
        } else if (e instanceof Call call) {
            call(call);
        } else if (e instanceof Subscript s) {
            compile(s.getValue());
            compileIndex(s.getIndex());
            loadSubscr(s);
        } else if (e instanceof Attribute a) {
            compile(a.getValue());
            loadAttr(a, a.getValue());
        } else if (e instanceof Tuple t) {
            for (Expression x : t.getElements()) {
                compile(x instanceof Starred s ? s.getValue() : x);
            }
            popForCall(t.getElements().size());
            push(ViperType.OBJECT, t);
        } else if (e instanceof ListExp l) {
            for (Expression x : l.getElements()) {
                compile(x instanceof Starred s ? s.getValue() : x);
            }
            popForCall(l.getElements().size());
            push(ViperType.OBJECT, l);
        } else if (e instanceof DictOrSet d) {
            dictOrSet(d);
        } else if (e instanceof ListComp || e instanceof GeneratorExp) {
            comprehension(e);
        } else if (e instanceof Yield y) {
            if (y.getValue() == null) {
                loadConstTok(ViperType.NONE, y);
            } else {
                compile(y.getValue());
            }
            if (y.isFrom()) {
                getIter(false, y.getValue());
                loadConstTok(ViperType.NONE, y);
            }
            emitYield(y, y.isFrom());
        } else if (e instanceof Await a) {
            compile(a.getValue());
            getIter(false, a.getValue());
            loadConstTok(ViperType.NONE, a);
            emitYield(a, true);
        } else if (e instanceof NamedExpr ne) {
            compile(ne.getValue());
            dupTop();
            if (ne.getTarget() instanceof Name n) {
                storeId(n.getId(), n);
            } else {
                pop();
            }
        } else if (e instanceof Str) {
            push(ViperType.OBJECT, e); // an f-string: a str.format call; its fields are not modelled
        } else {
            push(ViperType.OBJECT, e);
        }
    }

    private void binOp(BinOp b) {
        Expression left = b.getLeft();
        if (left instanceof BinOp lb && ConstTable.isChainMember(lb)) {
            binOp(lb);
        } else {
            compile(left);
        }
        compile(b.getRight());
        binaryOp(binaryOp(b.getOp()), b);
    }

    private void boolOp(BoolOp b) {
        List<Expression> kept = consts.logicalOperands(b);
        if (kept.size() == 1) {
            compile(kept.get(0));
            return;
        }
        for (int i = 0; i < kept.size(); i++) {
            compile(kept.get(i));
            if (i + 1 < kept.size()) {
                jumpIfOrPop(kept.get(i));
            }
        }
        labelAssign();
    }

    private void compare(Compare c) {
        compile(c.getLeft());
        int n = Math.min(c.getOps().size(), c.getComparators().size());
        boolean multi = n > 1;
        for (int i = 0; i < n; i++) {
            compile(c.getComparators().get(i));
            if (i + 1 < n) {
                dupTop();
                rotThree();
            }
            binaryOp(compareOp(c.getOps().get(i)), c);
            if (i + 1 < n) {
                jumpIfOrPop(c);
            }
        }
        if (multi) {
            jump();
            labelAssign();
            adjustStackSize(1);
            rotTwo();
            pop();
            labelAssign();
        }
    }

    private void call(Call call) {
        Expression func = call.getFunc();
        if (func instanceof Attribute a && !Syntax.isParenthesized(a)) {
            if (a.getValue() instanceof Call sup && isSuperCall(sup)) {
                superLoad(sup);
                loadMethod(true, a, sup);
            } else {
                compile(a.getValue());
                loadMethod(false, a, a.getValue());
            }
            compileArgs(call.getArgs(), 0, true, call);
            return;
        }
        if (isSuperCall(call)) {
            superLoad(call);
            callFunction(2, 0, false, call);
            return;
        }
        compile(func);
        compileArgs(call.getArgs(), 0, false, call);
    }

    private boolean isSuperCall(Call c) {
        return scopeNode instanceof FunctionDef && c.getFunc() instanceof Name n && "super".equals(n.getId())
                && c.getArgs().isEmpty() && consts.substitution(n) == null;
    }

    /** {@code super()} inside a function: loads super, __class__ and the first parameter. */
    private void superLoad(Call sup) {
        loadId("super", sup.getFunc());
        push(ViperType.OBJECT, sup); // __class__ (a free variable)
        String first = null;
        if (scopeNode instanceof FunctionDef f) {
            for (Parameter p : f.getParams()) {
                if (p != null && p.getName() != null) {
                    first = p.getName();
                    break;
                }
            }
        }
        if (first != null) {
            loadId(first, sup);
        } else {
            push(ViperType.OBJECT, sup);
        }
    }

    /** {@code compile_trailer_paren_helper} and the call. */
    private void compileArgs(List<Expression> args, int extra, boolean method, EObject node) {
        int nPos = extra;
        int nKw = 0;
        boolean star = false;
        for (int i = 0; i < args.size(); i++) {
            Expression a = args.get(i);
            if (a instanceof StarArg s) {
                star = true;
                compile(s.getValue());
                nPos++;
            } else if (a instanceof DoubleStarArg d) {
                star = true;
                pushImm(ViperType.OBJECT, d);
                compile(d.getValue());
                nKw++;
            } else if (a instanceof KeywordArg k) {
                push(ViperType.OBJECT, k.getKey());
                compile(k.getValue());
                nKw++;
            } else if (a instanceof NamedExpr ne) {
                compile(ne);
                nPos++;
            } else if (a instanceof GeneratorExp g && !Syntax.isParenthesized(g)) {
                comprehension(g);
                nPos++;
            } else {
                compile(a);
                nPos++;
            }
        }
        if (star) {
            loadConstSmallInt(BigInteger.ZERO, node); // the star_args bit mask
        }
        if (method) {
            callMethod(nPos, nKw, star, node);
        } else {
            callFunction(nPos, nKw, star, node);
        }
    }

    private void compileIndex(Expression index) {
        if (index instanceof Slice s) {
            if (s.getLower() != null) {
                compile(s.getLower());
            } else {
                loadConstTok(ViperType.NONE, s);
            }
            if (s.getUpper() == null && s.getStep() == null) {
                loadConstTok(ViperType.NONE, s);
                buildSlice(2, s);
            } else if (s.getUpper() == null) {
                loadConstTok(ViperType.NONE, s);
                compile(s.getStep());
                buildSlice(3, s);
            } else if (s.getStep() == null) {
                compile(s.getUpper());
                buildSlice(2, s);
            } else {
                compile(s.getUpper());
                compile(s.getStep());
                buildSlice(3, s);
            }
            return;
        }
        if (index instanceof Tuple t && consts.fold(t) == null) {
            for (Expression x : t.getElements()) {
                compileIndex(x);
            }
            popForCall(t.getElements().size());
            push(ViperType.OBJECT, t);
            return;
        }
        compile(index);
    }

    private void dictOrSet(DictOrSet d) {
        if (!d.getGenerators().isEmpty()) {
            comprehension(d);
            return;
        }
        List<Expression> items = d.getItems();
        if (items.isEmpty()) {
            push(ViperType.OBJECT, d);
            return;
        }
        if (items.get(0) instanceof KeyValue) {
            push(ViperType.OBJECT, d); // build_map
            for (Expression x : items) {
                if (x instanceof KeyValue kv) {
                    compile(kv.getValue());
                    compile(kv.getKey());
                    storeMap(kv);
                }
            }
        } else {
            for (Expression x : items) {
                compile(x);
            }
            popForCall(items.size());
            push(ViperType.OBJECT, d);
        }
    }

    private static Op binaryOp(String op) {
        return switch (op == null ? "" : op) {
            case "|" -> Op.OR;
            case "^" -> Op.XOR;
            case "&" -> Op.AND;
            case "<<" -> Op.LSHIFT;
            case ">>" -> Op.RSHIFT;
            case "+" -> Op.ADD;
            case "-" -> Op.SUBTRACT;
            case "*" -> Op.MULTIPLY;
            case "@" -> Op.MAT_MULTIPLY;
            case "//" -> Op.FLOOR_DIVIDE;
            case "/" -> Op.TRUE_DIVIDE;
            case "%" -> Op.MODULO;
            case "**" -> Op.POWER;
            default -> Op.ADD;
        };
    }

    private static Op augOp(String aug) {
        String op = aug == null ? "" : aug.endsWith("=") ? aug.substring(0, aug.length() - 1) : aug;
        return binaryOp(op);
    }

    private static Op compareOp(String op) {
        String o = op == null ? "" : op.replaceAll("\\s+", " ").trim();
        return switch (o) {
            case "<" -> Op.LESS;
            case ">" -> Op.MORE;
            case "==" -> Op.EQUAL;
            case "<=" -> Op.LESS_EQUAL;
            case ">=" -> Op.MORE_EQUAL;
            case "!=" -> Op.NOT_EQUAL;
            case "in" -> Op.IN;
            case "not in" -> Op.NOT_IN;
            case "is" -> Op.IS;
            default -> Op.IS_NOT;
        };
    }

}
