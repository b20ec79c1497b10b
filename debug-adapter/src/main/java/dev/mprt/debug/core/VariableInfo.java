package dev.mprt.debug.core;

/**
 * A named value to show: {@code children} is non-null when it can be expanded (lazily, with paging), with
 * {@code childCount} children.
 */
public record VariableInfo(String name, String value, String type, VariableContainer children, int childCount) {
}
