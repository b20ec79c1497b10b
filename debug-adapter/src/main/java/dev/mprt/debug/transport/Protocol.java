package dev.mprt.debug.transport;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The constants and message table of mprt's debug-monitor wire protocol, version {@value #VERSION}.
 *
 * <p>{@code docs/protocol.md} is the specification. This class and the firmware's
 * {@code vm-firmware/modules/mprt_debug/mprt_debug_proto.h} say the same thing, and
 * {@code ProtocolDocumentTest} fails when any of the three disagree. Message bodies are encoded by {@link Layout}
 * from the layout strings below, so the table is the Java codec.
 */
public final class Protocol {

    public static final int VERSION = 1;
    public static final int SYNC = 0x1e;
    public static final int MAGIC = 0xb7;
    public static final int MAX_PAYLOAD = 240;
    public static final int HEADER_SIZE = 5;
    public static final int CRC_SIZE = 4;
    /** A frame whose bytes stop coming for longer than this is dropped by the device. */
    public static final int GAP_MS = 100;
    public static final int HIST_BUCKETS = 8;
    public static final int HIST_BASE_US = 2;

    /** A request: its code, name, and the layouts of its body and of the body of its OK reply. */
    public record MessageSpec(int code, String name, String request, String reply) {
        public Layout requestLayout() {
            return Layout.parse(request);
        }

        public Layout replyLayout() {
            return Layout.parse(reply);
        }
    }

    /** A reply, event or value tag: its code, name and layout. */
    public record Spec(int code, String name, String layout) {
    }

    /** A named constant (error code, stop reason, flag, capability). */
    public record Constant(int value, String name) {
    }

    public static final List<MessageSpec> MESSAGES = List.of(
            new MessageSpec(0x01, "HELLO", "version:u8", "version:u8, caps:u32, maxPayload:u16, tickHz:u32, board:str"),
            new MessageSpec(0x02, "DETACH", "", ""),
            new MessageSpec(0x03, "ADD_BREAKPOINT", "file:str, line:u16, hits:u16, flags:u8, names:str, condition:str", "id:u8"),
            new MessageSpec(0x04, "CLEAR_BREAKPOINTS", "file:str", "removed:u8"),
            new MessageSpec(0x05, "FUNCTION_BREAKPOINTS", "names:list(name:str)", "count:u8"),
            new MessageSpec(0x06, "EXCEPTION_FILTERS", "flags:u8", ""),
            new MessageSpec(0x07, "CONTINUE", "", ""),
            new MessageSpec(0x08, "PAUSE", "", ""),
            new MessageSpec(0x09, "STEP", "kind:u8", ""),
            new MessageSpec(0x0a, "STACK", "start:u8, count:u8", "total:u8, frames:list(file:str, function:str, line:u16)"),
            new MessageSpec(0x0b, "LOCALS", "frame:u8, start:u8, count:u8", "total:u8, nPos:u8, nKwonly:u8, slots:list(slot:u8, value:value)"),
            new MessageSpec(0x0c, "GLOBALS", "frame:u8, start:u16, count:u8", "total:u16, vars:list(name:str, value:value)"),
            new MessageSpec(0x0d, "EVALUATE", "frame:u8, names:str, expr:str", "value:value"),
            new MessageSpec(0x0e, "SET_LOCAL", "frame:u8, slot:u8, names:str, expr:str", "value:value"),
            new MessageSpec(0x0f, "SET_GLOBAL", "frame:u8, name:str, names:str, expr:str", "value:value"),
            new MessageSpec(0x10, "INSPECT", "ref:u32, start:u16, count:u8", "total:u16, items:list(key:value, value:value)"),
            new MessageSpec(0x11, "UPLOAD_BEGIN", "name:str, size:u32, crc:u32", "present:u8"),
            new MessageSpec(0x12, "UPLOAD_DATA", "offset:u32, data:bytes", "received:u32"),
            new MessageSpec(0x13, "UPLOAD_END", "", "crc:u32"),
            new MessageSpec(0x14, "RUN_FILE", "name:str", ""),
            new MessageSpec(0x15, "SOFT_RESET", "", ""),
            new MessageSpec(0x16, "MEMORY", "", "total:u32, used:u32, free:u32, maxFree:u32, gcCount:u32, gcTotalUs:u32, gcMaxUs:u32, stackUsed:u32, stackLimit:u32"),
            new MessageSpec(0x17, "STATS", "start:u8, count:u8", "total:u8, tpHits:u32, tpLost:u32, handlers:list(name:str, count:u32, minNs:u32, avgNs:u32, maxNs:u32, hist:list(n:u32))"),
            new MessageSpec(0x18, "INTERRUPT", "", ""),
            new MessageSpec(0x19, "RESET_STATS", "", ""));

    public static final List<Spec> REPLIES = List.of(
            new Spec(0x80, "OK", "(the reply layout of the request)"),
            new Spec(0x81, "ERROR", "code:u8, message:str"));

