package dev.mprt.lang.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * One finding in one source text. Offsets are UTF-16 offsets into the text, {@code end} exclusive; convert with
 * {@link LineMap} for line/column output.
 *
 * @param code    stable, kebab-case, prefixed by family ({@code syntax-*}, {@code viper-*}, ...); see {@link Codes}
 * @param related places that explain the finding (may be in other modules)
 * @param fixes   quick fixes, in the order an editor should offer them
 */
public record Diagnostic(String code, Severity severity, String message, int start, int end, List<Related> related,
        List<Fix> fixes) {

    public Diagnostic {
        related = List.copyOf(related);
        fixes = List.copyOf(fixes);
    }

    public Diagnostic(String code, Severity severity, String message, int start, int end) {
        this(code, severity, message, start, end, List.of(), List.of());
    }

    public static Diagnostic error(String code, String message, int start, int end) {
        return new Diagnostic(code, Severity.ERROR, message, start, end);
    }

    public Diagnostic withRelated(Related r) {
        List<Related> all = new ArrayList<>(related);
        all.add(r);
        return new Diagnostic(code, severity, message, start, end, all, fixes);
    }

    public Diagnostic withFix(Fix f) {
        List<Fix> all = new ArrayList<>(fixes);
        all.add(f);
        return new Diagnostic(code, severity, message, start, end, related, all);
    }
}
