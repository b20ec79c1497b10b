package dev.mprt.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.mprt.lang.MicroPythonStandaloneSetup;
import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Analyzer;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.diagnostics.Codes;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.diagnostics.Related;
import dev.mprt.server.features.WorkspaceModules;
import dev.mprt.lang.diagnostics.LineMap;
import dev.mprt.lang.diagnostics.Severity;

/**
 * {@code mprt check [--board ID] [--format text|json] PATH...}. Exit status: 0 no errors, 1 errors, 2 usage.
 * A file that cannot be read or decoded is one diagnostic, and the run goes on.
 */
final class CheckCommand {

    private final PrintStream out;
    private final PrintStream err;

    CheckCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** One file's outcome: its diagnostics with their line map, in file order. */
    private record FileResult(Path file, List<Diagnostic> diagnostics, LineMap lines) {
    }

    int run(String[] args) {
        try {
            return check(args);
        } catch (UsageException e) {
            err.println("mprt check: " + e.getMessage());
            err.println("usage: mprt check [--board ID] [--format text|json] PATH...");
            return 2;
        } catch (IOException e) {
            err.println("mprt check: " + e.getMessage());
            return 2;
        }
    }

    private int check(String[] args) throws UsageException, IOException {
        String board = null;
        String format = "text";
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--board") || a.equals("--format")) {
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                String v = args[++i];
                if (a.equals("--board")) {
                    board = v;
                } else {
                    format = v;
                }
            } else if (a.startsWith("--board=")) {
                board = a.substring("--board=".length());
            } else if (a.startsWith("--format=")) {
                format = a.substring("--format=".length());
            } else if (a.startsWith("-") && !a.equals("-")) {
                throw new UsageException("unknown option '" + a + "'");
            } else {
                paths.add(Path.of(a));
            }
        }
        if (!format.equals("text") && !format.equals("json")) {
            throw new UsageException("unknown format '" + format + "' (text or json)");
        }
        if (board != null && !Boards.isKnown(board)) {
            throw new UsageException("unknown board '" + board + "' (known: " + String.join(", ", Boards.IDS) + ")");
        }
        if (paths.isEmpty()) {
            throw new UsageException("no path given");
        }
        if (board == null) {
            board = ProjectConfig.boardFor(paths.get(0));
        }
        AnalysisOptions options = new AnalysisOptions(board != null ? board : AnalysisOptions.DEFAULT_BOARD);
        List<Path> files = SourceFiles.collect(paths);
        List<FileResult> results = analyze(files, options);
        if (format.equals("json")) {
            printJson(results);
        } else {
            printText(results);
        }
        return results.stream().flatMap(r -> r.diagnostics().stream())
                .anyMatch(d -> d.severity() == Severity.ERROR) ? 1 : 0;
    }

    private static List<FileResult> analyze(List<Path> files, AnalysisOptions options) throws IOException {
        Analyzer analyzer = new MicroPythonStandaloneSetup().createInjectorAndDoEMFRegistration()
                .getInstance(Analyzer.class);
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<FileResult>> futures = new ArrayList<>();
            // one per folder, shared by its files: it keeps what it has read
            java.util.Map<Path, WorkspaceModules> workspaces = new java.util.HashMap<>();
            for (Path f : files) {
                AnalysisOptions forFile = new AnalysisOptions(options.board(),
                    workspaces.computeIfAbsent(workspaceRoot(f), r -> new WorkspaceModules(r, u -> null, true)),
                    f.toAbsolutePath().toUri().toString());
            futures.add(pool.submit(() -> analyzeOne(analyzer, f, forFile)));
            }
            List<FileResult> results = new ArrayList<>(files.size());
            for (Future<FileResult> fu : futures) {
                results.add(fu.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            throw new IOException("internal error: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Where a file's imports of the program's own modules are looked up: the nearest folder at or above it with
     * an {@code mprt.json}, else the file's folder.
     */
    private static Path workspaceRoot(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(ProjectConfig.FILE))) {
                return d;
            }
        }
        return dir;
    }

    private static FileResult analyzeOne(Analyzer analyzer, Path file, AnalysisOptions options) {
        String text;
        try {
            text = SourceFiles.read(file);
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            if (e instanceof java.nio.file.AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof java.nio.file.NoSuchFileException) {
                why = "no such file";
            }
            return new FileResult(file, List.of(Diagnostic.error(Codes.FILE_UNREADABLE, "cannot read file: " + why,
                    0, 0)), new LineMap(""));
        }
        Analysis a = analyzer.analyze(text, options);
        return new FileResult(file, a.diagnostics(), a.lines());
    }

    private void printText(List<FileResult> results) {
        int errors = 0;
        int warnings = 0;
        int others = 0;
        StringBuilder sb = new StringBuilder();
        for (FileResult r : results) {
            for (Diagnostic d : r.diagnostics()) {
                sb.append(r.file()).append(':').append(r.lines().line(d.start()) + 1).append(':')
                        .append(r.lines().column(d.start()) + 1).append(": ").append(d.severity().label())
                        .append('[').append(d.code()).append("]: ").append(d.message()).append('\n');
                for (Related rel : d.related()) {
                    sb.append("    ").append(relatedFile(r, rel)).append(':').append(rel.line() + 1).append(':')
                            .append(rel.column() + 1).append(": note: ").append(rel.message()).append('\n');
                }
                switch (d.severity()) {
                    case ERROR -> errors++;
                    case WARNING -> warnings++;
                    default -> others++;
                }
            }
        }
        sb.append(results.size()).append(results.size() == 1 ? " file" : " files").append(" checked: ")
                .append(errors).append(errors == 1 ? " error, " : " errors, ").append(warnings)
                .append(warnings == 1 ? " warning" : " warnings");
        if (others > 0) {
            sb.append(", ").append(others).append(" notes");
        }
        out.println(sb);
    }

    private static Path relatedFile(FileResult r, Related rel) {
        if (rel.uri() == null) {
            return r.file();
        }
        try {
            Path p = Path.of(java.net.URI.create(rel.uri()));
            Path cwd = Path.of("").toAbsolutePath();
            return p.startsWith(cwd) ? cwd.relativize(p) : p;
        } catch (RuntimeException e) {
            return Path.of(rel.uri());
        }
    }

    private void printJson(List<FileResult> results) {
        JsonArray array = new JsonArray();
        for (FileResult r : results) {
            for (Diagnostic d : r.diagnostics()) {
                JsonObject o = new JsonObject();
                o.addProperty("file", r.file().toString());
                o.addProperty("line", r.lines().line(d.start()) + 1);
                o.addProperty("column", r.lines().column(d.start()) + 1);
                o.addProperty("endLine", r.lines().line(d.end()) + 1);
                o.addProperty("endColumn", r.lines().column(d.end()) + 1);
                o.addProperty("severity", d.severity().label());
                o.addProperty("code", d.code());
                o.addProperty("message", d.message());
                if (!d.related().isEmpty()) {
                    JsonArray related = new JsonArray();
                    for (Related rel : d.related()) {
                        JsonObject j = new JsonObject();
                        j.addProperty("file", relatedFile(r, rel).toString());
                        j.addProperty("line", rel.line() + 1);
                        j.addProperty("column", rel.column() + 1);
                        j.addProperty("endLine", rel.endLine() + 1);
                        j.addProperty("endColumn", rel.endColumn() + 1);
                        j.addProperty("message", rel.message());
                        related.add(j);
                    }
                    o.add("related", related);
                }
                if (!d.fixes().isEmpty()) {
                    JsonArray fixes = new JsonArray();
                    for (Fix fix : d.fixes()) {
                        JsonObject j = new JsonObject();
                        j.addProperty("title", fix.title());
                        JsonArray edits = new JsonArray();
                        for (Fix.Edit e : fix.edits()) {
                            JsonObject je = new JsonObject();
                            je.addProperty("line", r.lines().line(e.start()) + 1);
                            je.addProperty("column", r.lines().column(e.start()) + 1);
                            je.addProperty("endLine", r.lines().line(e.end()) + 1);
                            je.addProperty("endColumn", r.lines().column(e.end()) + 1);
                            je.addProperty("text", e.text());
                            edits.add(je);
                        }
                        j.add("edits", edits);
                        fixes.add(j);
                    }
                    o.add("fixes", fixes);
                }
                array.add(o);
            }
        }
        out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(array));
    }
}
