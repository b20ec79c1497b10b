// mprt_debug: the wire protocol's constants and message table.
//
// docs/protocol.md is the specification. This header must say the same thing: the Java test
// dev.mprt.debug.transport.ProtocolDocumentTest reads both (and the Java client's own table) and
// fails when they disagree. The layout strings in MPRT_DEBUG_MESSAGES are not used by the C
// code at run time (they cost no flash); they are here so that the test can compare them, and
// so that whoever edits an encoder in mprt_debug.c sees the layout it must follow.
#ifndef MICROPY_INCLUDED_MPRT_DEBUG_PROTO_H
#define MICROPY_INCLUDED_MPRT_DEBUG_PROTO_H

// ---- framing -------------------------------------------------------------------------------
#define MPRT_DEBUG_PROTOCOL_VERSION (1)
#define MPRT_DEBUG_SYNC (0x1e)
#define MPRT_DEBUG_MAGIC (0xb7)
#define MPRT_DEBUG_MAX_PAYLOAD (240)
#define MPRT_DEBUG_HEADER_SIZE (5)
#define MPRT_DEBUG_CRC_SIZE (4)
#define MPRT_DEBUG_GAP_MS (100)

// ---- messages: X(code, NAME, "request layout", "reply layout") -----------------------------
#define MPRT_DEBUG_MESSAGES(X) \
    X(0x01, HELLO, "version:u8", "version:u8, caps:u32, maxPayload:u16, tickHz:u32, board:str") \
    X(0x02, DETACH, "", "") \
    X(0x03, ADD_BREAKPOINT, "file:str, line:u16, hits:u16, flags:u8, names:str, condition:str", "id:u8") \
    X(0x04, CLEAR_BREAKPOINTS, "file:str", "removed:u8") \
    X(0x05, FUNCTION_BREAKPOINTS, "names:list(name:str)", "count:u8") \
    X(0x06, EXCEPTION_FILTERS, "flags:u8", "") \
    X(0x07, CONTINUE, "", "") \
    X(0x08, PAUSE, "", "") \
    X(0x09, STEP, "kind:u8", "") \
    X(0x0a, STACK, "start:u8, count:u8", "total:u8, frames:list(file:str, function:str, line:u16)") \
    X(0x0b, LOCALS, "frame:u8, start:u8, count:u8", "total:u8, nPos:u8, nKwonly:u8, slots:list(slot:u8, value:value)") \
    X(0x0c, GLOBALS, "frame:u8, start:u16, count:u8", "total:u16, vars:list(name:str, value:value)") \
    X(0x0d, EVALUATE, "frame:u8, names:str, expr:str", "value:value") \
    X(0x0e, SET_LOCAL, "frame:u8, slot:u8, names:str, expr:str", "value:value") \
    X(0x0f, SET_GLOBAL, "frame:u8, name:str, names:str, expr:str", "value:value") \
    X(0x10, INSPECT, "ref:u32, start:u16, count:u8", "total:u16, items:list(key:value, value:value)") \
    X(0x11, UPLOAD_BEGIN, "name:str, size:u32, crc:u32", "present:u8") \
    X(0x12, UPLOAD_DATA, "offset:u32, data:bytes", "received:u32") \
    X(0x13, UPLOAD_END, "", "crc:u32") \
    X(0x14, RUN_FILE, "name:str", "") \
    X(0x15, SOFT_RESET, "", "") \
    X(0x16, MEMORY, "", "total:u32, used:u32, free:u32, maxFree:u32, gcCount:u32, gcTotalUs:u32, gcMaxUs:u32, stackUsed:u32, stackLimit:u32") \
    X(0x17, STATS, "start:u8, count:u8", "total:u8, tpHits:u32, tpLost:u32, handlers:list(name:str, count:u32, minNs:u32, avgNs:u32, maxNs:u32, hist:list(n:u32))") \
    X(0x18, INTERRUPT, "", "") \
    X(0x19, RESET_STATS, "", "")

// ---- replies and events: X(code, NAME, "layout") -------------------------------------------
#define MPRT_DEBUG_REPLIES(X) \
    X(0x80, OK, "(the reply layout of the request)") \
    X(0x81, ERROR, "code:u8, message:str")

#define MPRT_DEBUG_EVENTS(X) \
    X(0xc0, STOPPED, "reason:u8, bp:u8, file:str, function:str, line:u16, text:str, callbackFrames:u8") \
    X(0xc1, TRACEPOINT, "bp:u8, hard:u8, timeUs:u32, function:str, line:u16, lost:u32, locals:list(slot:u8, value:value)") \
    X(0xc2, FINISHED, "ok:u8, text:str")

// ---- values: X(tag, NAME, "layout") --------------------------------------------------------
#define MPRT_DEBUG_VALUES(X) \
    X(0, UNBOUND, "") \
    X(1, NONE, "") \
    X(2, FALSE, "") \
    X(3, TRUE, "") \
    X(4, INT, "value:i32") \
    X(5, STR, "text:str") \
    X(6, OBJECT, "ref:u32, type:str, repr:str, count:u16") \
    X(7, TYPED, "type:str") \
    X(8, FLOAT, "bits:u32")

