package dev.mprt.lang.emitter.size;

import java.util.HashMap;
import java.util.Map;

import dev.mprt.lang.emitter.ViperType;

/**
 * What the native emitter reads from its {@code scope_t}: the signature, local numbering, viper types and the flags
 * the compile passes accumulate (generator, references to globals, constants, exception-stack depth, value-stack
 * size). The replay's first pass fills the flags; the later passes read them, as MicroPython's passes do.
 */
final class NativeScope {

    boolean viper;
    int numPosArgs;
    int numKwonlyArgs;
    boolean varargs;
    boolean varkw;
    int numLocals;
    /** Local slot of each parameter, local and cell ({@code id_info_t.local_num}). */
    final Map<String, Integer> localNum = new HashMap<>();
    /** Viper types of the parameters by local number (object when unannotated). */
    ViperType[] paramTypes = new ViperType[0];
    ViperType returnType = ViperType.OBJECT;
    int[] cellLocals = new int[0];

    boolean generator;
    boolean refGlobals;
    boolean hasConsts;
    int excStackSize;
    int stackSize;
    /** Number of children (nested functions) made so far in this pass. */
    int children;

    /** Index of each qstr in the module's qstr table (approximate: see {@link ModuleTables}). */
    ModuleTables tables;

    int numArgs() {
        return numPosArgs + numKwonlyArgs + (varargs ? 1 : 0) + (varkw ? 1 : 0);
    }

    boolean needGlobalExcHandler() {
        return excStackSize > 0 || generator || refGlobals;
    }

    boolean needFunObj() {
        return excStackSize > 0 || refGlobals || hasConsts;
    }

    boolean canUseRegsForLocals() {
        return excStackSize == 0 && !generator;
    }
}
