package dev.mprt.lang.emitter.size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.emitter.Arch;

/**
 * The {@code ASM_*} API of py/asmthumb.h and py/asmxtensa.h as the native emitter uses it, counting bytes instead
 * of writing them ({@code mp_asm_base_t}): the code offset, labels, dead-code suppression after an unconditional
 * jump, and every branch with where it goes. Each architecture gives the exact size of each instruction sequence;
 * a pass replays the whole function, as MicroPython's compute and emit passes do.
 */
abstract class NativeAsm {

    /** One branch of the final pass: the instruction at {@code from} jumps to {@code to}. */
    record Branch(BranchKind kind, int from, int to, EObject owner, int fuzzFrom, int fuzzTo) {
    }

    enum BranchKind {
        /** Thumb {@code b} (asm_thumb_b_label; on ARMv6-M also the long half of a conditional branch). */
        THUMB_B,
        /** Xtensa {@code beqz}/{@code bnez} (asm_xtensa_bccz_reg_label). */
        XTENSA_BCCZ,
        /** Xtensa {@code beq} etc. with two registers (asm_xtensa_bcc_reg_reg_label). */
        XTENSA_BCC
    }

    /** Word offset of the return-value slot in nlr_buf_t ({@code NLR_BUF_IDX_RET_VAL}). */
    static final int NLR_BUF_IDX_RET_VAL = 1;

    final Arch arch;
    int regRet;
    int regArg1;
    int regArg2;
    int regArg3;
    int regArg4;
    int regTemp0;
    int regTemp1;
    int regTemp2;
    int regLocal1;
    int regLocal2;
    int regLocal3;
    int regParentRet;
    int regParentArg1;
    int regParentArg2;
    int regParentArg3;
    int regParentArg4;
    /** {@code SIZEOF_NLR_BUF} in words for mpy-cross's dynamic compiler: 2 + registers + 1. */
    int nlrBufWords;
    /** {@code NLR_BUF_IDX_LOCAL_1}: the nlr_buf_t word that holds REG_LOCAL_1 (the exception handler's PC). */
    int nlrBufIdxLocal1;

    int pass;
    int offset;
    boolean suppress;
    /** Label offsets of this pass (compute passes) or of the previous one (emit pass). */
    private Map<Integer, Integer> labels = new HashMap<>();
    private Map<Integer, Integer> previous = new HashMap<>();
    private final Map<Integer, Integer> labelFuzz = new HashMap<>();
    final List<Branch> branches = new ArrayList<>();
    /** The statement or expression the next branches belong to. */
    EObject owner;
    /** Accumulated uncertainty (bytes) of the code emitted so far: estimated constructs add to it. */
    int fuzz;

    NativeAsm(Arch arch) {
        this.arch = arch;
    }

    static NativeAsm forArch(Arch arch) {
        return switch (arch) {
            case ARMV6M, ARMV7M, ARMV7EM, ARMV7EMSP, ARMV7EMDP -> new ThumbNativeAsm(arch);
            case XTENSA -> new XtensaNativeAsm(arch, false);
            case XTENSAWIN -> new XtensaNativeAsm(arch, true);
            default -> null;
        };
    }

    static final int PASS_SCOPE = 0;
    static final int PASS_STACK_SIZE = 1;
    static final int PASS_CODE_SIZE = 2;
    static final int PASS_EMIT = 3;

    /** {@code mp_asm_base_start_pass}: compute passes forget the labels (backward jumps are detected by that). */
    void startPass(int pass) {
        this.pass = pass;
        if (pass < PASS_EMIT) {
            previous = labels;
            labels = new HashMap<>();
        } else {
            previous = labels;
        }
        offset = 0;
        suppress = false;
        fuzz = 0;
        branches.clear();
        labelFuzz.clear();
        onStartPass();
    }

    void onStartPass() {
    }

    void endPass() {
    }

