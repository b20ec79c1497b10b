package dev.mprt.lang.editor;

import java.util.List;

/**
 * One symbol of a module's outline. Offsets are into the source text; {@code start..end} covers the whole
 * definition (decorators included), {@code nameStart..nameEnd} the name.
 */
public record OutlineItem(String name, Kind kind, int start, int end, int nameStart, int nameEnd,
        List<OutlineItem> children) {

    public enum Kind {
        CLASS, FUNCTION, METHOD, VARIABLE, CONSTANT
    }
}
