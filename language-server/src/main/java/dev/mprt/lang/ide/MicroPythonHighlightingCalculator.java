package dev.mprt.lang.ide;

import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import dev.mprt.lang.editor.Highlighting;

/** Semantic tokens: delegates to {@link Highlighting}; the ids are LSP token type and modifier names. */
public class MicroPythonHighlightingCalculator implements ISemanticHighlightingCalculator {

    @Override
    public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor,
            CancelIndicator cancel) {
        if (resource == null || resource.getParseResult() == null) {
            return;
        }
        for (Highlighting.Token t : Highlighting.tokens(resource.getParseResult())) {
            String[] ids = new String[1 + t.modifiers().size()];
            ids[0] = t.type();
            for (int i = 0; i < t.modifiers().size(); i++) {
                ids[i + 1] = t.modifiers().get(i);
            }
            acceptor.addPosition(t.offset(), t.length(), ids);
        }
    }
}
