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

    @Override
    public List<Issue> validate(Resource resource, CheckMode mode, CancelIndicator cancel) throws OperationCanceledError {
        if (!(resource instanceof XtextResource xr) || xr.getParseResult() == null) {
            return List.of();
        }
        String text = xr.getParseResult().getRootNode().getText();
        Analysis analysis = analyzer.analyze(text, xr.getParseResult(), board.optionsFor(resource.getURI()));
        LineMap lines = analysis.lines();
        List<Issue> issues = new ArrayList<>(analysis.diagnostics().size());
        for (Diagnostic d : analysis.diagnostics()) {
            Issue.IssueImpl issue = new Issue.IssueImpl();
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
        return issues;
    }
}
