package dev.mprt.lang.semantic;

/**
 * Where the text of other modules comes from (workspace files, board stubs). The core never reads files: the
 * protocol layer or the command line implements this.
 */
public interface ModuleSources {

    /** A module's text: {@code uri} identifies it for the editor, {@code stub} marks .pyi stubs. */
    record Source(String uri, String text, boolean stub) {
    }

    /** The source of a module by its dotted name, or null when there is none. */
    Source find(String moduleName);

    /** The modules this source can offer for completion (may be empty when unknown). */
    default java.util.Collection<String> names() {
        return java.util.List.of();
    }

    /** The names the board's {@code machine.Pin} accepts as a string (board names, then CPU names); may be empty. */
    default java.util.Collection<String> pinNames() {
        return java.util.List.of();
    }

    ModuleSources NONE = name -> null;

    /** The first of several sources that knows the module (e.g. the workspace, then the board's stubs). */
    static ModuleSources firstOf(ModuleSources... sources) {
        return new ModuleSources() {
            @Override
            public Source find(String name) {
                for (ModuleSources s : sources) {
                    Source found = s.find(name);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }

            @Override
            public java.util.Collection<String> names() {
                java.util.Set<String> all = new java.util.TreeSet<>();
                for (ModuleSources s : sources) {
                    all.addAll(s.names());
                }
                return all;
            }

            @Override
            public java.util.Collection<String> pinNames() {
                java.util.Set<String> all = new java.util.LinkedHashSet<>();
                for (ModuleSources s : sources) {
                    all.addAll(s.pinNames());
                }
                return all;
            }
        };
    }
}
