package dev.mprt.stubs.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A board's override file ({@code board-stubs/overrides/<board-id>.override}, merged over
 * {@code common.override}): which MicroPython port and board it is, the macros the build system and SDK would
 * define, and the small corrections the docs need. The format is one directive per line, {@code #} comments,
 * and {@code | text} continuation lines for docstrings; README.md documents every directive.
 */
public final class BoardSpec {

    public String id;
    public String port;
    public String boardDir;
    public String variantDir;
    public String arch;
    public String description = "";
    public final List<String> manifests = new ArrayList<>();
    /** user C module folders of mprt's firmware (relative to the repository root), indexed with the port */
    public final List<String> cModules = new ArrayList<>();
    public final Map<String, String> defines = new LinkedHashMap<>();
    /** macros set after the port's configuration (as a board header does with #undef + #define) */
    public final Map<String, String> sets = new LinkedHashMap<>();
    public final List<String> configHeaders = new ArrayList<>();
    public final List<String> sdkconfigs = new ArrayList<>();
    public final Set<String> modulesAdd = new LinkedHashSet<>();
    public final Set<String> modulesRemove = new LinkedHashSet<>();
    public final Set<String> membersRemove = new LinkedHashSet<>();
    /** module.Class → member names (a class the C sources of this port do not have) */
    public final Map<String, List<String>> classesAdd = new LinkedHashMap<>();
    /** module.name → C symbol (a module global the C sources add elsewhere, e.g. in the firmware's own files) */
    public final Map<String, String> globalsAdd = new LinkedHashMap<>();
    public final Map<String, String> sigs = new LinkedHashMap<>();
    public final Map<String, String> types = new LinkedHashMap<>();
    public final Map<String, String> returns = new LinkedHashMap<>();
    public final Map<String, String> paramTypes = new LinkedHashMap<>();
    public final Map<String, String> docs = new LinkedHashMap<>();
    public final List<String> pins = new ArrayList<>();
    /** board.json facts: key → raw JSON value */
    public final Map<String, String> facts = new LinkedHashMap<>();

    /** Reads {@code common} then {@code board}, the latter winning. */
    public static BoardSpec load(String id, Path common, Path board) throws IOException {
        BoardSpec spec = new BoardSpec();
        spec.id = id;
        if (common != null && Files.exists(common)) {
            spec.read(common);
        }
        spec.read(board);
        if (spec.port == null) {
            throw new IllegalArgumentException(board + ": no 'port' directive");
        }
        return spec;
    }

    private void read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String docKey = null;
        StringBuilder docText = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            String raw = lines.get(n);
            String line = raw.strip();
            if (line.startsWith("|")) {
                if (docKey == null) {
                    throw new IllegalArgumentException(file + ":" + (n + 1) + ": '|' line outside a doc block");
                }
                String content = raw.substring(raw.indexOf('|') + 1);
                docText.append(content.startsWith(" ") ? content.substring(1) : content).append('\n');
                continue;
            }
            if (docKey != null) {
                docs.put(docKey, docText.toString().replaceAll("^\\n+", "").stripTrailing());
                docKey = null;
                docText.setLength(0);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String key = kv[0];
            String rest = kv.length > 1 ? kv[1].strip() : "";
            switch (key) {
                case "description" -> description = rest;
                case "port" -> port = rest;
                case "board" -> boardDir = rest.equals("-") ? null : rest;
                case "variant" -> variantDir = rest;
                case "arch" -> arch = rest;
                case "manifest" -> manifests.add(rest);
                case "c-module" -> cModules.add(rest);
                case "define" -> {
                    String[] d = rest.split("\\s+", 2);
                    defines.put(d[0], d.length > 1 ? d[1] : "1");
                }
                case "undef" -> defines.remove(rest);
                case "set" -> {
                    String[] d = rest.split("\\s+", 2);
                    sets.put(d[0], d.length > 1 ? d[1] : "1");
                }
                case "config-header" -> configHeaders.add(rest);
                case "sdkconfig" -> sdkconfigs.add(rest);
                case "module" -> {
                    String[] d = rest.split("\\s+");
                    (d[0].equals("+") ? modulesAdd : modulesRemove).add(d[1]);
                    (d[0].equals("+") ? modulesRemove : modulesAdd).remove(d[1]);
                }
                case "member" -> {
                    String[] d = rest.split("\\s+");
                    if (!d[0].equals("-")) {
                        throw new IllegalArgumentException(file + ":" + (n + 1) + ": only 'member - <name>'");
                    }
                    membersRemove.add(d[1]);
                }
                case "class" -> {
                    // class + machine.Pin: member member ...
                    String[] d = rest.split(":", 2);
                    String name = d[0].replaceFirst("^\\+\\s*", "").strip();
                    List<String> members = new ArrayList<>();
                    if (d.length > 1) {
                        for (String m : d[1].strip().split("\\s+")) {
                            if (!m.isEmpty()) {
                                members.add(m);
                            }
                        }
                    }
                    classesAdd.put(name, members);
                }
                case "global" -> {
                    // global + machine.Timer = machine_timer_type
                    String[] d = rest.replaceFirst("^\\+\\s*", "").split("=", 2);
                    globalsAdd.put(d[0].strip(), d[1].strip());
                }
                case "sig" -> {
                    int paren = rest.indexOf('(');
                    sigs.put(rest.substring(0, paren).strip(), rest.substring(paren).strip());
                }
                case "type" -> {
                    String[] d = rest.split("\\s+", 2);
                    types.put(d[0], d[1]);
                }
                case "returns" -> {
                    String[] d = rest.split("\\s+", 2);
                    returns.put(d[0], d[1]);
                }
                case "param-type" -> {
                    String[] d = rest.split("\\s+", 2);
                    paramTypes.put(d[0], d[1]);
                }
                case "pins" -> pins.add(rest);
                case "fact" -> {
                    String[] d = rest.split("\\s+", 2);
                    facts.put(d[0], d[1]);
                }
                case "doc" -> docKey = rest;
                default -> throw new IllegalArgumentException(file + ":" + (n + 1) + ": unknown directive " + key);
            }
        }
        if (docKey != null) {
            docs.put(docKey, docText.toString().replaceAll("^\\n+", "").stripTrailing());
        }
    }
}
