package dev.mprt.e2e;

import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import org.eclipse.lsp4j.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.google.gson.*;

class ProbeTest {
    @TempDir Path ws;
    static String brief(PublishDiagnosticsParams p) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : p.getDiagnostics()) sb.append(d.getRange().getStart().getLine()).append(':').append(d.getRange().getStart().getCharacter()).append('-').append(d.getRange().getEnd().getLine()).append(':').append(d.getRange().getEnd().getCharacter()).append(' ').append(d.getCode().getLeft()).append(' ').append(d.getMessage().getLeft()).append(" | ");
        return "v=" + p.getVersion() + " [" + sb + "]";
    }
    @Test
    void probe() throws Exception {
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < 40; i++) args.append(i).append(", ");
        String many = "def f(*a):\n    pass\n\nrest = ()\nf(" + args + "*rest)\n";
        try (LspClientProcess c = LspClientProcess.start()) {
            c.initialize(ws, null, Duration.ofSeconds(60));
            String uri = ws.resolve("m.py").toUri().toString();
            c.open(uri, many);
            System.out.println("P1 " + brief(c.awaitDiagnostics(uri, 0, Duration.ofSeconds(30))));
            JsonObject s = new JsonObject(); JsonObject m = new JsonObject(); m.addProperty("board", "unix"); s.add("mprt", m);
            c.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(s));
            Thread.sleep(3000);
            for (PublishDiagnosticsParams p : c.diagnosticsFor(uri)) System.out.println("AFTER-UNIX " + brief(p));
            JsonObject s2 = new JsonObject(); JsonObject m2 = new JsonObject(); m2.addProperty("board", "esp32"); s2.add("mprt", m2);
            c.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(s2));
            Thread.sleep(3000);
            for (PublishDiagnosticsParams p : c.diagnosticsFor(uri)) System.out.println("AFTER-ESP " + brief(p));
            String uri2 = ws.resolve("multi.py").toUri().toString();
            c.open(uri2, "x = = 1\ny = 2\ndef g(:\n    pass\nz = (1,\nclass A:\n    pass\n");
            System.out.println("MULTI " + brief(c.awaitDiagnostics(uri2, 0, Duration.ofSeconds(30))));
            String uri3 = ws.resolve("inc.py").toUri().toString();
            c.open(uri3, "def f(:\n    pass\n");
            System.out.println("INC0 " + brief(c.awaitDiagnostics(uri3, 0, Duration.ofSeconds(30))));
            c.change(uri3, 2, new TextDocumentContentChangeEvent(new Range(new Position(0, 6), new Position(0, 6)), ")"));
            System.out.println("INC1 " + brief(c.awaitDiagnostics(uri3, 1, Duration.ofSeconds(30))));
            c.change(uri3, 3, new TextDocumentContentChangeEvent(new Range(new Position(2, 0), new Position(2, 0)), "return 1\n"));
            System.out.println("INC2 " + brief(c.awaitDiagnostics(uri3, 2, Duration.ofSeconds(30))));
            c.change(uri3, 4, new TextDocumentContentChangeEvent("  x = 1\n"));
            System.out.println("FULL " + brief(c.awaitDiagnostics(uri3, 3, Duration.ofSeconds(30))));
            Thread.sleep(1000);
            System.out.println("ALL " + c.diagnosticsFor(uri3).size());
            c.server().shutdown().get();
            c.server().exit();
            System.out.println("EXIT " + c.awaitExit(Duration.ofSeconds(10)));
            System.out.println("STDERR " + c.stderrAfterExit(Duration.ofSeconds(2)));
        }
    }
}
