package dev.mprt.lang.analysis;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.service.OperationCanceledError;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;

import com.google.inject.Inject;

import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.LineMap;

/**
 * Xtext's validation entry point (used by its language server) delegating to {@link Analyzer}, so the editor and
 * {@code mprt check} report exactly the same diagnostics. The board comes from {@link BoardSetting}.
 */
public class MicroPythonResourceValidator implements IResourceValidator {

    private final Analyzer analyzer;
    private final BoardSetting board;

    @Inject
    MicroPythonResourceValidator(Analyzer analyzer, BoardSetting board) {
        this.analyzer = analyzer;
        this.board = board;
    }

    /**
     * The findings for the resource's current parse: those of the last validation when it saw this parse, else a
     * new validation. For requests that follow a publication, such as quick fixes.
     */
    public List<Issue> current(Resource resource, CancelIndicator cancel) {
        Last cached = Last.of(resource);
        if (cached != null && resource instanceof XtextResource xr && cached.parse == xr.getParseResult()
                && cached.options.equals(board.optionsFor(resource.getURI()))) {
            return cached.issues;
        }
        return validate(resource, CheckMode.ALL, cancel);
    }

    @Override
    public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator cancel) throws OperationCanceledError {
        if (!(resource instanceof XtextResource xr) || xr.getParseResult() == null) {
            return List.of();
        }
        String text = xr.getParseResult().getRootNode().getText();
        Analysis analysis = analyzer.analyzeForEditing(text, xr.getParseResult(), board.optionsFor(resource.getURI()));
        LineMap lines = analysis.lines();
        List<Issue> issues = new ArrayList<>(analysis.diagnostics().size());
        for (Diagnostic d : analysis.diagnostics()) {
            MprtIssue issue = new MprtIssue(d, lines);
            issue.setCode(d.code());
            issue.setMessage(d.message());
            issue.setSeverity(switch (d.severity()) {
                case ERROR -> Severity.ERROR;
                case WARNING -> Severity.WARNING;
                default -> Severity.INFO;
            });
            issue.setOffset(d.start());
            issue.setLength(d.end() - d.start());
            issue.setLineNumber(lines.line(d.start()) + 1);
            issue.setColumn(lines.column(d.start()) + 1);
            issue.setLineNumberEnd(lines.line(d.end()) + 1);
            issue.setColumnEnd(lines.column(d.end()) + 1);
            issue.setUriToProblem(resource.getURI());
            issues.add(issue);
        }
        Last.remember(resource, new Last(xr.getParseResult(), board.optionsFor(resource.getURI()), issues));
        return issues;
    }

    /**
     * The last validation's result, kept on the resource itself (an EMF adapter) so that it lives and dies with it:
     * quick-fix requests ask again for the findings just published.
     */
    private static final class Last extends org.eclipse.emf.common.notify.impl.AdapterImpl {

        final Object parse;
        final AnalysisOptions options;
        final List<Issue> issues;

        Last(Object parse, AnalysisOptions options, List<Issue> issues) {
            this.parse = parse;
            this.options = options;
            this.issues = issues;
        }

        static synchronized Last of(Resource resource) {
            for (var a : resource.eAdapters()) {
                if (a instanceof Last l) {
                    return l;
                }
            }
            return null;
        }

        static synchronized void remember(Resource resource, Last last) {
            resource.eAdapters().removeIf(a -> a instanceof Last);
            resource.eAdapters().add(last);
        }
    }

    /**
     * An Xtext issue that keeps mprt's diagnostic, so that the protocol layer can add its related places and offer
     * its quick fixes.
     */
    public static final class MprtIssue extends Issue.IssueImpl {

        private final Diagnostic diagnostic;
        private final LineMap lines;

        MprtIssue(Diagnostic diagnostic, LineMap lines) {
            this.diagnostic = diagnostic;
            this.lines = lines;
        }

        public Diagnostic diagnostic() {
            return diagnostic;
        }

        /** The line map of the text the diagnostic's offsets (and its fixes' edits) refer to. */
        public LineMap lines() {
            return lines;
        }
    }
}
