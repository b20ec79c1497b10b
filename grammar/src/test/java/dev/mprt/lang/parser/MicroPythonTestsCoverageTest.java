package dev.mprt.lang.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * MicroPython's own tests/ tree is the coverage corpus (reference F.4): every file mpy-cross compiles on every
 * target must give no syntax diagnostic (code {@code syntax-*}: the grammar and the compile-stage rules), and each of
 * the 12 files MicroPython rejects must give one. Board-dependent rules (emitters, stubs) have their own corpus
 * tests.
 */
class MicroPythonTestsCoverageTest {

    /** The files no MicroPython target compiles (reference F.4); paths relative to tests/. */
    static final Set<String> REJECTED = Set.of(
            "cmdline/repl_autocomplete.py", "cmdline/repl_autoindent.py", "cmdline/repl_basic.py",
            "cmdline/repl_cont.py", "cmdline/repl_emacs_keys.py", "cmdline/repl_words_move.py",
            "feature_check/repl_emacs_check.py", "feature_check/repl_words_move_check.py",
            "cpydiff/core_fstring_parser.py", "cpydiff/core_fstring_repr.py", "cpydiff/syntax_unicode_nameesc.py",
            "cpydiff/syntax_arg_unpacking.py");

    @Test
    void everyCompilingFileParsesCleanAndEveryRejectedFileGetsAnError() throws IOException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        List<String> falsePositives = new ArrayList<>();
        List<String> missed = new ArrayList<>();
        int clean = 0;
        int rejected = 0;
        for (Path f : files) {
            String rel = tests.relativize(f).toString();
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            Analysis a = Analyzers.analyze(text);
            List<Diagnostic> syntax = a.diagnostics().stream().filter(d -> d.code().startsWith("syntax-")).toList();
            if (REJECTED.contains(rel)) {
                rejected++;
                if (syntax.stream().noneMatch(d -> d.severity() == dev.mprt.lang.diagnostics.Severity.ERROR)) {
                    missed.add(rel);
                }
            } else {
                clean++;
                if (!syntax.isEmpty()) {
                    Diagnostic d = syntax.get(0);
                    falsePositives.add(rel + ":" + (a.lines().line(d.start()) + 1) + ":" + (a.lines().column(d.start()) + 1)
                            + ": " + d.code() + ": " + d.message() + " (" + syntax.size() + " in all)");
                }
            }
        }
        System.out.printf("MicroPython tests/: %d files; %d must compile, %d with diagnostics; %d rejected, %d missed%n",
                files.size(), clean, falsePositives.size(), rejected, missed.size());
        falsePositives.forEach(s -> System.out.println("  false positive: " + s));
        missed.forEach(s -> System.out.println("  missed rejection: " + s));
        assertTrue(files.size() >= 1406, "expected MicroPython 1.25's 1406 test files, found " + files.size());
        assertTrue(falsePositives.isEmpty(), falsePositives.size() + " must-compile files got diagnostics");
        assertTrue(missed.isEmpty(), missed.size() + " rejected files got no error: " + missed);
    }
}
