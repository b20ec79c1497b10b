package dev.mprt.lang.emitter.size;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

import dev.mprt.lang.emitter.ViperType;

/**
 * The state py/emitnative.c keeps while it emits a function, and its helpers: the value stack whose entries live
 * in registers, as immediates or in the frame ({@code stack_info_t}), the typed locals of viper, the
 * exception-handler stack, the frame layout, the function's entry and exit code, and the moves that settle
 * values ({@code need_reg_single}, {@code emit_access_stack}, {@code emit_get_stack_pointer_to_reg_for_pop} ...).
 * Values are not computed, only where they are and what type they have, which is all the instruction choice
 * depends on. {@link NativeEmitter} adds the {@code emit_native_*} operations.
 */
abstract class NativeFrame {

    enum Kind {
        VALUE, REG, IMM
    }

    /** {@code stack_info_t}. */
    static final class Slot {
        ViperType vtype = ViperType.UNBOUND;
        Kind kind = Kind.VALUE;
        int reg;
        long imm;
        ViperType cast;
    }

    /** {@code exc_stack_entry_t}. */
    static final class ExcEntry {
        int label;
        boolean isFinally;
        int unwindLabel;
        boolean isActive;
    }

    static final int UNWIND_LABEL_UNUSED = -1;
    static final int UNWIND_LABEL_DO_FINAL_UNWIND = -2;

    // mp_fun_kind_t (py/nativeglue.h)
    static final int F_CONST_NONE_OBJ = 0;
    static final int F_CONST_FALSE_OBJ = 1;
    static final int F_CONVERT_OBJ_TO_NATIVE = 3;
    static final int F_CONVERT_NATIVE_TO_OBJ = 4;
    static final int F_NATIVE_SWAP_GLOBALS = 5;
    static final int F_LOAD_NAME = 6;
    static final int F_LOAD_GLOBAL = 7;
    static final int F_LOAD_BUILD_CLASS = 8;
    static final int F_LOAD_ATTR = 9;
    static final int F_LOAD_METHOD = 10;
    static final int F_LOAD_SUPER_METHOD = 11;
    static final int F_STORE_NAME = 12;
    static final int F_STORE_GLOBAL = 13;
    static final int F_STORE_ATTR = 14;
    static final int F_OBJ_SUBSCR = 15;
    static final int F_OBJ_IS_TRUE = 16;
    static final int F_UNARY_OP = 17;
    static final int F_BINARY_OP = 18;
    static final int F_BUILD_TUPLE = 19;
    static final int F_LIST_APPEND = 24;
    static final int F_STORE_MAP = 25;
    static final int F_MAKE_FUNCTION_FROM_PROTO_FUN = 26;
    static final int F_NATIVE_CALL_FUNCTION_N_KW = 27;
    static final int F_CALL_METHOD_N_KW = 28;
    static final int F_CALL_METHOD_N_KW_VAR = 29;
    static final int F_NATIVE_GETITER = 30;
    static final int F_NATIVE_ITERNEXT = 31;
    static final int F_NLR_PUSH = 32;
    static final int F_NLR_POP = 33;
    static final int F_NATIVE_RAISE = 34;
    static final int F_IMPORT_NAME = 35;
    static final int F_IMPORT_FROM = 36;
    static final int F_IMPORT_ALL = 37;
    static final int F_NEW_SLICE = 38;
    static final int F_UNPACK_SEQUENCE = 39;
    static final int F_UNPACK_EX = 40;
    static final int F_DELETE_NAME = 41;
    static final int F_NEW_CLOSURE = 43;
    static final int F_ARG_CHECK_NUM_SIG = 44;
    static final int F_SETUP_CODE_STATE = 45;
    static final int F_SMALL_INT_FLOOR_DIVIDE = 46;
    static final int F_SMALL_INT_MODULO = 47;
    static final int F_NATIVE_YIELD_FROM = 48;
    static final int F_SETJMP = 49;

