package dev.mprt.lang.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;
import dev.mprt.lang.testing.PythonStringLiterals;

/**
 * Differential test against the real compiler: every snippet is compiled by MicroPython 1.25's mpy-cross
 * ({@code -march=x64}, so no inline assembler is involved) and analysed by mprt, and the verdicts must agree. If
 * mpy-cross rejects a snippet, mprt must report an error with mpy-cross's exact message (line agreement is
 * measured separately); if mpy-cross compiles it, mprt must report no error.
 *
 * <p>The corpus is (a) the code held in string arguments of {@code test_syntax}/{@code test}/{@code exec}/
 * {@code compile}/{@code eval} calls in MicroPython's own tests (reference F.4), extracted at test time with our
 * own parser so that no MicroPython text is committed, and (b) the hand-written cases of
 * {@code syntax-corpus.txt}, which cover every message of reference F.3 with an erroring case and a near miss.
 *
 * <p>The full report (summary and every disagreement) is printed and written to
 * {@code /tmp/syntax-differential.txt} (system property {@code mprt.syntaxDifferential.report} overrides).
 */
public class SyntaxDifferentialTest {

    /** Files of MicroPython's tests/ whose compile errors live in strings (reference F.4), relative to tests/. */
    static final List<String> SOURCE_FILES = List.of(
            "basics/assign_expr_syntaxerror.py", "basics/async_syntaxerror.py", "basics/builtin_eval_error.py",
            "basics/exceptpoly.py", "basics/exceptpoly2.py", "basics/fun_callstardblstar.py", "basics/lexer.py",
            "basics/parser.py", "basics/python34.py", "basics/set_type.py", "basics/string_fstring.py",
            "basics/string_fstring_invalid.py", "basics/syntaxerror.py", "basics/syntaxerror_return.py",
            "basics/try2.py", "micropython/const_error.py", "micropython/decorator_error.py",
            "micropython/viper_error.py", "misc/non_compliant.py", "misc/non_compliant_lexer.py",
            "cpydiff/syntax_spaces.py", "import/import_star_error.py", "unicode/unicode.py");

    /** Callees whose first (string) argument is code. */
    static final Set<String> CODE_TAKERS = Set.of("test_syntax", "test", "exec", "compile", "eval");

    static final String CORPUS_RESOURCE = "/syntax-corpus.txt";
    static final String SEPARATOR = "----";
    static final String ESCAPED_MARKER = "%escaped";

    /** Exception types whose name mprt's messages leave out; every other type stays as a message prefix. */
    static final Set<String> UNPREFIXED_TYPES = Set.of("SyntaxError", "ValueError");

