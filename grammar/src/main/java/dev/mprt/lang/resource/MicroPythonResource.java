package dev.mprt.lang.resource;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.util.Map;

import org.eclipse.emf.ecore.InternalEObject;
import org.eclipse.xtext.linking.lazy.LazyLinkingResource;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Inject;

/**
 * Xtext's resource minus the cost of unloading and, for an edited document, of re-parsing it whole.
 * <ul>
 * <li>EMF's unload turns every object of the old tree into a proxy (a URI fragment per object, interned segment by
 * segment) so that references from other resources can be resolved later. MicroPython trees have no
 * cross-references (see {@link NoCrossReferenceLinker}), so the tree is dropped as it is: in docs/benchmarks.md
 * this was a third of every edit's CPU time.</li>
 * <li>The language server's builder unloads an edited document and loads it again from its new text. The
 * unloaded tree is kept ({@link ParseReuse}) and the load re-parses only the top-level statements the edit
 * touched ({@link StatementReparser}), when that is exact; otherwise it parses the whole text.</li>
 * </ul>
 */
public class MicroPythonResource extends LazyLinkingResource {

    @Inject
    private ParseReuse reuse;

    @Inject
    private StatementReparser reparser;

    /** The grammar has no cross-references: nothing to resolve, so no walk over the tree to find none. */
    @Override
    public void resolveLazyCrossReferences(CancelIndicator monitor) {
    }

    @Override
    protected void doLoad(InputStream inputStream, Map<?, ?> options) throws IOException {
        IParseResult previous = reuse == null || getURI() == null ? null : reuse.take(getURI());
        if (previous == null || reparser == null) {
            super.doLoad(inputStream, options);
            return;
        }
        setEncodingFromOptions(options);
        String text = read(createReader(inputStream));
        IParseResult result = null;
        try {
            result = reparser.reparse(previous, text);
        } catch (RuntimeException e) {
            result = null; // a tree the splice cannot handle: parse the whole text
        }
        if (result == null) {
            result = getParser().parse(new StringReader(text));
        }
        updateInternalState(getParseResult(), result);
    }

    private static String read(Reader reader) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = reader.read(buf)) >= 0;) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    @Override
    protected void doUnload() {
        IParseResult parse = getParseResult();
        if (reuse != null && getURI() != null && parse != null && parse.getRootASTElement() != null
                && !parse.hasSyntaxErrors()) {
            reuse.put(getURI(), parse);
        }
        // EMF's unload walks the whole tree to make proxies (see unloaded below): detach the tree as it is instead
        if (!getContents().isEmpty()) {
            getContents().clear();
        }
        getErrors().clear();
        getWarnings().clear();
        setParseResult(null);
    }

    @Override
    protected void unloaded(InternalEObject object) {
        // no proxy: nothing refers into the replaced tree
    }
}
