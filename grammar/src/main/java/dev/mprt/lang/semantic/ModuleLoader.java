package dev.mprt.lang.semantic;

import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import com.google.inject.Inject;
import com.google.inject.Singleton;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.scope.ScopeBuilder;

/** Parses other modules on demand, keeping each until its text changes (stubs are parsed once per process). */
@Singleton
public final class ModuleLoader {

    /** The last parse of each module (by uri) and the text it parsed. */
    private record Entry(String text, ModuleInfo module) {
    }

    private final IParser parser;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    @Inject
    ModuleLoader(IParser parser) {
        this.parser = parser;
    }

    /**
     * The module parsed from {@code source}: the cached parse while the module's text stays the same, else a new
     * one that replaces it (so the cache holds one tree per module, however often an open document changes).
     */
    public ModuleInfo load(String moduleName, ModuleSources.Source source) {
        Entry e = cache.get(source.uri());
        if (e != null && e.text().equals(source.text()) && e.module().name().equals(moduleName)) {
            return e.module();
        }
        IParseResult r = parser.parse(new StringReader(source.text()));
        PyFile root = (PyFile) r.getRootASTElement();
        ModuleInfo m = new ModuleInfo(moduleName, source.uri(), root, ScopeBuilder.build(root), source.stub());
        cache.put(source.uri(), new Entry(source.text(), m));
        return m;
    }
}
