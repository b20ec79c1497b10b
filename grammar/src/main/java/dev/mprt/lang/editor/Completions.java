package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/**
 * Completion at an offset. The text before the cursor decides the kind (the code being typed is usually not yet
 * valid, so the tree cannot be trusted there): members after {@code a.b.}, module names after {@code import} /
 * {@code from}, a module's names after {@code from m import}, keyword arguments inside a call, else every visible
 * name and the keywords. Names in the chain are resolved with the semantic model at the nearest tree node.
 */
public final class Completions {

    public enum Kind {
        MODULE, CLASS, FUNCTION, METHOD, VARIABLE, CONSTANT, PARAMETER, KEYWORD, PROPERTY, VALUE
    }

    /** One proposal; {@code definition} (may be null) lets the editor resolve documentation lazily. */
    public record Item(String label, Kind kind, String detail, String insertText, Definition definition) {
    }

    /** The proposals and the range of the prefix they replace. */
    public record Result(List<Item> items, int replaceStart, int replaceEnd) {
    }

    private static final List<String> KEYWORDS = List.of("False", "None", "True", "and", "as", "assert", "async",
            "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
            "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
            "try", "while", "with", "yield");
    private static final Pattern FROM_IMPORT = Pattern.compile("^\\s*from\\s+([\\w.]+)\\s+import\\s+(.*)$");
    private static final Pattern IMPORT = Pattern.compile("^\\s*(import\\s+|from\\s+)([\\w.]*)$");

    private Completions() {
    }

    public static Result at(SemanticModel model, String text, int offset, ModuleSources modules) {
        int start = offset;
        while (start > 0 && isIdentPart(text.charAt(start - 1))) {
            start--;
        }
        String prefix = text.substring(start, offset);
        if (inCommentOrString(model.module(), offset)) {
            return pinNameAt(text, start, offset, prefix, modules);
        }
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String line = text.substring(lineStart, start);
        EObject context = contextAt(model.module(), start);
        List<Item> items = new ArrayList<>();

        Matcher fromImport = FROM_IMPORT.matcher(line);
        Matcher importing = IMPORT.matcher(line);
        if (fromImport.matches()) {
            ModuleInfo m = model.importModule(fromImport.group(1));
            if (m != null) {
                members(model, new PyType.Module(m), items, false);
            }
        } else if (importing.matches()) {
            String typed = importing.group(2);
            String parent = typed.contains(".") ? typed.substring(0, typed.lastIndexOf('.') + 1) : "";
            for (String name : modules.names()) {
                if (name.equals(model.module().name())) {
                    continue; // a module does not import itself
                }
                if (name.startsWith(parent)) {
                    String rest = name.substring(parent.length());
                    String label = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                    if (!label.isEmpty() && items.stream().noneMatch(i -> i.label().equals(label))) {
                        items.add(new Item(label, Kind.MODULE, "module", label, null));
                    }
                }
            }
        } else {
            int dot = start;
            while (dot > lineStart && (text.charAt(dot - 1) == ' ' || text.charAt(dot - 1) == '\t')) {
                dot--;
            }
            List<Chains.Segment> chain = dot > 0 && text.charAt(dot - 1) == '.' ? Chains.before(text, dot - 1) : List.of();
            if (!chain.isEmpty()) {
                members(model, Chains.resolve(model, chain, context), items, true);
            } else if (dot > 0 && text.charAt(dot - 1) == '.') {
                // after a dot we cannot resolve: nothing rather than every name
            } else {
                keywordArguments(model, text, start, context, items);
                for (Map.Entry<String, List<Definition>> e : model.visibleNames(context).entrySet()) {
                    if (matches(e.getKey(), prefix)) { // before typing each one: a module can have thousands
                        items.add(item(model, e.getKey(), e.getValue()));
                    }
                }
                for (String k : KEYWORDS) {
                    items.add(new Item(k, Kind.KEYWORD, "keyword", k, null));
                }
            }
        }
        List<Item> filtered = new ArrayList<>();
        for (Item i : items) {
            if (matches(i.label(), prefix)) {
                filtered.add(i);
            }
        }
        return new Result(filtered, start, offset);
    }

    private static boolean matches(String label, String prefix) {
        return label.startsWith(prefix) || label.toLowerCase().startsWith(prefix.toLowerCase());
    }

    /** Before the string's opening quote: {@code Pin(}, {@code machine.Pin(} (a pin named by a string). */
    private static final Pattern PIN_CALL = Pattern.compile("(?:^|[^\\w.])(?:[A-Za-z_]\\w*\\.)*Pin\\s*\\(\\s*$");

    /** In a string: the board's pin names when the string is the first argument of {@code Pin(...)}, else nothing. */
    private static Result pinNameAt(String text, int start, int offset, String prefix, ModuleSources modules) {
        List<Item> items = new ArrayList<>();
        if (start > 0 && (text.charAt(start - 1) == '\'' || text.charAt(start - 1) == '"')) {
            int lineStart = text.lastIndexOf('\n', start - 2) + 1;
            if (PIN_CALL.matcher(text.substring(lineStart, start - 1)).find()) {
                for (String pin : modules.pinNames()) {
                    if (pin.startsWith(prefix) || pin.toLowerCase().startsWith(prefix.toLowerCase())) {
                        items.add(new Item(pin, Kind.VALUE, "pin", pin, null));
                    }
                }
            }
        }
        return new Result(items, start, offset);
    }

