package dev.mprt.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpOptions;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.jsonrpc.messages.Tuple;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.Issue;
import dev.mprt.lang.analysis.MicroPythonResourceValidator;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.diagnostics.LineMap;
import dev.mprt.lang.diagnostics.Related;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.resource.IResourceServiceProvider;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.mprt.lang.analysis.BoardSetting;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.editor.Navigation;
import dev.mprt.lang.editor.SelectionRanges;
import dev.mprt.lang.semantic.SemanticModel;
import dev.mprt.server.features.EditorFeatures;

/**
 * Xtext's language server plus what it lacks: name-aware completion, hover, definition, references, highlights,
 * rename and signature help (Xtext's own versions know only cross-references, and Python has none), selectionRange,
 * and the board setting (from {@code mprt.json} at the workspace root, the {@code board} initialization option,
 * or the client's {@code mprt.board} setting; a change re-checks the open documents). Handlers find the document
 * and delegate to the analysis core through {@link EditorFeatures}.
 */
public class MprtLanguageServer extends LanguageServerImpl {

    private final Set<URI> openDocuments = ConcurrentHashMap.newKeySet();
    private volatile EditorFeatures features = new EditorFeatures(null, u -> null);

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        String board = boardFromProjectFile(params);
        String fromOptions = board(params.getInitializationOptions());
        if (fromOptions != null) {
            board = fromOptions;
        }
        if (board != null) {
            boardSetting().set(board);
        }
        features = new EditorFeatures(workspaceRoot(params), this::openText);
        boardSetting().setWorkspace(features.workspace());
        warmUp();
        return super.initialize(params);
    }

    /**
     * Analyses a typical module (bundled, ~2,000 lines) a few times before answering {@code initialize}, bounded by
     * {@link #WARM_UP_MS}: the parser and the checks are then compiled by the JIT and the board's stubs loaded when
     * the first document arrives, whose first diagnostics otherwise pay for all of it (docs/benchmarks.md).
     */
    private void warmUp() {
        if (Boolean.getBoolean("mprt.noWarmUp")) {
            return; // -Dmprt.noWarmUp=true, for measuring a cold server
        }
        try (var in = MprtLanguageServer.class.getResourceAsStream("warmup.py")) {
            if (in == null) {
                return;
            }
            String unit = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            StringBuilder module = new StringBuilder();
            for (int i = 0; i < 25; i++) {
                module.append(unit.replace("_N", "_" + i)).append('\n');
            }
            IResourceServiceProvider rsp = (IResourceServiceProvider) getLanguagesRegistry()
                    .getExtensionToFactoryMap().get("py");
            dev.mprt.lang.analysis.Analyzer analyzer = rsp.get(dev.mprt.lang.analysis.Analyzer.class);
            dev.mprt.lang.analysis.AnalysisOptions options = boardSetting().optionsFor(null);
            long deadline = System.nanoTime() + WARM_UP_MS * 1_000_000L;
            for (int round = 0; round < 6 && System.nanoTime() < deadline; round++) {
                analyzer.analyze(module.toString(), options);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // a warm-up that fails costs nothing but the first open's speed
        }
    }

    private static final long WARM_UP_MS = 1500;

    private String openText(java.net.URI uri) {
        URI emf = URI.createURI(uri.toString());
        if (!getWorkspaceManager().isDocumentOpen(emf)) {
            return null;
        }
        return getWorkspaceManager().doRead(emf, (doc, res) -> doc.getContents());
    }

    @SuppressWarnings("deprecation")
    private static Path workspaceRoot(InitializeParams params) {
        String root = params.getWorkspaceFolders() != null && !params.getWorkspaceFolders().isEmpty()
                ? params.getWorkspaceFolders().get(0).getUri() : params.getRootUri();
        try {
            return root == null ? null : Path.of(java.net.URI.create(root));
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Editor features: each handler finds the document and delegates to EditorFeatures (the core's services)

    private <T> CompletableFuture<T> read(String uri, T none,
            java.util.function.BiFunction<Document, XtextResource, T> work) {
        URI u = URI.createURI(uri);
        return getRequestManager().runRead(cancel -> getWorkspaceManager().doRead(u, (doc, resource) -> {
            if (resource == null || doc == null) {
                return none;
            }
            T result = work.apply(doc, resource);
            return result != null ? result : none;
        }));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(
            DefinitionParams params) {
        String uri = params.getTextDocument().getUri();
        return read(uri, Either.forLeft(List.of()), (doc, res) -> {
            SemanticModel m = features.model(res);
            return m == null ? null : Either.forLeft(features.definition(m, doc, params.getPosition()));
        });
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        URI u = URI.createURI(params.getTextDocument().getUri());
        Hover quick = hoverWhileRebuilding(u, params.getPosition());
        if (quick != null) {
            return CompletableFuture.completedFuture(quick);
        }
        return read(params.getTextDocument().getUri(), null, (doc, res) -> {
            SemanticModel m = features.model(res);
            if (m != null) {
                lastModels.put(u, m);
            }
            return m == null ? null : features.hover(m, doc, params.getPosition(), boardSetting().get());
        });
    }

    /**
     * Hover while the document is rebuilt after an edit: the last analysed version answers when the position lies
     * outside the text that changed since (positions before the change are the same in both versions, those after
     * it shift by the change's length). Null when that does not apply; the request then waits for the rebuild.
     */
    private Hover hoverWhileRebuilding(URI u, Position p) {
        Document now = texts.get(u);
        SemanticModel last = lastModels.get(u);
        if (!building.contains(u) || now == null || last == null || last.module().root() == null) {
            return null;
        }
        try {
            var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(last.module().root());
            if (node == null) {
                return null;
            }
            TextShift shift = TextShift.between(node.getRootNode().getText(), now.getContents());
            int before = shift.toOld(now.getOffSet(p));
            if (before < 0) {
                return null;
            }
            Document old = new Document(0, shift.oldText());
            Hover h;
            synchronized (last.module().root()) { // an edit's partial re-parse changes the tree under this lock
                if (node.getRootNode() == null || shift.oldText() != node.getRootNode().getText()
                        || !EditorFeatures.knowsStatementAt(last, before)) {
                    return null;
                }
                h = features.hover(last, old, old.getPosition(before), boardSetting().get());
            }
            if (h == null || h.getRange() == null) {
                return null;
            }
            int start = shift.toNew(old.getOffSet(h.getRange().getStart()));
            int end = shift.toNew(old.getOffSet(h.getRange().getEnd()));
            if (start < 0 || end < 0) {
                return null;
            }
            h.setRange(new Range(now.getPosition(start), now.getPosition(end)));
            return h;
        } catch (RuntimeException e) {
            return null; // the stale tree cannot answer: wait for the rebuild
        }
    }

    /**
     * Two versions of a text as one changed region: the common prefix and suffix map offsets between them.
     */
    private record TextShift(String oldText, int prefix, int oldEnd, int newEnd, int delta) {

        static TextShift between(String oldText, String newText) {
            int max = Math.min(oldText.length(), newText.length());
            int prefix = 0;
            while (prefix < max && oldText.charAt(prefix) == newText.charAt(prefix)) {
                prefix++;
            }
            int suffix = 0;
            while (suffix < max - prefix
                    && oldText.charAt(oldText.length() - 1 - suffix) == newText.charAt(newText.length() - 1 - suffix)) {
                suffix++;
            }
            return new TextShift(oldText, prefix, oldText.length() - suffix, newText.length() - suffix,
                    newText.length() - oldText.length());
        }

        /** The old offset of a new one, or -1 inside the changed region. */
        int toOld(int offset) {
            return offset < prefix ? offset : offset >= newEnd ? offset - delta : -1;
        }

        /** The new offset of an old one, or -1 inside the changed region. */
        int toNew(int offset) {
            return offset <= prefix ? offset : offset >= oldEnd ? offset + delta : -1;
        }
    }

    @Override
    public CompletableFuture<List<InlayHint>> inlayHint(InlayHintParams params) {
        return read(params.getTextDocument().getUri(), List.of(), (doc, res) -> {
            SemanticModel m = features.model(res);
            return m == null ? List.<InlayHint>of() : features.inlayHints(m, doc, params.getRange(), boardSetting().get());
        });
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        String uri = params.getTextDocument().getUri();
        URI u = URI.createURI(uri);
        Document now = texts.get(u);
        SemanticModel last = lastModels.get(u);
        if (building.contains(u) && now != null && last != null) {
            // Typing: Xtext is re-parsing and re-checking the document, and a read request would wait for all of it
            // (seconds at 20k lines). Complete against the text as the client has it now and the names of the
            // last analysed version: completion reads the code before the cursor itself (it rarely parses).
            try {
                synchronized (last.module().root()) { // see hoverWhileRebuilding
                    // in a statement the edit re-parsed, the last model does not know the local names: wait
                    if (EditorFeatures.knowsStatementAt(last, now.getOffSet(params.getPosition()))) {
                        return CompletableFuture.completedFuture(Either.forRight(features.completion(last, now,
                                params.getPosition(), features.sources(boardSetting().get()), uri)));
                    }
                }
            } catch (RuntimeException e) {
                // a stale tree the text has moved away from: answer after the build instead
            }
        }
        return read(uri, Either.forRight(new CompletionList(List.of())), (doc, res) -> {
            SemanticModel m = features.model(res);
            if (m != null) {
                lastModels.put(u, m);
            }
            return m == null ? null
                    : Either.forRight(features.completion(m, doc, params.getPosition(), features.sources(res), uri));
        });
    }

    /** Open documents as the client has them now (Xtext's copy is updated on its request queue). */
    private final java.util.Map<URI, Document> texts = new ConcurrentHashMap<>();
    /** The semantic model of each open document's last analysed version, for completion while it is rebuilt. */
    private final java.util.Map<URI, SemanticModel> lastModels = new ConcurrentHashMap<>();
    /** Open documents changed since their last build. */
    private final Set<URI> building = ConcurrentHashMap.newKeySet();

    @Override
    public void afterBuild(List<org.eclipse.xtext.resource.IResourceDescription.Delta> deltas) {
        super.afterBuild(deltas);
        for (var d : deltas) {
            building.remove(d.getUri());
        }
    }

    @Override
    public CompletableFuture<CompletionItem> resolveCompletionItem(CompletionItem item) {
        if (!(item.getData() instanceof JsonObject data) || !data.has("uri")) {
            return CompletableFuture.completedFuture(item);
        }
        return read(data.get("uri").getAsString(), item, (doc, res) -> {
            SemanticModel m = features.model(res);
            return m == null ? item : features.resolve(m, doc, item, features.sources(res));
        });
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        String uri = params.getTextDocument().getUri();
        return read(uri, List.of(), (doc, res) -> {
            SemanticModel m = features.model(res);
            return m == null ? null : features.references(m, doc, params.getPosition(), uri, res);
        });
    }

    /** LSP says shutdown's result is null; Xtext's answers an empty object. */
    @Override
    public CompletableFuture<Object> shutdown() {
        return super.shutdown().thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<List<? extends DocumentHighlight>> documentHighlight(DocumentHighlightParams params) {
        return read(params.getTextDocument().getUri(), List.of(), (doc, res) -> {
            SemanticModel m = features.model(res);
            return m == null ? null : features.highlights(m, doc, params.getPosition());
        });
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        String uri = params.getTextDocument().getUri();
        return read(uri, null, (doc, res) -> {
            SemanticModel m = features.model(res);
            if (m == null) {
                return null;
            }
            Tuple.Two<WorkspaceEdit, String> r = features.rename(m, doc, params.getPosition(), params.getNewName(), uri);
            if (r.getSecond() != null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, r.getSecond(), null));
            }
            return r.getFirst();
        });
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return read(params.getTextDocument().getUri(), null, (doc, res) -> {
            SemanticModel m = features.model(res);
            if (m == null) {
                return null;
            }
            int offset = doc.getOffSet(params.getPosition());
            String refusal = Navigation.renameRefusal(m, offset);
            if (refusal != null) {
                throw new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, refusal, null));
            }
            var leaf = Navigation.identifierAt(m.module(), offset);
            return Either3.forFirst(new Range(doc.getPosition(leaf.getOffset()), doc.getPosition(leaf.getEndOffset())));
        });
    }

    @Override
    public CompletableFuture<SignatureHelp> signatureHelp(SignatureHelpParams params) {
        return read(params.getTextDocument().getUri(), null, (doc, res) -> {
            SemanticModel m = features.model(res);
            return m == null ? null : features.signatureHelp(m, doc, params.getPosition());
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Diagnostics: related places, and quick fixes as code actions

    @Override
    protected org.eclipse.lsp4j.Diagnostic toDiagnostic(Issue issue) {
        org.eclipse.lsp4j.Diagnostic d = super.toDiagnostic(issue);
        if (issue instanceof MicroPythonResourceValidator.MprtIssue mi && !mi.diagnostic().related().isEmpty()) {
            String own = issue.getUriToProblem() == null ? null : issue.getUriToProblem().trimFragment().toString();
            List<DiagnosticRelatedInformation> related = new ArrayList<>();
            for (Related r : mi.diagnostic().related()) {
                Range range = new Range(new Position(r.line(), r.column()), new Position(r.endLine(), r.endColumn()));
                related.add(new DiagnosticRelatedInformation(new Location(r.uri() != null ? r.uri() : own, range),
                        r.message()));
            }
            d.setRelatedInformation(related);
        }
        return d;
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        String uri = params.getTextDocument().getUri();
        Range wanted = params.getRange();
        return read(uri, List.of(), (doc, resource) -> {
            if (!(resource.getResourceServiceProvider().getResourceValidator()
                    instanceof MicroPythonResourceValidator validator)) {
                return List.<Either<Command, CodeAction>>of();
            }
            List<Either<Command, CodeAction>> actions = new ArrayList<>();
            for (Issue issue : validator.current(resource, CancelIndicator.NullImpl)) {
                if (!(issue instanceof MicroPythonResourceValidator.MprtIssue mi) || mi.diagnostic().fixes().isEmpty()) {
                    continue;
                }
                LineMap lines = mi.lines();
                dev.mprt.lang.diagnostics.Diagnostic core = mi.diagnostic();
                Range at = new Range(position(lines, core.start()), position(lines, core.end()));
                if (!overlaps(at, wanted)) {
                    continue;
                }
                org.eclipse.lsp4j.Diagnostic published = toDiagnostic(issue);
                for (Fix fix : core.fixes()) {
                    List<TextEdit> edits = new ArrayList<>();
                    for (Fix.Edit e : fix.edits()) {
                        edits.add(new TextEdit(new Range(position(lines, e.start()), position(lines, e.end())),
                                e.text()));
                    }
                    CodeAction action = new CodeAction(fix.title());
                    action.setKind(CodeActionKind.QuickFix);
                    action.setDiagnostics(List.of(published));
                    action.setEdit(new WorkspaceEdit(java.util.Map.of(uri, edits)));
                    if (core.fixes().size() == 1) {
                        action.setIsPreferred(true);
                    }
                    actions.add(Either.forRight(action));
                }
            }
            return actions;
        });
    }

    private static Position position(LineMap lines, int offset) {
        return new Position(lines.line(offset), lines.column(offset));
    }

    /** Whether the ranges share a position (touching counts: a cursor at either end asks for the fix). */
    private static boolean overlaps(Range a, Range b) {
        return compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0;
    }

    private static int compare(Position a, Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine())
                : Integer.compare(a.getCharacter(), b.getCharacter());
    }

    @Override
    protected ServerCapabilities createServerCapabilities(InitializeParams params) {
        ServerCapabilities c = super.createServerCapabilities(params);
        c.setSelectionRangeProvider(true);
        c.setInlayHintProvider(true);
        c.setCodeActionProvider(Either.forRight(new CodeActionOptions(List.of(CodeActionKind.QuickFix))));
        // Xtext offers formatting generically; without a formatter it would do harm
        c.setDocumentFormattingProvider(false);
        c.setDocumentRangeFormattingProvider(false);
        c.setRenameProvider(Either.forRight(new RenameOptions(true)));
        c.setCompletionProvider(new CompletionOptions(true, List.of(".", "(", ",", " ")));
        c.setSignatureHelpProvider(new SignatureHelpOptions(List.of("(", ",")));
        return c;
    }

    @Override
    public CompletableFuture<List<SelectionRange>> selectionRange(SelectionRangeParams params) {
        URI uri = getURI(params.getTextDocument());
        return getRequestManager().runRead(cancel -> getWorkspaceManager().doRead(uri, (document, resource) -> {
            List<SelectionRange> result = new ArrayList<>();
            for (Position p : params.getPositions()) {
                List<SelectionRanges.Range> ranges = SelectionRanges.at(resource.getParseResult(),
                        document.getOffSet(p));
                SelectionRange parent = null;
                for (int i = ranges.size() - 1; i >= 0; i--) {
                    SelectionRanges.Range r = ranges.get(i);
                    parent = new SelectionRange(new org.eclipse.lsp4j.Range(document.getPosition(r.start()),
                            document.getPosition(r.end())), parent);
                }
                result.add(parent);
            }
            return result;
        }));
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        openDocuments.add(getURI(params.getTextDocument()));
        texts.put(getURI(params.getTextDocument()), new Document(params.getTextDocument().getVersion(),
                params.getTextDocument().getText()));
        super.didOpen(params);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        URI changed = getURI(params.getTextDocument());
        texts.computeIfPresent(changed, (k, d) -> d.applyTextDocumentChanges(params.getContentChanges()));
        building.add(changed);
        super.didChange(params);
        recheckImporters(List.of(getURI(params.getTextDocument())));
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        super.didChangeWatchedFiles(params);
        recheckImporters(params.getChanges().stream().map(c -> URI.createURI(c.getUri())).toList());
    }

    /**
     * The checks read other workspace modules (names, attributes, interrupt handlers), so a change to a module
     * re-checks the open documents that import it; Xtext's builder only knows cross-reference dependencies, and
     * MicroPython has none. Queued after Xtext's own request, which a new write request would otherwise cancel;
     * the build then covers both.
     */
    private void recheckImporters(List<URI> changed) {
        List<URI> importers = new ArrayList<>();
        for (URI c : changed) {
            String module = features.moduleName(c.toString());
            if (module == null || module.isEmpty() || module.equals("__main__")) {
                continue;
            }
            String last = module.endsWith(".__init__") ? module.substring(0, module.length() - 9) : module;
            java.util.regex.Pattern imports = java.util.regex.Pattern.compile("(?m)^\\s*(from\\s+\\.*"
                    + java.util.regex.Pattern.quote(last) + "\\b|import\\s[^\\n]*\\b"
                    + java.util.regex.Pattern.quote(last) + "\\b)");
            for (URI open : openDocuments) {
                if (open.equals(c) || importers.contains(open)) {
                    continue;
                }
                String text = openText(java.net.URI.create(open.toString()));
                if (text != null && imports.matcher(text).find()) {
                    importers.add(open);
                }
            }
        }
        if (!importers.isEmpty()) {
            getRequestManager().runWrite(() -> getWorkspaceManager().didChangeFiles(importers, List.of()),
                    (cancel, buildable) -> buildable.build(cancel));
        }
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        openDocuments.remove(getURI(params.getTextDocument()));
        texts.remove(getURI(params.getTextDocument()));
        lastModels.remove(getURI(params.getTextDocument()));
        building.remove(getURI(params.getTextDocument()));
        super.didClose(params);
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // Xtext's own handling queues a write request, and every new write request cancels pending ones: ours
        // must come after it
        super.didChangeConfiguration(params);
        Object settings = params.getSettings();
        JsonElement json = settings instanceof JsonElement j ? j : null;
        if (json != null && json.isJsonObject() && json.getAsJsonObject().has("mprt")) {
            json = json.getAsJsonObject().get("mprt");
        }
        String board = board(json);
        if (board != null && !board.equals(boardSetting().get())) {
            boardSetting().set(board);
            List<URI> open = new ArrayList<>(openDocuments);
            getRequestManager().runWrite(() -> getWorkspaceManager().didChangeFiles(open, List.of()),
                    (cancel, buildable) -> buildable.build(cancel));
        }
    }

    private BoardSetting boardSetting() {
        IResourceServiceProvider rsp = (IResourceServiceProvider) getLanguagesRegistry().getExtensionToFactoryMap()
                .get("py");
        return rsp.get(BoardSetting.class);
    }

    private static String board(Object options) {
        JsonElement json = options instanceof JsonElement j ? j : null;
        if (json == null || !json.isJsonObject()) {
            return null;
        }
        JsonObject o = json.getAsJsonObject();
        if (o.has("board") && o.get("board").isJsonPrimitive()) {
            String b = o.get("board").getAsString();
            return Boards.isKnown(b) ? b : null;
        }
        return null;
    }

    @SuppressWarnings("deprecation")
    private static String boardFromProjectFile(InitializeParams params) {
        List<String> roots = new ArrayList<>();
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) {
                roots.add(f.getUri());
            }
        }
        if (params.getRootUri() != null) {
            roots.add(params.getRootUri());
        }
        for (String root : roots) {
            try {
                Path config = Path.of(java.net.URI.create(root)).resolve("mprt.json");
                if (Files.isRegularFile(config)) {
                    return board(JsonParser.parseString(Files.readString(config)));
                }
            } catch (RuntimeException | java.io.IOException e) {
                // an unreadable mprt.json leaves the default board; the CLI reports such files
            }
        }
        return null;
    }
}
