package dev.mprt.stubs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mprt.stubs.csrc.ExprEval;
import dev.mprt.stubs.csrc.MacroEnv;
import dev.mprt.stubs.sig.Signature;
import org.junit.jupiter.api.Test;

/** The signature converter and the preprocessor's expression evaluator on the cases the docs and headers have. */
class UnitTest {

    private static String convert(String doc) {
        return Signature.parse(doc).normalise().render("self");
    }

    @Test
    void signatures() {
        assertEquals("(self, handler=None, trigger=..., *, priority=1, wake=None, hard=False)",
                convert("(handler=None, trigger=(Pin.IRQ_FALLING | Pin.IRQ_RISING), *, priority=1, wake=None, "
                        + "hard=False)"));
        assertEquals("(self, typecode, iterable=...)", convert("(typecode, [iterable])"));
        assertEquals("(self, iterable, maxlen, flags=...)", convert("(iterable, maxlen[, flags])"));
        assertEquals("(self, start_key=..., end_key=..., flags=...)", convert("([start_key, [end_key, [flags]]])"));
        assertEquals("(self, param, /)", convert("('param', /)"));
        assertEquals("(self, **kwargs)", convert("(param=value, ...)"));
        assertEquals("(self, id, /, *args, **kwargs)", convert("(id, /, ...)"));
        assertEquals("(self, buf, nack=True, /)", convert("(buf, nack=True, /)"));
        assertEquals("(self, id, *, sample_ns=..., atten=...)", convert("(id, *, sample_ns, atten)"));
        assertEquals("(self, in_=...)", convert("([in])"));
        assertEquals("(self, buffer, width, height, format, stride=..., /)",
                convert("(buffer, width, height, format, stride=width, /)"));
    }

    @Test
    void preprocessorExpressions() {
        MacroEnv env = new MacroEnv();
        env.define("MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES", "(20)");
        env.define("MICROPY_CONFIG_ROM_LEVEL", "(MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)");
        env.defineFromDirective("MICROPY_CONFIG_ROM_LEVEL_AT_LEAST(x) (MICROPY_CONFIG_ROM_LEVEL >= (x))");
        assertEquals(1, ExprEval.eval("MICROPY_CONFIG_ROM_LEVEL_AT_LEAST(10)", env));
        assertEquals(0, ExprEval.eval("defined(MICROPY_PY_BLUETOOTH) && MICROPY_PY_BLUETOOTH", env));
        assertEquals(1, ExprEval.eval("!defined(X) || X", env));
        assertEquals(1, ExprEval.eval("0x10 == 16 && (3 ? 1 : 0)", env));
        assertEquals(0, ExprEval.eval("UNDEFINED_MACRO", env));
    }
}
