package dev.mprt.lang.emitter;

/**
 * MicroPython's native architectures ({@code MP_NATIVE_ARCH_*}, {@code mpy-cross -march=}) and what each one gives
 * the native emitter and the inline assemblers.
 */
public enum Arch {
    X86("x86", 32, InlineAsm.NONE, false, false),
    X64("x64", 64, InlineAsm.NONE, false, false),
    ARMV6("armv6", 32, InlineAsm.THUMB, false, false),
    ARMV6M("armv6m", 32, InlineAsm.THUMB, false, false),
    ARMV7M("armv7m", 32, InlineAsm.THUMB, true, false),
    ARMV7EM("armv7em", 32, InlineAsm.THUMB, true, false),
    ARMV7EMSP("armv7emsp", 32, InlineAsm.THUMB, true, true),
    ARMV7EMDP("armv7emdp", 32, InlineAsm.THUMB, true, true),
    XTENSA("xtensa", 32, InlineAsm.XTENSA, false, false),
    XTENSAWIN("xtensawin", 32, InlineAsm.NONE, false, false),
    RV32IMC("rv32imc", 32, InlineAsm.RV32, false, false);

    /** The inline assembler an architecture has ({@code emit_asm_table} in py/compile.c). */
    public enum InlineAsm {
        NONE(null), THUMB("asm_thumb"), XTENSA("asm_xtensa"), RV32("asm_rv32");

        private final String decorator;

        InlineAsm(String decorator) {
            this.decorator = decorator;
        }

        /** The {@code micropython.*} decorator name, or null. */
        public String decorator() {
            return decorator;
        }
    }

    private final String mpyCrossName;
    private final int wordBits;
    private final InlineAsm inlineAsm;
    private final boolean armv7m;
    private final boolean thumbFloat;

    Arch(String mpyCrossName, int wordBits, InlineAsm inlineAsm, boolean armv7m, boolean thumbFloat) {
        this.mpyCrossName = mpyCrossName;
        this.wordBits = wordBits;
        this.inlineAsm = inlineAsm;
        this.armv7m = armv7m;
        this.thumbFloat = thumbFloat;
    }

    /** The {@code -march=} value. */
    public String mpyCrossName() {
        return mpyCrossName;
    }

    /** Width of viper's int/uint/pointers. */
    public int wordBits() {
        return wordBits;
    }

    public InlineAsm inlineAsm() {
        return inlineAsm;
    }

    /** Thumb-2 (ARMv7-M) instructions in the native emitter and {@code asm_thumb}. */
    public boolean armv7m() {
        return armv7m;
    }

    /** {@code asm_thumb} accepts the single-precision FPU instructions. */
    public boolean thumbFloat() {
        return thumbFloat;
    }

    public boolean isThumb() {
        return inlineAsm == InlineAsm.THUMB;
    }

    public boolean isXtensa() {
        return this == XTENSA || this == XTENSAWIN;
    }

    public static Arch fromMpyCrossName(String name) {
        for (Arch a : values()) {
            if (a.mpyCrossName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
