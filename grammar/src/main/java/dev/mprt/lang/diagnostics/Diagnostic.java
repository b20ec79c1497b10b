package dev.mprt.lang.diagnostics;

/**
 * One finding in one source text. Offsets are UTF-16 offsets into the text, {@code end} exclusive; convert with
 * {@link LineMap} for line/column output.
 *
 * @param code stable, kebab-case, prefixed by family ({@code syntax-*}, {@code viper-*}, ...); see {@link Codes}
 */
public record Diagnostic(String code, Severity severity, String message, int start, int end) {

    public static Diagnostic error(String code, String message, int start, int end) {
        return new Diagnostic(code, Severity.ERROR, message, start, end);
    }
}