    // struct offsets in words
    static final int OFFSETOF_OBJ_FUN_BC_CONTEXT = 1;
    static final int OFFSETOF_OBJ_FUN_BC_CHILD_TABLE = 2;
    static final int OFFSETOF_MODULE_CONTEXT_GLOBALS = 1;
    static final int OFFSETOF_MODULE_CONTEXT_QSTR_TABLE = 2;
    static final int OFFSETOF_MODULE_CONTEXT_OBJ_TABLE = 3;
    static final int SIZEOF_CODE_STATE = 5;
    static final int OFFSETOF_CODE_STATE_FUN_BC = 0;
    static final int OFFSETOF_CODE_STATE_IP = 1;
    static final int OFFSETOF_CODE_STATE_SP = 2;
    static final int OFFSETOF_CODE_STATE_N_STATE = 3;
    static final int OFFSETOF_CODE_STATE_STATE = 5;
    static final int MAX_REGS_FOR_LOCAL_VARS = 2;
    static final int ITER_BUF_NSLOTS = 4;
    static final int MP_OBJ_SENTINEL = 4;
    static final int MP_VM_RETURN_NORMAL = 0;
    static final int MP_VM_RETURN_YIELD = 1;
    static final int MP_VM_RETURN_EXCEPTION = 2;
    /** Unary operators as the runtime numbers them. */
    static final int UNARY_NOT = 3;
    static final int BINARY_SMALL = 0;

    final NativeAsm as;
    final NativeScope scope;
    final IntSupplier newLabel;
    boolean doViperTypes;
    ViperType[] localVtype = new ViperType[0];
    final List<Slot> stack = new ArrayList<>();
    int stackSize;
    ViperType savedStackVtype = ViperType.OBJECT;
    final List<ExcEntry> excStack = new ArrayList<>();
    int exitLabel;
    int nState;
    int codeStateStart;
    int stackStart;
    /** A viper type error: MicroPython stops before sizing the code, so no branch is reported. */
    boolean typeError;

    NativeFrame(NativeAsm as, NativeScope scope, IntSupplier newLabel) {
        this.as = as;
        this.scope = scope;
        this.newLabel = newLabel;
    }

    // ------------------------------------------------------------------------------------------ locations

    int localIdxExcVal() {
        return NativeAsm.NLR_BUF_IDX_RET_VAL;
    }

    int localIdxExcHandlerPc() {
        return as.nlrBufIdxLocal1;
    }

    int localIdxExcHandlerUnwind() {
        return as.nlrBufWords + 1;
    }

    int localIdxThrowVal() {
        return as.nlrBufWords + 2;
    }

    int localIdxRetVal() {
        return as.nlrBufWords;
    }

    int localIdxFunObj() {
        return codeStateStart + OFFSETOF_CODE_STATE_FUN_BC;
    }

    int localIdxOldGlobals() {
        return codeStateStart + OFFSETOF_CODE_STATE_IP;
    }

    int localIdxGenPc() {
        return codeStateStart + OFFSETOF_CODE_STATE_IP;
    }

    int localIdxLocalVar(int localNum) {
        return stackStart + nState - 1 - localNum;
    }

    int regGeneratorState() {
        return as.regLocal2;
    }

    int regQstrTable() {
        return as.regLocal3;
    }

    int regLocal(int i) {
        return i == 0 ? as.regLocal1 : as.regLocal2;
    }

    int regFunTable() {
        return as.isThumb() ? 7 : as.numRegsSaved() == 1 ? 7 : 15;
    }

    // ------------------------------------------------------------------------------------------ start and end

