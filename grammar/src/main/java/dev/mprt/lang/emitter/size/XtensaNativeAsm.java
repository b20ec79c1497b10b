package dev.mprt.lang.emitter.size;

import dev.mprt.lang.emitter.Arch;

/**
 * Instruction sizes of py/asmxtensa.c for the native emitter: ESP8266 ({@code xtensa}, call0 ABI) and ESP32
 * ({@code xtensawin}, windowed ABI). {@code beqz}/{@code bnez} reach ±2 KiB and {@code beq} & co ±128 bytes; out of
 * range, the emit pass prints "ERROR: xtensa bccz out of range" and encodes a wrong offset. Every such branch is
 * recorded. The literal pool ({@code l32r} constants) sits after the entry jump; its size is the previous pass's.
 */
final class XtensaNativeAsm extends NativeAsm {

    private final boolean windowed;
    private int stackAdjust;
    private int numConst;
    private int curConst;

    XtensaNativeAsm(Arch arch, boolean windowed) {
        super(arch);
        this.windowed = windowed;
        if (windowed) {
            regParentRet = 2;
            regParentArg1 = 2;
            regParentArg2 = 3;
            regParentArg3 = 4;
            regParentArg4 = 5;
            regRet = 10;
            regArg1 = 10;
            regArg2 = 11;
            regArg3 = 12;
            regArg4 = 13;
            regTemp0 = 10;
            regTemp1 = 11;
            regTemp2 = 12;
            regLocal1 = 4;
            regLocal2 = 5;
            regLocal3 = 6;
            nlrBufWords = 2 + 17 + 1;
            nlrBufIdxLocal1 = 2 + 4; // a4
        } else {
            regRet = 2;
            regArg1 = 2;
            regArg2 = 3;
            regArg3 = 4;
            regArg4 = 5;
            regTemp0 = 2;
            regTemp1 = 3;
            regTemp2 = 4;
            regLocal1 = 12;
            regLocal2 = 13;
            regLocal3 = 14;
            regParentRet = regRet;
            regParentArg1 = regArg1;
            regParentArg2 = regArg2;
            regParentArg3 = regArg3;
            regParentArg4 = regArg4;
            nlrBufWords = 2 + 10 + 1;
            nlrBufIdxLocal1 = 8; // a12
        }
    }

    @Override
    boolean isThumb() {
        return false;
    }

    @Override
    boolean nlrSetjmp() {
        return windowed;
    }

    @Override
    int numRegsSaved() {
        return windowed ? 1 : 5;
    }

    static boolean signedFit8(long v) {
        return v >= -128 && v <= 127;
    }

    static boolean signedFit12(long v) {
        return v >= -2048 && v <= 2047;
    }

    private void op24() {
        bytes(3);
    }

    @Override
    void onStartPass() {
        curConst = 0;
    }

    /** {@code asm_xtensa_end_pass}: the next pass sizes the literal pool with this pass's count. */
    @Override
    void endPass() {
        numConst = curConst;
    }

    @Override
    void entry(int numLocals) {
        op24(); // j over the literal pool
        bytes(1 + numConst * 4);
        if (windowed) {
            stackAdjust = 32 + (((1 + numLocals) * 4 + 15) & ~15);
            op24(); // entry
            op16(); // s32i.n a0
        } else {
            stackAdjust = ((5 + numLocals) * 4 + 15) & ~15;
            if (signedFit8(-stackAdjust)) {
                op24();
            } else {
                bytes(6);
            }
            bytes(5 * 2);
        }
    }

    @Override
    void exit() {
        if (windowed) {
            bytes(4); // l32i.n a0; retw.n
            return;
        }
        bytes(5 * 2);
        bytes(signedFit8(stackAdjust) ? 3 : 5);
        op16(); // ret.n
    }

    @Override
    void jump(int label) {
        op24(); // j (18-bit range, not checked)
    }

    @Override
    void jumpIfRegZero(int reg, int label) {
        recordBranch(BranchKind.XTENSA_BCCZ, offset, label);
        op24();
    }

    @Override
    void jumpIfRegNonzero(int reg, int label) {
        recordBranch(BranchKind.XTENSA_BCCZ, offset, label);
        op24();
    }

    @Override
    void jumpIfRegEq(int reg1, int reg2, int label) {
        recordBranch(BranchKind.XTENSA_BCC, offset, label);
        op24();
    }

    @Override
    void jumpReg(int reg) {
        op24(); // jx
    }

    private void l32iOptimised(int wordOffset) {
        bytes(wordOffset < 16 ? 2 : 3);
    }

    @Override
    void callInd(int funId) {
        l32iOptimised(funId);
        op24(); // callx0 / callx8
    }

    @Override
    void movLocalReg(int local, int reg) {
        op24(); // s32i
    }

    @Override
    void movRegImm(int reg, long imm) {
        int i32 = (int) imm;
        if (i32 >= -32 && i32 <= 95) {
            op16(); // movi.n
        } else if (signedFit12(i32)) {
            op24(); // movi
        } else {
            op24(); // l32r from the literal pool
            curConst++;
        }
    }

    @Override
    void movRegLocal(int reg, int local) {
        op24(); // l32i
    }

    @Override
    void movRegLocalAddr(int reg, int local) {
        long off = (long) (local + numRegsSaved()) * 4;
        bytes(signedFit8(off) ? 3 : 5);
    }

    /** {@code asm_xtensa_mov_reg_pcrel}: movi, call0 (4-byte aligned target), padding, add.n. */
    @Override
    void movRegPcrel(int reg, int label) {
        op24();
        int pad = (5 - offset) & 3;
        op24();
        bytes(pad);
        op16();
    }

    @Override
    void loadRegRegOffset(int dest, int base, int wordOffset) {
        l32iOptimised(wordOffset);
    }

    @Override
    void load16RegRegOffset(int dest, int base, int halfOffset) {
        op24(); // l16ui
    }

    @Override
    void storeRegRegOffset(int src, int base, int wordOffset) {
        bytes(wordOffset < 16 ? 2 : 3);
    }

    @Override
    void xorRegReg() {
        op24();
    }

    @Override
    void aluRegReg() {
        op24();
    }

    @Override
    void addRegReg() {
        op16(); // add.n
    }

    @Override
    void negReg() {
        op24();
    }

    @Override
    boolean notReg() {
        return false;
    }

    @Override
    void shiftRegReg() {
        bytes(6); // ssl/ssr, then sll/srl/sra
    }

    @Override
    void loadStoreRegReg(int width) {
        bytes(width == 32 ? 2 : 3); // l32i.n / s32i.n, else l8ui, l16ui, s8i, s16i
    }

    @Override
    void compareToBool() {
        bytes(7); // movi.n, bcc +1, movi.n
    }

    @Override
    boolean loadStoreImmediate(int width, long index, boolean store) {
        if (index > 0 && index < 256) {
            bytes(width == 32 && index < 16 ? 2 : 3);
            return true;
        }
        return false;
    }

    @Override
    boolean scaledAdd() {
        op24(); // addx2 / addx4
        return true;
    }
}
