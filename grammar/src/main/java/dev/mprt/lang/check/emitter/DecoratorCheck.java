package dev.mprt.lang.check.emitter;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.Emitters;

/**
 * {@code compile_built_in_decorator}: a decorator whose dotted name starts with {@code micropython} must be
 * {@code micropython.<emitter>} with an emitter the board's compiler has: {@code bytecode}, {@code native},
 * {@code viper}, and only the inline assembler of the board's port ({@code asm_thumb} on the ARM boards,
 * {@code asm_xtensa} on ESP8266, {@code asm_rv32} on RISC-V; ESP32 and unix have none). Anything else is
 * "invalid micropython decorator", reported on the name MicroPython points at.
 */
public final class DecoratorCheck implements Check {

    public static final String INVALID = "native-invalid-decorator";
    public static final String ASM_UNAVAILABLE = "asm-invalid-decorator";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (!(node instanceof Decorated d)) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        for (Decorator dec : d.getDecorators()) {
            Emitters.BuiltIn b = Emitters.builtIn(dec, facts.asmArch());
            if (b != null && !b.valid()) {
                facts.report(b.asmName() ? ASM_UNAVAILABLE : INVALID, Severity.ERROR, "invalid micropython decorator",
                        b.errorNode());
            }
        }
    }
}
