package dev.mprt.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Finds the .py files under the paths given, and reads them as strict UTF-8. */
final class SourceFiles {

    private SourceFiles() {
    }

    /**
     * Files and folders (recursive *.py; hidden folders skipped unless named), sorted, without duplicates: a file
     * named twice (relative and absolute, or through a folder and by itself) is checked once, shown as first named.
     */
    static List<Path> collect(List<Path> paths) throws UsageException, IOException {
        java.util.Map<Path, Path> files = new java.util.TreeMap<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UsageException("no such file or directory: " + p);
            }
            if (Files.isDirectory(p)) {
                Files.walkFileTree(p, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        return !dir.equals(p) && name.startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (file.toString().endsWith(".py")) {
                            add(files, file);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        add(files, file); // reported when read
                        return FileVisitResult.CONTINUE;
                    }
                });
            } else {
                add(files, p);
            }
        }
        List<Path> out = new ArrayList<>(files.values());
        out.sort(null);
        return out;
    }

    private static void add(java.util.Map<Path, Path> files, Path file) {
        files.putIfAbsent(file.toAbsolutePath().normalize(), file.normalize());
    }

    /** The text of a file, or an exception whose message says why it cannot be checked. */
    static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int offset = firstInvalidUtf8(bytes);
            throw new IOException("not valid UTF-8 (byte " + offset + "); MicroPython source must be UTF-8");
        }
    }

    private static int firstInvalidUtf8(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        d.decode(in, out, true);
        return in.position();
    }
}
