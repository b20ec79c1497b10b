package dev.mprt.lang.parser;

import org.antlr.runtime.RecognitionException;
import org.antlr.runtime.Token;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;

import dev.mprt.lang.diagnostics.Codes;

/**
 * MicroPython's parser says "invalid syntax" for every grammar error, except an unexpected INDENT token, which is
 * "IndentationError: unexpected indent" ({@code py/parse.c}). We say the same, with a stable code.
 */
public class MicroPythonSyntaxErrorMessages implements ISyntaxErrorMessageProvider {

    public static final String UNEXPECTED_INDENT = "IndentationError: unexpected indent";
    public static final String INVALID_SYNTAX = "invalid syntax";

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IParserErrorContext context) {
        RecognitionException e = context.getRecognitionException();
        Token token = e != null ? e.token : null;
        if (token != null && isIndent(context, token)) {
            return new SyntaxErrorMessage(UNEXPECTED_INDENT, Codes.SYNTAX_UNEXPECTED_INDENT);
        }
        return new SyntaxErrorMessage(INVALID_SYNTAX, Codes.SYNTAX_INVALID);
    }

    private static boolean isIndent(IParserErrorContext context, Token token) {
        String[] names = context.getTokenNames();
        int type = token.getType();
        return names != null && type >= 0 && type < names.length && "RULE_INDENT".equals(names[type]);
    }

    @Override
    public SyntaxErrorMessage getSyntaxErrorMessage(IValueConverterErrorContext context) {
        return new SyntaxErrorMessage(INVALID_SYNTAX, Codes.SYNTAX_INVALID);
    }
}
