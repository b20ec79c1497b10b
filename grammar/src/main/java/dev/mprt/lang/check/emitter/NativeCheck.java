package dev.mprt.lang.check.emitter;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Await;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Raise;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.Scopes;
import dev.mprt.lang.scope.Symbol;

/**
 * Limits of native code ({@code @micropython.native} and viper; rule B1 / U15): the native emitter implements
 * {@code raise} with exactly one argument ({@code emit_native_raise_varargs} asserts {@code n_args == 1}), so a
 * bare re-raise and {@code raise X from Y} compile to wrong code (mpy-cross aborts; {@code raise X from None}
 * raises nothing at all).
 */
public final class NativeCheck implements Check {

    public static final String BARE_RAISE = "native-bare-raise";
    public static final String RAISE_FROM = "native-raise-from";
    public static final String TOO_MANY_LOCALS = "native-too-many-locals";
    public static final String ASM_OVERFLOW = "native-asm-overflow";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (node instanceof FunctionDef f) {
            frameSize(f, ctx);
            return;
        }
        if (!(node instanceof Raise r) || (r.getExc() != null && r.getCause() == null)) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        if (!facts.mayHaveEmitters()) {
            return;
        }
        Emitters.Emitter e = facts.emitterOf(Scopes.scopeNode(r));
        if (!e.isNativeCode()) {
            return;
        }
        String mode = e.kind() == Emitters.Kind.VIPER ? "viper" : "native";
        if (r.getExc() == null) {
            facts.report(BARE_RAISE, Severity.ERROR, "a bare 'raise' (re-raise) is not supported in " + mode
                    + " code: MicroPython's native emitter only asserts against it (firmware compiles it to wrong"
                    + " code, mpy-cross aborts); raise the exception object explicitly", r);
        } else {
            facts.report(RAISE_FROM, Severity.ERROR, "'raise ... from ...' is not supported in " + mode
                    + " code: MicroPython's native emitter raises only the cause ('raise X from None' raises nothing)"
                    + " and mpy-cross aborts on it; raise the exception without 'from'", r);
        }
    }

    /**
     * Frame-size limits of the native emitter, reported only where the limit is certainly exceeded (the exact
     * frame also holds the value stack and a header whose size depends on the function):
     * <ul>
     * <li>N4, Thumb ({@code asm_thumb_mov_local_check}): a local is reached with an 8-bit word offset from SP,
     * {@code stack_start + n_state - 1 - local_num}; viper keeps locals 0-2 in registers, native frames start with a
     * 5-word code state. Generators keep their state on the heap and are not affected.
     * <li>N7, Xtensa ({@code asm_xtensa_l32i_optimised}): a native generator reaches its heap state with an 8-bit
     * word offset; beyond it MicroPython raises "asm overflow".
     * </ul>
     */
    private static void frameSize(FunctionDef f, CheckContext ctx) {
        EmitterFacts facts = EmitterFacts.of(ctx);
        if (!facts.mayHaveEmitters() || !facts.emitterOf(f).isNativeCode()) {
            return;
        }
        Scope s = ctx.scopes() == null ? null : ctx.scopes().scopeOf(f);
        if (s == null || s.symbols().size() < 240) {
            return;
        }
        int slots = 0;
        int params = 0;
        for (Symbol sym : s.symbols()) {
            if (sym.isParameter() || sym.kind() == Symbol.Kind.FREE) {
                params++;
                slots++;
            } else if (sym.kind() == Symbol.Kind.LOCAL || sym.kind() == Symbol.Kind.CELL) {
                slots++;
            }
        }
        boolean viper = facts.emitterOf(f).kind() == Emitters.Kind.VIPER;
        boolean generator = f.isAsync() || isGenerator(f);
        if (facts.arch().isThumb() && !generator) {
            // the lowest-numbered local reached through SP is local 0 (native) or local 3 (viper)
            int worst = viper ? slots + 1 - 4 : 5 + slots + 1 - 1;
            if (worst >= 256) {
                facts.report(TOO_MANY_LOCALS, Severity.ERROR, "NotImplementedError: too many locals for native method",
                        f);
            }
        } else if (facts.arch().isXtensa() && generator && !viper && 5 + slots - params >= 256) {
            facts.report(ASM_OVERFLOW, Severity.ERROR, "RuntimeError: asm overflow", f);
        }
    }

    private static boolean isGenerator(FunctionDef f) {
        if (f.getBody() == null) {
            return false;
        }
        for (java.util.Iterator<EObject> it = f.getBody().eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if ((o instanceof Yield || o instanceof Await) && Scopes.scopeNode(o) == f) {
                return true;
            }
        }
        return false;
    }
}
