package dev.mprt.lang.check.emitter;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.InlineAsm;
import dev.mprt.lang.scope.Scopes;

/**
 * Inline assembler functions ({@code asm-*}, rules C.0-C.3): the function shape, directives, and every
 * instruction against the board's assembler ({@code asm_thumb} with the ARMv6-M, ARMv7-M or FPU subset,
 * {@code asm_xtensa}, {@code asm_rv32}). Nested definitions inside an assembler function are never compiled by
 * MicroPython and are not checked.
 */
public final class InlineAsmCheck implements Check {

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (!(node instanceof FunctionDef || node instanceof ClassDef)) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        if (!facts.mayHaveEmitters() || facts.asmArch() == null) {
            return;
        }
        Emitters.Emitter e = facts.emitterOf(node);
        if (e.kind() != Emitters.Kind.ASM || facts.emitterOf(Scopes.scopeNode(node)).kind() == Emitters.Kind.ASM) {
            return;
        }
        for (InlineAsm.Finding f : InlineAsm.check(node, e.asm(), facts.consts(),
                dev.mprt.lang.analysis.Boards.foldedModules(facts.board()))) {
            facts.report(f.code(), InlineAsm.isWarning(f.code()) ? Severity.WARNING : Severity.ERROR, f.message(),
                    f.node());
        }
    }
}
