package dev.mprt.lang.ide;

import java.util.SortedSet;
import java.util.TreeSet;

import org.eclipse.xtext.ide.editor.folding.FoldingRange;
import org.eclipse.xtext.ide.editor.folding.FoldingRangeKind;
import org.eclipse.xtext.ide.editor.folding.IFoldingRangeProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.editor.Folding;

/** Folding ranges: delegates to {@link Folding}. */
public class MicroPythonFoldingRangeProvider implements IFoldingRangeProvider {

    @Override
    public SortedSet<FoldingRange> getFoldingRanges(XtextResource resource, CancelIndicator cancel) {
        SortedSet<FoldingRange> out = new TreeSet<>((a, b) -> a.getOffset() != b.getOffset()
                ? Integer.compare(a.getOffset(), b.getOffset()) : Integer.compare(b.getLength(), a.getLength()));
        if (resource.getParseResult() == null || !(resource.getParseResult().getRootASTElement() instanceof PyFile f)) {
            return out;
        }
        String text = resource.getParseResult().getRootNode().getText();
        for (Folding.Region r : Folding.regions(f, text)) {
            out.add(new FoldingRange(r.start(), r.end() - r.start(), r.comment() ? FoldingRangeKind.COMMENT : null));
        }
        return out;
    }
}
