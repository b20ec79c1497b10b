package dev.mprt.cli;

import java.io.PrintStream;

import dev.mprt.server.LanguageServerLauncher;

/** {@code mprt lsp}: the language server on stdin/stdout. */
final class LspCommand {

    private LspCommand() {
    }

    static int run(String[] args, PrintStream err) {
        if (args.length > 0 && !args[0].equals("--stdio")) {
            err.println("mprt lsp: unknown option '" + args[0] + "' (the server speaks LSP on stdin/stdout)");
            return 2;
        }
        LanguageServerLauncher.launch(System.in, System.out);
        return 0;
    }
}
