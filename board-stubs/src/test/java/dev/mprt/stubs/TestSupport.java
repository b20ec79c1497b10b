package dev.mprt.stubs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Paths shared by the tests: the checkout, this module, the committed stubs and MicroPython's source tree. */
final class TestSupport {

    private static Path tree;

    private TestSupport() {
    }

    static Path root() {
        String r = System.getProperty("mprt.root");
        return r != null ? Path.of(r) : Path.of("..").toAbsolutePath().normalize();
    }

    static Path module() {
        String m = System.getProperty("mprt.stubs.module");
        return m != null ? Path.of(m) : root().resolve("board-stubs");
    }

    static Path committedStubs() {
        return module().resolve("src/main/resources/dev/mprt/stubs");
    }

    static Path overrides() {
        return module().resolve("overrides");
    }

    /** MicroPython's source tree, fetched (once, cached) by tools/micropython-source.sh. */
    static synchronized Path micropythonTree() throws IOException, InterruptedException {
        if (tree != null) {
            return tree;
        }
        Path script = root().resolve("tools/micropython-source.sh");
        Process p = new ProcessBuilder("bash", script.toString(), "--tree")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("tools/micropython-source.sh --tree failed (exit " + p.exitValue() + ")");
        }
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        tree = Path.of(lines.get(lines.size() - 1).strip());
        return tree;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
