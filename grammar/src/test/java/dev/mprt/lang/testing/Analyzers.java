package dev.mprt.lang.testing;

import com.google.inject.Injector;

import dev.mprt.lang.MicroPythonStandaloneSetup;
import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Analyzer;

/** One shared injector for tests, and the one helper every feature test goes through. */
public final class Analyzers {

    private static Injector injector;

    private Analyzers() {
    }

    public static synchronized Injector injector() {
        if (injector == null) {
            injector = new MicroPythonStandaloneSetup().createInjectorAndDoEMFRegistration();
        }
        return injector;
    }

    public static Analysis analyze(String text) {
        return analyze(text, AnalysisOptions.defaults());
    }

    public static Analysis analyze(String text, AnalysisOptions options) {
        return injector().getInstance(Analyzer.class).analyze(text, options);
    }
}
