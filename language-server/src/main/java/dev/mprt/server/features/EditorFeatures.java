package dev.mprt.server.features;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightKind;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Tuple;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;

import dev.mprt.lang.analysis.BoardSetting;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.diagnostics.LineMap;
import dev.mprt.lang.editor.Completions;
import dev.mprt.lang.editor.Hovers;
import dev.mprt.lang.editor.ViperHints;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.InlayHintKind;
import dev.mprt.lang.editor.Navigation;
import dev.mprt.lang.editor.Signatures;
import dev.mprt.lang.lexer.PyLexer;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.ModuleLoader;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.semantic.SemanticModel;
import dev.mprt.lang.semantic.StubSources;

/**
 * LSP conversions for the editor services of the analysis core ({@code dev.mprt.lang.editor}): builds the
 * semantic model of a document (its workspace and the board's stubs) and turns offsets into positions.
 */
public final class EditorFeatures {

    /**
     * A tree's ModuleInfo (scopes built once per parse), kept on the tree itself: a map from trees to infos that
     * hold their tree would keep every parsed version of an edited document alive.
     */
    /**
     * The module's facts, kept with its tree. An edit can re-parse part of the tree in place
     * ({@code StatementReparser}): the facts are then stale and rebuilt on the next request, but until then the
     * requests answered while the document is rebuilt can still use them on the top-level statements the edit did
     * not replace (the same objects as before).
     */
    private static final class ModuleInfoAdapter extends org.eclipse.emf.common.notify.impl.AdapterImpl
            implements dev.mprt.lang.resource.StatementReparser.KeptAcrossSplice {
        final ModuleInfo info;
        /** The tree's text when the facts were made (the same object while the tree is unchanged). */
        final String text;
        final java.util.Set<org.eclipse.emf.ecore.EObject> statements;

        ModuleInfoAdapter(ModuleInfo info, String text) {
            this.info = info;
            this.text = text;
            this.statements = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            this.statements.addAll(info.root().getStatements());
        }

        @Override
        public boolean isAdapterForType(Object type) {
            return type == ModuleInfoAdapter.class;
        }
    }
    private final Path workspaceRoot;
    private final Function<URI, String> openDocuments;

    /** The workspace's own modules, as the checks should see them (open documents first, then disk). */
    public ModuleSources workspace() {
        return workspace;
    }

    /** One for the session: it keeps the disk files it has read (re-read when they change). */
    private final WorkspaceModules workspace;

    public EditorFeatures(Path workspaceRoot, Function<URI, String> openDocuments) {
        this.workspaceRoot = workspaceRoot;
        this.openDocuments = openDocuments;
        this.workspace = new WorkspaceModules(workspaceRoot, openDocuments);
    }

    /**
     * Whether {@code m} can answer at {@code offset} of its tree as it is now: the top-level statement there must be
     * one the model was made with (an edit's partial re-parse replaces some in place, see {@code
     * StatementReparser}). Call with the tree's root locked.
     */
    public static boolean knowsStatementAt(SemanticModel m, int offset) {
        PyFile root = m.module().root();
        ModuleInfoAdapter cached = root == null ? null
                : (ModuleInfoAdapter) org.eclipse.emf.ecore.util.EcoreUtil.getExistingAdapter(root, ModuleInfoAdapter.class);
        if (cached == null || cached.info != m.module()) {
            return false;
        }
        for (org.eclipse.emf.ecore.EObject s : root.getStatements()) {
            org.eclipse.xtext.nodemodel.INode n = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(s);
            if (n != null && offset >= n.getTotalOffset() && offset <= n.getTotalEndOffset()) {
                return cached.statements.contains(s);
            }
        }
        return false;
    }

    /** The semantic model of an open document, or null when it has no tree. */
    public SemanticModel model(XtextResource resource) {
        if (resource.getParseResult() == null || !(resource.getParseResult().getRootASTElement() instanceof PyFile root)) {
            return null;
        }
        ModuleInfo module;
        synchronized (root) {
            ModuleInfoAdapter cached = (ModuleInfoAdapter) org.eclipse.emf.ecore.util.EcoreUtil.getExistingAdapter(root,
                    ModuleInfoAdapter.class);
            String text = resource.getParseResult().getRootNode().getText();
            if (cached == null || cached.text != text) {
                if (cached != null) {
                    root.eAdapters().remove(cached);
                }
                cached = new ModuleInfoAdapter(new ModuleInfo(moduleName(resource), resource.getURI().toString(), root,
                        ScopeBuilder.build(root), false), text);
                root.eAdapters().add(cached);
            }
            module = cached.info;
        }
        String board = resource.getResourceServiceProvider().get(BoardSetting.class).get();
        ModuleSources sources = ModuleSources.firstOf(workspace,
                StubSources.forBoard(board));
        return new SemanticModel(module, resource.getResourceServiceProvider().get(ModuleLoader.class), sources);
    }

    public ModuleSources sources(XtextResource resource) {
        return sources(resource.getResourceServiceProvider().get(BoardSetting.class).get());
    }