    void startPass(int pass) {
        doViperTypes = scope.viper;
        stackSize = 0;
        stack.clear();
        excStack.clear();
        typeError = false;
        scope.children = 0;
        localVtype = new ViperType[Math.max(scope.numLocals, 1)];
        int numArgs = scope.numArgs();
        for (int i = 0; i < localVtype.length; i++) {
            localVtype[i] = i < numArgs ? ViperType.OBJECT : doViperTypes ? ViperType.UNBOUND : ViperType.OBJECT;
        }
        if (doViperTypes) {
            for (int i = 0; i < scope.paramTypes.length && i < localVtype.length; i++) {
                if (scope.paramTypes[i] != null) {
                    localVtype[i] = scope.paramTypes[i];
                }
            }
        }
        as.startPass(pass);
        exitLabel = newLabel.getAsInt();
        int nlrLabel = newLabel.getAsInt();
        int startLabel = newLabel.getAsInt();
        int globalExceptLabel = newLabel.getAsInt();
        int argCheck = newLabel.getAsInt();
        int argOk = newLabel.getAsInt();

        codeStateStart = 0;
        if (scope.needGlobalExcHandler()) {
            codeStateStart = as.nlrBufWords + 1;
            if (scope.generator) {
                codeStateStart += 2;
            } else if (scope.excStackSize > 0) {
                codeStateStart += 1;
            }
        }
        int funTableOff = scope.tables.funTableIndex();
        nState = scope.numLocals + scope.stackSize;
        if (doViperTypes) {
            int numLocalsInRegs = 0;
            if (scope.canUseRegsForLocals()) {
                numLocalsInRegs = Math.min(scope.numLocals, MAX_REGS_FOR_LOCAL_VARS);
                if (scope.numPosArgs >= MAX_REGS_FOR_LOCAL_VARS + 1) {
                    numLocalsInRegs--;
                }
            }
            if (scope.needGlobalExcHandler()) {
                stackStart = codeStateStart + 2;
            } else if (scope.hasConsts) {
                stackStart = codeStateStart + 1;
            } else {
                stackStart = codeStateStart;
            }
            as.entry(stackStart + nState - numLocalsInRegs);
            as.loadRegRegOffset(regFunTable(), as.regParentArg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            as.loadRegRegOffset(regQstrTable(), regFunTable(), OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
            as.loadRegRegOffset(regFunTable(), regFunTable(), OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
            as.loadRegRegOffset(regFunTable(), regFunTable(), funTableOff);
            if (scope.needFunObj()) {
                as.movLocalReg(localIdxFunObj(), as.regParentArg1);
            }
            as.movRegReg(as.regArg1, as.regParentArg2);
            as.movRegReg(as.regArg2, as.regParentArg3);
            as.movRegReg(as.regLocal2, as.regParentArg4);
            as.jumpIfRegNonzero(as.regArg2, argCheck);
            as.movRegImm(as.regArg3, scope.numPosArgs);
            as.jumpIfRegEq(as.regArg1, as.regArg3, argOk);
            as.label(argCheck);
            as.movRegImm(as.regArg3, ((long) scope.numPosArgs << 17) | ((long) scope.numPosArgs << 1));
            as.callInd(F_ARG_CHECK_NUM_SIG);
            as.label(argOk);
            for (int i = 0; i < scope.numPosArgs; i++) {
                int r = as.regArg1;
                as.loadRegRegOffset(as.regArg1, as.regLocal2, i);
                if (i < localVtype.length && localVtype[i] != ViperType.OBJECT) {
                    callWithImmArg(F_CONVERT_OBJ_TO_NATIVE, vtypeCode(localVtype[i]), as.regArg2);
                    r = as.regRet;
                }
                if (i < MAX_REGS_FOR_LOCAL_VARS && scope.canUseRegsForLocals()
                        && (i != MAX_REGS_FOR_LOCAL_VARS - 1 || scope.numPosArgs == MAX_REGS_FOR_LOCAL_VARS)) {
                    as.movRegReg(regLocal(i), r);
                } else {
                    movStateReg(localIdxLocalVar(i), r);
                }
            }
            if (scope.numPosArgs >= MAX_REGS_FOR_LOCAL_VARS + 1 && scope.canUseRegsForLocals()) {
                as.movRegLocal(as.regLocal2, localIdxLocalVar(MAX_REGS_FOR_LOCAL_VARS - 1));
            }
            globalExcEntry(nlrLabel, startLabel, globalExceptLabel);
        } else {
            as.data(4); // prelude index
            if (scope.generator) {
                as.data(4); // start offset
                as.entry(codeStateStart);
                codeStateStart = 0;
                stackStart = SIZEOF_CODE_STATE;
                as.movRegReg(regGeneratorState(), as.regParentArg1);
                as.movLocalReg(localIdxThrowVal(), as.regParentArg2);
                as.loadRegRegOffset(as.regTemp0, regGeneratorState(), localIdxFunObj());
                as.loadRegRegOffset(as.regTemp0, as.regTemp0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
                as.loadRegRegOffset(regQstrTable(), as.regTemp0, OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
                as.loadRegRegOffset(as.regTemp0, as.regTemp0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
                as.loadRegRegOffset(regFunTable(), as.regTemp0, funTableOff);
            } else {
                stackStart = codeStateStart + SIZEOF_CODE_STATE;
                as.entry(stackStart + nState);
                as.loadRegRegOffset(regFunTable(), as.regParentArg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
                as.loadRegRegOffset(regQstrTable(), regFunTable(), OFFSETOF_MODULE_CONTEXT_QSTR_TABLE);
                as.loadRegRegOffset(regFunTable(), regFunTable(), OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
                as.loadRegRegOffset(regFunTable(), regFunTable(), funTableOff);
                as.movLocalReg(localIdxFunObj(), as.regParentArg1);
                as.movRegImm(as.regArg1, nState);
                movStateReg(codeStateStart + OFFSETOF_CODE_STATE_N_STATE, as.regArg1);
                as.movRegLocalAddr(as.regArg1, codeStateStart);
                if (as.regArg2 != as.regParentArg2) {
                    as.movRegReg(as.regArg2, as.regParentArg2);
                }
                if (as.regArg3 != as.regParentArg3) {
                    as.movRegReg(as.regArg3, as.regParentArg3);
                }
                if (as.regArg4 != as.regParentArg4) {
                    as.movRegReg(as.regArg4, as.regParentArg4);
                }
                as.callInd(F_SETUP_CODE_STATE);
            }
            globalExcEntry(nlrLabel, startLabel, globalExceptLabel);
            if (scope.canUseRegsForLocals()) {
                for (int i = 0; i < MAX_REGS_FOR_LOCAL_VARS && i < scope.numLocals; ++i) {
                    as.movRegLocal(regLocal(i), localIdxLocalVar(i));
                }
            }
            for (int c : scope.cellLocals) {
                if (c < localVtype.length) {
                    localVtype[c] = ViperType.OBJECT;
                }
            }
        }
    }

    void globalExcEntry(int nlrLabel, int startLabel, int globalExceptLabel) {
        if (!scope.needGlobalExcHandler()) {
            return;
        }
        if (!scope.generator) {
            movRegState(as.regArg1, localIdxFunObj());
            as.loadRegRegOffset(as.regArg1, as.regArg1, OFFSETOF_OBJ_FUN_BC_CONTEXT);
            as.loadRegRegOffset(as.regArg1, as.regArg1, OFFSETOF_MODULE_CONTEXT_GLOBALS);
            call(F_NATIVE_SWAP_GLOBALS);
            movStateReg(localIdxOldGlobals(), as.regRet);
        }
        if (scope.excStackSize == 0) {
            if (!scope.generator) {
                as.jumpIfRegZero(as.regRet, startLabel);
            }
            nlrPush();
            as.jumpIfRegZero(as.regRet, startLabel);
        } else {
            as.xorRegReg();
            as.movLocalReg(localIdxExcHandlerUnwind(), as.regTemp0);
            as.movLocalReg(localIdxExcVal(), as.regTemp0);
            as.movRegPcrel(as.regLocal1, startLabel);
            labelAssign(nlrLabel);
            nlrPush();
            as.jumpIfRegNonzero(as.regRet, globalExceptLabel);
            as.xorRegReg();
            as.movLocalReg(localIdxExcHandlerPc(), as.regTemp0);
            as.jumpReg(as.regLocal1);
            labelAssign(globalExceptLabel);
            as.movRegLocal(as.regLocal1, localIdxExcHandlerPc());
            as.jumpIfRegNonzero(as.regLocal1, nlrLabel);
        }
        if (!scope.generator) {
            movRegState(as.regArg1, localIdxOldGlobals());
            call(F_NATIVE_SWAP_GLOBALS);
        }
        if (scope.generator) {
            as.movRegLocal(as.regTemp0, localIdxExcVal());
            as.storeRegRegOffset(as.regTemp0, regGeneratorState(), OFFSETOF_CODE_STATE_STATE);
            as.movRegImm(as.regParentRet, MP_VM_RETURN_EXCEPTION);
            as.exit();
        } else {
            as.movRegLocal(as.regArg1, localIdxExcVal());
            call(F_NATIVE_RAISE);
        }
        labelAssign(startLabel);
        if (scope.generator) {
            movRegState(as.regTemp0, localIdxGenPc());
            as.jumpReg(as.regTemp0);
            as.movRegLocal(as.regArg1, localIdxThrowVal());
            as.movRegImm(as.regArg2, 0);
            as.movLocalReg(localIdxThrowVal(), as.regArg2);
            call(F_NATIVE_RAISE);
        }
    }

    /** nlr_push, and on ESP32 ({@code N_NLR_SETJMP}) setjmp. */
    void nlrPush() {
        as.movRegLocalAddr(as.regArg1, 0);
        call(F_NLR_PUSH);
        if (as.nlrSetjmp()) {
            as.movRegLocalAddr(as.regArg1, 2);
            call(F_SETJMP);
        }
    }

    /** {@code emit_native_end_pass} up to the machine code's end (the native prelude that follows is data). */
    void endPass() {
        labelAssign(exitLabel);
        if (scope.needGlobalExcHandler()) {
            int skip = newLabel.getAsInt();
            if (!scope.generator) {
                movRegState(as.regArg1, localIdxOldGlobals());
                if (scope.excStackSize == 0) {
                    as.jumpIfRegZero(as.regArg1, skip);
                }
                call(F_NATIVE_SWAP_GLOBALS);
            }
            call(F_NLR_POP);
            if (!scope.generator && scope.excStackSize == 0) {
                labelAssign(skip);
            }
            as.movRegLocal(as.regParentRet, localIdxRetVal());
        }
        as.exit();
        as.endPass();
        if (stackSize > scope.stackSize) {
            scope.stackSize = stackSize;
        }
    }

    static int vtypeCode(ViperType t) {
        return switch (t) {
            case OBJECT -> 0;
            case BOOL -> 1;
            case INT -> 2;
            case UINT -> 3;
            case PTR -> 4;
            case PTR8 -> 5;
            case PTR16 -> 6;
            case PTR32 -> 7;
            case NONE -> 0x54;
            case UNBOUND -> 0x60;
            case CAST -> 0x70;
        };
    }

    // ------------------------------------------------------------------------------------------ helpers

    void movStateReg(int local, int reg) {
        if (scope.generator) {
            as.storeRegRegOffset(reg, regGeneratorState(), local);
        } else {
            as.movLocalReg(local, reg);
        }
    }

    void movRegState(int reg, int local) {
        if (scope.generator) {
            as.loadRegRegOffset(reg, regGeneratorState(), local);
        } else {
            as.movRegLocal(reg, local);
        }
    }

    void movRegStateAddr(int reg, int local) {
        if (scope.generator) {
            as.movRegImm(reg, (long) local * 4);
            as.addRegReg();
        } else {
            as.movRegLocalAddr(reg, local);
        }
    }

    void movRegQstr(int reg, String qstr) {
        int idx = scope.tables.qstrIndex(qstr);
        as.load16RegRegOffset(reg, regQstrTable(), idx);
        uncertainIndex(idx, as.isThumb() ? 32 : -1, as.isThumb() ? 4 : 0);
    }

    /** An index the model only estimates: near a size boundary the instruction may be longer or shorter. */
    void uncertainIndex(int idx, int boundary, int extra) {
        if (boundary > 0 && idx >= boundary - 4 && idx < boundary + 4) {
            as.estimate(0, extra);
        }
    }

    void loadRegWithObject(int reg, int tableOff) {
        scope.hasConsts = true;
        movRegState(as.regTemp0, localIdxFunObj());
        as.loadRegRegOffset(as.regTemp0, as.regTemp0, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        as.loadRegRegOffset(as.regTemp0, as.regTemp0, OFFSETOF_MODULE_CONTEXT_OBJ_TABLE);
        as.loadRegRegOffset(reg, as.regTemp0, tableOff);
        uncertainIndex(tableOff, as.isThumb() ? 32 : 16, as.isThumb() ? 4 : 1);
    }

    void loadRegWithChild(int reg) {
        int tableOff = scope.children++;
        movRegState(as.regTemp0, localIdxFunObj());
        as.loadRegRegOffset(as.regTemp0, as.regTemp0, OFFSETOF_OBJ_FUN_BC_CHILD_TABLE);
        as.loadRegRegOffset(reg, as.regTemp0, tableOff);
    }

    Slot slot(int i) {
        while (stack.size() <= i) {
            stack.add(new Slot());
        }
        return stack.get(i);
    }

    Slot peekStack(int depth) {
        return slot(stackSize - 1 - depth);
    }

    ViperType peekVtype(int depth) {
        return doViperTypes ? peekStack(depth).vtype : ViperType.OBJECT;
    }

    void adjustStack(int delta) {
        stackSize = Math.max(0, stackSize + delta);
        if (as.pass > NativeAsm.PASS_SCOPE && stackSize > scope.stackSize) {
            scope.stackSize = stackSize;
        }
    }

    void needRegSingle(int reg, int skipPos) {
        int skip = stackSize - skipPos;
        for (int i = 0; i < stackSize; i++) {
            if (i != skip) {
                Slot si = slot(i);
                if (si.kind == Kind.REG && si.reg == reg) {
                    si.kind = Kind.VALUE;
                    movStateReg(stackStart + i, si.reg);
                }
            }
        }
    }

    void needRegAll() {
        for (int i = 0; i < stackSize; i++) {
            Slot si = slot(i);
            if (si.kind == Kind.REG) {
                si.kind = Kind.VALUE;
                movStateReg(stackStart + i, si.reg);
            }
        }
    }

    ViperType loadRegStackImm(int reg, Slot si, boolean convertToObj) {
        if (!convertToObj && doViperTypes) {
            as.movRegImm(reg, si.imm);
            return si.vtype;
        }
        switch (si.vtype) {
            case OBJECT -> as.movRegImm(reg, si.imm);
            case BOOL -> as.loadRegRegOffset(reg, regFunTable(), F_CONST_FALSE_OBJ + (int) si.imm);
            case INT, UINT -> as.movRegImm(reg, (si.imm << 1) | 1);
            case NONE -> as.loadRegRegOffset(reg, regFunTable(), F_CONST_NONE_OBJ);
            default -> typeError = true; // NotImplementedError: conversion to object
        }
        return ViperType.OBJECT;
    }

    void needStackSettled() {
        needRegAll();
        for (int i = 0; i < stackSize; i++) {
            Slot si = slot(i);
            if (si.kind == Kind.IMM) {
                si.kind = Kind.VALUE;
                si.vtype = loadRegStackImm(as.regTemp1, si, false);
                movStateReg(stackStart + i, as.regTemp1);
            }
        }
    }

    /** pos=1 is the top of the stack. Returns the value's type. */
    ViperType accessStack(int pos, int reg) {
        needRegSingle(reg, pos);
        Slot si = slot(stackSize - pos);
        ViperType vtype = si.vtype;
        switch (si.kind) {
            case VALUE -> movRegState(reg, stackStart + stackSize - pos);
            case REG -> {
                if (si.reg != reg) {
                    as.movRegReg(reg, si.reg);
                }
            }
            case IMM -> vtype = loadRegStackImm(reg, si, false);
        }
        return vtype;
    }

    void foldStackTop(int reg) {
        Slot under = slot(stackSize - 2);
        Slot top = slot(stackSize - 1);
        copyInto(under, top);
        if (under.kind == Kind.VALUE) {
            movRegState(reg, stackStart + stackSize - 1);
            under.kind = Kind.REG;
            under.reg = reg;
        }
        adjustStack(-1);
    }

    static void copyInto(Slot dst, Slot src) {
        dst.vtype = src.vtype;
        dst.kind = src.kind;
        dst.reg = src.reg;
        dst.imm = src.imm;
        dst.cast = src.cast;
    }

    /** Returns {type, register}. */
    int[] prePopRegFlexible(int reg, int notR1, int notR2) {
        Slot si = peekStack(0);
        int r;
        ViperType vtype;
        if (si.kind == Kind.REG && si.reg != notR1 && si.reg != notR2) {
            vtype = si.vtype;
            r = si.reg;
            needRegSingle(r, 1);
        } else {
            vtype = accessStack(1, reg);
            r = reg;
        }
        adjustStack(-1);
        return new int[] {vtype.ordinal(), r};
    }

    void prePopDiscard() {
        adjustStack(-1);
    }

    ViperType prePopReg(int reg) {
        ViperType t = accessStack(1, reg);
        adjustStack(-1);
        return t;
    }

    void postPushReg(ViperType vtype, int reg) {
        Slot si = slot(stackSize);
        si.vtype = vtype;
        si.kind = Kind.REG;
        si.reg = reg;
        si.cast = null;
        adjustStack(1);
    }

    void postPushImm(ViperType vtype, long imm) {
        Slot si = slot(stackSize);
        si.vtype = vtype;
        si.kind = Kind.IMM;
        si.imm = imm;
        si.cast = null;
        adjustStack(1);
    }

    void call(int fun) {
        needRegAll();
        as.callInd(fun);
    }

    void callWithImmArg(int fun, long arg, int reg) {
        needRegAll();
        as.movRegImm(reg, arg);
        as.callInd(fun);
    }

    void callWith2ImmArgs(int fun, long arg1, int reg1, long arg2, int reg2) {
        needRegAll();
        as.movRegImm(reg1, arg1);
        as.movRegImm(reg2, arg2);
        as.callInd(fun);
    }

    void callWithQstrArg(int fun, String qstr, int reg) {
        needRegAll();
        movRegQstr(reg, qstr);
        as.callInd(fun);
    }

    void getStackPointerToRegForPop(int reg, int nPop) {
        needRegAll();
        for (int i = 0; i < nPop; i++) {
            Slot si = slot(stackSize - 1 - i);
            if (si.kind == Kind.IMM) {
                si.kind = Kind.VALUE;
                si.vtype = loadRegStackImm(reg, si, true);
                movStateReg(stackStart + stackSize - 1 - i, reg);
            }
        }
        for (int i = 0; i < nPop; i++) {
            Slot si = slot(stackSize - 1 - i);
            if (si.vtype != ViperType.OBJECT) {
                int local = stackStart + stackSize - 1 - i;
                movRegState(as.regArg1, local);
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeCode(si.vtype), as.regArg2);
                movStateReg(local, as.regRet);
                si.vtype = ViperType.OBJECT;
            }
        }
        adjustStack(-nPop);
        movRegStateAddr(reg, stackStart + stackSize);
    }

    void getStackPointerToRegForPush(int reg, int nPush) {
        needRegAll();
        for (int i = 0; i < nPush; i++) {
            Slot si = slot(stackSize + i);
            si.kind = Kind.VALUE;
            si.vtype = ViperType.OBJECT;
        }
        movRegStateAddr(reg, stackStart + stackSize);
        adjustStack(nPush);
    }

    void pushExcStack(int label, boolean isFinally) {
        ExcEntry e = new ExcEntry();
        e.label = label;
        e.isFinally = isFinally;
        e.unwindLabel = UNWIND_LABEL_UNUSED;
        e.isActive = true;
        excStack.add(e);
        as.movRegPcrel(as.regRet, label);
        as.movLocalReg(localIdxExcHandlerPc(), as.regRet);
    }

    void leaveExcStack(boolean startOfHandler) {
        if (excStack.isEmpty()) {
            return;
        }
        excStack.get(excStack.size() - 1).isActive = false;
        ExcEntry active = null;
        for (int i = excStack.size() - 2; i >= 0; i--) {
            if (excStack.get(i).isActive) {
                active = excStack.get(i);
                break;
            }
        }
        if (active == null) {
            if (startOfHandler) {
                return;
            }
            as.xorRegReg();
        } else {
            as.movRegPcrel(as.regRet, active.label);
        }
        as.movLocalReg(localIdxExcHandlerPc(), as.regRet);
    }

    ExcEntry popExcStack() {
        return excStack.isEmpty() ? null : excStack.remove(excStack.size() - 1);
    }

    /** {@code emit_native_label_assign}: settles the stack; a finally handler's label also saves the exception. */
    void labelAssign(int l) {
        boolean isFinally = false;
        if (!excStack.isEmpty()) {
            ExcEntry e = excStack.get(excStack.size() - 1);
            isFinally = e.isFinally && e.label == l;
        }
        if (isFinally) {
            accessStack(1, as.regTemp0);
            as.movLocalReg(localIdxExcVal(), as.regTemp0);
        }
        needStackSettled();
        as.label(l);
        if (isFinally) {
            leaveExcStack(false);
        }
    }
}
