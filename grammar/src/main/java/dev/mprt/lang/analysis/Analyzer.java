package dev.mprt.lang.analysis;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import com.google.inject.Inject;

import dev.mprt.lang.check.Checks;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.LineMap;

/**
 * The analysis core's entry point: text in, tree and diagnostics out. No files, no protocol: the command line and
 * the language server both call this.
 */
public final class Analyzer {

    private static final Comparator<Diagnostic> BY_POSITION = Comparator.comparingInt(Diagnostic::start)
            .thenComparingInt(Diagnostic::end).thenComparing(Diagnostic::code);

    private final IParser parser;
    private final SyntaxDiagnostics syntax;
    private final Checks checks;

    @Inject
    Analyzer(IParser parser, SyntaxDiagnostics syntax, Checks checks) {
        this.parser = parser;
        this.syntax = syntax;
        this.checks = checks;
    }

    public Analysis analyze(String text, AnalysisOptions options) {
        return analyze(text, parser.parse(new StringReader(text)), options);
    }

    /** Analyses an existing parse of {@code text} (the language server's resources are parsed by Xtext). */
    public Analysis analyze(String text, IParseResult parse, AnalysisOptions options) {
        List<Diagnostic> out = new ArrayList<>();
        syntax.collect(text, parse, out);
        checks.run(parse, options, out);
        return finish(text, parse, out);
    }

    /**
     * As {@link #analyze(String, IParseResult, AnalysisOptions)}, for a document being edited: the findings are
     * remembered on the tree, and a parse that re-parsed only some top-level lines of the last one
     * ({@link dev.mprt.lang.resource.StatementReparser}) is re-checked only there when that gives the same
     * findings (see {@link IncrementalAnalysis}).
     */
    public Analysis analyzeForEditing(String text, IParseResult parse, AnalysisOptions options) {
        if (!(parse.getRootASTElement() instanceof dev.mprt.lang.ast.PyFile file)) {
            return analyze(text, parse, options);
        }
        IncrementalAnalysis.Recording workspace = new IncrementalAnalysis.Recording(options.workspace());
        AnalysisOptions recorded = new AnalysisOptions(options.board(), workspace, options.uri());
        if (parse instanceof dev.mprt.lang.resource.StatementReparser.Result r) {
            List<Diagnostic> found = IncrementalAnalysis.analyze(text, r, options, workspace, syntax, checks);
            if (found != null) {
                return finish(text, parse, found);
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        syntax.collect(text, parse, out);
        checks.run(parse, recorded, out);
        IncrementalAnalysis.rememberLater(text, file, options, List.copyOf(out), workspace.lookups);
        return finish(text, parse, out);
    }

    private Analysis finish(String text, IParseResult parse, List<Diagnostic> out) {
        LineMap lines = new LineMap(text);
        List<Diagnostic> widened = new ArrayList<>(out.size());
        for (Diagnostic d : out) {
            widened.add(Ranges.visible(d, text));
        }
        widened.sort(BY_POSITION);
        return new Analysis(text, parse, List.copyOf(widened), lines);
    }
}
