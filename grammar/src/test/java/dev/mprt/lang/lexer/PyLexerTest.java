package dev.mprt.lang.lexer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Token streams for the cases where MicroPython's lexer differs from CPython's or recovery matters. */
class PyLexerTest {

    /** Significant and layout tokens, rendered: names and numbers by text, layout as NL / IN / DE, markers. */
    private static String tokens(String src) {
        PyLexer lx = new PyLexer(src);
        List<String> out = new ArrayList<>();
        int guard = 0;
        for (int k = lx.next(); k != PyLexer.EOF; k = lx.next()) {
            if (++guard > 10_000) {
                throw new AssertionError("lexer does not advance");
            }
            switch (k) {
                case PyLexer.NEWLINE -> out.add("NL");
                case PyLexer.INDENT -> out.add("IN");
                case PyLexer.DEDENT -> out.add("DE");
                case PyLexer.DEDENT_MISMATCH -> out.add("!DEDENT");
                case PyLexer.UNEXPECTED_INDENT -> out.add("!INDENT");
                case PyLexer.INVALID -> out.add("?" + lx.text());
                case PyLexer.WS, PyLexer.COMMENT, PyLexer.CONTINUATION -> {
                }
                default -> out.add(lx.text());
            }
        }
        return String.join(" ", out);
    }

    @Test
    void blocksAndBlankLinesAndComments() {
        assertEquals("def f ( ) : NL IN x = 1 NL if x : NL IN y NL DE DE z NL",
                tokens("def f():\n    x = 1\n\n  # odd comment\n    if x:\n\ty\nz\n"));
    }

    @Test
    void tabsAdvanceToMultiplesOfEight() {
        assertEquals("if a : NL IN b NL c NL DE", tokens("if a:\n\tb\n        c\n"));
    }

    @Test
    void impliedLineJoiningAndContinuation() {
        assertEquals("x = ( 1 , 2 ) + 3 NL y NL", tokens("x = (1,\n  2) \\\n + 3\ny\n"));
    }

    @Test
    void endOfTextClosesLineAndBlocks() {
        assertEquals("if a : NL IN b NL DE", tokens("if a:\n    b"));
    }

    @Test
    void greedyNumbersAsMicroPythonScansThem() {
        assertEquals("1and 0 NL", tokens("1and 0"));
        assertEquals("0x1e + 1 NL", tokens("0x1e+1"));
        assertEquals("1e+5 + 1_000 NL", tokens("1e+5+1_000"));
        assertEquals("x . real NL", tokens("x.real"));
    }

    @Test
    void stringPrefixesAreLowercaseOnly() {
        assertEquals("rb'a' NL", tokens("rb'a'"));
        assertEquals("U 'a' NL", tokens("U'a'"));
    }

    @Test
    void fstringFieldsMayHoldTheSameQuotes() {
        PyLexer lx = new PyLexer("f\"{d[\"k\"]:>{w}}\" x");
        assertEquals(PyLexer.STRING, lx.next());
        assertEquals("f\"{d[\"k\"]:>{w}}\"", lx.text());
        StringInfo info = lx.stringInfo();
        assertTrue(info.terminated());
        assertEquals(2, info.argumentCount());
        assertEquals("d[\"k\"]", "f\"{d[\"k\"]:>{w}}\"".substring(info.argumentStart(0), info.argumentEnd(0)));
    }

    @Test
    void escapesAndUnterminatedStrings() {
        PyLexer lx = new PyLexer("'\\N{DASH}' 'open\nx");
        assertEquals(PyLexer.STRING, lx.next());
        assertEquals(StringInfo.UNICODE_NAME_ESCAPE, lx.stringInfo().errorKind());
        lx.next(); // whitespace
        assertEquals(PyLexer.STRING, lx.next());
        assertFalse(lx.stringInfo().terminated());
        assertEquals("'open", lx.text());
    }

    @Test
    void recoveryMarkersKeepTheBlockStructure() {
        assertEquals("x NL !INDENT y NL z NL", tokens("x\n    y\nz\n"));
        assertEquals("!INDENT x NL", tokens("  x\n"));
        assertEquals("def f ( ) : NL IN a NL !DEDENT b NL DE c NL", tokens("def f():\n        a\n    b\nc\n"));
    }

    @Test
    void unclosedBracketClosesBeforeANewStatement() {
        assertEquals("print ( 'a' NL def f NL", tokens("print('a'\ndef f\n"));
        assertEquals("x = [ 1 NL y = 2 NL", tokens("x = [1\ny = 2\n"));
        // a deeper-indented continuation stays inside the brackets
        assertEquals("f ( a b NL", tokens("f(a\n   b\n"));
    }

    @Test
    void invalidCharactersAndDebugKeyword() {
        assertEquals("a ?$ b NL", tokens("a $ b"));
        assertEquals("a ?! b NL", tokens("a ! b"));
        PyLexer lx = new PyLexer("__debug__");
        assertEquals(PyLexer.KEYWORD, lx.next());
    }
}
