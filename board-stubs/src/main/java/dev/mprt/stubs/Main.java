package dev.mprt.stubs;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Command line: {@code Main <micropython-tree> <output-dir> [<overrides-dir>]}. Writes
 * {@code <output-dir>/<board-id>/*.pyi} and {@code board.json} for every board in {@link Generator#BOARDS}.
 * The overrides default to {@code overrides/} next to the working directory's {@code pom.xml}
 * (that is, {@code board-stubs/overrides}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Main <micropython-tree> <output-dir> [<overrides-dir>]");
            System.exit(2);
        }
        Path tree = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path overrides = args.length > 2 ? Path.of(args[2]) : defaultOverrides();
        if (!Files.isDirectory(tree.resolve("docs/library")) || !Files.isDirectory(tree.resolve("ports"))) {
            System.err.println("not a MicroPython source tree: " + tree);
            System.exit(2);
        }
        Generator g = new Generator(tree, overrides);
        Map<String, JsonObject> summary = g.generateAll(out);
        for (String line : g.log()) {
            System.err.println("note: " + line);
        }
        for (Map.Entry<String, JsonObject> e : summary.entrySet()) {
            JsonObject j = e.getValue();
            System.out.printf("%-16s %2d stub files, %3d pin names%n", e.getKey(), j.getAsJsonArray("stubs").size(),
                    j.getAsJsonObject("pins").getAsJsonObject("board").size()
                            + j.getAsJsonObject("pins").getAsJsonArray("cpu").size());
        }
    }

    static Path defaultOverrides() {
        Path here = Path.of("overrides");
        if (Files.isDirectory(here)) {
            return here;
        }
        return Path.of("board-stubs", "overrides");
    }
}
