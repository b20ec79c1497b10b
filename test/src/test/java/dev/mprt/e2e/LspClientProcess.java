package dev.mprt.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.FoldingRangeCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.SelectionRangeCapabilities;
import org.eclipse.lsp4j.SemanticTokensCapabilities;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.UnregistrationParams;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The real {@code ./mprt lsp} in a child process, with an LSP4J client connected to its stdin/stdout. Records every
 * {@code textDocument/publishDiagnostics} (in arrival order) and every log/show message; drains stderr into a
 * buffer. Close it to kill the process if a test did not end it through shutdown/exit.
 */
final class LspClientProcess implements AutoCloseable {

    static {
        // LSP4J logs the end of the server's stdout (at exit or kill) as INFO with a stack trace: expected here
        java.util.logging.Logger.getLogger(org.eclipse.lsp4j.jsonrpc.json.StreamMessageProducer.class.getName())
                .setLevel(java.util.logging.Level.WARNING);
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

    private final Process process;
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stderrDrain;
    private final Client client = new Client();
    private final LanguageServer server;
    private final Future<Void> listening;

    private LspClientProcess(Process process) {
        this.process = process;
        this.stderrDrain = drain(process.getErrorStream(), stderr);
        Launcher<LanguageServer> launcher = LSPLauncher.createClientLauncher(client, process.getInputStream(),
                process.getOutputStream());
        this.server = launcher.getRemoteProxy();
        this.listening = launcher.startListening(); // ends when the process closes its stdout
    }

    /** Starts {@code ./mprt lsp} with the repository root as working directory. */
    static LspClientProcess start() throws IOException {
        Path root = repoRoot();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("mprt").toString(), "lsp");
        pb.directory(root.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        pb.redirectError(ProcessBuilder.Redirect.PIPE);
        return new LspClientProcess(pb.start());
    }

    private static Thread drain(InputStream in, StringBuffer into) {
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
        return t;
    }

    LanguageServer server() {
        return server;
    }

    Process process() {
        return process;
    }

    /** What the server wrote on stderr so far (complete once the process has exited). */
    String stderr() {
        return stderr.toString();
    }

    /** Waits for the stderr drain to reach end of stream (after the process has exited). */
    String stderrAfterExit(Duration timeout) throws InterruptedException {
        stderrDrain.join(timeout.toMillis());
        return stderr.toString();
    }

    List<MessageParams> logMessages() {
        return List.copyOf(client.messages);
    }

    /** Client capabilities of a typical editor: hierarchical outline, folding, selection ranges, semantic tokens. */
    static ClientCapabilities editorCapabilities() {
        TextDocumentClientCapabilities td = new TextDocumentClientCapabilities();
        DocumentSymbolCapabilities ds = new DocumentSymbolCapabilities();
        ds.setHierarchicalDocumentSymbolSupport(true);
        td.setDocumentSymbol(ds);
        td.setFoldingRange(new FoldingRangeCapabilities());
        td.setSelectionRange(new SelectionRangeCapabilities());
        SemanticTokensCapabilities st = new SemanticTokensCapabilities(false);
        td.setSemanticTokens(st);
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

    void change(String uri, int version, TextDocumentContentChangeEvent... changes) {
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri, version), List.of(changes)));
    }

    /** How many publishDiagnostics for {@code uri} arrived so far. */
    int diagnosticsCount(String uri) {
        return diagnosticsFor(uri).size();
    }

    /** Every publishDiagnostics for {@code uri} so far, in arrival order. */
    List<PublishDiagnosticsParams> diagnosticsFor(String uri) {
        List<PublishDiagnosticsParams> out = new ArrayList<>();
        synchronized (client.published) {
            for (PublishDiagnosticsParams p : client.published) {
                if (uri.equals(p.getUri())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /**
     * Waits for the first publishDiagnostics for {@code uri} that arrives after the first {@code after} ones and
     * satisfies {@code accept}, and returns it; fails with the publications seen when none does in time.
     */
    PublishDiagnosticsParams awaitDiagnostics(String uri, int after, Predicate<PublishDiagnosticsParams> accept,
            Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (client.published) {
            while (true) {
                List<PublishDiagnosticsParams> mine = diagnosticsFor(uri);
                for (int i = after; i < mine.size(); i++) {
                    if (accept.test(mine.get(i))) {
                        return mine.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no matching publishDiagnostics for " + uri + " after #" + after
                            + " within " + timeout + "; received: " + mine + "\nserver stderr:\n" + stderr());
                }
                client.published.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The next publishDiagnostics for {@code uri} after the first {@code after} ones, whatever it says. */
    PublishDiagnosticsParams awaitDiagnostics(String uri, int after, Duration timeout)
            throws InterruptedException, TimeoutException {
        return awaitDiagnostics(uri, after, p -> true, timeout);
    }

    /** Waits for the process to end; returns its exit code, or null when it is still running after the timeout. */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
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
        // the launcher script execs java, so this is the JVM itself; children of the JVM (none expected) too
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        listening.cancel(true);
    }

    /** The client side: records what the server sends. */
    private static final class Client implements LanguageClient {

        final List<PublishDiagnosticsParams> published = new ArrayList<>();
        final List<MessageParams> messages = new CopyOnWriteArrayList<>();

        @Override
        public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
            synchronized (published) {
                published.add(diagnostics);
                published.notifyAll();
            }
        }

        @Override
        public void telemetryEvent(Object object) {
        }

        @Override
        public void showMessage(MessageParams message) {
            messages.add(message);
        }

        @Override
        public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
            messages.add(new MessageParams(request.getType(), request.getMessage()));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void logMessage(MessageParams message) {
            messages.add(message);
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