    boolean emitPass() {
        return pass == PASS_EMIT;
    }

    /** {@code mp_asm_base_get_cur_to_write_bytes}: advances unless the code is dead. */
    void bytes(int n) {
        if (!suppress) {
            offset += n;
        }
    }

    void op16() {
        bytes(2);
    }

    /** {@code mp_asm_base_label_assign}. */
    void label(int label) {
        suppress = false;
        if (pass < PASS_EMIT) {
            labels.put(label, offset);
        }
        labelFuzz.put(label, fuzz);
    }

    /** {@code get_label_dest}: -1 when the label is not known yet (a forward label in a compute pass). */
    int dest(int label) {
        Integer d = pass < PASS_EMIT ? labels.get(label) : previous.get(label);
        return d == null ? -1 : d;
    }

    void suppressCode() {
        suppress = true;
    }

    /** {@code mp_asm_base_data}: raw bytes (the native prelude index word). */
    void data(int n) {
        bytes(n);
    }

    /** Adds uncertainty for code whose size is estimated, not computed. */
    void estimate(int bytes, int uncertainty) {
        bytes(bytes);
        if (!suppress) {
            fuzz += uncertainty;
        }
    }

    void recordBranch(BranchKind kind, int from, int label) {
        if (pass == PASS_EMIT) {
            Integer to = previous.get(label);
            if (to != null) {
                branches.add(new Branch(kind, from, to, owner, fuzz, labelFuzz.getOrDefault(label, fuzz)));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the ASM API

    abstract boolean isThumb();

    /** {@code N_NLR_SETJMP}: the emitter calls setjmp after nlr_push (xtensawin). */
    boolean nlrSetjmp() {
        return false;
    }

    /** Registers saved by the entry code before the locals ({@code ASM_NUM_REGS_SAVED}); 0 on Thumb. */
    abstract int numRegsSaved();

    abstract void entry(int numLocals);

    abstract void exit();

    abstract void jump(int label);

    abstract void jumpIfRegZero(int reg, int label);

    abstract void jumpIfRegNonzero(int reg, int label);

    abstract void jumpIfRegEq(int reg1, int reg2, int label);

    abstract void jumpReg(int reg);

    abstract void callInd(int funId);

    abstract void movLocalReg(int local, int reg);

    abstract void movRegImm(int reg, long imm);

    abstract void movRegLocal(int reg, int local);

    void movRegReg(int dest, int src) {
        op16();
    }

    abstract void movRegLocalAddr(int reg, int local);

    abstract void movRegPcrel(int reg, int label);

    abstract void loadRegRegOffset(int dest, int base, int wordOffset);

    abstract void load16RegRegOffset(int dest, int base, int halfOffset);

    abstract void storeRegRegOffset(int src, int base, int wordOffset);

    /** XOR, also {@code ASM_CLR_REG}. */
    abstract void xorRegReg();

    /** OR, AND, SUB, MUL: one three-operand or two-operand ALU instruction. */
    abstract void aluRegReg();

    /** ADD ({@code add.n} on Xtensa). */
    abstract void addRegReg();

    abstract void negReg();

    /** {@code ASM_NOT_REG}, or false when the architecture has none (the emitter uses mov -1 and xor). */
    abstract boolean notReg();

    /** LSL, LSR, ASR by a register. */
    abstract void shiftRegReg();

    /** {@code ASM_LOAD8/16/32_REG_REG} and the stores: one load or store of {@code width} bits, offset zero. */
    abstract void loadStoreRegReg(int width);

    /** The comparison of two viper ints into a bool ({@code emit_native_binary_op}). */
    abstract void compareToBool();

    /** A load or store through a pointer with a small immediate index, when the architecture has one. */
    abstract boolean loadStoreImmediate(int width, long index, boolean store);

    /** Xtensa {@code addx2}/{@code addx4} (scaled index); Thumb has none. */
    abstract boolean scaledAdd();
}
