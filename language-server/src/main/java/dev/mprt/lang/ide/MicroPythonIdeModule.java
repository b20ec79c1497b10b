package dev.mprt.lang.ide;

import org.eclipse.xtext.ide.editor.folding.IFoldingRangeProvider;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;

/** Guice bindings of the editor services: each is a thin adapter over a class of the analysis core. */
public class MicroPythonIdeModule extends AbstractMicroPythonIdeModule {

    public Class<? extends ISemanticHighlightingCalculator> bindISemanticHighlightingCalculator() {
        return MicroPythonHighlightingCalculator.class;
    }

    public Class<? extends IFoldingRangeProvider> bindIFoldingRangeProvider() {
        return MicroPythonFoldingRangeProvider.class;
    }

    public Class<? extends HierarchicalDocumentSymbolService> bindHierarchicalDocumentSymbolService() {
        return MicroPythonDocumentSymbolService.class;
    }
}
