package dev.mprt.lang.parser.antlr;

import org.antlr.runtime.TokenSource;

import dev.mprt.lang.parser.antlr.internal.InternalMicroPythonParser;

/** The production parser's token source (the generated parser instantiates it by this name). */
public class MicroPythonTokenSource extends PyTokenSource {

    public MicroPythonTokenSource(TokenSource generatedLexer) {
        super(generatedLexer, InternalMicroPythonParser.class, true);
    }
}
