package dev.mprt.e2e.editor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionCapabilities;
import org.eclipse.lsp4j.CompletionItemCapabilities;
import org.eclipse.lsp4j.CompletionItemResolveSupportCapabilities;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameCapabilities;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.SignatureHelpCapabilities;
import org.eclipse.lsp4j.SignatureInformationCapabilities;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The real {@code ./mprt lsp} in a child process with an LSP4J client on its stdin/stdout, announcing the
 * capabilities of an editor that uses completion, hover, rename and signature help. (The same idea as
 * {@code dev.mprt.e2e.LspClientProcess}, which is package-private to its folder.) Close it to end the process.
 */
final class EditorLspProcess implements AutoCloseable {

    static {
        // LSP4J logs the end of the server's stdout (at kill) as INFO with a stack trace: expected here
        java.util.logging.Logger.getLogger(org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer.class.getName())
                .setLevel(java.util.logging.Level.WARNING);
    }

    private final Process process;
    private final StringBuffer stderr = new StringBuffer();
    private final LanguageServer server;
    private final Future<Void> listening;

    private EditorLspProcess(Process process) {
        this.process = process;
        drain(process.getErrorStream(), stderr);
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(new Client(), process.getInputStream(),
                process.getOutputStream());
        this.server = launcher.getRemoteProxy();
        this.listening = launcher.startListening();
    }

    /** The repository root (surefire passes {@code mprt.root}; falls back to the parent of the module dir). */
    static Path repoRoot() {
        String root = System.getProperty("mprt.root");
        Path p = root != null && !root.isBlank() ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(p.resolve("mprt"))) {
            throw new IllegalStateException("not the mprt repository root (no ./mprt launcher): " + p);
        }
        return p.toAbsolutePath().normalize();
    }

    /** Starts {@code ./mprt lsp} with the repository root as working directory. */
    static EditorLspProcess start() throws IOException {
        Path root = repoRoot();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("mprt").toString(), "lsp");
        pb.directory(root.toFile());
        return new EditorLspProcess(pb.start());
    }

    private static void drain(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // stream closed
            }
        }, "mprt-lsp-stderr");
        t.setDaemon(true);
        t.start();
    }

    LanguageServer server() {
        return server;
    }

    String stderr() {
        return stderr.toString();
    }

    /** Client capabilities of an editor using the name-aware features: Markdown, resolve, prepareRename. */
    static ClientCapabilities editorCapabilities() {
        TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
        CompletionItemCapabilities item = new CompletionItemCapabilities(false);
        item.setDocumentationFormat(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT));
        item.setResolveSupport(new CompletionItemResolveSupportCapabilities(List.of("documentation", "detail")));
        td.setCompletion(new CompletionCapabilities(item));
        HoverCapabilities hover = new HoverCapabilities();
        hover.setContentFormat(List.of(MarkupKind.MARKDOWN, MarkupKind.PLAINTEXT));
        td.setHover(hover);
        RenameCapabilities rename = new RenameCapabilities(true, false);
        td.setRename(rename);
        SignatureInformationCapabilities sig = new SignatureInformationCapabilities(List.of(MarkupKind.MARKDOWN));
        td.setSignatureHelp(new SignatureHelpCapabilities(sig, false));
        ClientCapabilities c = new ClientCapabilities();
        c.setTextDocument(td);
        return c;
    }

    /** initialize (with {@code workspace} as the root folder and optional initializationOptions), then initialized. */
    @SuppressWarnings("deprecation")
    InitializeResult initialize(Path workspace, Object initializationOptions, Duration timeout) throws Exception {
        InitializeParams p = new InitializeParams();
        p.setProcessId((int) ProcessHandle.current().pid());
        String uri = workspace.toUri().toString();
        p.setRootUri(uri);
        p.setWorkspaceFolders(List.of(new WorkspaceFolder(uri, workspace.getFileName().toString())));
        p.setCapabilities(editorCapabilities());
        p.setInitializationOptions(initializationOptions);
        InitializeResult r = server.initialize(p).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        server.initialized(new InitializedParams());
        return r;
    }

    void open(String uri, String text) {
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "python", 1,
                text)));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(3, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        listening.cancel(true);
    }

    /** The client side: accepts what the server sends; these tests look only at responses. */
    private static final class Client implements LanguageClient {

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams message) {
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
        }

        @Override
        public CompletableFuture<Void> registerCapability(RegistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> unregisterCapability(UnregistrationParams params) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> refreshSemanticTokens() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