    public ModuleSources sources(String board) {
        return ModuleSources.firstOf(workspace, StubSources.forBoard(board));
    }

    private String moduleName(XtextResource resource) {
        return moduleName(resource.getURI().toString());
    }

    /** The dotted module name of a workspace file's uri ({@code a/b.py} → {@code a.b}; a package → its name). */
    public String moduleName(String uri) {
        try {
            Path p = Path.of(URI.create(uri));
            if (workspaceRoot != null && p.startsWith(workspaceRoot)) {
                String rel = workspaceRoot.relativize(p).toString().replace('/', '.');
                return rel.endsWith(".py") ? rel.substring(0, rel.length() - 3) : rel;
            }
            String name = p.getFileName().toString();
            return name.endsWith(".py") ? name.substring(0, name.length() - 3) : name;
        } catch (RuntimeException e) {
            return "__main__";
        }
    }

    // ------------------------------------------------------------------------------------------------ features

    public List<Location> definition(SemanticModel model, Document doc, Position p) {
        List<Location> out = new ArrayList<>();
        for (Definition d : Navigation.definitionsAt(model, doc.getOffSet(p))) {
            Navigation.Location l = Navigation.location(d);
            out.add(new Location(StubFiles.editorUri(l.uri()), range(d.module(), l.start(), l.end())));
        }
        return out;
    }

    public Hover hover(SemanticModel model, Document doc, Position p, String board) {
        int offset = doc.getOffSet(p);
        Hovers.Hover h = Hovers.at(model, offset);
        String viper = model.module().root() == null ? null
                : new ViperHints(model.module().root(), model.module().scopes(), board).hover(offset);
        if (viper != null && h != null) {
            h = new Hovers.Hover(viper, h.start(), h.end());
        }
        if (h == null) {
            return null;
        }
        return new Hover(new MarkupContent(MarkupKind.MARKDOWN, h.markdown()),
                new Range(doc.getPosition(h.start()), doc.getPosition(h.end())));
    }

    /** Inlay hints: the type each viper local takes at its first store. */
    public List<InlayHint> inlayHints(SemanticModel model, Document doc, Range range, String board) {
        List<InlayHint> out = new ArrayList<>();
        if (model.module().root() == null) {
            return out;
        }
        ViperHints hints = new ViperHints(model.module().root(), model.module().scopes(), board);
        for (ViperHints.Hint h : hints.inlay(clampedOffset(doc, range.getStart()), clampedOffset(doc, range.getEnd()))) {
            InlayHint hint = new InlayHint(doc.getPosition(h.offset()), Either.forLeft(h.label()));
            hint.setKind(InlayHintKind.Type);
            hint.setTooltip(h.tooltip());
            out.add(hint);
        }
        return out;
    }

    /** The offset of a position, past-the-end positions meaning the end of the text (LSP clamps, Xtext throws). */
    private static int clampedOffset(Document doc, Position p) {
        try {
            return doc.getOffSet(p);
        } catch (IndexOutOfBoundsException e) {
            String text = doc.getContents();
            int offset = 0;
            for (int line = 0; line < p.getLine(); line++) {
                int nl = text.indexOf('\n', offset);
                if (nl < 0) {
                    return text.length();
                }
                offset = nl + 1;
            }
            int eol = text.indexOf('\n', offset);
            return Math.min(offset + Math.max(0, p.getCharacter()), eol < 0 ? text.length() : eol);
        }
    }

    public CompletionList completion(SemanticModel model, Document doc, Position p, ModuleSources sources, String uri) {
        int offset = doc.getOffSet(p);
        Completions.Result r = Completions.at(model, doc.getContents(), offset, sources);
        Range replace = new Range(doc.getPosition(r.replaceStart()), doc.getPosition(r.replaceEnd()));
        List<CompletionItem> items = new ArrayList<>();
        int rank = 0;
        for (Completions.Item i : r.items()) {
            CompletionItem c = new CompletionItem(i.label());
            c.setKind(kind(i.kind()));
            c.setDetail(i.detail());
            c.setTextEdit(org.eclipse.lsp4j.jsonrpc.messages.Either.forLeft(new TextEdit(replace, i.insertText())));
            c.setSortText(String.format("%d%05d", i.kind() == Completions.Kind.KEYWORD ? 9 : 1, rank++));
            if (i.definition() != null) {
                com.google.gson.JsonObject data = new com.google.gson.JsonObject();
                data.addProperty("uri", uri);
                data.addProperty("offset", offset);
                data.addProperty("label", i.label());
                c.setData(data);
            }
            items.add(c);
        }
        return new CompletionList(false, items);
    }

