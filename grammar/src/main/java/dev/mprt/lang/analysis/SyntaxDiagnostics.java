package dev.mprt.lang.analysis;

import java.io.StringReader;
import java.util.List;

import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import com.google.inject.Inject;

import dev.mprt.lang.diagnostics.Codes;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.lexer.NumberLiterals;
import dev.mprt.lang.lexer.PyLexer;
import dev.mprt.lang.lexer.StringInfo;
import dev.mprt.lang.parser.MicroPythonSyntaxErrorMessages;
import dev.mprt.lang.services.MicroPythonGrammarAccess;

/**
 * The errors MicroPython's lexer and parser would raise, all of them rather than the first: grammar errors from
 * the parse, then token-level errors (malformed numbers and strings, f-string fields, unindent mismatches).
 */
public final class SyntaxDiagnostics {

    private final IParser parser;
    private final TerminalRule stringRule;
    private final TerminalRule numberRule;
    private final TerminalRule dedentMismatchRule;
    private final TerminalRule unexpectedIndentRule;
    private final TerminalRule missingOperandRule;

    @Inject
    SyntaxDiagnostics(IParser parser, MicroPythonGrammarAccess grammar) {
        this.parser = parser;
        this.stringRule = grammar.getSTRINGRule();
        this.numberRule = grammar.getNUMBERRule();
        this.dedentMismatchRule = grammar.getDEDENT_MISMATCHRule();
        this.unexpectedIndentRule = grammar.getUNEXPECTED_INDENTRule();
        this.missingOperandRule = grammar.getMISSING_OPERANDRule();
    }

    public void collect(String text, IParseResult result, List<Diagnostic> out) {
        collect(text, result, out, 0, Integer.MAX_VALUE);
    }

    /** As {@link #collect(String, IParseResult, List)}, for the tokens that start in {@code [from, to)} only. */
    public void collect(String text, IParseResult result, List<Diagnostic> out, int from, int to) {
        for (INode node : result.getSyntaxErrors()) {
            SyntaxErrorMessage m = node.getSyntaxErrorMessage();
            if (node.getTotalOffset() >= from && node.getTotalOffset() < to) {
                out.add(Diagnostic.error(m.getIssueCode(), m.getMessage(), node.getOffset(),
                        node.getOffset() + node.getLength()));
            }
        }
        Iterable<ILeafNode> leaves = result.getRootNode().getLeafNodes();
        if (from > 0 || to < Integer.MAX_VALUE) {
            java.util.List<ILeafNode> some = new java.util.ArrayList<>();
            for (INode child : result.getRootNode().getChildren()) {
                if (child.getTotalEndOffset() > from && child.getTotalOffset() < to) {
                    for (ILeafNode leaf : child.getLeafNodes()) {
                        if (leaf.getTotalOffset() >= from && leaf.getTotalOffset() < to) {
                            some.add(leaf);
                        }
                    }
                }
            }
            leaves = some;
        }
        for (ILeafNode leaf : leaves) {
            AbstractRule rule = terminal(leaf);
            if (rule == stringRule) {
                string(text, leaf, out);
            } else if (rule == numberRule) {
                String error = NumberLiterals.error(leaf.getText());
                if (error != null) {
                    out.add(Diagnostic.error(Codes.SYNTAX_INVALID_NUMBER, error, leaf.getOffset(), leaf.getEndOffset()));
                }
            } else if (rule == missingOperandRule) {
                // the line ends where an operand or a name must follow: underline what came last
                out.add(Diagnostic.error(Codes.SYNTAX_INVALID, MicroPythonSyntaxErrorMessages.INVALID_SYNTAX,
                        leaf.getOffset(), leaf.getOffset()));
            } else if (rule == unexpectedIndentRule) {
                out.add(Diagnostic.error(Codes.SYNTAX_UNEXPECTED_INDENT, MicroPythonSyntaxErrorMessages.UNEXPECTED_INDENT,
                        leaf.getOffset(), leaf.getOffset()));
            } else if (rule == dedentMismatchRule) {
                out.add(Diagnostic.error(Codes.SYNTAX_UNINDENT_MISMATCH,
                        "IndentationError: unindent doesn't match any outer indent level", leaf.getOffset(),
                        leaf.getOffset()));
            }
        }
    }

    private static AbstractRule terminal(ILeafNode leaf) {
        Object ge = leaf.getGrammarElement();
        if (ge instanceof TerminalRule t) {
            return t;
        }
        if (ge instanceof RuleCall rc) {
            return rc.getRule();
        }
        return null;
    }

    private void string(String text, ILeafNode leaf, List<Diagnostic> out) {
        int start = leaf.getOffset();
        PyLexer lexer = new PyLexer(text.substring(start, leaf.getEndOffset()));
        if (lexer.next() != PyLexer.STRING) {
            return;
        }
        StringInfo info = lexer.stringInfo();
        if (!info.terminated()) {
            out.add(Diagnostic.error(Codes.SYNTAX_UNTERMINATED_STRING, MicroPythonSyntaxErrorMessages.INVALID_SYNTAX,
                    start, leaf.getEndOffset()));
        }
        if (info.errorKind() == StringInfo.UNICODE_NAME_ESCAPE) {
            out.add(Diagnostic.error(Codes.SYNTAX_UNICODE_NAME_ESCAPE, "NotImplementedError: unicode name escapes",
                    start + info.errorOffset(), start + info.errorOffset() + 2));
        } else if (info.errorKind() == StringInfo.BAD_ESCAPE) {
            out.add(Diagnostic.error(Codes.SYNTAX_BAD_ESCAPE, MicroPythonSyntaxErrorMessages.INVALID_SYNTAX,
                    start + info.errorOffset(), start + info.errorOffset() + 2));
        }
        for (int i = 0; i < info.argumentCount(); i++) {
            int from = start + info.argumentStart(i);
            int to = start + info.argumentEnd(i);
            // MicroPython rewrites f"..{x}.." to "..{}..".format((x),): each field is parsed in parentheses
            IParseResult field = parser.parse(new StringReader("(" + text.substring(from, to) + ")"));
            if (field.hasSyntaxErrors()) {
                out.add(Diagnostic.error(Codes.SYNTAX_FSTRING, MicroPythonSyntaxErrorMessages.INVALID_SYNTAX,
                        from, Math.max(to, from)));
            }
        }
    }
}