    private static final Pattern ERROR_LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*(?:Error|Exception)): ?(.*)$");
    private static final Pattern TRACEBACK_LINE = Pattern.compile("File \"[^\"]*\", line (\\d+)");

    /** One snippet and where it came from. */
    record Case(String origin, String text) {
    }

    /**
     * mpy-cross's verdict: {@code ok}, or the exception type, mprt's form of its message and the 1-based line
     * (0 when mpy-cross printed no traceback, as for lexer errors).
     */
    public record Verdict(boolean ok, String type, String message, int line, String raw) {

        public String describe() {
            return ok ? "OK" : raw + (line > 0 ? " (line " + line + ")" : " (no line)");
        }
    }

    @Test
    void mprtAgreesWithMpyCrossOnEverySnippet() throws IOException, InterruptedException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        Path mpyCross = MicroPythonSource.mpyCross();

        List<String> extractionProblems = new ArrayList<>();
        List<Case> extracted = extract(tests, extractionProblems);
        List<Case> handWritten = corpus();
        Map<String, Case> all = new LinkedHashMap<>();
        for (Case c : extracted) {
            all.putIfAbsent(c.text(), c);
        }
        List<String> duplicates = new ArrayList<>();
        for (Case c : handWritten) {
            Case earlier = all.putIfAbsent(c.text(), c);
            if (earlier != null) {
                duplicates.add(c.origin() + " repeats " + earlier.origin());
            }
        }

        Path dir = Files.createTempDirectory("mprt-syntax-differential");
        Path file = dir.resolve("snippet.py");
        int agree = 0;
        int pendingEmitterRules = 0;
        int mpyErrors = 0;
        int lineKnown = 0;
        int lineAgree = 0;
        List<String> lineMismatches = new ArrayList<>();
        // disagreement kind -> mpy-cross message (or "OK") -> entries
        Map<String, Map<String, List<String>>> disagreements = new TreeMap<>();
        try {
            for (Case c : all.values()) {
                Files.write(file, c.text().getBytes(StandardCharsets.UTF_8));
                Verdict v = mpyCross(mpyCross, file);
                Analysis a;
                try {
                    a = Analyzers.analyze(c.text());
                } catch (RuntimeException | StackOverflowError e) {
                    disagreements.computeIfAbsent("CRASH (mprt throws)", k -> new TreeMap<>())
                            .computeIfAbsent(String.valueOf(e), k -> new ArrayList<>())
                            .add(c.origin() + "\n      snippet: " + PythonStringLiterals.escape(c.text())
                                    + "\n      mpy-cross: " + v.describe() + "\n      mprt:      " + e + " at "
                                    + (e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?"));
                    if (!v.ok()) {
                        mpyErrors++;
                    }
                    continue;
                }
                // semantic-* and isr-* findings are run-time errors (NameError, MemoryError in an IRQ ...), which no
                // compiler reports
                List<Diagnostic> errors = a.diagnostics().stream()
                        .filter(d -> d.severity() == Severity.ERROR
                                && !dev.mprt.lang.diagnostics.Codes.isRunTime(d.code()))
                        .toList();
                String entry = c.origin() + "\n      snippet: " + PythonStringLiterals.escape(c.text())
                        + "\n      mpy-cross: " + v.describe() + "\n      mprt:      " + describe(a);
                if (v.ok()) {
                    if (errors.isEmpty()) {
                        agree++;
                    } else {
                        disagreements.computeIfAbsent("FALSE ERROR (mpy-cross compiles it, mprt reports an error)",
                                k -> new TreeMap<>()).computeIfAbsent("OK", k -> new ArrayList<>()).add(entry);
                    }
                    continue;
                }
                mpyErrors++;
                List<Diagnostic> matching = errors.stream().filter(d -> sameMessage(d.message(), v)).toList();
                if (matching.isEmpty() && isEmitterOrConstRule(c.text(), v.message())) {
                    pendingEmitterRules++;
                    disagreements.computeIfAbsent(PENDING, k -> new TreeMap<>())
                            .computeIfAbsent(v.message(), k -> new ArrayList<>()).add(entry);
                    continue;
                }
                if (matching.isEmpty()) {
                    String kind = errors.isEmpty() ? "MISSED (mpy-cross rejects it, mprt reports no error)"
                            : "WRONG MESSAGE (both reject it, but mprt never says mpy-cross's message)";
                    disagreements.computeIfAbsent(kind, k -> new TreeMap<>())
                            .computeIfAbsent(v.message(), k -> new ArrayList<>()).add(entry);
                    continue;
                }
                agree++;
                if (v.line() > 0) {
                    lineKnown++;
                    if (matching.stream().anyMatch(d -> a.lines().line(d.start()) + 1 == v.line())) {
                        lineAgree++;
                    } else {
                        lineMismatches.add(entry);
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }

        int total = all.size();
        int disagree = total - agree - pendingEmitterRules;
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                "Syntax differential (mprt vs mpy-cross 1.25 -march=x64): %d snippets (%d extracted from %d MicroPython"
                        + " test files, %d hand-written, %d duplicates dropped); mpy-cross rejects %d, accepts %d%n",
                total, extracted.size(), SOURCE_FILES.size(), handWritten.size(),
                extracted.size() + handWritten.size() - total, mpyErrors, total - mpyErrors));
        report.append(String.format("  verdicts agree: %d/%d (%.1f%%); disagree: %d; emitter/const rules not yet"
                + " checked: %d%n", agree, total - pendingEmitterRules,
                100.0 * agree / Math.max(1, total - pendingEmitterRules), disagree, pendingEmitterRules));
        report.append(String.format("  line agreement (agreeing rejections with a traceback line): %d/%d%n",
                lineAgree, lineKnown));
        extractionProblems.forEach(p -> report.append("  extraction problem: ").append(p).append('\n'));
        duplicates.forEach(d -> report.append("  duplicate hand-written case: ").append(d).append('\n'));
        for (Map.Entry<String, Map<String, List<String>>> kind : disagreements.entrySet()) {
            int n = kind.getValue().values().stream().mapToInt(List::size).sum();
            report.append(String.format("%n== %s: %d%n", kind.getKey(), n));
            kind.getValue().entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size())
                            .thenComparing(Map.Entry::getKey))
                    .forEach(msg -> {
                        report.append(String.format("  -- %s (%d)%n", msg.getKey(), msg.getValue().size()));
                        msg.getValue().forEach(e -> report.append("    ").append(e).append('\n'));
                    });
        }
        if (!lineMismatches.isEmpty()) {
            report.append(String.format("%n== LINE MISMATCH (same message, other line): %d%n", lineMismatches.size()));
            lineMismatches.forEach(e -> report.append("    ").append(e).append('\n'));
        }
        System.out.print(report);
        Path out = Path.of(System.getProperty("mprt.syntaxDifferential.report", "/tmp/syntax-differential.txt"));
        try {
            Files.writeString(out, report);
        } catch (IOException e) {
            System.out.println("could not write " + out + ": " + e);
        }

        assertTrue(extracted.size() >= 100, "expected >= 100 snippets from MicroPython's tests, got " + extracted.size());
        assertTrue(extractionProblems.isEmpty(), "extraction problems: " + extractionProblems);
        assertTrue(handWritten.size() >= 150, "expected >= 150 hand-written cases, got " + handWritten.size());
        assertTrue(duplicates.isEmpty(), "hand-written cases repeating another case: " + duplicates);
        assertEquals(total - pendingEmitterRules, agree, disagree + " of " + total
                + " snippets judged differently from mpy-cross (see " + out + ")");
    }

    private static final String PENDING = "PENDING: viper/native/asm/const/decorator rules (issue 4), reported, not"
            + " counted";

    /**
     * The emitter and const() rules (reference sections A-D) are the emitter-checks issue's; until it lands, the
     * snippets that exercise them are listed but not counted. The set shrinks to nothing when those checks exist.
     */
    static boolean isEmitterOrConstRule(String snippet, String message) {
        return false; // the emitter and const() checks have landed (dev.mprt.lang.check.emitter, .constant)
    }

    /** mprt's verdict, on one line. */
    private static String describe(Analysis a) {
        if (a.diagnostics().isEmpty()) {
            return "OK";
        }
        List<String> ds = new ArrayList<>();
        for (Diagnostic d : a.diagnostics()) {
            ds.add(d.severity().label() + " " + d.code() + " '" + d.message() + "' (line " + (a.lines().line(d.start()) + 1)
                    + ")");
        }
        return String.join("; ", ds);
    }

    /** Whether an mprt message is mpy-cross's, allowing the viper family to leave out its type name. */
    public static boolean sameMessage(String mprt, Verdict v) {
        if (mprt.equals(v.message())) {
            return true;
        }
        // How mprt spells viper type errors is not settled: accept the message with or without the type name.
        return "ViperTypeError".equals(v.type()) && mprt.equals(v.raw().substring("ViperTypeError: ".length()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // mpy-cross

    public static Verdict mpyCross(Path mpyCross, Path file, String... extraArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(mpyCross.toString(), "-march=x64", "-o", "/dev/null"));
        command.addAll(List.of(extraArgs));
        command.add(file.getFileName().toString());
        Process p = new ProcessBuilder(command).directory(file.getParent().toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("mpy-cross timed out on " + file);
        }
        if (p.exitValue() == 0) {
            return new Verdict(true, null, null, 0, out); // what it printed (the Xtensa branch-range errors)
        }
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "(no output, exit " + p.exitValue() + ")" : lines.get(lines.size() - 1).strip();
        int line = 0;
        for (String l : lines) {
            Matcher m = TRACEBACK_LINE.matcher(l);
            if (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
        }
        Matcher m = ERROR_LINE.matcher(last);
        if (!m.matches()) {
            return new Verdict(false, "?", last, line, last);
        }
        String type = m.group(1);
        String message = UNPREFIXED_TYPES.contains(type) ? m.group(2) : last;
        return new Verdict(false, type, message, line, last);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Corpus (a): code in string arguments of MicroPython's tests, extracted with our own parser.

    static List<Case> extract(Path tests, List<String> problems) throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String rel : SOURCE_FILES) {
            Path f = tests.resolve(rel);
            if (!Files.exists(f)) {
                problems.add(rel + ": missing");
                continue;
            }
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            // The parser alone: extraction must not depend on the checks under test.
            IParseResult parse = Analyzers.injector().getInstance(IParser.class).parse(new StringReader(text));
            if (parse.hasSyntaxErrors()) {
                problems.add(rel + ": mprt's parser reports syntax errors in the file itself; extraction may be"
                        + " incomplete");
            }
            EObject root = parse.getRootASTElement();
            if (root == null) {
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (EObject o : (Iterable<EObject>) () -> EcoreUtil.getAllContents(root, true)) {
                if (!(o instanceof Call call) || !(call.getFunc() instanceof Name name)
                        || !CODE_TAKERS.contains(name.getId()) || call.getArgs().isEmpty()
                        || !(call.getArgs().get(0) instanceof Str str)) {
                    continue;
                }
                ICompositeNode node = NodeModelUtils.getNode(str);
                int line = node != null ? node.getStartLine() : 0;
                String code;
                try {
                    code = PythonStringLiterals.decode(str.getParts());
                } catch (PythonStringLiterals.BadLiteralException e) {
                    problems.add(rel + ":" + line + ": " + e.getMessage());
                    continue;
                }
                if (code != null && seen.add(code)) {
                    cases.add(new Case(rel + ":" + line, code));
                }
            }
        }
        return cases;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Corpus (b): the hand-written cases (format described in the resource's header).

    static List<Case> corpus() throws IOException {
        String text;
        try (InputStream in = SyntaxDifferentialTest.class.getResourceAsStream(CORPUS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + CORPUS_RESOURCE);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = List.of(text.split("\n", -1));
        List<Case> cases = new ArrayList<>();
        List<String> block = null; // null while in the header
        int blockStart = 0;
        for (int i = 0; i <= lines.size(); i++) {
            boolean end = i == lines.size();
            if (end || lines.get(i).equals(SEPARATOR)) {
                if (block != null) {
                    cases.add(new Case("syntax-corpus.txt:" + blockStart, blockText(block)));
                }
                block = new ArrayList<>();
                blockStart = i + 2;
                if (end) {
                    break;
                }
            } else if (block != null) {
                block.add(lines.get(i));
            }
        }
        return cases;
    }

    private static String blockText(List<String> block) {
        List<String> lines = new ArrayList<>(block);
        if (!lines.isEmpty() && lines.get(0).equals(ESCAPED_MARKER)) {
            return PythonStringLiterals.unescape(String.join("\n", lines.subList(1, lines.size())));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return String.join("\n", lines) + "\n";
    }
}
