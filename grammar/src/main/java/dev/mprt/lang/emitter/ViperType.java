package dev.mprt.lang.emitter;

/**
 * The viper emitter's value types ({@code vtype_kind_t}, py/emitnative.c): the seven native types, the internal
 * type of the literal {@code None}, an unassigned local, and the cast operators.
 */
public enum ViperType {
    OBJECT("object"), BOOL("bool"), INT("int"), UINT("uint"), PTR("ptr"), PTR8("ptr8"), PTR16("ptr16"), PTR32("ptr32"),
    /** {@code VTYPE_PTR_NONE}: the literal None. */
    NONE("None"),
    /** {@code VTYPE_UNBOUND}: a local before its first store in code order. */
    UNBOUND("None"),
    /** {@code VTYPE_BUILTIN_CAST}: one of the names bool, int, uint, ptr, ptr8, ptr16, ptr32 used as a value. */
    CAST("None");

    private final String qstr;

    ViperType(String qstr) {
        this.qstr = qstr;
    }

    /** The name MicroPython prints in messages ({@code vtype_to_qstr}). */
    public String qstr() {
        return qstr;
    }

    /** Whether values of this type are machine words rather than Python objects. */
    public boolean isNative() {
        return this != OBJECT;
    }

    public boolean isIntegral() {
        return this == INT || this == UINT;
    }

    public boolean isPointer() {
        return this == PTR || this == PTR8 || this == PTR16 || this == PTR32;
    }

    /** {@code mp_native_type_from_qstr}: an annotation name's type, or null if it names no viper type. */
    public static ViperType fromName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name) {
            case "object" -> OBJECT;
            case "bool" -> BOOL;
            case "int" -> INT;
            case "uint" -> UINT;
            case "ptr" -> PTR;
            case "ptr8" -> PTR8;
            case "ptr16" -> PTR16;
            case "ptr32" -> PTR32;
            default -> null;
        };
    }

    /** The cast operator a global name stands for inside viper code, or null ({@code object} is not a cast). */
    public static ViperType castOf(String name) {
        ViperType t = fromName(name);
        return t == null || t == OBJECT ? null : t;
    }
}