    public static final List<Spec> EVENTS = List.of(
            new Spec(0xc0, "STOPPED", "reason:u8, bp:u8, file:str, function:str, line:u16, text:str, callbackFrames:u8"),
            new Spec(0xc1, "TRACEPOINT", "bp:u8, hard:u8, timeUs:u32, function:str, line:u16, lost:u32, locals:list(slot:u8, value:value)"),
            new Spec(0xc2, "FINISHED", "ok:u8, text:str"));

    public static final List<Spec> VALUES = List.of(
            new Spec(0, "UNBOUND", ""),
            new Spec(1, "NONE", ""),
            new Spec(2, "FALSE", ""),
            new Spec(3, "TRUE", ""),
            new Spec(4, "INT", "value:i32"),
            new Spec(5, "STR", "text:str"),
            new Spec(6, "OBJECT", "ref:u32, type:str, repr:str, count:u16"),
            new Spec(7, "TYPED", "type:str"),
            new Spec(8, "FLOAT", "bits:u32"));

    public static final List<Constant> ERRORS = List.of(
            new Constant(1, "UNKNOWN_REQUEST"), new Constant(2, "BAD_ARGUMENT"), new Constant(3, "NOT_STOPPED"),
            new Constant(4, "NOT_IDLE"), new Constant(5, "NO_MEMORY"), new Constant(6, "EXCEPTION"),
            new Constant(7, "BUSY"), new Constant(8, "FULL"), new Constant(9, "CRC_MISMATCH"),
            new Constant(10, "NOT_FOUND"), new Constant(11, "IDLE"));

    public static final List<Constant> STOP_REASONS = List.of(
            new Constant(1, "BREAKPOINT"), new Constant(2, "STEP"), new Constant(3, "PAUSE"),
            new Constant(4, "EXCEPTION"), new Constant(5, "FUNCTION"));

    public static final List<Constant> STEP_KINDS = List.of(
            new Constant(0, "IN"), new Constant(1, "OVER"), new Constant(2, "OUT"));

    public static final List<Constant> BREAKPOINT_FLAGS = List.of(
            new Constant(0x01, "LOG"), new Constant(0x02, "HIT_EQUAL"));

    public static final List<Constant> EXCEPTION_FLAGS = List.of(
            new Constant(0x01, "UNCAUGHT"), new Constant(0x02, "RAISED"));

    public static final List<Constant> CAPABILITIES = List.of(
            new Constant(0x0001, "LINE_BREAKPOINTS"), new Constant(0x0002, "CONDITIONS"),
            new Constant(0x0004, "HIT_COUNTS"), new Constant(0x0008, "FUNCTION_BREAKPOINTS"),
            new Constant(0x0010, "STEP"), new Constant(0x0020, "PAUSE"), new Constant(0x0040, "EXCEPTIONS"),
            new Constant(0x0080, "EVALUATE"), new Constant(0x0100, "SET_VARIABLE"), new Constant(0x0200, "INSPECT"),
            new Constant(0x0400, "UPLOAD"), new Constant(0x0800, "RUN_FILE"), new Constant(0x1000, "SOFT_RESET"),
            new Constant(0x2000, "MEMORY"), new Constant(0x4000, "IRQ_TRACEPOINTS"), new Constant(0x8000, "IRQ_STATS"),
            new Constant(0x10000, "STOP"));

    public static final int REPLY_OK = 0x80;
    public static final int REPLY_ERROR = 0x81;

    private static final Map<String, MessageSpec> BY_NAME =
            MESSAGES.stream().collect(Collectors.toMap(MessageSpec::name, Function.identity()));
    private static final Map<Integer, MessageSpec> BY_CODE =
            MESSAGES.stream().collect(Collectors.toMap(MessageSpec::code, Function.identity()));
    private static final Map<Integer, Spec> EVENT_BY_CODE =
            EVENTS.stream().collect(Collectors.toMap(Spec::code, Function.identity()));
    private static final Map<Integer, Spec> VALUE_BY_TAG =
            VALUES.stream().collect(Collectors.toMap(Spec::code, Function.identity()));

    private Protocol() {
    }

    public static MessageSpec message(String name) {
        MessageSpec m = BY_NAME.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no such request: " + name);
        }
        return m;
    }

    public static MessageSpec message(int code) {
        return BY_CODE.get(code);
    }

    public static Spec event(int code) {
        return EVENT_BY_CODE.get(code);
    }

    public static Spec value(int tag) {
        return VALUE_BY_TAG.get(tag);
    }

    public static int constant(List<Constant> table, String name) {
        return table.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no constant " + name)).value();
    }

    public static String constantName(List<Constant> table, int value) {
        return table.stream().filter(c -> c.value() == value).map(Constant::name).findFirst()
                .orElse(Integer.toString(value));
    }
}
