package dev.mprt.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.util.IFileSystemScanner;
import org.eclipse.xtext.util.Modules2;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;

/** Starts mprt's language server (Xtext's LSP server on LSP4J, with our additions) on a pair of streams. */
public final class LanguageServerLauncher {

    private LanguageServerLauncher() {
    }

    public static void launch(InputStream in, OutputStream out) {
        Injector injector = Guice.createInjector(Modules2.mixin(new ServerModule(), new AbstractModule() {
            @Override
            protected void configure() {
                bind(LanguageServerImpl.class).to(MprtLanguageServer.class);
                bind(IFileSystemScanner.class).to(SourceTreeScanner.class);
            }
        }));
        LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        Future<Void> listening = launcher.startListening();
        try {
            listening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            System.err.println("mprt lsp: connection ended: " + e.getCause());
        }
    }
}
