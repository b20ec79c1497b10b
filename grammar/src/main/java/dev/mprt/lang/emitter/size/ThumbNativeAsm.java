package dev.mprt.lang.emitter.size;

import dev.mprt.lang.emitter.Arch;

/**
 * Instruction sizes of py/asmthumb.c for the native emitter, ARMv6-M (Cortex-M0/M0+) and ARMv7-M. The only range
 * limit that raises is {@code asm_thumb_b_label}'s on ARMv6-M ("native method too big"): every {@code b} is
 * recorded so the check can measure it.
 */
final class ThumbNativeAsm extends NativeAsm {

    private final boolean armv7m;
    private int stackAdjust;

    ThumbNativeAsm(Arch arch) {
        super(arch);
        this.armv7m = arch.armv7m();
        regRet = 0;
        regArg1 = 0;
        regArg2 = 1;
        regArg3 = 2;
        regArg4 = 3;
        regTemp0 = 0;
        regTemp1 = 1;
        regTemp2 = 2;
        regLocal1 = 4;
        regLocal2 = 5;
        regLocal3 = 6;
        regParentRet = 0;
        regParentArg1 = 0;
        regParentArg2 = 1;
        regParentArg3 = 2;
        regParentArg4 = 3;
        // mpy-cross: MICROPY_NLR_NUM_REGS_ARM_THUMB_FP for every Thumb target (mpy-cross/main.c)
        nlrBufWords = 2 + 16 + 1;
        nlrBufIdxLocal1 = 3; // r4
    }

    @Override
    boolean isThumb() {
        return true;
    }

    @Override
    int numRegsSaved() {
        return 0;
    }

    static boolean signedFit12(long v) {
        return v >= -2048 && v <= 2047;
    }

    static boolean signedFit9(long v) {
        return v >= -256 && v <= 255;
    }

    private void op32() {
        bytes(4);
    }

    private void spAdjust(int adjust) {
        if (adjust <= 0) {
            return;
        }
        if (armv7m) {
            bytes(adjust < 128 ? 2 : 4);
        } else {
            int adj = adjust;
            while (adj > 127) {
                op16();
                adj -= 127;
            }
            op16();
        }
    }

    @Override
    void entry(int numLocals) {
        op16(); // push {r1-r7, lr} or {r1, r4-r7, lr}
        stackAdjust = numLocals <= 3 ? 0 : ((numLocals - 3) + 1) & ~1;
        spAdjust(stackAdjust);
    }

    @Override
    void exit() {
        spAdjust(stackAdjust);
        op16(); // pop
    }

    /** {@code asm_thumb_b_label}. */
    @Override
    void jump(int label) {
        int dest = dest(label);
        long rel = (long) dest - offset - 4;
        if (!armv7m) {
            // b.n, or out of range a nop and NotImplementedError("native method too big") once dest is known
            recordBranch(BranchKind.THUMB_B, offset, label);
        }
        if (dest != -1 && rel <= -4 && signedFit12(rel)) {
            op16();
            return;
        }
        bytes(armv7m ? 4 : 2);
    }

    /** {@code asm_thumb_bcc_label}: on ARMv6-M an inverted {@code bcc.n} over a {@code b}. */
    private void bcc(int label) {
        int dest = dest(label);
        long rel = (long) dest - offset - 4;
        if (dest != -1 && rel <= -4 && signedFit9(rel)) {
            op16();
            return;
        }
        if (armv7m) {
            op32();
        } else {
            op16();
            jump(label);
        }
    }

    @Override
    void jumpIfRegZero(int reg, int label) {
        op16(); // cmp reg, #0
        bcc(label);
    }

    @Override
    void jumpIfRegNonzero(int reg, int label) {
        op16();
        bcc(label);
    }

    @Override
    void jumpIfRegEq(int reg1, int reg2, int label) {
        op16(); // cmp reg1, reg2
        bcc(label);
    }

    @Override
    void jumpReg(int reg) {
        op16(); // bx
    }

