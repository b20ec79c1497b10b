package dev.mprt.lang.analysis;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mprt.lang.emitter.Arch;

/** The boards mprt knows and the facts about them the analysis needs. */
public final class Boards {

    public static final List<String> IDS = List.of("qemu-mps2-an385", "unix", "pyboard", "rp2-pico", "esp32",
            "esp8266", "qemu-virt-rv32");

    /**
     * What a board's firmware compiles native code for, and which inline assembler (with which instruction subset)
     * its compiler accepts, expressed as the {@code mpy-cross -march} that behaves the same; null when the port has
     * no inline assembler.
     */
    private record Target(Arch arch, Arch inlineAsm) {
    }

    private static final Map<String, Target> TARGETS = Map.of(
            // Cortex-M3 without an FPU (ports/qemu, MPY_CROSS_FLAGS -march=armv7m): Thumb-2, no FPU instructions
            "qemu-mps2-an385", new Target(Arch.ARMV7M, Arch.ARMV7M),
            // the x86-64 unix port: native and viper, no inline assembler
            "unix", new Target(Arch.X64, null),
            // STM32F405 (Cortex-M4F): mpy-cross -march=armv7m for native code, asm_thumb with the FPU instructions
            "pyboard", new Target(Arch.ARMV7M, Arch.ARMV7EMSP),
            // RP2040 (Cortex-M0+): MICROPY_EMIT_THUMB_ARMV7M and MICROPY_EMIT_INLINE_THUMB_FLOAT are 0
            "rp2-pico", new Target(Arch.ARMV6M, Arch.ARMV6M),
            // ESP32 (Xtensa LX6, windowed ABI): no inline assembler (ports/esp32/mpconfigport.h)
            "esp32", new Target(Arch.XTENSAWIN, null),
            // ESP8266 (Xtensa LX106): asm_xtensa (ports/esp8266/boards/ESP8266_GENERIC/mpconfigboard.h)
            "esp8266", new Target(Arch.XTENSA, Arch.XTENSA),
            // ports/qemu/boards/VIRT_RV32: RV32IMC native code and asm_rv32
            "qemu-virt-rv32", new Target(Arch.RV32IMC, Arch.RV32IMC));

    private Boards() {
    }

    public static boolean isKnown(String board) {
        return IDS.contains(board);
    }

    /**
     * Modules whose integer attributes the board's parser folds into constants ({@code MICROPY_COMP_MODULE_CONST}:
     * {@code errno}, {@code uctypes} and the port's own constants, {@code stm} on stm32). mpy-cross folds none.
     */
    public static Set<String> foldedModules(String board) {
        return "pyboard".equals(board) ? Set.of("errno", "uctypes", "stm") : Set.of("errno", "uctypes");
    }

    /** Bits of a small int: 63 on the 64-bit unix port, 31 on the 32-bit microcontroller ports and mpy-cross. */
    public static int smallIntBits(String board) {
        return "unix".equals(board) ? 63 : 31;
    }

    private static Target target(String board) {
        Target t = board == null ? null : TARGETS.get(board);
        return t != null ? t : TARGETS.get(AnalysisOptions.DEFAULT_BOARD);
    }

    /** The architecture the board's native and viper code is compiled for (unknown boards: the default board's). */
    public static Arch arch(String board) {
        return target(board).arch();
    }

    /**
     * The architecture whose inline assembler the board's compiler has, or null when the port has none (then every
     * {@code micropython.asm_*} decorator is "invalid micropython decorator").
     */
    public static Arch inlineAsmArch(String board) {
        return target(board).inlineAsm();
    }
}
