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

    /** A check failed on this input (a bug in mprt): reported instead of losing the file's other findings. */
    public static final String INTERNAL_ERROR = "internal-error";

    /** Reading the file failed (unreadable, not UTF-8). */
    public static final String FILE_UNREADABLE = "file-unreadable";

    private Codes() {
    }
}
