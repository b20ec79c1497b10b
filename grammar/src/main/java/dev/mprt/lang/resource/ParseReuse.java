package dev.mprt.lang.resource;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.parser.IParseResult;

import com.google.inject.Singleton;

/**
 * Trees of unloaded resources, kept until the same URI is loaded again: Xtext's builder unloads an edited document
 * and loads it anew from the new text, and {@link MicroPythonResource} then re-parses only what changed
 * ({@link StatementReparser}). A tree is taken at most once; only the few most recent are kept.
 */
@Singleton
public final class ParseReuse {

    private static final int KEEP = 8;

    private final Map<URI, IParseResult> trees = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<URI, IParseResult> eldest) {
            return size() > KEEP;
        }
    };

    public synchronized void put(URI uri, IParseResult parse) {
        trees.put(uri, parse);
    }

    /** The tree last unloaded for {@code uri}, now the caller's; null if none. */
    public synchronized IParseResult take(URI uri) {
        return trees.remove(uri);
    }
}
