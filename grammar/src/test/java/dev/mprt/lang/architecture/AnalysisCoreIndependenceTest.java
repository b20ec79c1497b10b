package dev.mprt.lang.architecture;

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
 * The analysis core (this module) knows nothing of protocols or disks: no LSP4J, no serial port, no file access.
 * Files come in as text through the callers. This test reads every hand-written source of the module.
 */
class AnalysisCoreIndependenceTest {

    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(org\\.eclipse\\.lsp4j|com\\.fazecast|org\\.eclipse\\.xtext\\.ide|java\\.nio\\.file|java\\.io\\.File\\b"
                    + "|java\\.io\\.FileInputStream|java\\.io\\.FileReader|java\\.net\\.Socket)");

    @Test
    void coreSourcesUseNoProtocolSerialOrFileApi() throws IOException {
        Path src = Path.of("src/main/java");
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                files++;
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        violations.add(src.relativize(p) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(files > 20, "expected the core's sources under " + src.toAbsolutePath());
        assertEquals(List.of(), violations, "the analysis core must not depend on protocols, serial ports or files");
    }

    @Test
    void coreClasspathHasNoLsp4j() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.eclipse.lsp4j.Diagnostic"));
    }

    private static void assertThrows(Class<? extends Throwable> type, org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertThrows(type, e);
    }
}
