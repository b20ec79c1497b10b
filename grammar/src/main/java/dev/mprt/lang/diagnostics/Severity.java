package dev.mprt.lang.diagnostics;

/** LSP's four severities, in its order. */
public enum Severity {
    ERROR, WARNING, INFO, HINT;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
