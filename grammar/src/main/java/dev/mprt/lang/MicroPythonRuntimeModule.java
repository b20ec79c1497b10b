package dev.mprt.lang;

import org.eclipse.xtext.conversion.IValueConverterService;
import org.eclipse.xtext.naming.IQualifiedNameProvider;
import org.eclipse.xtext.parser.antlr.ISyntaxErrorMessageProvider;
import org.eclipse.xtext.validation.IResourceValidator;

import dev.mprt.lang.analysis.MicroPythonResourceValidator;
import dev.mprt.lang.parser.MicroPythonNames;
import dev.mprt.lang.parser.MicroPythonSyntaxErrorMessages;
import dev.mprt.lang.parser.MicroPythonValueConverters;

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
}
