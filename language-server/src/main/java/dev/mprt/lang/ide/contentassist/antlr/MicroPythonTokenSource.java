package dev.mprt.lang.ide.contentassist.antlr;

import org.antlr.runtime.TokenSource;

import dev.mprt.lang.ide.contentassist.antlr.internal.InternalMicroPythonParser;
import dev.mprt.lang.parser.antlr.PyTokenSource;

/** The content-assist parser's token source: the text ends at the cursor, so no layout tokens are added there. */
public class MicroPythonTokenSource extends PyTokenSource {

    public MicroPythonTokenSource(TokenSource generatedLexer) {
        super(generatedLexer, InternalMicroPythonParser.class, false);
    }
}