    @Override
    void callInd(int funId) {
        loadRegRegOffset(3, 7, funId);
        op16(); // blx r3
    }

    @Override
    void movLocalReg(int local, int reg) {
        op16(); // str rlo, [sp, #local*4]
    }

    @Override
    void movRegLocal(int reg, int local) {
        op16(); // ldr rlo, [sp, #local*4]
    }

    @Override
    void movRegLocalAddr(int reg, int local) {
        op16(); // add rlo, sp, #local*4
    }

    /** {@code asm_thumb_mov_reg_i32_optimised} (the value as the C {@code int} it is passed as). */
    @Override
    void movRegImm(int reg, long imm) {
        int i32 = (int) imm;
        if (reg < 8 && i32 >= 0 && i32 <= 255) {
            op16(); // movs
            return;
        }
        if (armv7m) {
            if (i32 >= 0 && i32 <= 0xffff) {
                op32(); // movw
            } else {
                bytes(8); // movw + movt
            }
            return;
        }
        boolean negate = i32 < 0 && (i32 + i32) != 0;
        if (negate) {
            i32 = -i32;
        }
        int clz = Integer.numberOfLeadingZeros(i32);
        int ctz = i32 == 0 ? 0 : Integer.numberOfTrailingZeros(i32);
        if (clz + ctz >= 24) {
            bytes(4); // movs + lsls
        } else if (i32 >= 0 && i32 <= 0xffff) {
            bytes(6); // movs, lsls, adds
        } else {
            negate = false;
            movRegI32Armv6();
        }
        if (negate) {
            op16(); // negs
        }
    }

    /** {@code asm_thumb_mov_reg_i32} on ARMv6-M: (nop to align) ldr rlo, [pc]; b; .word. */
    private void movRegI32Armv6() {
        if ((offset & 2) != 0) {
            op16();
        }
        bytes(8);
    }

    @Override
    void movRegPcrel(int reg, int label) {
        bytes(armv7m ? 8 : 10);
    }

    /** {@code asm_thumb_add_reg_reg_offset} for low registers. */
    private void addRegRegOffset(int dest, int base, int off, int shift) {
        if ((off << shift) < 256) {
            if (dest != base) {
                op16();
            }
            op16();
        } else if (off >= 0 && off <= 255 && dest != base) {
            bytes(6);
        } else if (dest != base) {
            bytes(8);
        } else {
            bytes(12);
        }
    }

    @Override
    void loadRegRegOffset(int dest, int base, int wordOffset) {
        if (wordOffset >= 0 && wordOffset < 32) {
            op16();
        } else if (armv7m) {
            op32();
        } else {
            addRegRegOffset(dest, base, wordOffset - 31, 2);
            op16();
        }
    }

    @Override
    void load16RegRegOffset(int dest, int base, int halfOffset) {
        if (halfOffset >= 0 && halfOffset < 32) {
            op16();
        } else if (armv7m) {
            op32();
        } else {
            addRegRegOffset(dest, base, halfOffset - 31, 1);
            op16();
        }
    }

    @Override
    void storeRegRegOffset(int src, int base, int wordOffset) {
        op16(); // str rlo, [rlo, #imm5] (no range check)
    }

    @Override
    void xorRegReg() {
        op16();
    }

    @Override
    void aluRegReg() {
        op16();
    }

    @Override
    void addRegReg() {
        op16();
    }

    @Override
    void negReg() {
        op16();
    }

    @Override
    boolean notReg() {
        op16(); // mvns
        return true;
    }

    @Override
    void shiftRegReg() {
        op16();
    }

    @Override
    void loadStoreRegReg(int width) {
        op16();
    }

    @Override
    void compareToBool() {
        op16(); // cmp
        bytes(armv7m ? 6 : 8); // ite + 2 movs, or bcc, movs, b, movs
    }

    @Override
    boolean loadStoreImmediate(int width, long index, boolean store) {
        if (index > 0 && index < 32) {
            op16();
            return true;
        }
        return false;
    }

    @Override
    boolean scaledAdd() {
        return false;
    }
}
