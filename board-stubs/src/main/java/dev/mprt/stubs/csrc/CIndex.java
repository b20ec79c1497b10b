package dev.mprt.stubs.csrc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the active C text of one board says about its Python-visible API: registered modules, module globals
 * tables, types (classes) with their locals tables, and function objects with their argument counts.
 */
public final class CIndex {

    /** Kind of a table entry's value. */
    public enum Kind { INT, STR, NONE, BOOL, PTR, OTHER }

    /** One {@code { MP_ROM_QSTR(MP_QSTR_name), value }} entry. */
    public record Entry(String name, Kind kind, String symbol, String file) {
    }

    /** {@code MP_DEFINE_CONST_OBJ_TYPE(symbol, MP_QSTR_name, flags, slot, value, ...)}. */
    public record CType(String symbol, String name, Map<String, String> slots, String file) {
        public String localsDict() {
            String v = slots.get("locals_dict");
            return v == null ? null : v.replace("&", "").replaceAll("\\(.*?\\)", "").strip();
        }

        public String parent() {
            String v = slots.get("parent");
            return v == null ? null : v.replace("&", "").strip();
        }
    }

    /** A function object: {@code kind} is 0..3, VAR, VAR_BETWEEN, KW, STATIC, CLASS. */
    public record CFun(String symbol, String kind, int min, int max, String target, String file) {
        public boolean takesKeywords() {
            return kind.equals("KW");
        }
    }

    /** tables and dicts by name, and by "file#name" (static symbols are local to their file) */
    public final Map<String, List<Entry>> tables = new LinkedHashMap<>();
    public final Map<String, String> dictToTable = new LinkedHashMap<>();
    private final Map<String, List<Entry>> localTables = new LinkedHashMap<>();
    private final Map<String, String> localDicts = new LinkedHashMap<>();
    private final Map<String, String> dictFile = new LinkedHashMap<>();
    public final Map<String, CType> types = new LinkedHashMap<>();
    public final Map<String, String> moduleToDict = new LinkedHashMap<>();
    /** module name → module object symbol, in registration order; later (port) registrations replace earlier ones */
    public final Map<String, String> registered = new LinkedHashMap<>();
    public final Map<String, String> registeredIn = new LinkedHashMap<>();
    public final Map<String, CFun> funs = new LinkedHashMap<>();
    /**
     * file → attribute names a module serves through {@code mp_module_generic_attr} (MICROPY_MODULE_ATTR_DELEGATION:
     * {@code sys.path}, {@code sys.ps1}, {@code sys.tracebacklimit}), from the active part of its key array
     */
    public final Map<String, List<String>> delegatedAttrs = new LinkedHashMap<>();

