package dev.mprt.server.features;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.mprt.lang.semantic.ModuleSources;

/**
 * The workspace's own modules: {@code a.b} is {@code <root>/a/b.py} or {@code <root>/a/b/__init__.py}, read from
 * the editor's open document when there is one, else from disk.
 */
public final class WorkspaceModules implements ModuleSources {

    private final Path root;
    private final Function<java.net.URI, String> openDocuments;

    public WorkspaceModules(Path root, Function<java.net.URI, String> openDocuments) {
        this.root = root;
        this.openDocuments = openDocuments;
    }

    @Override
    public Source find(String moduleName) {
        if (root == null || moduleName.isEmpty()) {
            return null;
        }
        Path base = root.resolve(moduleName.replace('.', '/'));
        for (Path p : List.of(base.resolveSibling(base.getFileName() + ".py"), base.resolve("__init__.py"))) {
            String open = openDocuments.apply(p.toUri());
            if (open != null) {
                return new Source(p.toUri().toString(), open, false);
            }
            if (Files.isRegularFile(p)) {
                try {
                    return new Source(p.toUri().toString(), Files.readString(p, StandardCharsets.UTF_8), false);
                } catch (IOException | java.io.UncheckedIOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public Collection<String> names() {
        TreeSet<String> out = new TreeSet<>();
        if (root == null) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root, 3)) {
            s.filter(p -> p.toString().endsWith(".py")).forEach(p -> {
                Path rel = root.relativize(p);
                if (rel.toString().startsWith(".")) {
                    return;
                }
                String name = rel.toString().replace('/', '.');
                name = name.substring(0, name.length() - 3);
                if (name.endsWith(".__init__")) {
                    name = name.substring(0, name.length() - ".__init__".length());
                }
                if (!name.contains("-")) {
                    out.add(name);
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            // an unreadable workspace offers no module names
        }
        return out;
    }
}
