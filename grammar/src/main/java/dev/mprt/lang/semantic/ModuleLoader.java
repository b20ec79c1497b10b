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

    private record Key(String uri, int hash, int length) {
    }

    private final IParser parser;
    private final Map<Key, ModuleInfo> cache = new ConcurrentHashMap<>();

    @Inject
    ModuleLoader(IParser parser) {
        this.parser = parser;
    }

    public ModuleInfo load(String moduleName, ModuleSources.Source source) {
        Key key = new Key(source.uri(), source.text().hashCode(), source.text().length());
        return cache.computeIfAbsent(key, k -> {
            if (cache.size() > 2000) {
                cache.clear(); // a crude bound: modules are cheap to re-parse
            }
            IParseResult r = parser.parse(new StringReader(source.text()));
            PyFile root = (PyFile) r.getRootASTElement();
            return new ModuleInfo(moduleName, source.uri(), root, ScopeBuilder.build(root), source.stub());
        });
    }
}
