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

    /**
     * Files read from disk, by path, with the modification time and size they had: every analysis asks for the
     * program's modules again (imports, interrupt handlers registered elsewhere), and a folder of hundreds of
     * files must not be read hundreds of times over. A changed file is read again.
     */
    private final java.util.Map<Path, Cached> disk = new java.util.concurrent.ConcurrentHashMap<>();

    private record Cached(long modified, long size, String text) {
    }

    /** The module names and when they were listed: new files show within {@link #NAMES_TTL_MS}. */
    private volatile Collection<String> names;
    private volatile long namesAt;
    private static final long NAMES_TTL_MS = 2000;

    public WorkspaceModules(Path root, Function<java.net.URI, String> openDocuments) {
        this(root, openDocuments, false);
    }

    /**
     * @param frozen the files do not change while this lives (one {@code mprt check} run): each module is looked
     *               up on disk once
     */
    public WorkspaceModules(Path root, Function<java.net.URI, String> openDocuments, boolean frozen) {
        this.root = root;
        this.openDocuments = openDocuments;
        this.found = frozen ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    }

    /** For a frozen workspace: each module's source, or {@link #NONE_FOUND}. */
    private final java.util.Map<String, Source> found;
    private static final Source NONE_FOUND = new Source("", "", false);

    @Override
    public Source find(String moduleName) {
        if (root == null || moduleName.isEmpty()) {
            return null;
        }
        if (found != null) {
            Source s = found.computeIfAbsent(moduleName, n -> {
                Source f = lookUp(n);
                return f == null ? NONE_FOUND : f;
            });
            return s == NONE_FOUND ? null : s;
        }
        return lookUp(moduleName);
    }

    private Source lookUp(String moduleName) {
        Path base = root.resolve(moduleName.replace('.', '/'));
        for (Path p : List.of(base.resolveSibling(base.getFileName() + ".py"), base.resolve("__init__.py"))) {
            String open = openDocuments.apply(p.toUri());
            if (open != null) {
                return new Source(p.toUri().toString(), open, false);
            }
            if (Files.isRegularFile(p)) {
                try {
                    return new Source(p.toUri().toString(), read(p), false);
                } catch (IOException | java.io.UncheckedIOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private String read(Path p) throws IOException {
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(p,
                java.nio.file.attribute.BasicFileAttributes.class);
        long modified = a.lastModifiedTime().toMillis();
        Cached c = disk.get(p);
        if (c != null && c.modified() == modified && c.size() == a.size()) {
            return c.text();
        }
        String text = Files.readString(p, StandardCharsets.UTF_8);
        disk.put(p, new Cached(modified, a.size(), text));
        return text;
    }

    @Override
    public Collection<String> names() {
        Collection<String> known = names;
        if (known != null && (found != null || System.currentTimeMillis() - namesAt < NAMES_TTL_MS)) {
            return known;
        }
        Collection<String> listed = java.util.Collections.unmodifiableSortedSet(list());
        names = listed;
        namesAt = System.currentTimeMillis();
        return listed;
    }

    private TreeSet<String> list() {
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
