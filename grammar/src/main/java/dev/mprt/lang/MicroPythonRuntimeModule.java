package dev.mprt.lang;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.generator.IShouldGenerate;
import org.eclipse.xtext.linking.ILinker;
import org.eclipse.xtext.parser.antlr.IReferableElementsUnloader;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.validation.IResourceValidator;

import dev.mprt.lang.analysis.MicroPythonResourceValidator;
import dev.mprt.lang.parser.MicroPythonNames;
import dev.mprt.lang.parser.MicroPythonSyntaxErrorMessages;
import dev.mprt.lang.parser.MicroPythonValueConverters;
import dev.mprt.lang.resource.NeverGenerate;
import dev.mprt.lang.resource.NoCrossReferenceLinker;

/** Guice bindings of the language runtime: MicroPython's own error texts, raw token values, our checks. */
public class MicroPythonRuntimeModule extends AbstractMicroPythonRuntimeModule {

    public Class<? extends ISyntaxErrorMessageProvider> bindISyntaxErrorMessageProvider() {
        return MicroPythonSyntaxErrorMessages.class;
    }

    @Override
    public Class<? extends IValueConverterService> bindIValueConverterService() {
        return MicroPythonValueConverters.class;
    }

    @Override
    public Class<? extends IQualifiedNameProvider> bindIQualifiedNameProvider() {
        return MicroPythonNames.class;
    }

    public Class<? extends IResourceValidator> bindIResourceValidator() {
        return MicroPythonResourceValidator.class;
    }

    // What an edit in the language server need not pay for (measured in docs/benchmarks.md): turning every object of
    // the replaced tree into a proxy (nothing refers to them), linking (no cross-references), and a second
    // validation to decide on code generation (there is none).

    @Override
    public Class<? extends org.eclipse.xtext.resource.XtextResource> bindXtextResource() {
        return dev.mprt.lang.resource.MicroPythonResource.class;
    }

    public Class<? extends org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy>
            bindIDefaultResourceDescriptionStrategy() {
        return dev.mprt.lang.resource.MicroPythonDescriptionStrategy.class;
    }

    public Class<? extends IReferableElementsUnloader> bindIReferableElementsUnloader() {
        return IReferableElementsUnloader.NullUnloader.class;
    }

    @Override
    public Class<? extends ILinker> bindILinker() {
        return NoCrossReferenceLinker.class;
    }

    public Class<? extends org.eclipse.xtext.util.IResourceScopeCache> bindIResourceScopeCache() {
        return dev.mprt.lang.resource.ResourceScopeCache.class;
    }

    public Class<? extends IShouldGenerate> bindIShouldGenerate() {
        return NeverGenerate.class;
    }
}
