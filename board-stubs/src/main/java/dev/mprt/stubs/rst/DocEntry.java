package dev.mprt.stubs.rst;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One documented object: a function, class, method, data item or exception, merged from every directive that
 * names it. Classes hold their members.
 */
public final class DocEntry {

    /** What the directive documents. */
    public enum Kind { FUNCTION, CLASS, METHOD, CLASSMETHOD, STATICMETHOD, DATA, ATTRIBUTE, EXCEPTION }

    public final Kind kind;
    public final String module;
    public final String name;
    /** the raw signatures (text after the name, with the parentheses), one per directive line */
    public final List<String> signatures = new ArrayList<>();
    public final List<Boolean> asyncSignatures = new ArrayList<>();
    public String doc = "";
    /** ports named by "Availability:" notes or "(ESP32 only)" suffixes, empty when the docs do not say */
    public final Set<String> availability = new LinkedHashSet<>();
    public final Set<String> unavailability = new LinkedHashSet<>();
    /** where it is documented, e.g. "docs/library/machine.Pin.rst:165" */
    public String source = "";
    /** class members by name, in documentation order */
    public final Map<String, DocEntry> members = new LinkedHashMap<>();

    public DocEntry(Kind kind, String module, String name) {
        this.kind = kind;
        this.module = module;
        this.name = name;
    }

    public boolean isCallable() {
        return kind == Kind.FUNCTION || kind == Kind.METHOD || kind == Kind.CLASSMETHOD || kind == Kind.STATICMETHOD;
    }

    public boolean isData() {
        return kind == Kind.DATA || kind == Kind.ATTRIBUTE;
    }

    public boolean isClass() {
        return kind == Kind.CLASS || kind == Kind.EXCEPTION;
    }

    @Override
    public String toString() {
        return kind + " " + module + "." + name + signatures;
    }
}
