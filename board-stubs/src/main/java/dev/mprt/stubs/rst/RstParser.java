package dev.mprt.stubs.rst;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the Sphinx directives of MicroPython's {@code docs/library/*.rst}: {@code module}, {@code currentmodule},
 * {@code function}, {@code class}, {@code method}, {@code classmethod}, {@code staticmethod}, {@code data},
 * {@code attribute}, {@code exception} and {@code only}, with their options, multi-line signatures and bodies.
 */
public final class RstParser {

    private static final Pattern DIRECTIVE = Pattern.compile("^(\\s*)\\.\\.\\s+([a-z]+)::\\s*(.*)$");
    private static final Pattern OPTION = Pattern.compile("^\\s*:([a-z-]+):\\s*(.*)$");
    private static final Pattern SIGNATURE_LINE = Pattern.compile(
            "^(?:async\\s+)?[A-Za-z_][\\w.]*\\s*(?:\\(.*\\).*)?$");
    private static final Pattern AVAILABILITY = Pattern.compile("(?i)^\\s*(?:\\*\\*)?availability:?(?:\\*\\*)?:?\\s*(.*)$");
    private static final Pattern ONLY_SUFFIX = Pattern.compile("\\(\\s*([A-Za-z0-9, ]+?)\\s+only\\s*\\)\\s*$");

    /** Ports as the docs name them, mapped to port directory names. */
    private static final Map<String, String> PORT_NAMES = new TreeMap<>(Map.ofEntries(
            Map.entry("cc3200", "cc3200"), Map.entry("wipy", "cc3200"), Map.entry("esp32", "esp32"),
            Map.entry("esp8266", "esp8266"), Map.entry("mimxrt", "mimxrt"), Map.entry("nrf", "nrf"),
            Map.entry("renesas-ra", "renesas-ra"), Map.entry("rp2", "rp2"), Map.entry("rp2040", "rp2"),
            Map.entry("samd", "samd"), Map.entry("stm32", "stm32"), Map.entry("pyboard", "stm32"),
            Map.entry("unix", "unix"), Map.entry("windows", "windows"), Map.entry("zephyr", "zephyr"),
            Map.entry("alif", "alif"), Map.entry("webassembly", "webassembly"), Map.entry("qemu", "qemu")));

    private final Map<String, DocModule> modules = new TreeMap<>();

