package dev.mprt.stubs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mprt.stubs.board.BoardSpec;
import dev.mprt.stubs.board.Manifest;
import dev.mprt.stubs.board.Pins;
import dev.mprt.stubs.board.PyScanner;
import dev.mprt.stubs.csrc.CIndex;
import dev.mprt.stubs.csrc.ExprEval;
import dev.mprt.stubs.csrc.MacroEnv;
import dev.mprt.stubs.csrc.Preprocessor;
import dev.mprt.stubs.emit.Docstrings;
import dev.mprt.stubs.rst.DocEntry;
import dev.mprt.stubs.rst.DocModule;
import dev.mprt.stubs.rst.RstParser;
import dev.mprt.stubs.sig.Signature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates one board's stubs: reads the board's override file, evaluates the port's configuration headers,
 * indexes the Python-visible API in the port's C sources, reads the frozen manifest and pin definitions, and
 * writes one {@code .pyi} per module whose names are exactly the board's, with signatures and docstrings from
 * MicroPython's documentation.
 */
public final class Generator {

    /** The boards mprt supports, in the order of {@code dev.mprt.lang.analysis.Boards}. */
    public static final List<String> BOARDS = List.of("qemu-mps2-an385", "unix", "pyboard", "rp2-pico", "esp32",
            "esp8266");

    public static final String MICROPYTHON_VERSION = "1.25.0";

    /**
     * The builtins module as the board has it. Not named {@code builtins.pyi}: on a type checker's stub path that
     * name would replace typeshed's builtins, which the checker itself needs; mprt reads it with
     * {@code __builtins__.pyi}.
     */
    public static final String STANDARD_BUILTINS = "standard-builtins.pyi";

    private static final Set<String> PY_KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");

    /** Builtin exception and type objects that module tables reference ({@code mp_type_X}). */
    private static final Map<String, String> BUILTIN_TYPES = Map.ofEntries(
            Map.entry("mp_type_OSError", "OSError"), Map.entry("mp_type_Exception", "Exception"),
            Map.entry("mp_type_BaseException", "BaseException"), Map.entry("mp_type_ValueError", "ValueError"),
            Map.entry("mp_type_RuntimeError", "RuntimeError"), Map.entry("mp_type_TypeError", "TypeError"),
            Map.entry("mp_type_dict", "dict"), Map.entry("mp_type_object", "object"),
            Map.entry("mp_type_type", "type"), Map.entry("mp_type_bytes", "bytes"), Map.entry("mp_type_str", "str"),
            Map.entry("mp_type_int", "int"), Map.entry("mp_type_tuple", "tuple"), Map.entry("mp_type_list", "list"),
            Map.entry("mp_type_bytearray", "bytearray"), Map.entry("mp_type_memoryview", "memoryview"),
            Map.entry("mp_type_CancelledError", "Exception"), Map.entry("mp_type_StopIteration", "StopIteration"),
            Map.entry("mp_type_KeyboardInterrupt", "KeyboardInterrupt"),
            Map.entry("mp_type_SystemExit", "SystemExit"));

    private final Path tree;
    private final Path overrides;
    private final Map<String, DocModule> docs;
    private final List<String> log = new ArrayList<>();

    public Generator(Path tree, Path overrides) throws IOException {
        this.tree = tree.toAbsolutePath().normalize();
        this.overrides = overrides;
        this.docs = RstParser.parseLibrary(this.tree.resolve("docs/library"));
        DocModule builtins = docs.get("builtins");
        if (builtins != null) {
            // builtins.rst lists most names as `name()` without parameters: not a signature
            for (DocEntry e : builtins.entries.values()) {
                e.signatures.removeIf(sig -> sig.replaceAll("\\s", "").equals("()"));
                e.asyncSignatures.subList(Math.min(e.signatures.size(), e.asyncSignatures.size()),
                        e.asyncSignatures.size()).clear();
            }
        }
    }

    public List<String> log() {
        return log;
    }

