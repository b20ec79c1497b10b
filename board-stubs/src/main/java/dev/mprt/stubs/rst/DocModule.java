package dev.mprt.stubs.rst;

import java.util.LinkedHashMap;
import java.util.Map;

/** A module as MicroPython's docs describe it (possibly spread over several .rst files). */
public final class DocModule {

    public final String name;
    public String synopsis = "";
    public String doc = "";
    public final Map<String, DocEntry> entries = new LinkedHashMap<>();
    public String source = "";

    public DocModule(String name) {
        this.name = name;
    }

    /** Finds a class member or module-level entry by dotted name ("Pin.irq" or "sleep_ms"). */
    public DocEntry find(String dotted) {
        int dot = dotted.indexOf('.');
        if (dot < 0) {
            return entries.get(dotted);
        }
        DocEntry cls = entries.get(dotted.substring(0, dot));
        return cls == null ? null : cls.members.get(dotted.substring(dot + 1));
    }
}
