package dev.mprt.lang.parser.antlr;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.antlr.runtime.CharStream;
import org.antlr.runtime.CommonToken;
import org.antlr.runtime.Lexer;
import org.antlr.runtime.Token;
import org.antlr.runtime.TokenSource;

import dev.mprt.lang.lexer.PyLexer;

/**
 * Feeds an Xtext-generated ANTLR parser with {@link PyLexer}'s tokens instead of those of the generated lexer
 * (which is never asked for a token). The production parser and the content-assist parser number their token
 * types differently, so each names its generated parser class.
 */
public class PyTokenSource implements TokenSource {

    private static final Map<Class<?>, TypeMap> TYPE_MAPS = new ConcurrentHashMap<>();

    private final CharStream input;
    private final String text;
    private final PyLexer lexer;
    private final TypeMap types;
    private int line = 1;
    private int lineScanned;

    private final boolean layoutAtEof;

    /**
     * @param generatedParser the generated ANTLR parser class, whose {@code .tokens} file beside it gives the types
     * @param layoutAtEof whether to close the last line and blocks at the end of input (NEWLINE, DEDENTs); false for
     *        content assist, which parses the text up to the cursor
     */
    public PyTokenSource(TokenSource generatedLexer, Class<?> generatedParser, boolean layoutAtEof) {
        this.input = ((Lexer) generatedLexer).getCharStream();
        this.layoutAtEof = layoutAtEof;
        this.text = input.size() == 0 ? "" : input.substring(0, input.size() - 1);
        this.lexer = new PyLexer(text);
        this.types = TYPE_MAPS.computeIfAbsent(generatedParser, TypeMap::new);
    }

    @Override
    public Token nextToken() {
        int kind = lexer.next();
        if (!layoutAtEof && lexer.end() >= text.length()
                && (kind == PyLexer.NEWLINE || kind == PyLexer.DEDENT)) {
            kind = PyLexer.EOF;
        }
        int start = lexer.start();
        int end = lexer.end();
        int type;
        switch (kind) {
            case PyLexer.EOF:
                type = Token.EOF;
                break;
            case PyLexer.KEYWORD:
            case PyLexer.OP:
                type = types.keyword(lexer.text());
                break;
            default:
                type = types.byKind[kind];
        }
        CommonToken token = new CommonToken(input, type, Token.DEFAULT_CHANNEL, start, end - 1);
        if (start == end) {
            token.setText("");
        }
        token.setLine(lineAt(start));
        return token;
    }

    private int lineAt(int offset) {
        for (int i = lineScanned; i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                line++;
            }
        }
        lineScanned = Math.max(lineScanned, offset);
        return line;
    }

    @Override
    public String getSourceName() {
        return "MicroPython";
    }

    /** Token types of one generated parser, by PyLexer kind and by keyword/operator text. */
    private static final class TypeMap {
        final int[] byKind = new int[PyLexer.MISSING_OPERAND + 1];
        final Map<String, Integer> keywords = new HashMap<>();
        final int invalid;

        TypeMap(Class<?> generatedParser) {
            Map<String, Integer> rules = new HashMap<>();
            String resource = generatedParser.getSimpleName() + ".tokens";
            try (InputStream in = generatedParser.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + resource + " beside " + generatedParser.getName());
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    int eq = line.lastIndexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String n = line.substring(0, eq);
                    int type = Integer.parseInt(line.substring(eq + 1).trim());
                    if (n.length() > 2 && n.startsWith("'") && n.endsWith("'")) {
                        keywords.put(n.substring(1, n.length() - 1), type);
                    } else if (n.startsWith("RULE_")) {
                        rules.put(n.substring(5), type);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            invalid = rules.get("ANY_OTHER");
            byKind[PyLexer.NAME] = rules.get("ID");
            byKind[PyLexer.NUMBER] = rules.get("NUMBER");
            byKind[PyLexer.STRING] = rules.get("STRING");
            byKind[PyLexer.NEWLINE] = rules.get("NEWLINE");
            byKind[PyLexer.INDENT] = rules.get("INDENT");
            byKind[PyLexer.DEDENT] = rules.get("DEDENT");
            byKind[PyLexer.DEDENT_MISMATCH] = rules.get("DEDENT_MISMATCH");
            byKind[PyLexer.WS] = rules.get("WS");
            byKind[PyLexer.COMMENT] = rules.get("COMMENT");
            byKind[PyLexer.CONTINUATION] = rules.get("CONTINUATION");
            byKind[PyLexer.INVALID] = invalid;
            byKind[PyLexer.UNEXPECTED_INDENT] = rules.get("UNEXPECTED_INDENT");
            byKind[PyLexer.MISSING_OPERAND] = rules.get("MISSING_OPERAND");
            // __debug__ is the constant True to MicroPython's lexer
            keywords.put("__debug__", keywords.get("True"));
        }

        int keyword(String text) {
            // An operator the grammar never uses (there is none today) would still be a syntax error, not a crash.
            Integer t = keywords.get(text);
            return t != null ? t : invalid;
        }
    }
}