    private static final Pattern TABLE = Pattern.compile(
            "mp_rom_map_elem_t\\s+(\\w+)\\s*\\[\\s*\\]\\s*=\\s*\\{(.*?)\\n?\\s*\\}\\s*;", Pattern.DOTALL);
    private static final Pattern ENTRY = Pattern.compile(
            "\\{\\s*MP_ROM_QSTR\\s*\\(\\s*MP_QSTR_(\\w+)\\s*\\)\\s*,\\s*(.+?)\\s*\\}\\s*(?:,|$)", Pattern.DOTALL);
    private static final Pattern DICT = Pattern.compile(
            "MP_DEFINE_CONST_DICT(?:_WITH_SIZE)?\\s*\\(\\s*(\\w+)\\s*,\\s*(\\w+)");
    private static final Pattern EXCEPTION = Pattern.compile(
            "MP_DEFINE_EXCEPTION\\s*\\(\\s*(\\w+)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern TYPE = Pattern.compile("MP_DEFINE_CONST_OBJ_TYPE\\s*\\(");
    private static final Pattern MODULE = Pattern.compile(
            "mp_obj_module_t\\s+(\\w+)\\s*=\\s*\\{(.*?)\\}\\s*;", Pattern.DOTALL);
    private static final Pattern MODULE_GLOBALS = Pattern.compile("\\.globals\\s*=\\s*\\([^)]*\\)\\s*&\\s*(\\w+)");
    private static final Pattern REGISTER = Pattern.compile(
            "MP_REGISTER_(?:EXTENSIBLE_)?MODULE\\s*\\(\\s*MP_QSTR_(\\w+)\\s*,\\s*(\\w+)\\s*\\)");
    private static final Pattern FUN = Pattern.compile(
            "MP_DEFINE_CONST_FUN_OBJ_(\\d|VAR_BETWEEN|VAR|KW)\\s*\\(\\s*(\\w+)\\s*,([^;]*?)\\)\\s*;");
    private static final Pattern STATIC_CLASS = Pattern.compile(
            "MP_DEFINE_CONST_(STATIC|CLASS)METHOD_OBJ\\s*\\(\\s*(\\w+)\\s*,\\s*MP_ROM_PTR\\s*\\(\\s*&\\s*(\\w+)\\s*\\)\\s*\\)");
    private static final Pattern GENERIC_ATTR = Pattern.compile(
            "mp_module_generic_attr\\s*\\(\\s*\\w+\\s*,\\s*\\w+\\s*,\\s*(\\w+)");
    private static final Pattern QSTR = Pattern.compile("MP_QSTR_(\\w+)");
    private static final Pattern IDENT = Pattern.compile("\\b[A-Za-z_]\\w*\\b");

    /** Scans the active text of one file. {@code env} expands the macros that add table entries. */
    public void scan(String text, String file, MacroEnv env) {
        Matcher m = TABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            String body = expandEntryMacros(m.group(2), env);
            List<Entry> entries = new ArrayList<>();
            Matcher e = ENTRY.matcher(body);
            while (e.find()) {
                entries.add(entry(e.group(1), e.group(2).strip(), file));
            }
            tables.putIfAbsent(name, entries);
            localTables.putIfAbsent(file + "#" + name, entries);
        }
        m = DICT.matcher(text);
        while (m.find()) {
            dictToTable.putIfAbsent(m.group(1), m.group(2));
            dictFile.putIfAbsent(m.group(1), file);
            localDicts.putIfAbsent(file + "#" + m.group(1), m.group(2));
            if (m.group(0).contains("WITH_SIZE")) {
                slice(text, m.end(2), m.group(1), m.group(2), file, env);
            }
        }
        m = TYPE.matcher(text);
        while (m.find()) {
            int open = m.end() - 1;
            List<String> args = new ArrayList<>();
            int end = MacroEnv.splitArgs(text, open, args);
            if (end < 0 || args.size() < 2) {
                continue;
            }
            String sym = args.get(0).strip();
            String qname = args.get(1).strip().replaceFirst("^MP_QSTR_", "");
            Map<String, String> slots = new LinkedHashMap<>();
            for (int i = 3; i + 1 < args.size(); i += 2) {
                String value = args.get(i + 1).strip();
                MacroEnv.Macro alias = env.get(value.replace("&", "").strip());
                if (alias != null && alias.params() == null && alias.body().strip().matches("\\w+")) {
                    value = "&" + alias.body().strip(); // #define mp_obj_bytes_locals_dict mp_obj_str_locals_dict
                }
                slots.put(args.get(i).strip(), value);
            }
            types.putIfAbsent(sym, new CType(sym, qname, slots, file));
        }
        m = EXCEPTION.matcher(text);
        while (m.find()) {
            // MP_DEFINE_EXCEPTION(Name, Base) (py/objexcept.h): a type with the exception slots and a parent
            Map<String, String> slots = new LinkedHashMap<>();
            slots.put("make_new", "mp_obj_exception_make_new");
            slots.put("attr", "mp_obj_exception_attr");
            slots.put("parent", "&mp_type_" + m.group(2));
            types.putIfAbsent("mp_type_" + m.group(1), new CType("mp_type_" + m.group(1), m.group(1), slots, file));
        }
        m = MODULE.matcher(text);
        while (m.find()) {
            Matcher g = MODULE_GLOBALS.matcher(m.group(2));
            if (g.find()) {
                moduleToDict.putIfAbsent(m.group(1), g.group(1));
            }
        }
        m = REGISTER.matcher(text);
        while (m.find()) {
            String mod = m.group(1);
            // a port's own module replaces the generic one (e.g. ports/unix/modsocket.c)
            if (!registered.containsKey(mod) || file.startsWith("ports/")) {
                registered.put(mod, m.group(2));
                registeredIn.put(mod, file);
            }
        }
        m = FUN.matcher(text);
        while (m.find()) {
            String kind = m.group(1);
            String sym = m.group(2);
            String[] rest = m.group(3).split(",");
            int min = 0;
            int max = 0;
            String target = rest[rest.length - 1].strip();
            switch (kind) {
                case "0", "1", "2", "3" -> {
                    min = Integer.parseInt(kind);
                    max = min;
                }
                case "VAR" -> {
                    min = (int) ExprEval.eval(rest[0], env);
                    max = Integer.MAX_VALUE;
                }
                case "VAR_BETWEEN" -> {
                    min = (int) ExprEval.eval(rest[0], env);
                    max = rest.length > 2 ? (int) ExprEval.eval(rest[1], env) : Integer.MAX_VALUE;
                }
                case "KW" -> {
                    min = (int) ExprEval.eval(rest[0], env);
                    max = Integer.MAX_VALUE;
                }
                default -> {
                }
            }
            funs.putIfAbsent(sym, new CFun(sym, kind, min, max, target, file));
        }
        m = GENERIC_ATTR.matcher(text);
        while (m.find()) {
            Matcher keys = Pattern.compile("\\b" + m.group(1) + "\\s*\\[\\s*\\]\\s*=\\s*\\{(.*?)\\}", Pattern.DOTALL)
                    .matcher(text);
            if (keys.find()) {
                Matcher q = QSTR.matcher(keys.group(1));
                while (q.find()) {
                    delegatedAttrs.computeIfAbsent(file, k -> new ArrayList<>()).add(q.group(1));
                }
            }
        }
        m = STATIC_CLASS.matcher(text);
        while (m.find()) {
            CFun inner = funs.get(m.group(3));
            funs.putIfAbsent(m.group(2), new CFun(m.group(2), m.group(1),
                    inner == null ? 0 : inner.min(), inner == null ? Integer.MAX_VALUE : inner.max(), m.group(3), file));
        }
    }

    /**
     * {@code MP_DEFINE_CONST_DICT_WITH_SIZE(dict, table + A + B, MP_ARRAY_SIZE(table) - (A + B + C))}: a dict over
     * part of a shared table (py/objstr.c's str, bytes, bytearray and array methods), kept as its own entry list.
     */
    private void slice(String text, int afterTable, String dict, String table, String file, MacroEnv env) {
        List<Entry> all = localTables.getOrDefault(file + "#" + table, tables.get(table));
        int close = text.indexOf(';', afterTable);
        if (all == null || close < 0) {
            return;
        }
        String rest = text.substring(afterTable, close).strip();
        if (rest.endsWith(")")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(rest.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(rest.substring(start));
        if (parts.size() != 2) {
            return;
        }
        String offsetExpr = parts.get(0).strip().replaceFirst("^\\+", "").strip();
        String sizeExpr = parts.get(1).replaceAll("MP_ARRAY_SIZE\\s*\\(\\s*" + table + "\\s*\\)",
                Integer.toString(all.size()));
        long offset = offsetExpr.isEmpty() ? 0 : ExprEval.eval(offsetExpr, env);
        long size = ExprEval.eval(sizeExpr, env);
        if (offset < 0 || size < 0 || offset + size > all.size()) {
            return;
        }
        String sliced = table + "[" + offset + ":" + (offset + size) + "]";
        List<Entry> part = List.copyOf(all.subList((int) offset, (int) (offset + size)));
        tables.putIfAbsent(sliced, part);
        localTables.put(file + "#" + sliced, part);
        dictToTable.put(dict, sliced);
        localDicts.put(file + "#" + dict, sliced);
    }

    /** Expands object-like macros whose body adds table entries (e.g. {@code MICROPY_PY_MACHINE_EXTRA_GLOBALS}). */
    private static String expandEntryMacros(String body, MacroEnv env) {
        String cur = body;
        for (int round = 0; round < 6; round++) {
            Matcher m = IDENT.matcher(cur);
            StringBuilder sb = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                MacroEnv.Macro mac = env.get(m.group());
                if (mac != null && mac.params() == null && mac.body().contains("MP_QSTR_")) {
                    m.appendReplacement(sb, Matcher.quoteReplacement(" " + mac.body() + " "));
                    changed = true;
                } else {
                    m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                }
            }
            m.appendTail(sb);
            cur = sb.toString();
            if (!changed) {
                break;
            }
        }
        return cur;
    }

    private static Entry entry(String name, String value, String file) {
        String v = value.strip();
        if (v.startsWith("MP_ROM_INT") || v.startsWith("MP_OBJ_NEW_SMALL_INT")) {
            return new Entry(name, Kind.INT, null, file);
        }
        if (v.startsWith("MP_ROM_QSTR") || v.startsWith("MP_OBJ_NEW_QSTR")) {
            return new Entry(name, Kind.STR, null, file);
        }
        if (v.equals("MP_ROM_NONE") || v.contains("mp_const_none_obj")) {
            return new Entry(name, Kind.NONE, null, file);
        }
        if (v.equals("MP_ROM_TRUE") || v.equals("MP_ROM_FALSE") || v.contains("mp_const_true_obj")
                || v.contains("mp_const_false_obj")) {
            return new Entry(name, Kind.BOOL, null, file);
        }
        Matcher p = Pattern.compile("&\\s*(\\w+)").matcher(v);
        if (p.find()) {
            return new Entry(name, Kind.PTR, p.group(1), file);
        }
        return new Entry(name, Kind.OTHER, null, file);
    }

    /** The entries of the module registered as {@code module}, or null when they cannot be found. */
    public List<Entry> moduleGlobals(String module) {
        String sym = registered.get(module);
        if (sym == null) {
            return null;
        }
        String dict = moduleToDict.get(sym);
        return dict == null ? null : dictEntries(dict, registeredIn.get(module));
    }

    /** The entries of a dict, preferring the definitions in {@code file} (static symbols are file-local). */
    public List<Entry> dictEntries(String dict, String file) {
        String table = file == null ? null : localDicts.get(file + "#" + dict);
        String tableFile = file;
        if (table == null) {
            table = dictToTable.get(dict);
            tableFile = dictFile.get(dict);
        }
        if (table == null) {
            return null;
        }
        List<Entry> local = tableFile == null ? null : localTables.get(tableFile + "#" + table);
        return local != null ? local : tables.get(table);
    }

    /** The locals of a type, or null when it has none that can be found. */
    public List<Entry> typeLocals(CType type) {
        String dict = type.localsDict();
        return dict == null ? null : dictEntries(dict, type.file());
    }
}
