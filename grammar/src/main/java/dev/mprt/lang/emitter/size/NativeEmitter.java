package dev.mprt.lang.emitter.size;

import java.util.function.IntSupplier;

import dev.mprt.lang.emitter.ViperType;

/**
 * A port of py/emitnative.c's code generation onto {@link NativeAsm}: each {@code emit_native_*} function's
 * instruction sequence, on the value stack and frame of {@link NativeFrame}. Viper type errors are not reported
 * here (ViperCheck does); they only mark the replay as unreliable.
 */
final class NativeEmitter extends NativeFrame {

    NativeEmitter(NativeAsm as, NativeScope scope, IntSupplier newLabel) {
        super(as, scope, newLabel);
    }

    void importName(String qstr) {
        boolean orig = doViperTypes;
        doViperTypes = false;
        prePopReg(as.regArg2);
        prePopReg(as.regArg3);
        doViperTypes = orig;
        callWithQstrArg(F_IMPORT_NAME, qstr, as.regArg1);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void importFrom(String qstr) {
        accessStack(1, as.regArg1);
        callWithQstrArg(F_IMPORT_FROM, qstr, as.regArg2);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void importStar() {
        prePopReg(as.regArg1);
        call(F_IMPORT_ALL);
    }

    void loadConstNone() {
        postPushImm(ViperType.NONE, 0);
    }

    void loadConstBool(boolean value) {
        postPushImm(ViperType.BOOL, value ? 1 : 0);
    }

    void loadConstSmallInt(long value) {
        postPushImm(ViperType.INT, value);
    }

    /** A str constant: a const-table object under mpy-cross (MICROPY_PERSISTENT_CODE_SAVE). */
    void loadConstStr(String qstr) {
        needRegSingle(as.regTemp0, 0);
        loadRegWithObject(as.regTemp0, scope.tables.strObjIndex(qstr));
        postPushReg(ViperType.OBJECT, as.regTemp0);
    }

    void loadConstObj(Object key) {
        needRegSingle(as.regTemp0, 0);
        loadRegWithObject(as.regTemp0, scope.tables.objIndex(key));
        postPushReg(ViperType.OBJECT, as.regTemp0);
    }

    void loadNull() {
        postPushImm(ViperType.OBJECT, 0);
    }

    void loadFast(int localNum) {
        ViperType vtype = localNum < localVtype.length ? localVtype[localNum] : ViperType.OBJECT;
        if (vtype == ViperType.UNBOUND) {
            typeError = true;
        }
        if (localNum < MAX_REGS_FOR_LOCAL_VARS && scope.canUseRegsForLocals()) {
            postPushReg(vtype, regLocal(localNum));
        } else {
            needRegSingle(as.regTemp0, 0);
            movRegState(as.regTemp0, localIdxLocalVar(localNum));
            postPushReg(vtype, as.regTemp0);
        }
    }

    void loadDeref(int localNum) {
        needRegSingle(as.regRet, 0);
        loadFast(localNum);
        int[] p = prePopRegFlexible(as.regRet, -1, -1);
        as.loadRegRegOffset(as.regRet, p[1], 1);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    /** {@code emit_native_load_global}: a viper cast name pushes an immediate. */
    void loadGlobal(String qstr, boolean global) {
        if (global && doViperTypes) {
            ViperType cast = ViperType.castOf(qstr);
            if (cast != null) {
                postPushImm(ViperType.CAST, vtypeCode(cast));
                peekStack(0).cast = cast;
                return;
            }
        }
        callWithQstrArg(global ? F_LOAD_GLOBAL : F_LOAD_NAME, qstr, as.regArg1);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void loadAttr(String qstr) {
        ViperType base = prePopReg(as.regArg1);
        if (base != ViperType.OBJECT) {
            typeError = true;
        }
        callWithQstrArg(F_LOAD_ATTR, qstr, as.regArg2);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void loadMethod(String qstr, boolean isSuper) {
        if (isSuper) {
            getStackPointerToRegForPop(as.regArg2, 3);
            getStackPointerToRegForPush(as.regArg2, 2);
            callWithQstrArg(F_LOAD_SUPER_METHOD, qstr, as.regArg1);
        } else {
            ViperType base = prePopReg(as.regArg1);
            if (base != ViperType.OBJECT) {
                typeError = true;
            }
            getStackPointerToRegForPush(as.regArg3, 2);
            callWithQstrArg(F_LOAD_METHOD, qstr, as.regArg2);
        }
    }

    void loadBuildClass() {
        call(F_LOAD_BUILD_CLASS);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void loadSubscr() {
        ViperType vtypeBase = peekVtype(1);
        if (vtypeBase == ViperType.OBJECT) {
            ViperType vtypeIndex = peekVtype(0);
            if (vtypeIndex == ViperType.OBJECT) {
                prePopReg(as.regArg2);
            } else {
                prePopReg(as.regArg1);
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeCode(vtypeIndex), as.regArg2);
                as.movRegReg(as.regArg2, as.regRet);
            }
            prePopReg(as.regArg1);
            callWithImmArg(F_OBJ_SUBSCR, MP_OBJ_SENTINEL, as.regArg3);
            postPushReg(ViperType.OBJECT, as.regRet);
            return;
        }
        Slot top = peekStack(0);
        if (top.vtype == ViperType.INT && top.kind == Kind.IMM) {
            long index = top.imm;
            prePopDiscard();
            int regIndex = as.regArg2;
            int[] p = prePopRegFlexible(as.regArg1, regIndex, regIndex);
            ViperType base = ViperType.values()[p[0]];
            int regBase = p[1];
            needRegSingle(as.regRet, 0);
            int width = width(base);
            if (width == 0) {
                typeError = true;
            } else {
                if (index != 0 && !as.loadStoreImmediate(width, index, false)) {
                    needRegSingle(regIndex, 0);
                    as.movRegImm(regIndex, index * (width / 8));
                    as.addRegReg();
                    as.loadStoreRegReg(width);
                } else if (index == 0) {
                    as.loadStoreRegReg(width);
                }
            }
        } else {
            int[] p = prePopRegFlexible(as.regArg2, as.regArg1, as.regArg1);
            ViperType index = ViperType.values()[p[0]];
            ViperType base = prePopReg(as.regArg1);
            needRegSingle(as.regRet, 0);
            if (!index.isIntegral()) {
                typeError = true;
            }
            int width = width(base);
            if (width == 0) {
                typeError = true;
            } else {
                indexedAccess(width);
            }
        }
        postPushReg(ViperType.INT, as.regRet);
    }

    /** base + index * width, then the load or store ({@code ASM_ADD_REG_REG} repeated on Thumb). */
    private void indexedAccess(int width) {
        if (width == 8) {
            as.addRegReg();
        } else if (!as.scaledAdd()) {
            for (int i = 0; i < width / 8; i++) {
                as.addRegReg();
            }
        }
        as.loadStoreRegReg(width);
    }

    private static int width(ViperType t) {
        return switch (t) {
            case PTR8 -> 8;
            case PTR16 -> 16;
            case PTR32 -> 32;
            default -> 0;
        };
    }

    void storeFast(int localNum) {
        ViperType vtype;
        if (localNum < MAX_REGS_FOR_LOCAL_VARS && scope.canUseRegsForLocals()) {
            vtype = prePopReg(regLocal(localNum));
        } else {
            vtype = prePopReg(as.regTemp0);
            movStateReg(localIdxLocalVar(localNum), as.regTemp0);
        }
        if (localNum < localVtype.length) {
            if (localVtype[localNum] == ViperType.UNBOUND) {
                localVtype[localNum] = vtype;
            } else if (localVtype[localNum] != vtype) {
                typeError = true;
            }
        }
    }

    void storeDeref(int localNum) {
        needRegSingle(as.regTemp0, 0);
        needRegSingle(as.regTemp1, 0);
        loadFast(localNum);
        int[] base = prePopRegFlexible(as.regTemp0, -1, -1);
        prePopRegFlexible(as.regTemp1, base[1], base[1]);
        as.storeRegRegOffset(0, 0, 1);
    }

    void storeGlobal(String qstr, boolean global) {
        if (!global) {
            prePopReg(as.regArg2);
        } else {
            ViperType vtype = peekVtype(0);
            if (vtype == ViperType.OBJECT) {
                prePopReg(as.regArg2);
            } else {
                prePopReg(as.regArg1);
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeCode(vtype), as.regArg2);
                as.movRegReg(as.regArg2, as.regRet);
            }
        }
        callWithQstrArg(global ? F_STORE_GLOBAL : F_STORE_NAME, qstr, as.regArg1);
    }

    void storeAttr(String qstr) {
        ViperType vtypeVal = peekVtype(1);
        if (vtypeVal == ViperType.OBJECT) {
            prePopReg(as.regArg1);
            prePopReg(as.regArg3);
        } else {
            accessStack(2, as.regArg1);
            callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeCode(vtypeVal), as.regArg2);
            as.movRegReg(as.regArg3, as.regRet);
            prePopReg(as.regArg1);
            adjustStack(-1);
        }
        callWithQstrArg(F_STORE_ATTR, qstr, as.regArg2);
    }

    void storeSubscr() {
        ViperType vtypeBase = peekVtype(1);
        if (vtypeBase == ViperType.OBJECT) {
            ViperType vtypeIndex = peekVtype(0);
            ViperType vtypeValue = peekVtype(2);
            if (vtypeIndex != ViperType.OBJECT || vtypeValue != ViperType.OBJECT) {
                getStackPointerToRegForPop(as.regArg1, 3);
                adjustStack(3);
            }
            prePopReg(as.regArg2);
            prePopReg(as.regArg1);
            prePopReg(as.regArg3);
            call(F_OBJ_SUBSCR);
            return;
        }
        Slot top = peekStack(0);
        if (top.vtype == ViperType.INT && top.kind == Kind.IMM) {
            long index = top.imm;
            prePopDiscard();
            int regIndex = as.regArg2;
            int regValue = as.regArg3;
            int[] b = prePopRegFlexible(as.regArg1, regIndex, regValue);
            ViperType base = ViperType.values()[b[0]];
            int[] v = prePopRegFlexible(regValue, b[1], regIndex);
            checkStorable(ViperType.values()[v[0]]);
            int width = width(base);
            if (width == 0) {
                typeError = true;
            } else if (index != 0 && !as.loadStoreImmediate(width, index, true)) {
                as.movRegImm(regIndex, index * (width / 8));
                as.addRegReg();
                as.loadStoreRegReg(width);
            } else if (index == 0) {
                as.loadStoreRegReg(width);
            }
        } else {
            int[] i = prePopRegFlexible(as.regArg2, as.regArg1, as.regArg3);
            ViperType base = prePopReg(as.regArg1);
            if (!ViperType.values()[i[0]].isIntegral()) {
                typeError = true;
            }
            int[] v = prePopRegFlexible(as.regArg3, as.regArg1, i[1]);
            checkStorable(ViperType.values()[v[0]]);
            int width = width(base);
            if (width == 0) {
                typeError = true;
            } else {
                indexedAccess(width);
            }
        }
    }

    private void checkStorable(ViperType t) {
        if (t != ViperType.BOOL && !t.isIntegral()) {
            typeError = true;
        }
    }

    void deleteGlobal(String qstr, boolean global) {
        callWithQstrArg(F_DELETE_NAME + (global ? 1 : 0), qstr, as.regArg1);
    }

    void deleteAttr(String qstr) {
        prePopReg(as.regArg1);
        as.xorRegReg();
        callWithQstrArg(F_STORE_ATTR, qstr, as.regArg2);
    }

    void deleteSubscr() {
        prePopReg(as.regArg2);
        prePopReg(as.regArg1);
        callWithImmArg(F_OBJ_SUBSCR, 0, as.regArg3);
    }

    void dupTop() {
        int[] p = prePopRegFlexible(as.regTemp0, -1, -1);
        ViperType t = ViperType.values()[p[0]];
        postPushReg(t, p[1]);
        postPushReg(t, p[1]);
    }

    void dupTopTwo() {
        ViperType t0 = prePopReg(as.regTemp0);
        ViperType t1 = prePopReg(as.regTemp1);
        postPushReg(t1, as.regTemp1);
        postPushReg(t0, as.regTemp0);
        postPushReg(t1, as.regTemp1);
        postPushReg(t0, as.regTemp0);
    }

    void popTop() {
        prePopDiscard();
    }

    void rotTwo() {
        ViperType t0 = prePopReg(as.regTemp0);
        ViperType t1 = prePopReg(as.regTemp1);
        postPushReg(t0, as.regTemp0);
        postPushReg(t1, as.regTemp1);
    }

    void rotThree() {
        ViperType t0 = prePopReg(as.regTemp0);
        ViperType t1 = prePopReg(as.regTemp1);
        ViperType t2 = prePopReg(as.regTemp2);
        postPushReg(t0, as.regTemp0);
        postPushReg(t2, as.regTemp2);
        postPushReg(t1, as.regTemp1);
    }

    void jump(int label) {
        needStackSettled();
        as.jump(label);
        as.suppressCode();
    }

    private void jumpHelper(boolean cond, int label, boolean pop) {
        ViperType vtype = peekVtype(0);
        if (vtype == ViperType.OBJECT) {
            prePopReg(as.regArg1);
            if (!pop) {
                adjustStack(1);
            }
            call(F_OBJ_IS_TRUE);
        } else {
            vtype = prePopReg(as.regRet);
            if (!pop) {
                adjustStack(1);
            }
            if (vtype != ViperType.BOOL && !vtype.isIntegral()) {
                typeError = true;
            }
        }
        if (!pop) {
            savedStackVtype = vtype;
        }
        needStackSettled();
        if (cond) {
            as.jumpIfRegNonzero(as.regRet, label);
        } else {
            as.jumpIfRegZero(as.regRet, label);
        }
        if (!pop) {
            adjustStack(-1);
        }
    }

    void popJumpIf(boolean cond, int label) {
        jumpHelper(cond, label, true);
    }

    void jumpIfOrPop(boolean cond, int label) {
        jumpHelper(cond, label, false);
    }

    /** {@code emit_native_adjust_stack_size}: entries pushed this way are in the frame. */
    void adjustStackSize(int delta) {
        for (int i = 0; i < delta; i++) {
            Slot si = slot(stackSize + i);
            si.kind = Kind.VALUE;
            si.vtype = delta == 1 ? savedStackVtype : ViperType.OBJECT;
        }
        adjustStack(delta);
    }

    /** Depth of the exception stack the jump leaves ({@code except_depth}). */
    void unwindJump(int label, int exceptDepth) {
        if (exceptDepth > 0) {
            ExcEntry firstFinally = null;
            ExcEntry prevFinally = null;
            int idx = excStack.size() - 1;
            for (; exceptDepth > 0 && idx >= 0; --exceptDepth, --idx) {
                ExcEntry e = excStack.get(idx);
                if (e.isFinally && e.isActive) {
                    if (firstFinally == null) {
                        firstFinally = e;
                    }
                    if (prevFinally != null) {
                        prevFinally.unwindLabel = e.label;
                    }
                    prevFinally = e;
                }
            }
            if (prevFinally == null) {
                if (idx < 0) {
                    as.xorRegReg();
                } else {
                    as.movRegPcrel(as.regRet, excStack.get(idx).label);
                }
                as.movLocalReg(localIdxExcHandlerPc(), as.regRet);
            } else {
                prevFinally.unwindLabel = UNWIND_LABEL_DO_FINAL_UNWIND;
                as.movRegPcrel(as.regRet, label);
                as.movLocalReg(localIdxExcHandlerUnwind(), as.regRet);
                as.movRegImm(as.regRet, 0);
                as.movLocalReg(localIdxExcVal(), as.regRet);
                label = firstFinally.label;
            }
        }
        jump(label);
    }

    void setupWith(int label) {
        accessStack(1, as.regArg1);
        getStackPointerToRegForPush(as.regArg3, 2);
        callWithQstrArg(F_LOAD_METHOD, "__exit__", as.regArg2);
        prePopReg(as.regArg3);
        prePopReg(as.regArg2);
        prePopReg(as.regArg1);
        postPushReg(ViperType.OBJECT, as.regArg2);
        postPushReg(ViperType.OBJECT, as.regArg3);
        getStackPointerToRegForPush(as.regArg3, 2);
        callWithQstrArg(F_LOAD_METHOD, "__enter__", as.regArg2);
        getStackPointerToRegForPop(as.regArg3, 2);
        callWith2ImmArgs(F_CALL_METHOD_N_KW, 0, as.regArg1, 0, as.regArg2);
        postPushReg(ViperType.OBJECT, as.regRet);
        needStackSettled();
        pushExcStack(label, true);
        dupTop();
    }

    void setupBlock(int label, boolean isFinally) {
        needStackSettled();
        pushExcStack(label, isFinally);
    }

    void withCleanup(int label) {
        int slot0 = newLabel.getAsInt();
        int slot1 = newLabel.getAsInt();
        int slot2 = newLabel.getAsInt();
        leaveExcStack(false);
        adjustStack(-1);
        labelAssign(slot2);
        postPushImm(ViperType.NONE, 0);
        postPushImm(ViperType.NONE, 0);
        postPushImm(ViperType.NONE, 0);
        getStackPointerToRegForPop(as.regArg3, 5);
        callWith2ImmArgs(F_CALL_METHOD_N_KW, 3, as.regArg1, 0, as.regArg2);
        jump(slot0);
        as.label(label);
        leaveExcStack(true);
        adjustStackSize(2);
        as.movRegLocal(as.regArg1, localIdxExcVal());
        as.jumpIfRegZero(as.regArg1, slot2);
        as.loadRegRegOffset(as.regArg2, as.regArg1, 0);
        postPushReg(ViperType.OBJECT, as.regArg2);
        postPushReg(ViperType.OBJECT, as.regArg1);
        postPushImm(ViperType.NONE, 0);
        getStackPointerToRegForPop(as.regArg3, 5);
        callWith2ImmArgs(F_CALL_METHOD_N_KW, 3, as.regArg1, 0, as.regArg2);
        if (as.regArg1 != as.regRet) {
            as.movRegReg(as.regArg1, as.regRet);
        }
        call(F_OBJ_IS_TRUE);
        as.jumpIfRegZero(as.regRet, slot1);
        labelAssign(slot0);
        as.movRegImm(as.regTemp0, 0);
        as.movLocalReg(localIdxExcVal(), as.regTemp0);
        labelAssign(slot1);
        adjustStack(1);
    }

    void endFinally() {
        int slot0 = newLabel.getAsInt();
        prePopDiscard();
        as.movRegLocal(as.regArg1, localIdxExcVal());
        call(F_NATIVE_RAISE);
        ExcEntry e = popExcStack();
        if (e != null && e.unwindLabel != UNWIND_LABEL_UNUSED) {
            as.movRegLocal(as.regRet, localIdxExcHandlerUnwind());
            as.jumpIfRegZero(as.regRet, slot0);
            if (e.unwindLabel == UNWIND_LABEL_DO_FINAL_UNWIND) {
                as.jumpReg(as.regRet);
            } else {
                jump(e.unwindLabel);
            }
            labelAssign(slot0);
        }
    }

    void getIter(boolean useStack) {
        ViperType t = prePopReg(as.regArg1);
        if (t != ViperType.OBJECT) {
            typeError = true;
        }
        if (useStack) {
            getStackPointerToRegForPush(as.regArg2, ITER_BUF_NSLOTS);
            call(F_NATIVE_GETITER);
        } else {
            as.movRegImm(as.regArg2, 0);
            call(F_NATIVE_GETITER);
            postPushReg(ViperType.OBJECT, as.regRet);
        }
    }

    void forIter(int label) {
        getStackPointerToRegForPop(as.regArg1, ITER_BUF_NSLOTS);
        adjustStack(ITER_BUF_NSLOTS);
        call(F_NATIVE_ITERNEXT);
        as.jumpIfRegZero(as.regRet, label);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void forIterEnd() {
        adjustStack(-ITER_BUF_NSLOTS);
    }

    void popExceptJump(int label, boolean withinExcHandler) {
        if (withinExcHandler) {
            as.movRegImm(as.regTemp0, 0);
            as.movLocalReg(localIdxExcVal(), as.regTemp0);
        } else {
            leaveExcStack(false);
        }
        jump(label);
    }

    /** {@code op}: "+", "-", "~" or "not". */
    void unaryOp(String op) {
        ViperType vtype = peekVtype(0);
        if (vtype.isIntegral()) {
            switch (op) {
                case "+" -> {
                }
                case "-" -> {
                    int[] p = prePopRegFlexible(as.regRet, as.regRet, as.regRet);
                    as.negReg();
                    postPushReg(vtype, p[1]);
                }
                case "~" -> {
                    if (as.isThumb()) {
                        int[] p = prePopRegFlexible(as.regRet, as.regRet, as.regRet);
                        as.notReg();
                        postPushReg(vtype, p[1]);
                    } else {
                        int[] p = prePopRegFlexible(as.regRet, as.regArg1, as.regRet);
                        as.movRegImm(as.regArg1, -1);
                        as.xorRegReg();
                        postPushReg(vtype, p[1]);
                    }
                }
                default -> typeError = true;
            }
        } else if (vtype == ViperType.OBJECT) {
            prePopReg(as.regArg2);
            callWithImmArg(F_UNARY_OP, 0, as.regArg1);
            postPushReg(ViperType.OBJECT, as.regRet);
        } else {
            typeError = true;
        }
    }

    /** {@code op} is the operator's text ("+", "<", "in", "not in", "is not", "exception match", "//", ...). */
    void binaryOp(String op) {
        ViperType lhs = peekVtype(1);
        ViperType rhs = peekVtype(0);
        if (lhs.isIntegral() && rhs.isIntegral()) {
            if (op.equals("//") || op.equals("%")) {
                prePopReg(as.regArg2);
                lhs = prePopReg(as.regArg1);
                if (lhs != ViperType.INT) {
                    typeError = true;
                }
                call(op.equals("//") ? F_SMALL_INT_FLOOR_DIVIDE : F_SMALL_INT_MODULO);
                postPushReg(ViperType.INT, as.regRet);
                return;
            }
            int[] r = prePopRegFlexible(as.regArg3, as.regRet, as.regArg2);
            lhs = prePopReg(as.regArg2);
            switch (op) {
                case "<<", ">>" -> {
                    as.shiftRegReg();
                    postPushReg(lhs, as.regArg2);
                }
                case "|", "^", "&", "-", "*" -> {
                    if (op.equals("^")) {
                        as.xorRegReg();
                    } else {
                        as.aluRegReg();
                    }
                    postPushReg(lhs, as.regArg2);
                }
                case "+" -> {
                    as.addRegReg();
                    postPushReg(lhs, as.regArg2);
                }
                case "<", ">", "==", "<=", ">=", "!=" -> {
                    if (lhs != ViperType.values()[r[0]]) {
                        typeError = true;
                    }
                    needRegSingle(as.regRet, 0);
                    as.compareToBool();
                    postPushReg(ViperType.BOOL, as.regRet);
                }
                default -> {
                    adjustStack(1);
                    typeError = true;
                }
            }
        } else if (lhs == ViperType.OBJECT && rhs == ViperType.OBJECT) {
            prePopReg(as.regArg3);
            prePopReg(as.regArg2);
            boolean invert = op.equals("not in") || op.equals("is not");
            callWithImmArg(F_BINARY_OP, BINARY_SMALL, as.regArg1);
            if (invert) {
                as.movRegReg(as.regArg2, as.regRet);
                callWithImmArg(F_UNARY_OP, UNARY_NOT, as.regArg1);
            }
            postPushReg(ViperType.OBJECT, as.regRet);
        } else {
            adjustStack(-1);
            typeError = true;
        }
    }

    /** {@code emit_native_build} for tuple, list, map and set. */
    void build(int nArgs, boolean map) {
        if (!map) {
            getStackPointerToRegForPop(as.regArg2, nArgs);
        }
        callWithImmArg(F_BUILD_TUPLE, nArgs, as.regArg1);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void storeMap() {
        prePopReg(as.regArg2);
        prePopReg(as.regArg3);
        prePopReg(as.regArg1);
        call(F_STORE_MAP);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void buildSlice(int nArgs) {
        if (nArgs == 2) {
            prePopReg(as.regArg2);
            prePopReg(as.regArg1);
            as.loadRegRegOffset(as.regArg3, regFunTable(), F_CONST_NONE_OBJ);
        } else {
            prePopReg(as.regArg3);
            prePopReg(as.regArg2);
            prePopReg(as.regArg1);
        }
        call(F_NEW_SLICE);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    /** {@code emit_native_store_comp}: {@code dict} for a dict comprehension. */
    void storeComp(boolean dict, int collectionIndex) {
        if (dict) {
            prePopReg(as.regArg2);
            prePopReg(as.regArg3);
        } else {
            prePopReg(as.regArg2);
        }
        accessStack(collectionIndex, as.regArg1);
        call(F_LIST_APPEND);
    }

    void unpackSequence(int nArgs) {
        ViperType t = prePopReg(as.regArg1);
        if (t != ViperType.OBJECT) {
            typeError = true;
        }
        getStackPointerToRegForPush(as.regArg3, nArgs);
        callWithImmArg(F_UNPACK_SEQUENCE, nArgs, as.regArg2);
    }

    void unpackEx(int nLeft, int nRight) {
        ViperType t = prePopReg(as.regArg1);
        if (t != ViperType.OBJECT) {
            typeError = true;
        }
        getStackPointerToRegForPush(as.regArg3, nLeft + nRight + 1);
        callWithImmArg(F_UNPACK_EX, nLeft | ((long) nRight << 8), as.regArg2);
    }

    void makeFunction(boolean defaults) {
        movRegState(as.regArg2, localIdxFunObj());
        as.loadRegRegOffset(as.regArg2, as.regArg2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        if (!defaults) {
            needRegAll();
            as.movRegImm(as.regArg3, 0);
        } else {
            getStackPointerToRegForPop(as.regArg3, 2);
            needRegAll();
        }
        loadRegWithChild(as.regArg1);
        as.callInd(F_MAKE_FUNCTION_FROM_PROTO_FUN);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void makeClosure(int nClosedOver, boolean defaults) {
        movRegState(as.regArg2, localIdxFunObj());
        as.loadRegRegOffset(as.regArg2, as.regArg2, OFFSETOF_OBJ_FUN_BC_CONTEXT);
        if (!defaults) {
            needRegAll();
            as.movRegImm(as.regArg3, 0);
        } else {
            getStackPointerToRegForPop(as.regArg3, 2 + nClosedOver);
            adjustStack(2 + nClosedOver);
            needRegAll();
        }
        loadRegWithChild(as.regArg1);
        as.callInd(F_MAKE_FUNCTION_FROM_PROTO_FUN);
        if (as.regArg1 != as.regRet) {
            as.movRegReg(as.regArg1, as.regRet);
        }
        as.movRegImm(as.regArg2, nClosedOver);
        getStackPointerToRegForPop(as.regArg3, nClosedOver);
        if (defaults) {
            adjustStack(-2);
        }
        as.callInd(F_NEW_CLOSURE);
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void callFunction(int nPositional, int nKeyword, boolean star) {
        ViperType vtypeFun = peekVtype(nPositional + 2 * nKeyword);
        if (vtypeFun == ViperType.CAST) {
            Slot fun = peekStack(1);
            ViperType cast = fun.cast != null ? fun.cast : ViperType.INT;
            if (nPositional != 1 || nKeyword != 0 || star) {
                typeError = true;
                adjustStack(-(nPositional + 2 * nKeyword));
                return;
            }
            ViperType arg = peekVtype(0);
            if (arg == ViperType.OBJECT) {
                prePopReg(as.regArg1);
                prePopDiscard();
                callWithImmArg(F_CONVERT_OBJ_TO_NATIVE, vtypeCode(cast), as.regArg2);
                postPushReg(cast, as.regRet);
            } else if (arg == ViperType.CAST || arg == ViperType.UNBOUND) {
                typeError = true; // NotImplementedError: casting
            } else {
                foldStackTop(as.regArg1);
                peekStack(0).vtype = cast;
            }
            return;
        }
        if (star) {
            getStackPointerToRegForPop(as.regArg3, nPositional + 2 * nKeyword + 2);
            callWith2ImmArgs(F_CALL_METHOD_N_KW_VAR, 0, as.regArg1, nPositional | ((long) nKeyword << 8),
                    as.regArg2);
        } else {
            if (nPositional != 0 || nKeyword != 0) {
                getStackPointerToRegForPop(as.regArg3, nPositional + 2 * nKeyword);
            }
            prePopReg(as.regArg1);
            callWithImmArg(F_NATIVE_CALL_FUNCTION_N_KW, nPositional | ((long) nKeyword << 8), as.regArg2);
        }
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void callMethod(int nPositional, int nKeyword, boolean star) {
        if (star) {
            getStackPointerToRegForPop(as.regArg3, nPositional + 2 * nKeyword + 3);
            callWith2ImmArgs(F_CALL_METHOD_N_KW_VAR, 1, as.regArg1, nPositional | ((long) nKeyword << 8),
                    as.regArg2);
        } else {
            getStackPointerToRegForPop(as.regArg3, 2 + nPositional + 2 * nKeyword);
            callWith2ImmArgs(F_CALL_METHOD_N_KW, nPositional, as.regArg1, nKeyword, as.regArg2);
        }
        postPushReg(ViperType.OBJECT, as.regRet);
    }

    void returnValue() {
        if (scope.generator) {
            getStackPointerToRegForPop(as.regTemp0, 1);
            movStateReg(OFFSETOF_CODE_STATE_SP, as.regTemp0);
            as.movRegImm(as.regTemp0, MP_VM_RETURN_NORMAL);
            as.movLocalReg(localIdxRetVal(), as.regTemp0);
            unwindJump(exitLabel, excStack.size());
            return;
        }
        if (doViperTypes) {
            ViperType ret = scope.returnType;
            if (peekVtype(0) == ViperType.NONE) {
                prePopDiscard();
                if (ret == ViperType.OBJECT) {
                    as.loadRegRegOffset(as.regParentRet, regFunTable(), F_CONST_NONE_OBJ);
                } else {
                    as.movRegImm(as.regArg1, 0);
                }
            } else {
                ViperType t = prePopReg(ret == ViperType.OBJECT ? as.regParentRet : as.regArg1);
                if (t != ret) {
                    typeError = true;
                }
            }
            if (ret != ViperType.OBJECT) {
                callWithImmArg(F_CONVERT_NATIVE_TO_OBJ, vtypeCode(ret), as.regArg2);
                if (as.regRet != as.regParentRet) {
                    as.movRegReg(as.regParentRet, as.regRet);
                }
            }
        } else {
            prePopReg(as.regParentRet);
        }
        if (scope.needGlobalExcHandler()) {
            as.movLocalReg(localIdxRetVal(), as.regParentRet);
        }
        unwindJump(exitLabel, excStack.size());
    }

    void raiseVarargs() {
        ViperType t = prePopReg(as.regArg1);
        if (t != ViperType.OBJECT) {
            typeError = true;
        }
        call(F_NATIVE_RAISE);
        as.suppressCode();
    }

    /** {@code emit_native_yield}; {@code from} for yield from (and await). */
    void yield(boolean from) {
        if (doViperTypes) {
            typeError = true; // NotImplementedError: native yield
            return;
        }
        scope.generator = true;
        int reentry = newLabel.getAsInt();
        int top = from ? newLabel.getAsInt() : -1;
        int entry = from ? newLabel.getAsInt() : -1;
        needStackSettled();
        if (from) {
            jump(entry);
            labelAssign(top);
        }
        getStackPointerToRegForPop(as.regTemp0, 1);
        movStateReg(OFFSETOF_CODE_STATE_SP, as.regTemp0);
        as.movRegImm(as.regTemp0, MP_VM_RETURN_YIELD);
        as.movLocalReg(localIdxRetVal(), as.regTemp0);
        as.movRegPcrel(as.regTemp0, reentry);
        movStateReg(localIdxGenPc(), as.regTemp0);
        as.jump(exitLabel);
        as.label(reentry);
        for (int i = excStack.size() - 1; i >= 0; i--) {
            if (excStack.get(i).isActive) {
                as.movRegPcrel(as.regRet, excStack.get(i).label);
                as.movLocalReg(localIdxExcHandlerPc(), as.regRet);
                break;
            }
        }
        adjustStackSize(1);
        if (!from) {
            as.movRegLocal(as.regArg1, localIdxThrowVal());
            as.movRegImm(as.regArg2, 0);
            as.movLocalReg(localIdxThrowVal(), as.regArg2);
            call(F_NATIVE_RAISE);
        } else {
            labelAssign(entry);
            as.movRegLocal(as.regArg3, localIdxThrowVal());
            as.movRegImm(as.regArg2, 0);
            as.movLocalReg(localIdxThrowVal(), as.regArg2);
            prePopReg(as.regArg2);
            accessStack(1, as.regArg1);
            postPushReg(ViperType.OBJECT, as.regArg3);
            getStackPointerToRegForPop(as.regArg3, 1);
            call(F_NATIVE_YIELD_FROM);
            as.jumpIfRegNonzero(as.regRet, top);
            adjustStackSize(1);
            foldStackTop(as.regArg1);
        }
    }

    void startExceptHandler() {
        leaveExcStack(true);
        as.movRegLocal(as.regTemp0, localIdxExcVal());
        postPushReg(ViperType.OBJECT, as.regTemp0);
    }

    /** Resets the value stack to {@code depth} entries in the frame (after a modelling gap). */
    void resync(int depth) {
        while (stackSize > depth) {
            prePopDiscard();
        }
        while (stackSize < depth) {
            postPushImm(ViperType.OBJECT, 0);
        }
    }

    boolean hasExcStack() {
        return !excStack.isEmpty();
    }
}
