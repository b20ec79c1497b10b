package dev.mprt.lang.parser;

import org.eclipse.xtext.conversion.IValueConverter;
import org.eclipse.xtext.conversion.ValueConverter;
import org.eclipse.xtext.conversion.impl.AbstractDeclarativeValueConverterService;
import org.eclipse.xtext.conversion.impl.AbstractNullSafeConverter;
import org.eclipse.xtext.nodemodel.INode;

/**
 * Token values are the source text as written: a string literal keeps its prefix, quotes and escapes, a number
 * its underscores. The checks interpret them (see dev.mprt.lang.check); conversion itself never fails, so a
 * malformed literal is reported once, by the check that understands it, with MicroPython's message.
 */
public class MicroPythonValueConverters extends AbstractDeclarativeValueConverterService {

    private static final IValueConverter<String> VERBATIM = new AbstractNullSafeConverter<>() {
        @Override
        protected String internalToValue(String string, INode node) {
            return string;
        }

        @Override
        protected String internalToString(String value) {
            return value;
        }
    };

    @ValueConverter(rule = "ID")
    public IValueConverter<String> id() {
        return VERBATIM;
    }

    @ValueConverter(rule = "STRING")
    public IValueConverter<String> string() {
        return VERBATIM;
    }

    @ValueConverter(rule = "NUMBER")
    public IValueConverter<String> number() {
        return VERBATIM;
    }
}
