package dev.mprt.server.features;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.mprt.lang.semantic.StubSources;

/**
 * Editors open definitions by URI, and stub modules live in the jar: this writes a stub to a per-user temporary
 * folder on first use ({@code <tmp>/mprt-stubs/<board>/<module>.pyi}) and returns its file URI.
 */
final class StubFiles {

    private static final String PREFIX = "mprt-stub:/";

    private StubFiles() {
    }

    /** A file URI for a location, materializing stub modules; other URIs are returned unchanged. */
    static String editorUri(String uri) {
        if (!uri.startsWith(PREFIX)) {
            return uri;
        }
        String rest = uri.substring(PREFIX.length()); // <board>/<a/b>.pyi
        int slash = rest.indexOf('/');
        String board = rest.substring(0, slash);
        String module = rest.substring(slash + 1, rest.length() - ".pyi".length()).replace('/', '.');
        var source = StubSources.forBoard(board).find(module);
        if (source == null) {
            return uri;
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "mprt-stubs-" + System.getProperty("user.name"), rest);
        try {
            if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(source.text())) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, source.text(), StandardCharsets.UTF_8);
                file.toFile().setReadOnly();
            }
            return file.toUri().toString();
        } catch (IOException e) {
            return uri;
        }
    }
}
