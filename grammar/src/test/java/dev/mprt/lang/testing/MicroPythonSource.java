package dev.mprt.lang.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The MicroPython 1.25.0 source tree, fetched from Debian's source package by tools/micropython-source.sh
 * (idempotent and cached under .cache/). Tests that need MicroPython's own files or mpy-cross go through here.
 */
public final class MicroPythonSource {

    private static Path tree;

    private MicroPythonSource() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("mprt.root");
        Path p = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("tools/micropython-source.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (tools/micropython-source.sh)");
        }
        return p;
    }

    public static synchronized Path tree() {
        if (tree == null) {
            tree = Path.of(run("--tree"));
        }
        return tree;
    }

    public static Path mpyCross() {
        return Path.of(run("--mpy-cross"));
    }

    private static String run(String arg) {
        try {
            Process p = new ProcessBuilder("bash", repoRoot().resolve("tools/micropython-source.sh").toString(), arg)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("tools/micropython-source.sh " + arg + " failed");
            }
            List<String> lines = out.lines().toList();
            return lines.get(lines.size() - 1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