// ---- error codes: X(code, NAME) ------------------------------------------------------------
#define MPRT_DEBUG_ERRORS(X) \
    X(1, UNKNOWN_REQUEST) \
    X(2, BAD_ARGUMENT) \
    X(3, NOT_STOPPED) \
    X(4, NOT_IDLE) \
    X(5, NO_MEMORY) \
    X(6, EXCEPTION) \
    X(7, BUSY) \
    X(8, FULL) \
    X(9, CRC_MISMATCH) \
    X(10, NOT_FOUND) \
    X(11, IDLE)

// ---- enumerations: X(value, NAME) ----------------------------------------------------------
#define MPRT_DEBUG_STOP_REASONS(X) \
    X(1, BREAKPOINT) \
    X(2, STEP) \
    X(3, PAUSE) \
    X(4, EXCEPTION) \
    X(5, FUNCTION)

#define MPRT_DEBUG_STEP_KINDS(X) \
    X(0, IN) \
    X(1, OVER) \
    X(2, OUT)

#define MPRT_DEBUG_BREAKPOINT_FLAGS(X) \
    X(0x01, LOG) \
    X(0x02, HIT_EQUAL)

#define MPRT_DEBUG_EXCEPTION_FLAGS(X) \
    X(0x01, UNCAUGHT) \
    X(0x02, RAISED)

#define MPRT_DEBUG_CAPABILITIES(X) \
    X(0x0001, LINE_BREAKPOINTS) \
    X(0x0002, CONDITIONS) \
    X(0x0004, HIT_COUNTS) \
    X(0x0008, FUNCTION_BREAKPOINTS) \
    X(0x0010, STEP) \
    X(0x0020, PAUSE) \
    X(0x0040, EXCEPTIONS) \
    X(0x0080, EVALUATE) \
    X(0x0100, SET_VARIABLE) \
    X(0x0200, INSPECT) \
    X(0x0400, UPLOAD) \
    X(0x0800, RUN_FILE) \
    X(0x1000, SOFT_RESET) \
    X(0x2000, MEMORY) \
    X(0x4000, IRQ_TRACEPOINTS) \
    X(0x8000, IRQ_STATS) \
    X(0x10000, STOP)

// Latency histogram: bucket i counts latencies below MPRT_DEBUG_HIST_BASE_US << i microseconds
// (and at least the previous bound); the last bucket counts everything above.
#define MPRT_DEBUG_HIST_BUCKETS (8)
#define MPRT_DEBUG_HIST_BASE_US (2)

// C enums from the tables.
#define MPRT_DEBUG_X_MSG(code, name, req, rep) MPRT_DEBUG_MSG_##name = code,
#define MPRT_DEBUG_X_REP(code, name, layout) MPRT_DEBUG_REP_##name = code,
#define MPRT_DEBUG_X_EVT(code, name, layout) MPRT_DEBUG_EVT_##name = code,
#define MPRT_DEBUG_X_VAL(tag, name, layout) MPRT_DEBUG_VAL_##name = tag,
#define MPRT_DEBUG_X_ERR(code, name) MPRT_DEBUG_ERR_##name = code,
#define MPRT_DEBUG_X_STOP(v, name) MPRT_DEBUG_STOP_##name = v,
#define MPRT_DEBUG_X_STEP(v, name) MPRT_DEBUG_STEP_##name = v,
#define MPRT_DEBUG_X_BPF(v, name) MPRT_DEBUG_BP_##name = v,
#define MPRT_DEBUG_X_EXF(v, name) MPRT_DEBUG_EXC_##name = v,
#define MPRT_DEBUG_X_CAP(v, name) MPRT_DEBUG_CAP_##name = v,
enum { MPRT_DEBUG_MESSAGES(MPRT_DEBUG_X_MSG) };
enum { MPRT_DEBUG_REPLIES(MPRT_DEBUG_X_REP) };
enum { MPRT_DEBUG_EVENTS(MPRT_DEBUG_X_EVT) };
enum { MPRT_DEBUG_VALUES(MPRT_DEBUG_X_VAL) };
enum { MPRT_DEBUG_ERRORS(MPRT_DEBUG_X_ERR) };
enum { MPRT_DEBUG_STOP_REASONS(MPRT_DEBUG_X_STOP) };
enum { MPRT_DEBUG_STEP_KINDS(MPRT_DEBUG_X_STEP) };
enum { MPRT_DEBUG_BREAKPOINT_FLAGS(MPRT_DEBUG_X_BPF) };
enum { MPRT_DEBUG_EXCEPTION_FLAGS(MPRT_DEBUG_X_EXF) };
enum { MPRT_DEBUG_CAPABILITIES(MPRT_DEBUG_X_CAP) };

#endif // MICROPY_INCLUDED_MPRT_DEBUG_PROTO_H
