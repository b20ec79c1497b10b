package dev.mprt.debug.transport;

import java.util.Map;

/**
 * A value as the device reports it: a tag (see {@link Protocol#VALUES}) and the tag's fields. {@code OBJECT} values
 * carry a reference for {@code INSPECT}, valid until the program continues.
 */
public record Value(String kind, Map<String, Object> fields) {

    static Value decode(Layout.Reader r) {
        int tag = r.u8();
        Protocol.Spec spec = Protocol.value(tag);
        if (spec == null) {
            throw new ProtocolException("unknown value tag " + tag);
        }
        return new Value(spec.name(), Layout.parse(spec.layout()).decode(r));
    }

    /** The integer of an INT value. */
    public int asInt() {
        if (!kind.equals("INT")) {
            throw new IllegalStateException("not an INT: " + this);
        }
        return (Integer) fields.get("value");
    }

    /** The object reference of an OBJECT value (0 if it has none). */
    public long ref() {
        return kind.equals("OBJECT") ? (Long) fields.get("ref") : 0;
    }

    /** A short Python-like rendering: 42, 'text', None, True, <Timer>, or the device's repr. */
    public String display() {
        return switch (kind) {
            case "UNBOUND" -> "<unbound>";
            case "NONE" -> "None";
            case "FALSE" -> "False";
            case "TRUE" -> "True";
            case "INT" -> Integer.toString(asInt());
            case "STR" -> "'" + fields.get("text") + "'";
            case "OBJECT" -> (String) fields.get("repr");
            case "TYPED" -> "<" + fields.get("type") + ">";
            case "FLOAT" -> Float.toString(Float.intBitsToFloat((int) (long) (Long) fields.get("bits")));
            default -> kind;
        };
    }

    @Override
    public String toString() {
        return display();
    }
}