    /** Documentation for an item, recomputed from the position the completion was asked at. */
    public CompletionItem resolve(SemanticModel model, Document doc, CompletionItem item, ModuleSources sources) {
        if (!(item.getData() instanceof com.google.gson.JsonObject data) || !data.has("offset")) {
            return item;
        }
        int offset = data.get("offset").getAsInt();
        if (offset > doc.getContents().length()) {
            return item;
        }
        for (Completions.Item i : Completions.at(model, doc.getContents(), offset, sources).items()) {
            if (i.label().equals(item.getLabel()) && i.definition() != null) {
                String md = Hovers.describe(model, i.definition());
                if (md != null) {
                    item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, md));
                }
                break;
            }
        }
        return item;
    }

    /** References in the open document and in the workspace's other modules that mention the name. */
    public List<Location> references(SemanticModel model, Document doc, Position p, String uri,
            XtextResource resource) {
        int offset = doc.getOffSet(p);
        List<dev.mprt.lang.semantic.Definition> targets = Navigation.definitionsAt(model, offset);
        if (targets.isEmpty()) {
            return List.of();
        }
        String name = targets.get(0).name();
        ModuleLoader loader = resource.getResourceServiceProvider().get(ModuleLoader.class);
        ModuleSources sources = sources(resource);
        WorkspaceModules workspace = this.workspace;
        List<SemanticModel> others = new ArrayList<>();
        Map<String, String> texts = new java.util.HashMap<>();
        for (String module : workspace.names()) {
            ModuleSources.Source s = workspace.find(module);
            if (s == null || s.uri().equals(model.module().uri()) || !s.text().contains(name)) {
                continue;
            }
            texts.put(s.uri(), s.text());
            others.add(new SemanticModel(loader.load(module, s), loader, sources));
        }
        List<Location> out = new ArrayList<>();
        for (Navigation.Location l : Navigation.references(model, offset, others)) {
            String text = texts.get(l.uri());
            if (text == null) {
                out.add(new Location(uri, new Range(doc.getPosition(l.start()), doc.getPosition(l.end()))));
            } else {
                out.add(new Location(l.uri(), new Range(position(text, l.start()), position(text, l.end()))));
            }
        }
        return out;
    }

    /** The LSP position of an offset in a text (Java's chars are UTF-16 code units, as LSP's columns). */
    private static Position position(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    public List<DocumentHighlight> highlights(SemanticModel model, Document doc, Position p) {
        List<DocumentHighlight> out = new ArrayList<>();
        for (Navigation.Location l : Navigation.occurrences(model, doc.getOffSet(p))) {
            out.add(new DocumentHighlight(new Range(doc.getPosition(l.start()), doc.getPosition(l.end())),
                    DocumentHighlightKind.Text));
        }
        return out;
    }

    /** The edit renaming the symbol at a position, or a refusal message (as the second element). */
    public Tuple.Two<WorkspaceEdit, String> rename(SemanticModel model, Document doc, Position p, String newName,
            String uri) {
        int offset = doc.getOffSet(p);
        String refusal = Navigation.renameRefusal(model, offset);
        if (refusal != null) {
            return new Tuple.Two<>(null, refusal);
        }
        if (!newName.matches("[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*") || PyLexer.isKeyword(newName)) {
            return new Tuple.Two<>(null, "'" + newName + "' is not a valid name");
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Navigation.Location l : Navigation.occurrences(model, offset)) {
            edits.add(new TextEdit(new Range(doc.getPosition(l.start()), doc.getPosition(l.end())), newName));
        }
        return new Tuple.Two<>(new WorkspaceEdit(Map.of(uri, edits)), null);
    }

    public SignatureHelp signatureHelp(SemanticModel model, Document doc, Position p) {
        Signatures.Help h = Signatures.at(model, doc.getContents(), doc.getOffSet(p));
        if (h == null) {
            return new SignatureHelp(List.of(), null, null);
        }
        List<ParameterInformation> params = new ArrayList<>();
        for (int[] r : h.parameters()) {
            params.add(new ParameterInformation(h.label().substring(r[0], r[1])));
        }
        SignatureInformation s = new SignatureInformation(h.label(),
                new MarkupContent(MarkupKind.MARKDOWN, h.documentation() == null ? "" : h.documentation()), params);
        return new SignatureHelp(List.of(s), 0, h.activeParameter());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Range range(ModuleInfo module, int start, int end) {
        String text = module.root() == null ? "" : NodeModelUtils.getNode(module.root()).getRootNode().getText();
        LineMap lines = new LineMap(text);
        return new Range(new Position(lines.line(start), lines.column(start)),
                new Position(lines.line(end), lines.column(end)));
    }

    private static CompletionItemKind kind(Completions.Kind k) {
        return switch (k) {
            case MODULE -> CompletionItemKind.Module;
            case CLASS -> CompletionItemKind.Class;
            case FUNCTION -> CompletionItemKind.Function;
            case METHOD -> CompletionItemKind.Method;
            case CONSTANT -> CompletionItemKind.Constant;
            case PARAMETER -> CompletionItemKind.Variable;
            case KEYWORD -> CompletionItemKind.Keyword;
            case PROPERTY -> CompletionItemKind.Property;
            case VALUE -> CompletionItemKind.Value;
            case VARIABLE -> CompletionItemKind.Variable;
        };
    }
}