    private static void members(SemanticModel model, PyType t, List<Item> items, boolean hidePrivate) {
        Map<String, List<Definition>> members = model.members(t);
        for (Map.Entry<String, List<Definition>> e : members.entrySet()) {
            if (hidePrivate && e.getKey().startsWith("_") && !(e.getKey().startsWith("__") && e.getKey().endsWith("__"))) {
                continue;
            }
            if (t instanceof PyType.Module && isImportedName(e.getValue())) {
                continue; // names a module imports are not its API
            }
            items.add(item(model, e.getKey(), e.getValue()));
        }
    }

    private static boolean isImportedName(List<Definition> defs) {
        return !defs.isEmpty() && defs.stream().allMatch(d -> d.node() instanceof ImportName
                || (d.node() instanceof ImportAlias a && !a.getImported().equals(a.getAsname())));
    }

    /** Inside {@code f(...)}: {@code name=} for each parameter of the callee that can be passed by keyword. */
    private static void keywordArguments(SemanticModel model, String text, int start, EObject context, List<Item> items) {
        Signatures.CallSite call = Signatures.callSite(text, start);
        if (call == null) {
            return;
        }
        FunctionDef f = Signatures.callee(model, call.callee(), context);
        if (f == null) {
            return;
        }
        boolean first = true;
        int slash = -1;
        for (int i = 0; i < f.getParams().size(); i++) {
            if (f.getParams().get(i).isSlash()) {
                slash = i;
            }
        }
        for (int i = 0; i < f.getParams().size(); i++) {
            Parameter p = f.getParams().get(i);
            boolean self = first && SemanticModel.ownerClass(f) != null;
            first = false;
            if (self || i < slash || p.getName() == null || p.isStar() || p.isDstar() || p.isSlash()) {
                continue;
            }
            items.add(new Item(p.getName() + "=", Kind.PARAMETER, "keyword argument of " + f.getName(),
                    p.getName() + "=", new Definition(p.getName(), p, model.module())));
        }
    }

    private static Item item(SemanticModel model, String name, List<Definition> defs) {
        Definition d = defs.isEmpty() ? null : defs.get(defs.size() - 1);
        EObject node = d == null ? null : d.node();
        Kind kind;
        String detail;
        if ((node instanceof ImportAlias || node instanceof ImportName) && d != null) {
            PyType t = model.typeOf(d);
            if (t instanceof PyType.Class c) {
                node = c.node();
            } else if (t instanceof PyType.Function fn) {
                node = fn.node();
            } else if (t instanceof PyType.Module) {
                return new Item(name, Kind.MODULE, "module", name, d);
            }
        }
        if (node instanceof FunctionDef f) {
            kind = SemanticModel.ownerClass(f) != null ? Kind.METHOD : Kind.FUNCTION;
            detail = "def " + Hovers.signature(f);
        } else if (node instanceof ClassDef) {
            kind = Kind.CLASS;
            detail = "class";
        } else if (node instanceof ImportName || node instanceof PyFile) {
            kind = Kind.MODULE;
            detail = "module";
        } else if (node instanceof Parameter) {
            kind = Kind.PARAMETER;
            detail = "parameter";
        } else {
            boolean caps = name.equals(name.toUpperCase()) && name.chars().anyMatch(Character::isLetter);
            kind = caps ? Kind.CONSTANT : Kind.VARIABLE;
            detail = d == null ? "" : Hovers.typeName(model.typeOf(d));
        }
        return new Item(name, kind, detail, name, d);
    }

    /** Whether the cursor is inside a comment or a string literal (where '.' is prose, not member access). */
    static boolean inCommentOrString(ModuleInfo module, int offset) {
        if (offset == 0) {
            return false;
        }
        INode root = NodeModelUtils.getNode(module.root()).getRootNode();
        ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, offset - 1);
        if (leaf == null || leaf.getLength() == 0) {
            return false;
        }
        String t = leaf.getText();
        if (leaf.isHidden()) {
            return t.startsWith("#");
        }
        boolean string = leaf.getGrammarElement() instanceof org.eclipse.xtext.RuleCall rc
                && "STRING".equals(rc.getRule().getName());
        if (!string) {
            return false;
        }
        dev.mprt.lang.lexer.PyLexer lx = new dev.mprt.lang.lexer.PyLexer(t);
        boolean terminated = lx.next() == dev.mprt.lang.lexer.PyLexer.STRING && lx.stringInfo().terminated();
        return offset < leaf.getEndOffset() || !terminated;
    }

    /** The innermost tree node at or before an offset, for scoping: the code there may be incomplete. */
    static EObject contextAt(ModuleInfo module, int offset) {
        INode root = NodeModelUtils.getNode(module.root()).getRootNode();
        for (int o = Math.min(offset, root.getTotalEndOffset() - 1); o >= 0;) {
            ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(root, o);
            if (leaf == null) {
                break;
            }
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                EObject e = leaf.getSemanticElement();
                return e != null ? e : module.root();
            }
            o = leaf.getOffset() - 1;
        }
        return module.root();
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c >= 0x80;
    }
}
