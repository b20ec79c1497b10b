package dev.mprt.debug.dap;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.lsp4j.debug.launch.DSPLauncher;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.jsonrpc.Launcher;

/** {@code mprt dap}: the Debug Adapter Protocol on stdin/stdout until the client disconnects or goes away. */
public final class DapMain {

    private DapMain() {
    }

    public static int run(InputStream in, OutputStream out, PrintStream err) {
        // the protocol owns stdout: anything else printed by accident goes to stderr
        System.setOut(err);
        Logger.getLogger("org.eclipse.lsp4j").setLevel(Level.SEVERE);
        Path root = mprtRoot();
        DapServer server = new DapServer(root);
        Launcher<IDebugProtocolClient> launcher = DSPLauncher.createServerLauncher(server, in, out);
        server.connect(launcher.getRemoteProxy());
        // killed (SIGTERM, the client's end): the emulated board goes too
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.close(!server.finished().isDone())));
        Future<Void> listening = launcher.startListening();
        try {
            while (!server.finished().isDone() && !listening.isDone()) {
                Thread.sleep(20);
            }
            Thread.sleep(50); // let the last response leave
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.close(!server.finished().isDone());
        return 0;
    }

    /** mprt's checkout (for vm-firmware/): the {@code mprt.root} property, or where this jar lies in it. */
    static Path mprtRoot() {
        String prop = System.getProperty("mprt.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        try {
            Path p = Path.of(DapMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path d = p; d != null; d = d.getParent()) {
                if (Files.isDirectory(d.resolve("vm-firmware"))) {
                    return d;
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // fall through
        }
        return Path.of("").toAbsolutePath();
    }
}
