package dev.mprt.lang.diagnostics;

/**
 * A place that explains a diagnostic, e.g. where a handler is registered as a hard IRQ. Positions are 0-based lines
 * and UTF-16 columns so that a consumer can show places in other modules without their text.
 *
 * @param uri the module's uri as {@link dev.mprt.lang.semantic.ModuleSources} names it, or null for the document
 *            the diagnostic is in
 */
public record Related(String uri, int line, int column, int endLine, int endColumn, String message) {
}
