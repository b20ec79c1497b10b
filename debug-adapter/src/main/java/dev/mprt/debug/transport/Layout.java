package dev.mprt.debug.transport;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message body layout of the protocol: {@code name:type, name:type, ...}, with the types {@code u8}, {@code u16},
 * {@code u32}, {@code i32} (little-endian), {@code str} (a length byte and UTF-8), {@code bytes} (a 16-bit length and
 * bytes), {@code value} (a tagged value, see {@link Value}) and {@code list(...)} (a count byte and that many items of
 * the inner layout). Encodes positional values and decodes into ordered maps.
 */
public final class Layout {

    /** One field: its name, its type, and for a list the layout of an item. */
    public record Field(String name, String type, Layout items) {
    }

    private final List<Field> fields;
    private final String text;

    private Layout(List<Field> fields, String text) {
        this.fields = List.copyOf(fields);
        this.text = text;
    }

    public List<Field> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Parses a layout string; the empty string is the empty layout. */
    public static Layout parse(String text) {
        List<Field> fields = new ArrayList<>();
        for (String part : splitTopLevel(text)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("field without a type: '" + part + "' in '" + text + "'");
            }
            String name = part.substring(0, colon).strip();
            String type = part.substring(colon + 1).strip();
            if (type.startsWith("list(") && type.endsWith(")")) {
                fields.add(new Field(name, "list", parse(type.substring(5, type.length() - 1))));
            } else if (List.of("u8", "u16", "u32", "i32", "str", "bytes", "value").contains(type)) {
                fields.add(new Field(name, type, null));
            } else {
                throw new IllegalArgumentException("unknown type '" + type + "' in '" + text + "'");
            }
        }
        return new Layout(fields, text.strip());
    }

    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    // ---- encoding -----------------------------------------------------------------------------------------------

    /**
     * Encodes values in field order. Integers are {@link Number}s, strings {@link String}s, bytes {@code byte[]},
     * lists {@code List<Object[]>} (one array of values per item).
     */
    public byte[] encode(Object... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(out, values);
        return out.toByteArray();
    }

    void encode(ByteArrayOutputStream out, Object... values) {
        if (values.length != fields.size()) {
            throw new IllegalArgumentException("layout '" + text + "' takes " + fields.size() + " values, not "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            Field f = fields.get(i);
            Object v = values[i];
            switch (f.type()) {
                case "u8" -> putInt(out, ((Number) v).longValue(), 1);
                case "u16" -> putInt(out, ((Number) v).longValue(), 2);
                case "u32", "i32" -> putInt(out, ((Number) v).longValue(), 4);
                case "str" -> {
                    byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
                    if (b.length > 255) {
                        throw new IllegalArgumentException(f.name() + ": string longer than 255 bytes");
                    }
                    out.write(b.length);
                    out.writeBytes(b);
                }
                case "bytes" -> {
                    byte[] b = (byte[]) v;
                    putInt(out, b.length, 2);
                    out.writeBytes(b);
                }
                case "list" -> {
                    @SuppressWarnings("unchecked")
                    List<Object[]> items = (List<Object[]>) v;
                    out.write(items.size());
                    for (Object[] item : items) {
                        f.items().encode(out, item);
                    }
                }
                default -> throw new IllegalArgumentException("cannot encode a " + f.type() + " from the host");
            }
        }
    }

    private static void putInt(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >> (8 * i)) & 0xff);
        }
    }

    // ---- decoding -----------------------------------------------------------------------------------------------

    /** A cursor over a byte array. */
    static final class Reader {
        final byte[] data;
        int pos;
        final int end;

        Reader(byte[] data, int pos, int end) {
            this.data = data;
            this.pos = pos;
            this.end = end;
        }

        int u8() {
            if (pos >= end) {
                throw new ProtocolException("message too short");
            }
            return data[pos++] & 0xff;
        }

        int u16() {
            return u8() | u8() << 8;
        }

        long u32() {
            return (u16() | (long) u16() << 16) & 0xffffffffL;
        }

        String str() {
            int n = u8();
            if (pos + n > end) {
                throw new ProtocolException("string beyond the end of the message");
            }
            String s = new String(data, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        byte[] bytes() {
            int n = u16();
            if (pos + n > end) {
                throw new ProtocolException("bytes beyond the end of the message");
            }
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }
    }

    /** Decodes a body; fails if bytes are missing or left over. */
    public Map<String, Object> decode(byte[] data, int offset, int end) {
        Reader r = new Reader(data, offset, end);
        Map<String, Object> m = decode(r);
        if (r.pos != end) {
            throw new ProtocolException((end - r.pos) + " bytes left over after '" + text + "'");
        }
        return m;
    }

    Map<String, Object> decode(Reader r) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : fields) {
            Object v = switch (f.type()) {
                case "u8" -> r.u8();
                case "u16" -> r.u16();
                case "u32" -> r.u32();
                case "i32" -> (int) r.u32();
                case "str" -> r.str();
                case "bytes" -> r.bytes();
                case "value" -> Value.decode(r);
                case "list" -> {
                    int n = r.u8();
                    List<Map<String, Object>> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(f.items().decode(r));
                    }
                    yield items;
                }
                default -> throw new IllegalStateException(f.type());
            };
            m.put(f.name(), v);
        }
        return m;
    }
}
