package dev.mprt.lang.analysis;

import java.util.List;

import org.eclipse.xtext.parser.IParseResult;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.LineMap;

/** The result of analysing one source text: its tree and every diagnostic, sorted by position. */
public record Analysis(String text, IParseResult parseResult, List<Diagnostic> diagnostics, LineMap lines) {

    public PyFile root() {
        return (PyFile) parseResult.getRootASTElement();
    }
}
