package dev.mprt.lang.ide;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.editor.Outline;
import dev.mprt.lang.editor.OutlineItem;

/** The outline (documentSymbol): delegates to {@link Outline}, converting offsets to LSP positions. */
public class MicroPythonDocumentSymbolService extends HierarchicalDocumentSymbolService {

    @Override
    public List<DocumentSymbol> getSymbols(Document document, XtextResource resource, DocumentSymbolParams params,
            CancelIndicator cancel) {
        if (resource.getParseResult() == null || !(resource.getParseResult().getRootASTElement() instanceof PyFile f)) {
            return List.of();
        }
        return convert(Outline.of(f), document);
    }

    private static List<DocumentSymbol> convert(List<OutlineItem> items, Document document) {
        List<DocumentSymbol> out = new ArrayList<>(items.size());
        for (OutlineItem i : items) {
            DocumentSymbol s = new DocumentSymbol(i.name(), kind(i.kind()),
                    new Range(document.getPosition(i.start()), document.getPosition(i.end())),
                    new Range(document.getPosition(i.nameStart()), document.getPosition(i.nameEnd())));
            s.setChildren(convert(i.children(), document));
            out.add(s);
        }
        return out;
    }

    private static SymbolKind kind(OutlineItem.Kind kind) {
        return switch (kind) {
            case CLASS -> SymbolKind.Class;
            case FUNCTION -> SymbolKind.Function;
            case METHOD -> SymbolKind.Method;
            case CONSTANT -> SymbolKind.Constant;
            case VARIABLE -> SymbolKind.Variable;
        };
    }
}
