package dev.mprt.lang.emitter.size;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.emitter.Arch;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.scope.ScopeTree;

/**
 * The size of the machine code MicroPython's native emitter generates for one {@code @micropython.native} or
 * {@code @micropython.viper} function, and where each branch that has a range limit jumps: a replay of py/compile.c
 * ({@link NativeCompiler}) through a port of py/emitnative.c ({@link NativeEmitter}) onto the instruction sizes of
 * py/asmthumb.c and py/asmxtensa.c. It follows mpy-cross (persistent code: qstrs and constants through tables),
 * which is what the calibration test compares it with.
 */
public final class NativeCodeSize {

    /** A branch instruction with a limited reach. */
    public enum Instruction {
        /** Thumb {@code b} on ARMv6-M: ±2 KiB; beyond it MicroPython raises "native method too big". */
        THUMB_B("b", -2048, 2047),
        /** Xtensa {@code beqz}/{@code bnez}: ±2 KiB; beyond it mpy-cross prints "ERROR: xtensa bccz out of range". */
        XTENSA_BCCZ("bccz", -2048, 2047),
        /** Xtensa {@code beq} and the other two-register branches: ±128 bytes ("xtensa bcc out of range"). */
        XTENSA_BCC("bcc", -128, 127);

        private final String mnemonic;
        private final int min;
        private final int max;

        Instruction(String mnemonic, int min, int max) {
            this.mnemonic = mnemonic;
            this.min = min;
            this.max = max;
        }

        public String mnemonic() {
            return mnemonic;
        }

        /** Whether a displacement (destination minus the instruction's address minus 4) is encodable. */
        public boolean reaches(long rel) {
            return rel >= min && rel <= max;
        }

        public int min() {
            return min;
        }

        public int max() {
            return max;
        }
    }

    /**
     * One limited branch: {@code rel} is its displacement (destination - address - 4, as asmthumb.c and asmxtensa.c
     * compute it), {@code uncertainty} how many bytes of the code it spans are estimated rather than computed.
     */
    public record Branch(Instruction instruction, EObject owner, int from, int to, long rel, int uncertainty) {
    }

    /**
     * The replay of one function: the size of its machine code (and how many of its bytes are estimated rather
     * than computed), its limited branches, and whether the replay is
     * meaningful ({@code reliable} is false when MicroPython would stop earlier: a ViperTypeError, an assertion,
     * a compile error).
     */
    public record Result(int codeSize, int uncertainty, List<Branch> branches, boolean reliable) {
    }

    /**
     * The model's largest relative error on the calibration set (NativeCodeSizeCalibrationTest), rounded up: a
     * branch whose span is within this fraction of its limit is reported as near the limit, not as out of range.
     */
    public static final double RELATIVE_MARGIN = 0.005;

    private NativeCodeSize() {
    }

    /** What the replays of one module's functions share (its qstr and constant tables); build it once per file. */
    public static final class Module {
        private final ModuleTables.Module tables;

        private Module(ModuleTables.Module tables) {
            this.tables = tables;
        }

        public static Module of(PyFile root, ScopeTree tree, ConstTable consts) {
            return new Module(ModuleTables.Module.of(root, tree, consts));
        }
    }

    /** Replays {@code f} (a native function, or a viper one when {@code viper}) for {@code arch}. */
    public static Result analyze(FunctionDef f, boolean viper, Arch arch, ScopeTree tree, ConstTable consts) {
        if (f == null) {
            return new Result(0, 0, List.of(), false);
        }
        PyFile root = (PyFile) org.eclipse.emf.ecore.util.EcoreUtil.getRootContainer(f);
        return analyze(f, viper, arch, tree, consts, Module.of(root, tree, consts));
    }

    public static Result analyze(FunctionDef f, boolean viper, Arch arch, ScopeTree tree, ConstTable consts,
            Module module) {
        NativeAsm as = NativeAsm.forArch(arch);
        if (as == null || f == null || f.getBody() == null) {
            return new Result(0, 0, List.of(), false);
        }
        NativeCompiler c = new NativeCompiler(f, viper, tree, consts, as, ModuleTables.build(f, module.tables));
        try {
            c.run();
        } catch (RuntimeException e) {
            return new Result(0, 0, List.of(), false);
        }
        List<Branch> out = new ArrayList<>();
        for (NativeAsm.Branch b : as.branches) {
            Instruction ins = switch (b.kind()) {
                case THUMB_B -> Instruction.THUMB_B;
                case XTENSA_BCCZ -> Instruction.XTENSA_BCCZ;
                case XTENSA_BCC -> Instruction.XTENSA_BCC;
            };
            out.add(new Branch(ins, b.owner(), b.from(), b.to(), (long) b.to() - b.from() - 4,
                    Math.abs(b.fuzzTo() - b.fuzzFrom())));
        }
        return new Result(c.codeSize(), as.fuzz, out, !c.broken && !c.e.typeError);
    }
}
