package dev.mprt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code ./mprt check} as a user runs it: a separate process on files in a temporary folder, judged by its exit
 * status, its exact output lines and its stderr.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CliTest {

    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at \\S+\\(|Exception in thread|^Caused by: ");
    private static final String CLEAN = "import time\n\n\ndef tick(n):\n    return n + 1\n\n\nprint(tick(1))\n";
    private static final String TWO_ERRORS = "def f(:\n    pass\nreturn 1\n";

    @TempDir
    Path dir;

    // ---------------------------------------------------------------------------------------------------------------
    // text and JSON output, exit status

    @Test
    void aCleanFileExitsZeroWithTheSummaryOnly() throws Exception {
        Path file = write("clean.py", CLEAN);

        Run run = mprt("check", file.toString());

        assertEquals(0, run.status(), run::describe);
        assertEquals(List.of("1 file checked: 0 errors, 0 warnings"), run.stdoutLines());
        assertEquals("", run.stderr());
    }

    @Test
    void errorsExitOneWithOneExactLinePerDiagnostic() throws Exception {
        Path file = write("errors.py", TWO_ERRORS);

        Run run = mprt("check", file.toString());

        assertEquals(1, run.status(), run::describe);
        assertEquals(List.of(
                file + ":1:7: error[syntax-invalid]: invalid syntax",
                file + ":3:1: error[syntax-return-outside-function]: 'return' outside function",
                "1 file checked: 2 errors, 0 warnings"), run.stdoutLines());
        assertEquals("", run.stderr());
    }

    @Test
    void pathsArePrintedAsGiven() throws Exception {
        write("errors.py", TWO_ERRORS);

        Run run = mprtIn(dir, "check", "errors.py");

        assertEquals(1, run.status(), run::describe);
        assertEquals("errors.py:1:7: error[syntax-invalid]: invalid syntax", run.stdoutLines().get(0));
    }

    @Test
    void jsonFormatIsAnArrayOfDiagnosticsWithOneBasedPositions() throws Exception {
        Path file = write("errors.py", TWO_ERRORS);

        Run run = mprt("check", "--format", "json", file.toString());

        assertEquals(1, run.status(), run::describe);
        JsonArray array = JsonParser.parseString(run.stdout()).getAsJsonArray();
        assertEquals(2, array.size(), run.stdout());
        for (JsonElement e : array) {
            assertEquals(Set.of("file", "line", "column", "endLine", "endColumn", "severity", "code", "message"),
                    e.getAsJsonObject().keySet(), "the fields of a diagnostic");
        }
        assertJson(array.get(0).getAsJsonObject(), file, 1, 7, 1, 8, "error", "syntax-invalid", "invalid syntax");
        assertJson(array.get(1).getAsJsonObject(), file, 3, 1, 3, 9, "error", "syntax-return-outside-function",
                "'return' outside function");
        assertEquals("", run.stderr());
    }

    @Test
    void jsonFormatOfACleanRunIsAnEmptyArray() throws Exception {
        Path file = write("clean.py", CLEAN);

        Run run = mprt("check", "--format=json", file.toString());

        assertEquals(0, run.status(), run::describe);
        assertEquals(new JsonArray(), JsonParser.parseString(run.stdout()));
    }

    @Test
    void everyErrorOfAFileIsReportedNotOnlyTheFirst() throws Exception {
        Path file = write("many.py", """
                f = c = print
                x = = 1
                for i in range(3):
                    pass
                break
                f(a=1, 2)
                *a, *b = c
                del f()
                yield 2
                def g(p, p):
                    return p
                """);

        Run run = mprt("check", file.toString());

        assertEquals(1, run.status(), run::describe);
        assertEquals(List.of(
                file + ":2:5: error[syntax-invalid]: invalid syntax",
                file + ":5:1: error[syntax-outside-loop]: 'break'/'continue' outside loop",
                file + ":6:8: error[syntax-positional-after-keyword]: positional arg after keyword arg",
                file + ":7:5: error[syntax-multiple-starred]: multiple *x in assignment",
                file + ":8:5: error[syntax-cant-delete]: can't delete expression",
                file + ":9:1: error[syntax-yield-outside-function]: 'yield' outside function",
                file + ":10:10: error[syntax-argument-name-reused]: argument name reused",
                "1 file checked: 7 errors, 0 warnings"), run.stdoutLines());
    }

    /** Error recovery after a broken def header must not invent an error on the (valid) statement after its body. */
    @Test
    void aBrokenDefHeaderDoesNotFlagTheValidStatementAfterItsBody() throws Exception {
        Path file = write("header.py", """
                def g(:
                    pass
                y = 3
                """);

        Run run = mprt("check", file.toString());

        assertEquals(1, run.status(), run::describe);
        assertEquals(List.of(
                file + ":1:7: error[syntax-invalid]: invalid syntax",
                "1 file checked: 1 error, 0 warnings"), run.stdoutLines());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // which files

    @Test
    void foldersAreSearchedRecursivelyForPyFilesSkippingHiddenFolders() throws Exception {
        Path top = write("proj/top.py", "return 1\n");
        Path deep = write("proj/pkg/sub/deep.py", "break\n");
        write("proj/pkg/clean.py", CLEAN);
        write("proj/.venv/lib/skipped.py", "return 1\n");
        write("proj/.git/hooks/skipped.py", "return 1\n");
        write("proj/notes.txt", "return 1\n");
        write("proj/pkg/script.pyw", "return 1\n");
        write("proj/pkg/data.json", "{}\n");

        Run run = mprt("check", dir.resolve("proj").toString());

        assertEquals(1, run.status(), run::describe);
        assertEquals(List.of(
                deep + ":1:1: error[syntax-outside-loop]: 'break'/'continue' outside loop",
                top + ":1:1: error[syntax-return-outside-function]: 'return' outside function",
                "3 files checked: 2 errors, 0 warnings"), run.stdoutLines());
    }

    @Test
    void aHiddenFolderNamedExplicitlyIsChecked() throws Exception {
        Path hidden = write(".config/boot.py", "return 1\n");

        Run run = mprt("check", dir.resolve(".config").toString());

        assertEquals(1, run.status(), run::describe);
        assertEquals(List.of(hidden + ":1:1: error[syntax-return-outside-function]: 'return' outside function",
                "1 file checked: 1 error, 0 warnings"), run.stdoutLines());
    }

    @Test
    void aFileNamedTwiceIsCheckedOnce() throws Exception {
        Path file = write("app/main.py", "return 1\n");

        Run run = mprtIn(dir, "check", "app", file.toString(), "app/main.py");

        assertEquals(1, run.status(), run::describe);
        assertEquals(2, run.stdoutLines().size(), run::describe);
        assertEquals("1 file checked: 1 error, 0 warnings", run.stdoutLines().get(1), run::describe);
    }

    @Test
    void aFileThatIsNotUtf8IsOneDiagnosticAndTheRunGoesOn() throws Exception {
        Path latin1 = dir.resolve("b_latin1.py");
        Files.write(latin1, "s = \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1)); // 0xE9 alone: not UTF-8
        Path before = write("a_errors.py", "return 1\n");
        Path after = write("c_errors.py", "break\n");
        write("d_clean.py", CLEAN);

        Run run = mprt("check", dir.toString());

        assertEquals(1, run.status(), run::describe);
        List<String> lines = run.stdoutLines();
        assertEquals(4, lines.size(), run::describe);
        assertEquals(before + ":1:1: error[syntax-return-outside-function]: 'return' outside function", lines.get(0));
        assertTrue(lines.get(1).startsWith(latin1 + ":1:1: error[file-unreadable]: cannot read file: "), lines.get(1));
        assertTrue(lines.get(1).contains("UTF-8"), () -> "says why: " + lines.get(1));
        assertEquals(after + ":1:1: error[syntax-outside-loop]: 'break'/'continue' outside loop", lines.get(2));
        assertEquals("4 files checked: 3 errors, 0 warnings", lines.get(3), run::describe);
        assertFalse(STACK_TRACE.matcher(run.stdout() + run.stderr()).find(), run::describe);

        Run json = mprt("check", "--format", "json", latin1.toString());
        assertEquals(1, json.status(), json::describe);
        JsonArray array = JsonParser.parseString(json.stdout()).getAsJsonArray();
        assertEquals(1, array.size());
        assertEquals("file-unreadable", array.get(0).getAsJsonObject().get("code").getAsString());
        assertEquals(1, array.get(0).getAsJsonObject().get("line").getAsInt());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // usage errors

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--verbose", "FILE"), "unknown option '--verbose'"),
                Arguments.of(List.of("--board", "arduino-uno", "FILE"), "unknown board 'arduino-uno'"),
                Arguments.of(List.of("--board=", "FILE"), "unknown board ''"),
                Arguments.of(List.of("--format", "xml", "FILE"), "unknown format 'xml'"),
                Arguments.of(List.of(), "no path given"),
                Arguments.of(List.of("--format", "json"), "no path given"),
                Arguments.of(List.of("MISSING"), "no such file or directory"),
                Arguments.of(List.of("FILE", "MISSING"), "no such file or directory"),
                Arguments.of(List.of("FILE", "--board"), "--board needs a value"));
    }

    @ParameterizedTest(name = "check {0}")
    @MethodSource("usageErrors")
    void usageErrorsExitTwoWithOneClearMessage(List<String> args, String expected) throws Exception {
        Path file = write("ok.py", CLEAN);
        Path missing = dir.resolve("missing.py");
        List<String> command = new ArrayList<>(List.of("check"));
        for (String a : args) {
            command.add(a.equals("FILE") ? file.toString() : a.equals("MISSING") ? missing.toString() : a);
        }

        Run run = mprt(command.toArray(String[]::new));

        assertEquals(2, run.status(), run::describe);
        assertEquals("", run.stdout(), "nothing checked, nothing printed");
        List<String> err = run.stderrLines();
        assertFalse(err.isEmpty(), run::describe);
        assertTrue(err.get(0).startsWith("mprt check: ") && err.get(0).contains(expected),
                () -> "first stderr line names the problem (" + expected + "): " + run.describe());
        if (expected.startsWith("no such file")) {
            assertTrue(err.get(0).contains(missing.toString()), () -> "names the path: " + err.get(0));
        }
        assertEquals(1, err.stream().filter(l -> l.startsWith("mprt check: ")).count(), run::describe);
        assertFalse(run.stderr().contains("Exception"), run::describe);
        assertFalse(STACK_TRACE.matcher(run.stderr()).find(), run::describe);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the board: mprt.json and --board

    @Test
    void theDefaultBoardRejectsAStarArgumentAtPosition40() throws Exception {
        Path file = write("args.py", LspProtocolTest.starCallAt(40));
        int column = LspProtocolTest.starCallAt(40).lines().toList().get(5).indexOf("*rest") + 1;

        Run run = mprt("check", file.toString());

        assertEquals(1, run.status(), run::describe);
        assertEquals(List.of(file + ":6:" + column + ": error[syntax-too-many-args]: too many args",
                "1 file checked: 1 error, 0 warnings"), run.stdoutLines());
    }

    @Test
    void theStarArgumentLimitIsTheSmallIntWidthMinusOne() throws Exception {
        // 31-bit small ints (the default board and the microcontroller ports): position 29 is the last allowed
        assertEquals(0, mprt("check", write("p29.py", LspProtocolTest.starCallAt(29)).toString()).status());
        assertEquals(1, mprt("check", write("p30.py", LspProtocolTest.starCallAt(30)).toString()).status());
        assertEquals(1, mprt("check", "--board", "esp8266", dir.resolve("p30.py").toString()).status());
        // 63-bit small ints on unix: position 61 is the last allowed
        assertEquals(0, mprt("check", "--board", "unix", write("p61.py", LspProtocolTest.starCallAt(61)).toString())
                .status());
        Run p62 = mprt("check", "--board", "unix", write("p62.py", LspProtocolTest.starCallAt(62)).toString());
        assertEquals(1, p62.status(), p62::describe);
        assertTrue(p62.stdout().contains("error[syntax-too-many-args]: too many args"), p62::describe);
    }

    @Test
    void mprtJsonSetsTheBoardAndBoardOptionOverridesIt() throws Exception {
        write("proj/mprt.json", "{\"board\": \"unix\"}\n");
        Path file = write("proj/app/args.py", LspProtocolTest.starCallAt(40));

        Run folder = mprt("check", dir.resolve("proj").toString());
        assertEquals(0, folder.status(), folder::describe);
        assertEquals(List.of("1 file checked: 0 errors, 0 warnings"), folder.stdoutLines());

        Run nested = mprt("check", file.toString()); // mprt.json two folders up
        assertEquals(0, nested.status(), nested::describe);

        Run overridden = mprt("check", "--board", "qemu-mps2-an385", file.toString());
        assertEquals(1, overridden.status(), overridden::describe);
        assertTrue(overridden.stdout().contains("error[syntax-too-many-args]"), overridden::describe);

        Run overriddenToo = mprt("check", "--board=rp2-pico", dir.resolve("proj").toString());
        assertEquals(1, overriddenToo.status(), overriddenToo::describe);
    }

    @Test
    void mprtJsonNamingAnotherBoardIsHonouredToo() throws Exception {
        write("proj/mprt.json", "{\"board\": \"esp32\"}\n");
        Path file = write("proj/args.py", LspProtocolTest.starCallAt(40));

        Run run = mprt("check", file.toString());
        assertEquals(1, run.status(), run::describe);

        Run unix = mprt("check", "--board", "unix", file.toString());
        assertEquals(0, unix.status(), unix::describe);
    }

    static Stream<Arguments> badProjectFiles() {
        return Stream.of(
                Arguments.of("{\"board\": ", "truncated JSON"),
                Arguments.of("board=unix\n", "not JSON"),
                Arguments.of("[\"unix\"]", "not an object"),
                Arguments.of("{\"board\": \"arduino-uno\"}", "unknown board"),
                Arguments.of("{\"board\": {\"id\": \"unix\"}}", "board is an object"),
                Arguments.of("{\"board\": [\"unix\"]}", "board is a list"),
                Arguments.of("{\"board\": null}", "board is null"));
    }

    /** Implementation details that make a message unclear to a user: Java/Gson class names and Gson's advice. */
    private static final Pattern LEAKED_INTERNALS = Pattern.compile(
            "Exception|\\bcom\\.google\\.|\\bjava\\.|\\bJson(Object|Array|Null|Primitive)\\b|setStrictness");

    @ParameterizedTest(name = "{1}")
    @MethodSource("badProjectFiles")
    void aMalformedMprtJsonExitsTwoWithAClearMessageNamingTheFile(String content, String why) throws Exception {
        Path config = write("proj/mprt.json", content);
        write("proj/main.py", CLEAN);

        Run run = mprt("check", dir.resolve("proj").toString());

        assertEquals(2, run.status(), run::describe);
        assertEquals("", run.stdout(), run::describe);
        String message = run.stderrLines().get(0);
        assertTrue(message.startsWith("mprt check: " + config + ": "), () -> "names the file: " + run.describe());
        assertFalse(STACK_TRACE.matcher(run.stderr()).find(), run::describe);
        assertFalse(LEAKED_INTERNALS.matcher(message).find(), () -> "says what is wrong in the user's terms, "
                + "without Java or Gson internals: " + message);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the repository's examples

    @Test
    void theExamplesAreClean() throws Exception {
        Path examples = LspClientProcess.repoRoot().resolve("examples");
        int count = countPyFiles(examples);
        assertTrue(count > 0, "examples/ has .py files");

        Run run = mprtIn(LspClientProcess.repoRoot(), "check", "examples");

        assertEquals(0, run.status(), run::describe);
        assertEquals(List.of(count + (count == 1 ? " file" : " files") + " checked: 0 errors, 0 warnings"),
                run.stdoutLines(), run::describe);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    /** One finished run of ./mprt. */
    record Run(List<String> command, int status, String stdout, String stderr) {

        List<String> stdoutLines() {
            return stdout.lines().toList();
        }

        List<String> stderrLines() {
            return stderr.lines().toList();
        }

        String describe() {
            return String.join(" ", command) + "\nexit status " + status + "\n--- stdout\n" + stdout
                    + "--- stderr\n" + stderr;
        }
    }

    private Path write(String relative, String content) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static Run mprt(String... args) throws Exception {
        return mprtIn(LspClientProcess.repoRoot(), args);
    }

    private static Run mprtIn(Path workingDir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LspClientProcess.repoRoot().resolve("mprt").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(workingDir.toFile()).redirectInput(
                ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        if (!p.waitFor(50, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("./mprt " + String.join(" ", args) + " did not finish in 50 s");
        }
        return new Run(command, p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertJson(JsonObject o, Path file, int line, int column, int endLine, int endColumn,
            String severity, String code, String message) {
        assertEquals(file.toString(), o.get("file").getAsString(), "file");
        assertEquals(line, o.get("line").getAsInt(), "line");
        assertEquals(column, o.get("column").getAsInt(), "column");
        assertEquals(endLine, o.get("endLine").getAsInt(), "endLine");
        assertEquals(endColumn, o.get("endColumn").getAsInt(), "endColumn");
        assertEquals(severity, o.get("severity").getAsString(), "severity");
        assertEquals(code, o.get("code").getAsString(), "code");
        assertEquals(message, o.get("message").getAsString(), "message");
    }

    private static int countPyFiles(Path root) throws IOException {
        int[] n = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                return !d.equals(root) && d.getFileName().toString().startsWith(".") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                if (f.toString().endsWith(".py")) {
                    n[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return n[0];
    }
}
