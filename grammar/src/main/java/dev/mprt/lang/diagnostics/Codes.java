package dev.mprt.lang.diagnostics;

/**
 * Every diagnostic code mprt emits. Codes are stable (editors and suppressions refer to them), kebab-case and
 * prefixed by family. The checks that emit them live in dev.mprt.lang.check, one class per rule.
 */
public final class Codes {

    // Parser and lexer (py/parse.c, py/lexer.c, py/parsenum.c)
    public static final String SYNTAX_INVALID = "syntax-invalid";
    public static final String SYNTAX_UNEXPECTED_INDENT = "syntax-unexpected-indent";
    public static final String SYNTAX_UNINDENT_MISMATCH = "syntax-unindent-mismatch";
    public static final String SYNTAX_UNTERMINATED_STRING = "syntax-unterminated-string";
    public static final String SYNTAX_BAD_ESCAPE = "syntax-bad-escape";
    public static final String SYNTAX_UNICODE_NAME_ESCAPE = "syntax-unicode-name-escape";
    public static final String SYNTAX_STRING_BYTES_MIX = "syntax-string-bytes-mix";
    public static final String SYNTAX_FSTRING = "syntax-fstring";
    public static final String SYNTAX_INVALID_NUMBER = "syntax-invalid-number";

    // Interrupt handlers (rules E, dev.mprt.lang.check.isr): allocations in hard-IRQ code, one code per construct
    public static final String ISR_ALLOC_FLOAT = "isr-alloc-float";
    public static final String ISR_ALLOC_BIGINT = "isr-alloc-bigint";
    public static final String ISR_ALLOC_COLLECTION = "isr-alloc-collection";
    public static final String ISR_ALLOC_ITERATOR = "isr-alloc-iterator";
    public static final String ISR_ALLOC_FUNCTION = "isr-alloc-function";
    public static final String ISR_ALLOC_BOUND_METHOD = "isr-alloc-bound-method";
    public static final String ISR_ALLOC_STAR_ARGS = "isr-alloc-star-args";
    public static final String ISR_ALLOC_STRING = "isr-alloc-string";
    public static final String ISR_ALLOC_SLICE = "isr-alloc-slice";
    public static final String ISR_ALLOC_OBJECT = "isr-alloc-object";
    public static final String ISR_ALLOC_GROW = "isr-alloc-grow";
    public static final String ISR_ALLOC_CALL = "isr-alloc-call";
    // ... and the other interrupt-handler rules
    public static final String ISR_SCHEDULE_BOUND_METHOD = "isr-schedule-bound-method";
    public static final String ISR_BLOCKING_CALL = "isr-blocking-call";
    public static final String ISR_LONG_LOOP = "isr-long-loop";
    public static final String ISR_HARD_UNSUPPORTED = "isr-hard-unsupported";
    public static final String ISR_HANDLER_ARITY = "isr-handler-arity";
    public static final String ISR_NO_EMERGENCY_BUF = "isr-no-emergency-buf";

    /** A check failed on this input (a bug in mprt): reported instead of losing the file's other findings. */
    public static final String INTERNAL_ERROR = "internal-error";

    /** Reading the file failed (unreadable, not UTF-8). */
    public static final String FILE_UNREADABLE = "file-unreadable";

    private Codes() {
    }

    /**
     * Whether a code predicts a run-time failure that no compiler reports: the checks against the board's API
     * ({@code semantic-*}: NameError, AttributeError ...) and the interrupt-handler rules ({@code isr-*}).
     */
    public static boolean isRunTime(String code) {
        return code.startsWith("semantic-") || code.startsWith("isr-");
    }
}