    /** Parses every {@code *.rst} in {@code libraryDir}, in file-name order. */
    public static Map<String, DocModule> parseLibrary(Path libraryDir) throws IOException {
        RstParser p = new RstParser();
        List<Path> files;
        try (Stream<Path> s = Files.list(libraryDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".rst")).sorted().toList();
        }
        for (Path f : files) {
            p.parseFile(f, "docs/library/" + f.getFileName());
        }
        return p.modules;
    }

    private static final class Open {
        final int indent;
        final DocEntry entry; // null for non-API directives (notes, only, ...)
        final List<String> body = new ArrayList<>();
        final String only;

        Open(int indent, DocEntry entry, String only) {
            this.indent = indent;
            this.entry = entry;
            this.only = only;
        }
    }

    void parseFile(Path file, String displayName) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String module = null;
        DocModule docModule = null;
        String currentClass = null;
        List<Open> stack = new ArrayList<>();
        // directives without a body directly followed by a sibling share that sibling's body
        List<DocEntry> pendingShare = new ArrayList<>();
        String title = null;
        // builtins.rst names its module only in its title (":mod:`builtins` -- ..."), without a module directive
        Matcher titled = Pattern.compile("^:mod:`(\\w+)`").matcher(lines.isEmpty() ? "" : lines.get(0));
        if (titled.find() && lines.stream().noneMatch(l -> l.startsWith(".. module::"))) {
            module = titled.group(1);
            docModule = modules.computeIfAbsent(module, DocModule::new);
            docModule.source = displayName;
        }
        boolean collectingModuleDoc = false;
        StringBuilder moduleDoc = new StringBuilder();

        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher d = DIRECTIVE.matcher(line);
            if (d.matches()) {
                int indent = d.group(1).length();
                closeTo(stack, indent, pendingShare);
                String kind = d.group(2);
                String arg = d.group(3).strip();
                // header continuation lines (more signatures) and options
                List<String> sigs = new ArrayList<>();
                if (!arg.isEmpty()) {
                    sigs.add(arg);
                }
                boolean noindex = false;
                int j = i + 1;
                while (j < lines.size()) {
                    String next = lines.get(j);
                    if (next.isBlank() || indentOf(next) <= indent) {
                        break;
                    }
                    if (!sigs.isEmpty() && unbalanced(sigs.get(sigs.size() - 1))) {
                        // a signature continued on the next line
                        sigs.set(sigs.size() - 1, sigs.get(sigs.size() - 1) + " " + next.strip());
                        j++;
                        continue;
                    }
                    Matcher o = OPTION.matcher(next);
                    if (o.matches()) {
                        if (o.group(1).equals("noindex")) {
                            noindex = true;
                        } else if (o.group(1).equals("synopsis") && docModule != null && kind.equals("module")) {
                            docModule.synopsis = o.group(2).strip();
                        }
                        j++;
                        continue;
                    }
                    if (isApiKind(kind) && SIGNATURE_LINE.matcher(next.strip()).matches()) {
                        sigs.add(next.strip());
                        j++;
                        continue;
                    }
                    break;
                }
                i = j - 1;
                collectingModuleDoc = false;
                switch (kind) {
                    case "module", "currentmodule" -> {
                        module = arg.strip();
                        docModule = modules.computeIfAbsent(module, DocModule::new);
                        currentClass = null;
                        if (kind.equals("module")) {
                            docModule.source = displayName;
                            // the synopsis option may follow on the next lines
                            for (int k = i + 1; k < lines.size() && !lines.get(k).isBlank(); k++) {
                                Matcher o = OPTION.matcher(lines.get(k));
                                if (o.matches() && o.group(1).equals("synopsis")) {
                                    docModule.synopsis = o.group(2).strip();
                                }
                            }
                            if (title != null && docModule.synopsis.isEmpty()) {
                                docModule.synopsis = title;
                            }
                            collectingModuleDoc = true;
                            moduleDoc.setLength(0);
                        }
                        stack.add(new Open(indent, null, null));
                    }
                    case "only" -> stack.add(new Open(indent, null, arg));
                    default -> {
                        if (!isApiKind(kind) || docModule == null) {
                            stack.add(new Open(indent, null, null));
                            break;
                        }
                        DocEntry.Kind k = switch (kind) {
                            case "function" -> DocEntry.Kind.FUNCTION;
                            case "class" -> DocEntry.Kind.CLASS;
                            case "method" -> DocEntry.Kind.METHOD;
                            case "classmethod" -> DocEntry.Kind.CLASSMETHOD;
                            case "staticmethod" -> DocEntry.Kind.STATICMETHOD;
                            case "data" -> DocEntry.Kind.DATA;
                            case "attribute" -> DocEntry.Kind.ATTRIBUTE;
                            default -> DocEntry.Kind.EXCEPTION;
                        };
                        // the enclosing class, if this directive is nested in one
                        String enclosing = null;
                        for (int s = stack.size() - 1; s >= 0; s--) {
                            DocEntry e = stack.get(s).entry;
                            if (e != null && e.isClass()) {
                                enclosing = e.name;
                                break;
                            }
                        }
                        String only = null;
                        for (Open o : stack) {
                            if (o.only != null) {
                                only = o.only;
                            }
                        }
                        DocEntry first = null;
                        for (String sig : sigs) {
                            DocEntry e = add(docModule, k, sig, enclosing, currentClass, displayName + ":" + (i + 1),
                                    only);
                            if (e != null && first == null) {
                                first = e;
                            }
                        }
                        if (first == null) {
                            stack.add(new Open(indent, null, null));
                            break;
                        }
                        if (first.isClass()) {
                            currentClass = first.name;
                        }
                        Open o = new Open(indent, first, null);
                        o.body.add("\u0000" + (sigs.size() > 1 ? String.join("\u0001", sigs) : "")); // marker
                        stack.add(o);
                        if (sigs.size() > 1) {
                            // data directives with several names share one body
                            for (String sig : sigs.subList(1, sigs.size())) {
                                DocEntry e = lookup(docModule, sig, enclosing, currentClass, k);
                                if (e != null && e != first) {
                                    pendingShare.add(e);
                                }
                            }
                        }
                    }
                }
                continue;
            }
            if (line.isBlank()) {
                if (!stack.isEmpty()) {
                    stack.get(stack.size() - 1).body.add("");
                }
                if (collectingModuleDoc) {
                    moduleDoc.append('\n');
                }
                continue;
            }
            int ind = indentOf(line);
            // a section title (text underlined with ===, ---, ~~~) at column 0
            boolean underline = line.matches("^[=\\-~^\"'`#*+]{3,}\\s*$");
            if (ind == 0 && i + 1 < lines.size() && lines.get(i + 1).matches("^[=\\-~^\"'`#*+]{3,}\\s*$")) {
                closeTo(stack, 0, pendingShare);
                if (collectingModuleDoc && docModule != null) {
                    docModule.doc = moduleDoc.toString().strip();
                    collectingModuleDoc = false;
                }
                title = cleanTitle(line.strip());
                continue;
            }
            if (underline) {
                continue;
            }
            closeTo(stack, ind, pendingShare);
            if (!stack.isEmpty()) {
                stack.get(stack.size() - 1).body.add(line);
            }
            if (collectingModuleDoc && stack.stream().allMatch(o -> o.entry == null)) {
                moduleDoc.append(line.strip()).append('\n');
            }
        }
        closeTo(stack, -1, pendingShare);
        if (collectingModuleDoc && docModule != null && docModule.doc.isEmpty()) {
            docModule.doc = moduleDoc.toString().strip();
        }
    }

    private static String cleanTitle(String t) {
        // ":mod:`micropython` -- access and control MicroPython internals" → the text after "--"
        int dash = t.indexOf(" -- ");
        String s = dash >= 0 ? t.substring(dash + 4) : t;
        return s.replaceAll(":\\w+:`([^`]*)`", "$1").strip();
    }

    private static boolean isApiKind(String kind) {
        return switch (kind) {
            case "function", "class", "method", "classmethod", "staticmethod", "data", "attribute", "exception" ->
                    true;
            default -> false;
        };
    }

    private static boolean unbalanced(String sig) {
        int depth = 0;
        for (char c : sig.toCharArray()) {
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            }
        }
        return depth > 0;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Closes the open directives at {@code indent} or deeper, assigning their bodies. */
    private static void closeTo(List<Open> stack, int indent, List<DocEntry> pendingShare) {
        while (!stack.isEmpty() && stack.get(stack.size() - 1).indent >= indent) {
            Open o = stack.remove(stack.size() - 1);
            if (o.entry == null) {
                continue;
            }
            String body = bodyText(o.body);
            applyBody(o.entry, body);
            if (body.isEmpty() && o.entry.module.equals("builtins")) {
                continue; // builtins.rst is a list of names, most without a text: nothing to share
            }
            if (body.isEmpty()) {
                pendingShare.add(o.entry);
            } else {
                for (DocEntry e : pendingShare) {
                    if (e.doc.isEmpty() && e.module.equals(o.entry.module)) {
                        applyBody(e, body);
                    }
                }
                pendingShare.clear();
            }
        }
    }

    private static void applyBody(DocEntry e, String body) {
        if (body.isEmpty()) {
            return;
        }
        if (e.doc.isEmpty()) {
            e.doc = body;
        } else if (!e.doc.contains(body)) {
            e.doc = e.doc + "\n\n" + body;
        }
        for (String l : body.split("\n")) {
            Matcher a = AVAILABILITY.matcher(l);
            if (a.matches()) {
                parsePorts(a.group(1), e);
            }
        }
    }

    static void parsePorts(String text, DocEntry e) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("not every port") || t.isBlank()) {
            return;
        }
        boolean negative = t.contains("not available");
        for (String w : t.split("[^a-z0-9-]+")) {
            String port = PORT_NAMES.get(w);
            if (port != null) {
                (negative ? e.unavailability : e.availability).add(port);
            }
        }
    }

    private static String bodyText(List<String> body) {
        List<String> lines = new ArrayList<>();
        for (String l : body) {
            if (!l.startsWith("\u0000")) {
                lines.add(l);
            }
        }
        int min = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                min = Math.min(min, indentOf(l));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l.isBlank() ? "" : l.substring(Math.min(min, l.length())).stripTrailing()).append('\n');
        }
        return sb.toString().strip();
    }

    // ---- entries ------------------------------------------------------------------------------------------------

    /** Splits a signature line into its (possibly dotted) name and the rest. */
    static String[] nameAndRest(String sig) {
        String s = sig.strip();
        if (s.startsWith("async ")) {
            s = s.substring(6).strip();
        }
        int i = 0;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '.')) {
            i++;
        }
        return new String[] {s.substring(0, i), s.substring(i).strip()};
    }

    private DocEntry lookup(DocModule m, String sig, String enclosing, String currentClass, DocEntry.Kind kind) {
        String[] nr = nameAndRest(sig);
        String[] q = qualify(m.name, nr[0], enclosing, currentClass, kind);
        if (q == null) {
            return null;
        }
        if (q[0] == null) {
            return m.entries.get(q[1]);
        }
        DocEntry cls = m.entries.get(q[0]);
        return cls == null ? null : cls.members.get(q[1]);
    }

    /** Returns {className or null, memberName}. */
    private static String[] qualify(String module, String dotted, String enclosing, String currentClass,
            DocEntry.Kind kind) {
        String name = dotted;
        if (name.startsWith(module + ".") && kind != DocEntry.Kind.METHOD) {
            name = name.substring(module.length() + 1);
        } else if (name.startsWith(module + ".") && name.indexOf('.', module.length() + 1) > 0) {
            name = name.substring(module.length() + 1);
        }
        if (name.isEmpty()) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        boolean member = kind == DocEntry.Kind.METHOD || kind == DocEntry.Kind.CLASSMETHOD
                || kind == DocEntry.Kind.STATICMETHOD || kind == DocEntry.Kind.ATTRIBUTE;
        if (dot > 0) {
            String cls = name.substring(0, dot);
            if (cls.contains(".")) {
                cls = cls.substring(cls.lastIndexOf('.') + 1);
            }
            return new String[] {cls, name.substring(dot + 1)};
        }
        if (kind == DocEntry.Kind.CLASS || kind == DocEntry.Kind.EXCEPTION || kind == DocEntry.Kind.FUNCTION) {
            return new String[] {null, name};
        }
        if (member) {
            String cls = enclosing != null ? enclosing : currentClass;
            return cls == null ? new String[] {null, name} : new String[] {cls, name};
        }
        // data: a class member only when nested in a class directive
        return enclosing != null ? new String[] {enclosing, name} : new String[] {null, name};
    }

    private DocEntry add(DocModule m, DocEntry.Kind kind, String sig, String enclosing, String currentClass,
            String where, String only) {
        boolean async = sig.strip().startsWith("async ");
        // "AIOESPNow._aiter__() / async AIOESPNow.__anext__()": keep the first
        String s = sig.contains(" / ") && !sig.contains("(/") ? sig.substring(0, sig.indexOf(" / ")) : sig;
        String[] nr = nameAndRest(s);
        String[] q = qualify(m.name, nr[0], enclosing, currentClass, kind);
        if (q == null || !q[1].matches("[A-Za-z_]\\w*")) {
            return null;
        }
        String rest = nr[1];
        DocEntry tmp = new DocEntry(kind, m.name, q[1]);
        Matcher only2 = ONLY_SUFFIX.matcher(rest);
        if (only2.find()) {
            parsePorts(only2.group(1), tmp);
            rest = rest.substring(0, only2.start()).strip();
        }
        if (rest.endsWith(":")) {
            rest = rest.substring(0, rest.length() - 1).strip();
        }
        if (only != null) {
            parsePorts(only.replace("port_", ""), tmp);
        }
        DocEntry e;
        if (q[0] == null) {
            e = m.entries.get(q[1]);
            if (e == null) {
                e = tmp;
                e.source = where;
                m.entries.put(q[1], e);
            }
        } else {
            DocEntry cls = m.entries.get(q[0]);
            if (cls == null) {
                cls = new DocEntry(DocEntry.Kind.CLASS, m.name, q[0]);
                cls.source = where;
                m.entries.put(q[0], cls);
            }
            DocEntry.Kind k = kind == DocEntry.Kind.DATA ? DocEntry.Kind.ATTRIBUTE
                    : kind == DocEntry.Kind.FUNCTION ? DocEntry.Kind.STATICMETHOD : kind;
            e = cls.members.get(q[1]);
            if (e == null) {
                e = new DocEntry(k, m.name, q[1]);
                e.source = where;
                cls.members.put(q[1], e);
            }
        }
        e.availability.addAll(tmp.availability);
        e.unavailability.addAll(tmp.unavailability);
        if (e.isCallable() || e.isClass()) {
            if (!rest.isEmpty() || e.isCallable()) {
                if (!e.signatures.contains(rest)) {
                    e.signatures.add(rest);
                    e.asyncSignatures.add(async);
                }
            }
        }
        return e;
    }
}