    /** Writes every board into {@code out/<board-id>/}, replacing what was there. Returns a summary per board. */
    public Map<String, JsonObject> generateAll(Path out) throws IOException {
        Map<String, JsonObject> summary = new LinkedHashMap<>();
        for (String b : BOARDS) {
            Path dir = out.resolve(b);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path f : s.toList()) {
                        String n = f.getFileName().toString();
                        if (n.endsWith(".pyi") || n.equals("board.json")) {
                            Files.delete(f);
                        }
                    }
                }
            }
            Files.createDirectories(dir);
            summary.put(b, generate(b, dir));
        }
        return summary;
    }

    // =================================================================================================================
    // one board
    // =================================================================================================================

    private final class Board {
        BoardSpec spec;
        MacroEnv env;
        CIndex index;
        Pins pins;
        Manifest manifest;
        Path portDir;
        /** module name → how it exists: "c", "frozen", "micropython-lib" */
        final Map<String, String> modules = new TreeMap<>();
        final Map<String, PyScanner> python = new LinkedHashMap<>();
        final Map<String, Path> pythonFiles = new LinkedHashMap<>();
    }

    public JsonObject generate(String id, Path outDir) throws IOException {
        Board b = new Board();
        b.spec = BoardSpec.load(id, overrides.resolve("common.override"), overrides.resolve(id + ".override"));
        b.portDir = tree.resolve("ports").resolve(b.spec.port);
        configure(b);
        b.pins = Pins.read(b.spec.pins, tree, b.portDir, b.env);
        // what the generated genhdr/pins.h would define (the port's pin generator counts the pins.csv names)
        b.env.define("MICROPY_PY_MACHINE_PIN_BOARD_NUM_ENTRIES", Integer.toString(b.pins.board.size()));
        b.env.define("MICROPY_PY_MACHINE_PIN_CPU_NUM_ENTRIES", Integer.toString(b.pins.cpu.size()));
        indexSources(b);
        findModules(b);

        JsonObject stubCounts = new JsonObject();
        List<String> written = new ArrayList<>();
        for (String module : b.modules.keySet()) {
            String text = emitModule(b, module);
            if (text == null) {
                continue;
            }
            Files.writeString(outDir.resolve(module + ".pyi"), text, StandardCharsets.UTF_8);
            written.add(module);
            stubCounts.addProperty(module, countDefinitions(text));
        }
        Files.writeString(outDir.resolve("__builtins__.pyi"), emitBuiltins(b), StandardCharsets.UTF_8);
        String standard = emitStandardBuiltins(b);
        if (standard != null) {
            Files.writeString(outDir.resolve(STANDARD_BUILTINS), standard, StandardCharsets.UTF_8);
        }
        JsonObject json = boardJson(b, written, stubCounts);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        Files.writeString(outDir.resolve("board.json"), gson.toJson(json) + "\n", StandardCharsets.UTF_8);
        return json;
    }

    // ---- configuration --------------------------------------------------------------------------------------------

    private List<Path> includeDirs(Board b) {
        List<Path> dirs = new ArrayList<>();
        if (b.spec.boardDir != null) {
            dirs.add(b.portDir.resolve("boards").resolve(b.spec.boardDir));
        }
        if (b.spec.variantDir != null) {
            dirs.add(b.portDir.resolve(b.spec.variantDir));
        }
        dirs.add(b.portDir);
        dirs.add(tree);
        return dirs;
    }

    private void configure(Board b) throws IOException {
        MacroEnv env = new MacroEnv();
        for (Map.Entry<String, String> d : b.spec.defines.entrySet()) {
            env.define(d.getKey(), d.getValue());
        }
        for (String sdk : b.spec.sdkconfigs) {
            // ESP-IDF sdkconfig defaults: CONFIG_X=y → #define CONFIG_X 1 (as sdkconfig.h does)
            for (String line : Files.readAllLines(tree.resolve(sdk), StandardCharsets.UTF_8)) {
                Matcher m = Pattern.compile("^(CONFIG_\\w+)=(.*)$").matcher(line.strip());
                if (m.matches() && !b.spec.defines.containsKey(m.group(1))) {
                    String v = m.group(2).strip();
                    if (v.equals("y")) {
                        env.define(m.group(1), "1");
                    } else if (!v.equals("n")) {
                        env.define(m.group(1), v);
                    }
                }
            }
        }
        Preprocessor cfg = new Preprocessor(tree, includeDirs(b), env, p -> true, true);
        cfg.process(tree.resolve("py/mpconfig.h"));
        for (Map.Entry<String, String> d : b.spec.sets.entrySet()) {
            env.define(d.getKey(), d.getValue());
        }
        for (String h : b.spec.configHeaders) {
            cfg.process(tree.resolve(h));
        }
        b.env = env;
    }

    private void indexSources(Board b) throws IOException {
        List<Path> files = new ArrayList<>();
        files.addAll(listC(b.portDir));
        files.addAll(listC(tree.resolve("extmod")));
        files.addAll(listC(tree.resolve("py")));
        files.addAll(listC(tree.resolve("shared/runtime")));
        files.add(tree.resolve("drivers/dht/dht.c"));
        for (String dir : b.spec.cModules) {
            files.addAll(listC(repository().resolve(dir)));
        }
        Path portDir = b.portDir;
        Path boardsDir = portDir.resolve("boards");
        CIndex index = new CIndex();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            Preprocessor pp = new Preprocessor(tree, includeDirs(b), b.env.copy(),
                    p -> p.toString().endsWith(".c") || p.startsWith(portDir) && !p.startsWith(boardsDir), false);
            String text = pp.process(f);
            String shown = f.startsWith(tree) ? tree.relativize(f).toString() : repository().relativize(f).toString();
            index.scan(text, shown, pp.env());
        }
        b.index = index;
    }

    /** mprt's repository: the folder above board-stubs/overrides (its firmware's C modules live there). */
    private Path repository() {
        return overrides.toAbsolutePath().normalize().getParent().getParent();
    }

    private static List<Path> listC(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".c")).sorted().toList();
        }
    }

    private void findModules(Board b) throws IOException {
        for (String m : b.index.registered.keySet()) {
            if (!m.equals("__main__")) {
                b.modules.put(m, "c");
            }
        }
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("PORT_DIR", b.portDir.toString());
        vars.put("MPY_DIR", tree.toString());
        vars.put("MPY_LIB_DIR", tree.resolve("lib/micropython-lib").toString());
        if (b.spec.boardDir != null) {
            vars.put("BOARD_DIR", b.portDir.resolve("boards").resolve(b.spec.boardDir).toString());
        }
        b.manifest = new Manifest(tree, vars);
        for (String m : b.spec.manifests) {
            b.manifest.read(tree.resolve(m));
        }
        for (Map.Entry<String, Path> e : b.manifest.modules.entrySet()) {
            if (Files.isRegularFile(e.getValue()) && !e.getKey().contains(".")) {
                b.modules.put(e.getKey(), "frozen");
                b.pythonFiles.put(e.getKey(), e.getValue());
                b.python.put(e.getKey(), PyScanner.scan(e.getValue()));
            }
        }
        for (String r : b.manifest.required) {
            if (r.matches("[A-Za-z_]\\w*") && !b.modules.containsKey(r)) {
                b.modules.put(r, "micropython-lib");
            }
        }
        for (String m : b.spec.modulesAdd) {
            b.modules.putIfAbsent(m, "override");
        }
        for (String m : b.spec.modulesRemove) {
            b.modules.remove(m);
        }
    }

    // =================================================================================================================
    // modules
    // =================================================================================================================

    /** A name of a module or class as the board has it, with where it comes from. */
    private record Name(String name, CIndex.Entry c, PyScanner.Def py, DocEntry doc) {
    }

    private String emitModule(Board b, String module) throws IOException {
        if (module.equals("builtins")) {
            return null; // the typeshed builtins stay; MicroPython's additions go to __builtins__.pyi
        }
        String how = b.modules.get(module);
        DocModule doc = docs.get(module);
        if (module.startsWith("_") && doc == null) {
            return null; // internal helper modules (_onewire, _asyncio, ...) behind documented ones
        }
        StringBuilder out = new StringBuilder();
        List<String> sources = new ArrayList<>();
        if (doc != null && !doc.source.isEmpty()) {
            sources.add(doc.source);
        }
        // the module's names, in source order
        LinkedHashMap<String, Name> names = new LinkedHashMap<>();
        boolean exact = true; // false when the names cannot be enumerated from the source
        switch (how) {
            case "c" -> {
                List<CIndex.Entry> globals = b.index.moduleGlobals(module);
                sources.add(b.index.registeredIn.get(module));
                if (globals == null) {
                    exact = false;
                    log.add(b.spec.id + ": " + module + ": globals table not found; using the docs");
                } else {
                    for (CIndex.Entry e : globals) {
                        names.putIfAbsent(e.name(), new Name(e.name(), e, null, null));
                    }
                    String file = b.index.registeredIn.get(module);
                    for (String a : b.index.delegatedAttrs.getOrDefault(file, List.of())) {
                        names.putIfAbsent(a, new Name(a, new CIndex.Entry(a, CIndex.Kind.OTHER, null, file), null,
                                null));
                    }
                }
            }
            case "frozen" -> {
                Path file = b.pythonFiles.get(module);
                sources.add(tree.relativize(file).toString());
                collectPython(b, module, file, b.python.get(module), names, new LinkedHashSet<>());
            }
            default -> exact = false;
        }
        for (Map.Entry<String, String> g : b.spec.globalsAdd.entrySet()) {
            if (g.getKey().startsWith(module + ".")) {
                String n = g.getKey().substring(module.length() + 1);
                names.put(n, new Name(n, new CIndex.Entry(n, CIndex.Kind.PTR, g.getValue(), "override"), null, null));
            }
        }
        for (String c : b.spec.classesAdd.keySet()) {
            if (c.startsWith(module + ".") && c.indexOf('.', module.length() + 1) < 0) {
                String n = c.substring(module.length() + 1);
                names.putIfAbsent(n, new Name(n, null, null, null));
            }
        }
        if (!exact && doc != null) {
            for (DocEntry e : doc.entries.values()) {
                if (availableByDocs(b, e)) {
                    names.putIfAbsent(e.name, new Name(e.name, null, null, null));
                }
            }
        }
        if (!exact && doc == null && names.isEmpty()) {
            // a micropython-lib package that is not in Debian's source tree and not documented
            return header(b, module, List.of("frozen from micropython-lib package '" + module
                    + "' (not in MicroPython's source tree)"))
                    + "\"\"\"Frozen from micropython-lib; its API is not documented in MicroPython's docs, so it is "
                    + "not stubbed.\"\"\"\n\nfrom typing import Any\n\ndef __getattr__(name: str) -> Any: ...\n";
        }
        names.keySet().removeIf(n -> b.spec.membersRemove.contains(module + "." + n));

        out.append(header(b, module, sources));
        String modDoc = doc == null ? "" : moduleDocstring(doc);
        if (how.equals("micropython-lib")) {
            modDoc = (modDoc + "\n\nFrozen into this board's firmware from micropython-lib (its source is not in "
                    + "MicroPython's tree; the API is from the docs).").strip();
        }
        Docstrings.write(out, "", modDoc.isEmpty() ? module + " module." : modDoc);
        out.append('\n');
        out.append("from typing import Any, Callable, ClassVar, Final, Literal, TypeVar, overload\n");
        Set<String> missing = new TreeSet<>();
        if (doc != null && exact) {
            for (DocEntry e : doc.entries.values()) {
                if (!names.containsKey(e.name)) {
                    missing.add(e.name);
                }
            }
        }
        if (!missing.isEmpty()) {
            out.append("\n# Documented, but not a global of this module on this board: ")
                    .append(String.join(", ", missing)).append('\n');
        }
        out.append('\n');
        if (module.equals("micropython")) {
            emitDecorators(b, out, names);
        }
        for (Name n : names.values()) {
            emitName(b, module, doc, n, out);
        }
        return normaliseBlankLines(out.toString());
    }

    private void collectPython(Board b, String module, Path file, PyScanner py, Map<String, Name> names,
            Set<Path> seen) throws IOException {
        if (py == null || !seen.add(file)) {
            return;
        }
        for (String star : py.starImports) {
            if (star.startsWith(".")) {
                Path sibling = file.getParent().resolve(star.substring(1).replace('.', '/') + ".py");
                if (Files.isRegularFile(sibling)) {
                    collectPython(b, module, sibling, PyScanner.scan(sibling), names, seen);
                }
            } else {
                List<CIndex.Entry> globals = b.index.moduleGlobals(star);
                if (globals != null) {
                    for (CIndex.Entry e : globals) {
                        if (!e.name().startsWith("__")) {
                            names.putIfAbsent(e.name(), new Name(e.name(), e, null, null));
                        }
                    }
                }
            }
        }
        for (PyScanner.Def d : py.defs.values()) {
            if (!d.name.startsWith("_")) {
                names.put(d.name, new Name(d.name, null, d, null));
            }
        }
        for (Map.Entry<String, String> imp : py.importedNames.entrySet()) {
            String n = imp.getKey();
            if (n.startsWith("_") || names.containsKey(n)) {
                continue;
            }
            String from = imp.getValue();
            if (from.startsWith(".")) {
                Path sibling = file.getParent().resolve(from.substring(1).replace('.', '/') + ".py");
                if (Files.isRegularFile(sibling)) {
                    PyScanner s = PyScanner.scan(sibling);
                    PyScanner.Def d = s.defs.get(n);
                    names.put(n, new Name(n, null, d, null));
                }
            } else {
                List<CIndex.Entry> globals = b.index.moduleGlobals(from);
                CIndex.Entry e = globals == null ? null
                        : globals.stream().filter(x -> x.name().equals(n)).findFirst().orElse(null);
                names.put(n, new Name(n, e, null, null));
            }
        }
        // lazily loaded attributes (extmod/asyncio/__init__.py: _attrs = {"name": "submodule", ...})
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher lazy = Pattern.compile("(?s)_attrs\\s*=\\s*\\{(.*?)\\}").matcher(text);
        if (lazy.find()) {
            Matcher kv = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"(\\w+)\"").matcher(lazy.group(1));
            while (kv.find()) {
                Path sub = file.getParent().resolve(kv.group(2) + ".py");
                PyScanner.Def d = null;
                if (Files.isRegularFile(sub)) {
                    d = PyScanner.scan(sub).defs.get(kv.group(1));
                }
                names.putIfAbsent(kv.group(1), new Name(kv.group(1), null, d, null));
            }
        }
    }

    private boolean availableByDocs(Board b, DocEntry e) {
        if (e.unavailability.contains(b.spec.port)) {
            return false;
        }
        return e.availability.isEmpty() || e.availability.contains(b.spec.port);
    }

    private String header(Board b, String module, List<String> sources) {
        StringBuilder h = new StringBuilder();
        h.append("# ").append(module).append(".pyi: MicroPython ").append(MICROPYTHON_VERSION)
                .append(" API stubs for the mprt board '").append(b.spec.id).append("'\n");
        if (!b.spec.description.isEmpty()) {
            h.append("# (").append(b.spec.description).append(").\n");
        }
        h.append("#\n");
        h.append("# Generated by mprt's board-stubs generator (dev.mprt.stubs.Main). Do not edit: change the\n");
        h.append("# generator or board-stubs/overrides/").append(b.spec.id)
                .append(".override and run board-stubs/generate.sh.\n");
        h.append("#\n");
        h.append("# Derived from MicroPython's documentation and source code (MIT License,\n");
        h.append("# Copyright (c) 2013-2025 Damien P. George and others; see MicroPython's LICENSE):\n");
        for (String s : new LinkedHashSet<>(sources)) {
            if (s != null) {
                h.append("#   ").append(s).append('\n');
            }
        }
        h.append('\n');
        return h.toString();
    }

    private static String moduleDocstring(DocModule doc) {
        String syn = doc.synopsis.replaceAll("^\\w+ --- ", "").replaceAll(":\\w+:`([^`]*)`", "$1");
        String body = Docstrings.clean(doc.doc);
        if (body.length() > 1500) {
            int cut = body.indexOf("\n\n", 600);
            body = cut > 0 ? body.substring(0, cut) : body.substring(0, 1500);
        }
        return (capitalise(syn) + (syn.endsWith(".") ? "" : ".") + "\n\n" + body).strip();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---- one name -------------------------------------------------------------------------------------------------

    private void emitName(Board b, String module, DocModule doc, Name n, StringBuilder out) {
        String name = n.name();
        if (name.startsWith("__") && name.endsWith("__")) {
            return; // __name__, __init__, __getattr__: module machinery, not API
        }
        if (PY_KEYWORDS.contains(name) || !name.matches("[A-Za-z_]\\w*")) {
            out.append("# '").append(name).append("' cannot be written in Python syntax\n\n");
            return;
        }
        String qual = module + "." + name;
        if (b.spec.docs.containsKey("pyi " + qual)) {
            out.append(b.spec.docs.get("pyi " + qual)).append("\n\n");
            return;
        }
        DocEntry d = doc == null ? null : doc.entries.get(name);
        CIndex.Entry c = n.c();
        PyScanner.Def py = n.py();
        // classes
        CIndex.CType type = c != null && c.kind() == CIndex.Kind.PTR ? b.index.types.get(c.symbol()) : null;
        if (type != null && !module.equals("builtins") && BUILTIN_TYPES.containsKey(c.symbol())) {
            type = null; // another module's name for a builtin type (socket.error = OSError): an alias below
        }
        if (b.spec.classesAdd.containsKey(qual) || type != null || py != null && py.kind.equals("class")
                || c == null && py == null && d != null && d.isClass()) {
            emitClass(b, module, name, type, d, py, out, "");
            return;
        }
        if (c != null && c.kind() == CIndex.Kind.PTR && BUILTIN_TYPES.containsKey(c.symbol())) {
            out.append(name).append(" = ").append(BUILTIN_TYPES.get(c.symbol())).append('\n');
            Docstrings.write(out, "", docText(b, qual, d));
            out.append('\n');
            return;
        }
        CIndex.CFun fun = c != null && c.kind() == CIndex.Kind.PTR ? b.index.funs.get(c.symbol()) : null;
        boolean callable = fun != null || py != null && py.kind.equals("def")
                || c == null && py == null && d != null && d.isCallable();
        if (c != null && c.kind() == CIndex.Kind.PTR && fun == null && d != null && d.isCallable()
                && !c.symbol().startsWith("mp_module_")) {
            callable = true; // a function object defined in a file outside the index
        }
        if (callable) {
            emitFunction(b, qual, name, d, fun, py, out, "", null);
            return;
        }
        if (c != null && c.kind() == CIndex.Kind.PTR && c.symbol().startsWith("mp_module_")) {
            out.append("import ").append(name).append(" as ").append(name).append('\n').append('\n');
            return;
        }
        emitData(b, qual, name, d, c, out, "");
    }

    private void emitData(Board b, String qual, String name, DocEntry d, CIndex.Entry c, StringBuilder out,
            String indent) {
        String type = b.spec.types.get(qual);
        if (type == null && c != null) {
            type = switch (c.kind()) {
                case INT -> "int";
                case STR -> "str";
                case BOOL -> "bool";
                case NONE -> "None";
                default -> null;
            };
        }
        if (type == null) {
            type = name.matches("[A-Z][A-Z0-9_]*") && d != null ? "int" : "Any";
        }
        out.append(indent).append(name).append(": ").append(type).append('\n');
        Docstrings.write(out, indent, docText(b, qual, d));
        out.append('\n');
    }

    private String docText(Board b, String qual, DocEntry d) {
        String text = d == null ? "" : Docstrings.clean(d.doc);
        String extra = b.spec.docs.get(qual);
        if (extra != null) {
            text = (text + "\n\n" + extra).strip();
        }
        return text;
    }

    // ---- functions ------------------------------------------------------------------------------------------------

    /**
     * @param self "self"/"cls" for methods, null for module functions and static methods
     */
    private void emitFunction(Board b, String qual, String name, DocEntry d, CIndex.CFun fun, PyScanner.Def py,
            StringBuilder out, String indent, String self) {
        List<String> rawSigs = new ArrayList<>();
        List<Boolean> async = new ArrayList<>();
        String override = b.spec.sigs.get(qual);
        if (override != null) {
            rawSigs.add(override);
            async.add(false);
        } else if (d != null && !d.signatures.isEmpty() && (d.isCallable() || d.isClass())) {
            rawSigs.addAll(d.signatures);
            async.addAll(d.asyncSignatures);
        } else if (py != null && py.signature != null) {
            rawSigs.add(py.signature);
            async.add(false);
        }
        List<Signature> sigs = new ArrayList<>();
        for (int i = 0; i < rawSigs.size(); i++) {
            Signature s = Signature.parse(rawSigs.get(i));
            s.isAsync = i < async.size() && async.get(i);
            if (self != null && !s.params.isEmpty() && s.params.get(0).name.equals("self")) {
                s.params.remove(0);
            }
            if (py != null && self != null && !s.params.isEmpty()
                    && (s.params.get(0).name.equals("self") || s.params.get(0).name.equals("cls"))) {
                s.params.remove(0);
            }
            s.normalise();
            sigs.add(s);
        }
        if (sigs.isEmpty()) {
            sigs.add(fromArity(fun, self != null));
        }
        if (override == null && !rawSigs.isEmpty() && py == null) {
            // the docs' parameters against what the C function accepts (int.from_bytes's byteorder is optional,
            // time.mktime takes its tuple although documented as mktime())
            CIndex.CFun arity = fun;
            boolean implicitFirst = self != null;
            if (fun != null && (fun.kind().equals("STATIC") || fun.kind().equals("CLASS"))) {
                arity = b.index.funs.get(fun.target());
                implicitFirst = fun.kind().equals("CLASS");
            }
            if (arity != null && !arity.takesKeywords() && !arity.kind().equals("STATIC")
                    && !arity.kind().equals("CLASS") && !name.equals("__init__")) {
                int skip = implicitFirst ? 1 : 0;
                int min = Math.max(0, arity.min() - skip);
                int max = arity.max() == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(0, arity.max() - skip);
                for (Signature s : sigs) {
                    // overloads describe the counts between them: only a single signature gains parameters
                    s.fitArity(min, sigs.size() == 1 ? max : Integer.MAX_VALUE);
                }
            }
        }
        // an overload that another one already covers (same leading parameters, the rest optional) would be
        // reported as never used: keep the wider one
        for (int i = 0; i < sigs.size(); i++) {
            for (int j = 0; j < sigs.size(); j++) {
                if (i != j && covers(sigs.get(j), sigs.get(i))) {
                    sigs.remove(i);
                    i = -1;
                    break;
                }
            }
        }
        boolean positionalOnly = fun != null && !fun.takesKeywords() && !fun.kind().equals("STATIC")
                && !fun.kind().equals("CLASS");
        if (fun != null && (fun.kind().equals("STATIC") || fun.kind().equals("CLASS"))) {
            CIndex.CFun inner = b.index.funs.get(fun.target());
            positionalOnly = inner != null && !inner.takesKeywords();
        }
        String ret = returnType(b, qual, name, d, self);
        String doc = docText(b, qual, d);
        if (doc.isEmpty() && py != null && py.doc != null) {
            doc = py.doc;
        }
        Set<String> rendered = new LinkedHashSet<>();
        for (Signature s : sigs) {
            if (positionalOnly && override == null) {
                s.makePositionalOnly();
            }
            for (Signature.Param p : s.params) {
                p.type = paramType(b, p);
            }
            rendered.add((s.isAsync ? "async " : "") + "def " + name + s.render(self) + " -> " + ret + ":");
        }
        String decorator = null;
        if (fun != null && fun.kind().equals("STATIC") || d != null && d.kind == DocEntry.Kind.STATICMETHOD
                && self != null) {
            decorator = "@staticmethod";
        } else if (fun != null && fun.kind().equals("CLASS") || d != null && d.kind == DocEntry.Kind.CLASSMETHOD
                && !name.equals("__init__")) {
            decorator = "@classmethod";
        } else if (py != null && py.decorator != null
                && (py.decorator.equals("staticmethod") || py.decorator.equals("classmethod"))) {
            decorator = "@" + py.decorator;
        }
        boolean overloaded = rendered.size() > 1;
        int k = 0;
        for (String r : rendered) {
            if (overloaded) {
                out.append(indent).append("@overload\n");
            }
            if (decorator != null) {
                out.append(indent).append(decorator).append('\n');
            }
            String line = r;
            if (decorator != null && self != null) {
                String first = decorator.equals("@staticmethod") ? "" : "cls";
                line = fixFirstParam(line, name, first);
            }
            out.append(indent).append(line).append('\n');
            if (k == rendered.size() - 1) {
                Docstrings.write(out, indent + "    ", doc);
            }
            out.append(indent).append("    ...\n");
            k++;
        }
        out.append('\n');
    }

    /** True when every call that {@code narrow} accepts by position and name is accepted by {@code wide}. */
    private static boolean covers(Signature wide, Signature narrow) {
        List<Signature.Param> w = wide.params;
        List<Signature.Param> n = narrow.params;
        if (n.size() > w.size() || w.size() == n.size() && wide.render(null).equals(narrow.render(null))
                && wide != narrow && System.identityHashCode(wide) > System.identityHashCode(narrow)) {
            return n.size() <= w.size() && wide.render(null).equals(narrow.render(null));
        }
        for (int k = 0; k < n.size(); k++) {
            if (!n.get(k).name.equals(w.get(k).name) || n.get(k).mode != w.get(k).mode) {
                return false;
            }
        }
        for (int k = n.size(); k < w.size(); k++) {
            Signature.Param p = w.get(k);
            boolean optional = p.defaultValue != null || p.mode == Signature.Mode.VAR_POSITIONAL
                    || p.mode == Signature.Mode.VAR_KEYWORD || p.name.equals("*");
            if (!optional) {
                return false;
            }
        }
        return n.size() < w.size();
    }

    private static String fixFirstParam(String line, String name, String first) {
        String prefix = "def " + name + "(";
        int i = line.indexOf(prefix) + prefix.length();
        String rest = line.substring(i);
        if (rest.startsWith("self, ")) {
            rest = rest.substring(6);
        } else if (rest.startsWith("self)")) {
            rest = rest.substring(4);
        } else if (rest.startsWith("self, /")) {
            rest = rest.substring(6);
        }
        String head = first.isEmpty() ? "" : first + (rest.startsWith(")") ? "" : ", ");
        String joined = head + rest;
        if (joined.startsWith("/, ")) {
            joined = joined.substring(3);
        } else if (joined.startsWith("/)")) {
            joined = joined.substring(1);
        }
        return line.substring(0, i) + joined;
    }

    private static Signature fromArity(CIndex.CFun fun, boolean method) {
        Signature s = new Signature();
        if (fun == null || fun.kind().equals("KW") || fun.kind().equals("STATIC") || fun.kind().equals("CLASS")) {
            return Signature.parse("(*args, **kwargs)").normalise();
        }
        int min = Math.max(0, fun.min() - (method ? 1 : 0));
        int max = fun.max() == Integer.MAX_VALUE ? Integer.MAX_VALUE : Math.max(0, fun.max() - (method ? 1 : 0));
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < min; i++) {
            sb.append(i == 0 ? "" : ", ").append("arg").append(i);
        }
        if (max == Integer.MAX_VALUE || max - min > 6) {
            sb.append(min == 0 ? "" : ", ").append("*args");
        } else {
            for (int i = min; i < max; i++) {
                sb.append(i == 0 ? "" : ", ").append("arg").append(i).append("=None");
            }
        }
        sb.append(")");
        s = Signature.parse(sb.toString());
        for (Signature.Param p : s.params) {
            if (p.defaultValue != null) {
                p.defaultValue = "...";
            }
        }
        s.normalise();
        s.makePositionalOnly();
        return s;
    }

    private String paramType(Board b, Signature.Param p) {
        if (p.mode == Signature.Mode.VAR_POSITIONAL || p.mode == Signature.Mode.VAR_KEYWORD) {
            return "Any";
        }
        if (p.name.equals("*")) {
            return null;
        }
        String byName = b.spec.paramTypes.get(p.name.replaceAll("_$", ""));
        String d = p.docDefault == null ? null : p.docDefault.strip();
        if (byName != null) {
            return d != null && d.equals("None") && !byName.contains("None") ? byName + " | None" : byName;
        }
        if (d == null) {
            return null;
        }
        if (d.equals("True") || d.equals("False")) {
            return "bool";
        }
        if (d.matches("-?\\d+") || d.matches("-?0[xX][0-9a-fA-F]+")) {
            return "int";
        }
        if (d.matches("-?\\d+\\.\\d*([eE]-?\\d+)?")) {
            return "float";
        }
        if (d.matches("'[^']*'|\"[^\"]*\"")) {
            return "str";
        }
        if (d.matches("\\(?\\s*([A-Za-z_]\\w*\\.)?[A-Z][A-Z0-9_]*(\\s*\\|\\s*([A-Za-z_]\\w*\\.)?[A-Z][A-Z0-9_]*)*\\s*\\)?")) {
            return "int"; // a class or module constant, or several OR'ed together
        }
        return null;
    }

    private static final Pattern RETURNS = Pattern.compile(
            "(?i)^(?:this (?:function|method) )?returns? (?:an? |the )?([a-z ]{0,40}?)(?:\\.|,| of| which| that| with| representing| containing| giving| in|$)");

    private String returnType(Board b, String qual, String name, DocEntry d, String self) {
        String o = b.spec.returns.get(qual);
        if (o != null) {
            return o;
        }
        if (name.equals("__init__")) {
            return "None";
        }
        if (d == null || d.signatures.size() != 1 || d.signatures.get(0).contains("[")) {
            return "Any";
        }
        String first = Docstrings.clean(d.doc).replace('\n', ' ');
        for (String sentence : first.split("(?<=\\.)\\s+")) {
            Matcher m = RETURNS.matcher(sentence.strip());
            if (m.find()) {
                String what = m.group(1).strip().toLowerCase(Locale.ROOT);
                if (what.matches("(non-negative |positive |signed |unsigned |small )?(integer|int|number of [a-z ]+)")) {
                    return "int";
                }
                if (what.matches("(new )?bytes( object)?")) {
                    return "bytes";
                }
                if (what.matches("(new )?string")) {
                    return "str";
                }
                if (what.equals("boolean") || what.equals("bool")) {
                    return "bool";
                }
                if (what.matches("`?none`?")) {
                    return "None";
                }
                return "Any";
            }
        }
        return "Any";
    }

    // ---- classes --------------------------------------------------------------------------------------------------

    private void emitClass(Board b, String module, String name, CIndex.CType type, DocEntry d, PyScanner.Def py,
            StringBuilder out, String indent) {
        String qual = module + "." + name;
        // bases
        List<String> bases = new ArrayList<>();
        if (type != null && type.parent() != null) {
            String parent = type.parent();
            CIndex.CType pt = b.index.types.get(parent);
            if (BUILTIN_TYPES.containsKey(parent)) {
                bases.add(BUILTIN_TYPES.get(parent));
            } else if (pt != null && moduleHasName(b, module, pt.name())) {
                bases.add(pt.name());
            }
        }
        if (py != null && py.signature != null && !py.signature.isBlank()) {
            for (String base : py.signature.replaceAll("[()]", "").split(",")) {
                String bn = base.strip();
                if (bn.contains(".")) {
                    bn = bn.substring(bn.lastIndexOf('.') + 1);
                }
                if (!bn.isEmpty() && moduleHasName(b, module, bn) && !bn.equals(name)) {
                    bases.add(bn);
                } else if (bn.equals("Exception") || bn.equals("object")) {
                    bases.add(bn);
                }
            }
        }
        if (bases.isEmpty() && d != null && d.kind == DocEntry.Kind.EXCEPTION) {
            bases.add("Exception");
        }
        bases.remove("object");
        Set<String> baseMembers = new LinkedHashSet<>();
        for (String base : bases) {
            List<CIndex.Entry> g = b.index.moduleGlobals(module);
            PyScanner pyMod = b.python.get(module);
            if (g == null && pyMod != null) {
                for (String star : pyMod.starImports) {
                    if (b.index.moduleGlobals(star) != null) {
                        g = b.index.moduleGlobals(star);
                    }
                }
            }
            if (g != null) {
                for (CIndex.Entry e : g) {
                    CIndex.CType bt = e.name().equals(base) && e.kind() == CIndex.Kind.PTR
                            ? b.index.types.get(e.symbol()) : null;
                    List<CIndex.Entry> bl = bt == null ? null : b.index.typeLocals(bt);
                    if (bl != null) {
                        bl.forEach(x -> baseMembers.add(x.name()));
                    }
                }
            }
        }
        out.append(indent).append("class ").append(name);
        if (!bases.isEmpty()) {
            out.append("(").append(String.join(", ", bases)).append(")");
        }
        out.append(":\n");
        String inner = indent + "    ";
        Docstrings.write(out, inner, docText(b, qual, d));
        int before = out.length();

        // members: from the C locals dict, the Python class body, or (when neither is known) the docs
        LinkedHashMap<String, Object[]> members = new LinkedHashMap<>(); // name → {CIndex.Entry, PyScanner.Def}
        List<CIndex.Entry> locals = type == null ? null : b.index.typeLocals(type);
        List<String> declared = b.spec.classesAdd.get(qual);
        boolean exact = locals != null || py != null || declared != null;
        if (declared != null) {
            for (String m : declared) {
                members.put(m, new Object[] {null, null});
            }
        } else if (locals != null) {
            for (CIndex.Entry e : locals) {
                members.putIfAbsent(e.name(), new Object[] {e, null});
            }
        }
        if (py != null) {
            for (PyScanner.Def m : py.members.values()) {
                if (!m.name.startsWith("_") || m.name.equals("__init__") || m.name.startsWith("__")
                        && m.name.endsWith("__")) {
                    members.putIfAbsent(m.name, new Object[] {null, m});
                }
            }
        }
        boolean dynamicAttrs = type != null && type.slots().containsKey("attr");
        if (d != null) {
            for (DocEntry m : d.members.values()) {
                boolean dunder = m.name.startsWith("__") && m.name.endsWith("__");
                boolean keep = !exact && availableByDocs(b, m)
                        || dynamicAttrs && m.isData() && declared == null
                        || dunder && !m.name.equals("__init__") && declared == null && slotFor(type, m.name);
                if (keep) {
                    members.putIfAbsent(m.name, new Object[] {null, null});
                }
            }
        }
        members.keySet().removeIf(m -> b.spec.membersRemove.contains(qual + "." + m));

        // constructor
        boolean hasCtor = type == null ? true : type.slots().containsKey("make_new");
        if (declared != null) {
            hasCtor = declared.contains("__init__");
            members.remove("__init__");
        }
        if (hasCtor && !members.containsKey("__init__")) {
            String ctorQual = qual + ".__init__";
            DocEntry ctorDoc = null;
            if (d != null && !d.signatures.isEmpty()) {
                ctorDoc = new DocEntry(DocEntry.Kind.METHOD, module, "__init__");
                ctorDoc.signatures.addAll(d.signatures);
                ctorDoc.asyncSignatures.addAll(d.asyncSignatures);
            } else if (d != null && d.members.containsKey("__init__")) {
                ctorDoc = d.members.get("__init__");
            }
            PyScanner.Def pyInit = py == null ? null : py.members.get("__init__");
            if (ctorDoc != null || pyInit != null || b.spec.sigs.containsKey(ctorQual)) {
                emitFunction(b, ctorQual, "__init__", ctorDoc == null ? null : stripDoc(ctorDoc), null, pyInit, out,
                        inner, "self");
            } else if (type != null) {
                out.append(inner).append("def __init__(self, *args: Any, **kwargs: Any) -> None: ...\n\n");
            }
        }
        if (type != null && type.slots().containsKey("call") && !members.containsKey("__call__")) {
            DocEntry callDoc = memberDoc(module, name, "__call__", d);
            if (callDoc != null) {
                members.put("__call__", new Object[] {null, null});
            }
        }

        for (Map.Entry<String, Object[]> m : members.entrySet()) {
            String mn = m.getKey();
            if (mn.equals("__init__") && !hasCtor) {
                continue;
            }
            if (PY_KEYWORDS.contains(mn) || !mn.matches("[A-Za-z_]\\w*")) {
                out.append(inner).append("# '").append(mn).append("' cannot be written in Python syntax\n");
                continue;
            }
            CIndex.Entry ce = (CIndex.Entry) m.getValue()[0];
            PyScanner.Def pm = (PyScanner.Def) m.getValue()[1];
            DocEntry md = memberDoc(module, name, mn, d);
            if (md == null && type != null) {
                md = siblingDoc(b, module, type, mn);
            }
            String mq = qual + "." + mn;
            if (b.spec.docs.containsKey("pyi " + mq)) {
                for (String l : b.spec.docs.get("pyi " + mq).split("\n")) {
                    out.append(inner).append(l).append('\n');
                }
                out.append('\n');
                continue;
            }
            CIndex.CType nested = ce != null && ce.kind() == CIndex.Kind.PTR ? b.index.types.get(ce.symbol()) : null;
            if (nested != null && (mn.equals("board") || mn.equals("cpu"))) {
                emitPinNames(b, mn, inner, out, name);
                continue;
            }
            if (declared != null && (mn.equals("board") || mn.equals("cpu"))) {
                emitPinNames(b, mn, inner, out, name);
                continue;
            }
            if (nested != null) {
                emitClass(b, module, mn, nested, md, null, out, inner);
                continue;
            }
            CIndex.CFun fun = ce != null && ce.kind() == CIndex.Kind.PTR ? b.index.funs.get(ce.symbol()) : null;
            boolean callable = fun != null || pm != null && pm.kind.equals("def")
                    || ce == null && pm == null && md != null && md.isCallable()
                    || ce != null && ce.kind() == CIndex.Kind.PTR && md != null && md.isCallable();
            if (callable) {
                String self = "self";
                int at = out.length();
                emitFunction(b, mq, mn, md, fun, pm, out, inner, self);
                if (baseMembers.contains(mn) && pm != null) {
                    // a Python subclass redefines a method of its C base with another signature, as the real
                    // code does; say so instead of failing the type checker's override check
                    String added = out.substring(at);
                    out.setLength(at);
                    out.append(added.replaceFirst("(def " + mn + "\\(.*:)\n",
                            "$1  # pyright: ignore[reportIncompatibleMethodOverride]\n"));
                }
            } else {
                String t = b.spec.types.get(mq);
                if (t == null && ce != null) {
                    t = switch (ce.kind()) {
                        case INT -> "int";
                        case STR -> "str";
                        case BOOL -> "bool";
                        case NONE -> "None";
                        default -> null;
                    };
                }
                if (t == null) {
                    t = mn.matches("[A-Z][A-Z0-9_]*") ? "int" : "Any";
                }
                boolean constant = mn.matches("[A-Z][A-Z0-9_]*") || ce != null;
                out.append(inner).append(mn).append(": ").append(constant ? "ClassVar[" + t + "]" : t).append('\n');
                Docstrings.write(out, inner, docText(b, mq, md));
                out.append('\n');
            }
        }
        if (type != null && type.slots().containsKey("attr") && type.localsDict() == null
                && !members.containsKey("__getattr__")) {
            // attributes computed entirely at run time (a uctypes.struct's fields come from its layout descriptor)
            out.append(inner).append("def __getattr__(self, name: str) -> Any: ...\n\n");
        }
        if (out.length() == before) {
            out.append(inner).append("...\n");
        }
        out.append('\n');
    }

    private static DocEntry stripDoc(DocEntry ctor) {
        DocEntry e = new DocEntry(DocEntry.Kind.METHOD, ctor.module, "__init__");
        e.signatures.addAll(ctor.signatures);
        e.asyncSignatures.addAll(ctor.asyncSignatures);
        return e;
    }

    private static boolean slotFor(CIndex.CType type, String dunder) {
        if (type == null) {
            return true;
        }
        Map<String, String> s = type.slots();
        return switch (dunder) {
            case "__getitem__", "__setitem__", "__delitem__" -> s.containsKey("subscr");
            case "__iter__", "__next__" -> s.containsKey("iter");
            case "__call__" -> s.containsKey("call");
            case "__len__", "__bool__", "__hash__" -> s.containsKey("unary_op");
            case "__contains__", "__add__", "__iadd__", "__eq__" -> s.containsKey("binary_op");
            case "__str__", "__repr__" -> s.containsKey("print");
            case "__enter__", "__exit__" -> false;
            default -> false;
        };
    }

    /** The doc of a member of another class of the module that shares this type's locals (SoftI2C ← I2C). */
    private DocEntry siblingDoc(Board b, String module, CIndex.CType type, String member) {
        List<CIndex.Entry> globals = b.index.moduleGlobals(module);
        DocModule dm = docs.get(module);
        if (globals == null || dm == null || type.localsDict() == null) {
            return null;
        }
        for (CIndex.Entry e : globals) {
            CIndex.CType other = e.kind() == CIndex.Kind.PTR ? b.index.types.get(e.symbol()) : null;
            if (other != null && other != type && type.localsDict().equals(other.localsDict())) {
                DocEntry c = dm.entries.get(e.name());
                if (c != null && c.members.containsKey(member)) {
                    return c.members.get(member);
                }
            }
        }
        return null;
    }

    /** The doc of a class member: the class's own, else the same class documented in another module. */
    private DocEntry memberDoc(String module, String cls, String member, DocEntry classDoc) {
        if (classDoc != null && classDoc.members.containsKey(member)) {
            return classDoc.members.get(member);
        }
        for (DocModule m : docs.values()) {
            if (m.name.equals(module)) {
                continue;
            }
            DocEntry c = m.entries.get(cls);
            if (c != null && c.members.containsKey(member)) {
                return c.members.get(member);
            }
        }
        return null;
    }

    private boolean moduleHasName(Board b, String module, String name) {
        List<CIndex.Entry> g = b.index.moduleGlobals(module);
        if (g != null && g.stream().anyMatch(e -> e.name().equals(name))) {
            return true;
        }
        PyScanner py = b.python.get(module);
        if (py != null) {
            if (py.defs.containsKey(name) || py.importedNames.containsKey(name)) {
                return true;
            }
            for (String star : py.starImports) {
                List<CIndex.Entry> sg = b.index.moduleGlobals(star);
                if (sg != null && sg.stream().anyMatch(e -> e.name().equals(name))) {
                    return true;
                }
            }
        }
        return false;
    }

    private void emitPinNames(Board b, String which, String indent, StringBuilder out, String pinClass) {
        out.append(indent).append("class ").append(which).append(":\n");
        String inner = indent + "    ";
        Docstrings.write(out, inner, which.equals("board")
                ? "The board's named pins (from " + String.join(", ", b.pins.sources) + ")."
                : "The MCU's pins by their CPU names.");
        List<String> names = which.equals("board") ? new ArrayList<>(b.pins.board.keySet()) : b.pins.cpu;
        int written = 0;
        for (String n : names) {
            if (n.matches("[A-Za-z_]\\w*") && !PY_KEYWORDS.contains(n)) {
                out.append(inner).append(n).append(": ClassVar[").append(pinClass).append("]\n");
                written++;
            }
        }
        if (written == 0) {
            out.append(inner).append("# this board defines no named pins\n").append(inner).append("...\n");
        }
        out.append('\n');
    }

    // ---- micropython's compiler decorators and __builtins__ -------------------------------------------------------

    private boolean enabled(Board b, String macro) {
        return ExprEval.eval(macro, b.env) != 0;
    }

    private void emitDecorators(Board b, StringBuilder out, Map<String, Name> names) {
        out.append("_F = TypeVar(\"_F\", bound=Callable[..., Any])\n\n");
        List<String> decorators = new ArrayList<>();
        decorators.add("bytecode");
        if (enabled(b, "MICROPY_EMIT_NATIVE")) {
            decorators.add("native");
            decorators.add("viper");
        }
        if (enabled(b, "MICROPY_EMIT_INLINE_THUMB")) {
            decorators.add("asm_thumb");
        }
        if (enabled(b, "MICROPY_EMIT_INLINE_XTENSA")) {
            decorators.add("asm_xtensa");
        }
        if (enabled(b, "MICROPY_EMIT_INLINE_RV32")) {
            decorators.add("asm_rv32");
        }
        for (String dec : decorators) {
            names.remove(dec);
            out.append("def ").append(dec).append("(func: _F, /) -> _F:\n");
            Docstrings.write(out, "    ", b.spec.docs.getOrDefault("micropython." + dec, ""));
            out.append("    ...\n\n");
        }
    }

    private String emitBuiltins(Board b) {
        StringBuilder out = new StringBuilder(header(b, "__builtins__", List.of("py/parse.c (const)",
                "py/emitnative.c, py/nativeglue.c (viper types)")));
        Docstrings.write(out, "", "Names MicroPython adds to the builtins of a module: `const()`, recognised by "
                + "the parser without an import, and, where the port has a native code emitter, the type and cast "
                + "names of `@micropython.viper` code.\n\nType checkers such as Pyright read this file from the root "
                + "of their stub path.");
        out.append('\n');
        out.append("from typing import Any, TypeVar\n\n");
        out.append("_T = TypeVar(\"_T\")\n\n");
        out.append("def const(expr: _T, /) -> _T:\n");
        Docstrings.write(out, "    ", b.spec.docs.getOrDefault("__builtins__.const", ""));
        out.append("    ...\n\n");
        if (enabled(b, "MICROPY_EMIT_NATIVE")) {
            out.append("class uint(int):\n");
            Docstrings.write(out, "    ", b.spec.docs.getOrDefault("__builtins__.uint", ""));
            out.append("    ...\n\n");
            for (String p : List.of("ptr", "ptr8", "ptr16", "ptr32")) {
                out.append("class ").append(p).append(":\n");
                Docstrings.write(out, "    ", b.spec.docs.getOrDefault("__builtins__." + p, ""));
                out.append("    def __init__(self, obj: Any, /) -> None: ...\n");
                out.append("    def __int__(self) -> int: ...\n");
                if (!p.equals("ptr")) {
                    out.append("    def __getitem__(self, index: int, /) -> int: ...\n");
                    out.append("    def __setitem__(self, index: int, value: int, /) -> None: ...\n");
                }
                out.append('\n');
            }
        }
        return normaliseBlankLines(out.toString());
    }

    /**
     * The standard builtins ({@code mp_module_builtins_globals_table} in py/modbuiltins.c with the port's
     * configuration, plus the port's extra builtins such as {@code open}/{@code input}): functions with their C
     * argument counts, types as classes with their C methods, exceptions with their C hierarchy; documentation and
     * the handful of documented signatures from docs/library/builtins.rst. Its doc signatures are mostly bare
     * {@code name()} (no parameters listed), so those are ignored in favour of the C argument counts.
     */
    private String emitStandardBuiltins(Board b) {
        List<CIndex.Entry> globals = b.index.moduleGlobals("builtins");
        if (globals == null) {
            log.add(b.spec.id + ": builtins: globals table not found");
            return null;
        }
        DocModule doc = docs.get("builtins");
        StringBuilder out = new StringBuilder(header(b, "builtins", List.of(
                doc == null || doc.source.isEmpty() ? "docs/library/builtins.rst" : doc.source,
                b.index.registeredIn.getOrDefault("builtins", "py/modbuiltins.c"), "py/objexcept.c")));
        Docstrings.write(out, "", "The builtin functions, types and exceptions of this board (the `builtins` "
                + "module), as its firmware is configured.\n\nmprt reads this file together with `__builtins__.pyi`. "
                + "It is not named `builtins.pyi` because on a type checker's stub path that would replace the "
                + "checker's own builtins.");
        out.append('\n');
        out.append("from typing import Any, Callable, ClassVar, Final, Literal, TypeVar, overload\n\n");
        for (CIndex.Entry e : globals) {
            emitName(b, "builtins", doc, new Name(e.name(), e, null, null), out);
        }
        return normaliseBlankLines(out.toString());
    }

    // ---- board.json -----------------------------------------------------------------------------------------------

    private JsonObject boardJson(Board b, List<String> written, JsonObject stubCounts) {
        JsonObject j = new JsonObject();
        j.addProperty("id", b.spec.id);
        j.addProperty("description", b.spec.description);
        j.addProperty("micropython", MICROPYTHON_VERSION);
        j.addProperty("port", b.spec.port);
        if (b.spec.boardDir != null) {
            j.addProperty("board", b.spec.boardDir);
        }
        if (b.spec.variantDir != null) {
            j.addProperty("variant", b.spec.variantDir);
        }
        j.addProperty("arch", b.spec.arch);
        MacroEnv.Macro platform = b.env.get("MICROPY_PY_SYS_PLATFORM");
        if (platform != null) {
            j.addProperty("sysPlatform", platform.body().replace("\"", ""));
        }
        JsonObject emit = new JsonObject();
        emit.addProperty("native", enabled(b, "MICROPY_EMIT_NATIVE"));
        emit.addProperty("viper", enabled(b, "MICROPY_EMIT_NATIVE"));
        emit.addProperty("asm_thumb", enabled(b, "MICROPY_EMIT_INLINE_THUMB"));
        emit.addProperty("asm_xtensa", enabled(b, "MICROPY_EMIT_INLINE_XTENSA"));
        emit.addProperty("asm_rv32", enabled(b, "MICROPY_EMIT_INLINE_RV32"));
        j.add("emitters", emit);
        JsonObject features = new JsonObject();
        for (String f : List.of("MICROPY_PY_SYS_SETTRACE", "MICROPY_PY_THREAD", "MICROPY_PY_ASYNCIO",
                "MICROPY_ENABLE_SCHEDULER", "MICROPY_PY_MICROPYTHON_HEAP_LOCKED", "MICROPY_PY_MACHINE_TIMER",
                "MICROPY_PY_MACHINE_DISABLE_IRQ_ENABLE_IRQ")) {
            features.addProperty(f, enabled(b, f));
        }
        features.addProperty("MICROPY_FLOAT_IMPL", floatImpl(b));
        features.addProperty("MICROPY_OBJ_REPR", objRepr(b));
        features.addProperty("MICROPY_SCHEDULER_DEPTH", ExprEval.eval("MICROPY_SCHEDULER_DEPTH", b.env));
        features.addProperty("MICROPY_EMERGENCY_EXCEPTION_BUF",
                enabled(b, "MICROPY_ENABLE_EMERGENCY_EXCEPTION_BUF && MICROPY_EMERGENCY_EXCEPTION_BUF_SIZE == 0"));
        j.add("features", features);
        JsonObject mods = new JsonObject();
        for (Map.Entry<String, String> m : b.modules.entrySet()) {
            mods.addProperty(m.getKey(), m.getValue());
        }
        j.add("modules", mods);
        JsonArray stubs = new JsonArray();
        written.forEach(stubs::add);
        j.add("stubs", stubs);
        j.add("definitions", stubCounts);
        JsonArray req = new JsonArray();
        b.manifest.required.forEach(req::add);
        j.add("micropythonLib", req);
        JsonObject pins = new JsonObject();
        JsonObject board = new JsonObject();
        b.pins.board.forEach(board::addProperty);
        pins.add("board", board);
        JsonArray cpu = new JsonArray();
        b.pins.cpu.forEach(cpu::add);
        pins.add("cpu", cpu);
        JsonArray numeric = new JsonArray();
        b.pins.numeric.forEach(numeric::add);
        pins.add("numeric", numeric);
        JsonArray src = new JsonArray();
        b.pins.sources.forEach(src::add);
        pins.add("sources", src);
        j.add("pins", pins);
        // IRQ facts: which classes have irq() and with which keywords (from the stubs), plus the override's facts
        JsonObject facts = new JsonObject();
        for (Map.Entry<String, String> f : b.spec.facts.entrySet()) {
            JsonElement v = JsonParser.parseString(f.getValue());
            facts.add(f.getKey(), v);
        }
        j.add("facts", facts);
        return j;
    }

    private String floatImpl(Board b) {
        long v = ExprEval.eval("MICROPY_FLOAT_IMPL", b.env);
        if (v == ExprEval.eval("MICROPY_FLOAT_IMPL_FLOAT", b.env)) {
            return "float";
        }
        if (v == ExprEval.eval("MICROPY_FLOAT_IMPL_DOUBLE", b.env)) {
            return "double";
        }
        return "none";
    }

    private String objRepr(Board b) {
        long v = ExprEval.eval("MICROPY_OBJ_REPR", b.env);
        for (String r : List.of("A", "B", "C", "D")) {
            if (v == ExprEval.eval("MICROPY_OBJ_REPR_" + r, b.env)) {
                return r;
            }
        }
        return "?";
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static int countDefinitions(String pyi) {
        int n = 0;
        for (String l : pyi.split("\n")) {
            String t = l.strip();
            if (t.startsWith("def ") || t.startsWith("async def ") || t.startsWith("class ")
                    || t.matches("[A-Za-z_]\\w*: .*") || t.matches("[A-Za-z_]\\w* = [A-Za-z_]\\w*")) {
                n++;
            }
        }
        return n;
    }

    /** At most two blank lines in a row, none at the end, exactly one trailing newline. */
    static String normaliseBlankLines(String s) {
        String t = s.replaceAll("\n{4,}", "\n\n\n").replaceAll("\\s+$", "");
        return t + "\n";
    }

    /** Sorted list of the boards' overrides, for the README and tests. */
    public static List<String> boards() {
        return BOARDS;
    }

    static Comparator<String> byName() {
        return Comparator.naturalOrder();
    }
}
