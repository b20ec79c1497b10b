package dev.mprt.debug.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The debugger core knows no protocol: no LSP4J (the DAP front's business), and nothing of the DAP package. The
 * transport below it knows neither the core nor the DAP front.
 */
class DebugCoreIndependenceTest {

    @Test
    void theCoreUsesNoProtocolTypes() throws IOException {
        assertEquals(List.of(), violations("dev/mprt/debug/core",
                Pattern.compile("\\b(org\\.eclipse\\.lsp4j|dev\\.mprt\\.debug\\.dap)\\b")));
    }

    @Test
    void theTransportKnowsNothingAbove() throws IOException {
        assertEquals(List.of(), violations("dev/mprt/debug/transport",
                Pattern.compile("\\b(org\\.eclipse\\.lsp4j|dev\\.mprt\\.debug\\.dap|dev\\.mprt\\.debug\\.core"
                        + "|dev\\.mprt\\.lang)\\b")));
    }

    private static List<String> violations(String pkg, Pattern forbidden) throws IOException {
        Path src = Path.of("src/main/java").resolve(pkg);
        List<String> out = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (forbidden.matcher(lines.get(i)).find()) {
                        out.add(p.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(files >= 5, "expected sources under " + src.toAbsolutePath());
        return out;
    }
}
