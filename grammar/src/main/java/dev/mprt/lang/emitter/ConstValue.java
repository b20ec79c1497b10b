package dev.mprt.lang.emitter;

import java.math.BigInteger;
import java.util.List;

/**
 * A value MicroPython's parser holds as a constant parse node ({@code mp_parse_node_is_const}): a small int, an
 * interned string, {@code None}/{@code True}/{@code False}/{@code ...}, the empty tuple, or a constant object (big
 * int, float, complex, bytes, long str, tuple of constants).
 */
public final class ConstValue {

    public enum Kind {
        INT, STR, BYTES, FLOAT, COMPLEX, NONE, TRUE, FALSE, ELLIPSIS, TUPLE
    }

    public static final ConstValue NONE = new ConstValue(Kind.NONE, null, false, null);
    public static final ConstValue TRUE = new ConstValue(Kind.TRUE, null, true, null);
    public static final ConstValue FALSE = new ConstValue(Kind.FALSE, null, false, null);
    public static final ConstValue ELLIPSIS = new ConstValue(Kind.ELLIPSIS, null, true, null);
    public static final ConstValue EMPTY_TUPLE = new ConstValue(Kind.TUPLE, null, false, List.of());

    private final Kind kind;
    /** The value of an INT; null for an INT too large to compute (then it is certainly not a small int). */
    private final BigInteger integer;
    private final boolean truthy;
    private final List<ConstValue> items;
    /** Held in a constant-object parse node (a const() substitution that is not a small int). */
    private final boolean object;

    private ConstValue(Kind kind, BigInteger integer, boolean truthy, List<ConstValue> items) {
        this(kind, integer, truthy, items, false);
    }

    private ConstValue(Kind kind, BigInteger integer, boolean truthy, List<ConstValue> items, boolean object) {
        this.kind = kind;
        this.integer = integer;
        this.truthy = truthy;
        this.items = items;
        this.object = object;
    }

    /**
     * The value as a const() substitution puts it in the tree: {@code make_node_const_object_optimised} makes
     * a leaf only of a small int; None, True, False, strings and everything else become constant objects.
     */
    public ConstValue asObject() {
        return object ? this : new ConstValue(kind, integer, truthy, items, true);
    }

    /** Whether the parser holds this constant as a constant object rather than a token leaf. */
    public boolean isObject() {
        return object;
    }

    public static ConstValue ofInt(BigInteger value) {
        return new ConstValue(Kind.INT, value, value.signum() != 0, null);
    }

    /** An integer whose value was too large to compute (a huge power or shift); it is non-zero. */
    public static ConstValue hugeInt() {
        return new ConstValue(Kind.INT, null, true, null);
    }

    public static ConstValue ofString(boolean bytes, boolean nonEmpty) {
        return new ConstValue(bytes ? Kind.BYTES : Kind.STR, null, nonEmpty, null);
    }

    public static ConstValue ofFloat(boolean complex, boolean nonZero) {
        return new ConstValue(complex ? Kind.COMPLEX : Kind.FLOAT, null, nonZero, null);
    }

    public static ConstValue ofTuple(List<ConstValue> items) {
        return new ConstValue(Kind.TUPLE, null, !items.isEmpty(), List.copyOf(items));
    }

    public Kind kind() {
        return kind;
    }

    public boolean isInt() {
        return kind == Kind.INT;
    }

    /** The integer value, or null if this is not an int or too large to have been computed. */
    public BigInteger integer() {
        return integer;
    }

    /** {@code mp_obj_is_true} of the value. */
    public boolean truthy() {
        return truthy;
    }

    public List<ConstValue> items() {
        return items;
    }

    /** Whether this is an int that fits a small int of {@code bits} bits (a parse-node leaf, viper's immediate). */
    public boolean isSmallInt(int bits) {
        return kind == Kind.INT && integer != null && integer.bitLength() < bits;
    }

    @Override
    public String toString() {
        return kind == Kind.INT ? String.valueOf(integer) : kind.name();
    }
}
