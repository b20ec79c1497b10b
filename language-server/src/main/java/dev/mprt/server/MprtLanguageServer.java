package dev.mprt.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.resource.IResourceServiceProvider;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.mprt.lang.analysis.BoardSetting;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.editor.SelectionRanges;

/**
 * Xtext's language server plus what it lacks: selectionRange, and the board setting (from {@code mprt.json} at
 * the workspace root, the {@code board} initialization option, or the client's {@code mprt.board} setting; a
 * change re-checks the open documents). Handlers delegate to the analysis core.
 */
public class MprtLanguageServer extends LanguageServerImpl {

    private final Set<URI> openDocuments = ConcurrentHashMap.newKeySet();

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
        return super.initialize(params);
    }

    @Override
    protected ServerCapabilities createServerCapabilities(InitializeParams params) {
        ServerCapabilities c = super.createServerCapabilities(params);
        c.setSelectionRangeProvider(true);
        // Xtext offers these generically; without a formatter and the semantic model they would do harm or nothing
        c.setDocumentFormattingProvider(false);
        c.setDocumentRangeFormattingProvider(false);
        c.setRenameProvider(false);
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
        super.didOpen(params);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        openDocuments.remove(getURI(params.getTextDocument()));
        super.didClose(params);
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
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
        super.didChangeConfiguration(params);
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
