package dev.mprt.lang.check.emitter;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Break;
import dev.mprt.lang.ast.Continue;
import dev.mprt.lang.ast.Elif;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.If;
import dev.mprt.lang.ast.Return;
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.ast.While;
import dev.mprt.lang.ast.With;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.Arch;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.emitter.size.NativeCodeSize;

/**
 * Branch ranges of native code (rules N5 and N6): the native emitter's jumps are relative branches with a limited
 * reach, and MicroPython checks them only on some targets.
 * <ul>
 * <li>N5, ARMv6-M (RP2040, Cortex-M0): an unconditional {@code b} (also the long half of every conditional branch)
 * reaches ±2 KiB; beyond it the compiler raises {@code NotImplementedError: native method too big}.
 * <li>N6, Xtensa (ESP32, ESP8266): {@code beqz}/{@code bnez} reach ±2 KiB; beyond it the assembler prints
 * {@code ERROR: xtensa bccz out of range}, compiles on, and the branch goes to the wrong place.
 * </ul>
 * Where each branch goes comes from {@link NativeCodeSize}, a replay of MicroPython's native emitter that is
 * exact on the calibration set; a branch whose reach is within the model's margin (its estimated parts plus
 * {@link NativeCodeSize#RELATIVE_MARGIN}) of the limit gets {@code native-branch-near-limit} instead: the compiler
 * may or may not refuse it. Only functions compiled by the native or viper emitter on those targets are replayed.
 */
public final class NativeBranchCheck implements Check {

    public static final String METHOD_TOO_BIG = "native-method-too-big";
    public static final String BRANCH_OUT_OF_RANGE = "native-branch-out-of-range";
    public static final String BRANCH_NEAR_LIMIT = "native-branch-near-limit";

    /** MicroPython's message for N5. */
    public static final String TOO_BIG_MESSAGE = "NotImplementedError: native method too big";

    /** A replay needs at least this many nodes to emit a 2 KiB jump (no node emits 40 bytes of its own). */
    private static final int MIN_NODES = 48;

    private enum Verdict {
        NEAR, OUT
    }

    private record Finding(Verdict verdict, NativeCodeSize.Branch branch, int uncertainty) {
    }

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (!(node instanceof FunctionDef f)) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        Arch arch = facts.arch();
        if (!facts.mayHaveEmitters() || (arch != Arch.ARMV6M && !arch.isXtensa())) {
            return;
        }
        Emitters.Emitter e = facts.emitterOf(f);
        if (!e.isNativeCode() || !bigEnough(f)) {
            return;
        }
        NativeCodeSize.Module module = ctx.memo(NativeCodeSize.Module.class,
                () -> NativeCodeSize.Module.of(ctx.root(), ctx.scopes(), facts.consts()));
        NativeCodeSize.Result r = NativeCodeSize.analyze(f, e.kind() == Emitters.Kind.VIPER, arch, ctx.scopes(),
                facts.consts(), module);
        if (!r.reliable()) {
            return;
        }
        Map<EObject, Finding> worst = new LinkedHashMap<>();
        for (NativeCodeSize.Branch b : r.branches()) {
            int unc = b.uncertainty() + (int) Math.ceil(NativeCodeSize.RELATIVE_MARGIN * Math.abs(b.rel()));
            NativeCodeSize.Instruction ins = b.instruction();
            boolean lowIn = ins.reaches(b.rel() - unc);
            boolean highIn = ins.reaches(b.rel() + unc);
            Verdict v;
            if (lowIn && highIn) {
                continue;
            } else if (!lowIn && !highIn && (b.rel() - unc > ins.max() || b.rel() + unc < ins.min())) {
                v = Verdict.OUT;
            } else {
                v = Verdict.NEAR;
            }
            EObject owner = b.owner() != null ? b.owner() : f;
            Finding prev = worst.get(owner);
            if (prev == null || v.ordinal() > prev.verdict().ordinal()
                    || (v == prev.verdict() && Math.abs(b.rel()) > Math.abs(prev.branch().rel()))) {
                worst.put(owner, new Finding(v, b, unc));
            }
        }
        worst.forEach((owner, finding) -> report(owner, finding, arch, ctx));
    }

    private static boolean bigEnough(FunctionDef f) {
        int n = 0;
        for (java.util.Iterator<EObject> it = f.eAllContents(); it.hasNext() && n < MIN_NODES; it.next()) {
            n++;
        }
        return n >= MIN_NODES;
    }

    private static void report(EObject owner, Finding finding, Arch arch, CheckContext ctx) {
        NativeCodeSize.Branch b = finding.branch();
        long span = Math.abs((long) b.to() - b.from());
        String what = describe(owner);
        String code;
        Severity severity;
        String message;
        if (arch == Arch.ARMV6M) {
            if (finding.verdict() == Verdict.OUT) {
                code = METHOD_TOO_BIG;
                severity = Severity.ERROR;
                message = TOO_BIG_MESSAGE;
            } else {
                code = BRANCH_NEAR_LIMIT;
                severity = Severity.WARNING;
                message = "native code near the ARMv6-M branch limit: " + what + " jumps over about " + span
                        + " bytes of machine code (±" + finding.uncertainty() + "), and a Cortex-M0 branch reaches"
                        + " ±2 KiB; the compiler may refuse the function (" + TOO_BIG_MESSAGE + ")";
            }
        } else {
            String printed = "ERROR: xtensa " + b.instruction().mnemonic() + " out of range";
            String reach = b.instruction() == NativeCodeSize.Instruction.XTENSA_BCC ? "±128 bytes" : "±2 KiB";
            if (finding.verdict() == Verdict.OUT) {
                code = BRANCH_OUT_OF_RANGE;
                severity = Severity.WARNING;
                message = printed + ": the conditional branch of " + what + " jumps over about " + span
                        + " bytes of machine code and an Xtensa conditional branch reaches " + reach + "; the compiler"
                        + " prints this, carries on and generates a branch to the wrong place (split the function"
                        + " or move code out of the loop)";
            } else {
                code = BRANCH_NEAR_LIMIT;
                severity = Severity.INFO;
                message = "native code near the Xtensa branch limit: the conditional branch of " + what
                        + " jumps over about " + span + " bytes of machine code (±" + finding.uncertainty()
                        + "), and it reaches " + reach + "; the compiler may print \"" + printed
                        + "\" and generate a wrong branch";
            }
        }
        int[] r = headerRange(owner);
        if (r != null) {
            ctx.report(new Diagnostic(code, severity, message, r[0], r[1], java.util.List.of(), java.util.List.of()));
        }
    }

    private static String describe(EObject owner) {
        if (owner instanceof While) {
            return "this while loop";
        }
        if (owner instanceof For) {
            return "this for loop";
        }
        if (owner instanceof If || owner instanceof Elif) {
            return "this if statement";
        }
        if (owner instanceof Try || owner instanceof ExceptHandler) {
            return "this try statement";
        }
        if (owner instanceof With) {
            return "this with statement";
        }
        if (owner instanceof Return) {
            return "this return (a jump to the function's exit)";
        }
        if (owner instanceof Break) {
            return "this break";
        }
        if (owner instanceof Continue) {
            return "this continue";
        }
        if (owner instanceof FunctionDef) {
            return "the function";
        }
        return "this statement";
    }

    /**
     * Where the finding goes: a compound statement's header (up to its condition, iterable or context), a def's
     * name, any other statement's first line.
     */
    static int[] headerRange(EObject owner) {
        if (owner instanceof FunctionDef) {
            return EmitterFacts.range(owner);
        }
        int start = Syntax.offset(owner);
        int end = Syntax.endOffset(owner);
        if (start < 0) {
            return null;
        }
        EObject head = owner instanceof If i ? i.getCondition()
                : owner instanceof Elif e ? e.getCondition()
                        : owner instanceof While w ? w.getCondition()
                                : owner instanceof For f ? f.getIter()
                                        : owner instanceof With w && !w.getItems().isEmpty()
                                                ? w.getItems().get(w.getItems().size() - 1)
                                                : owner instanceof ExceptHandler h ? h.getType() : null;
        if (head != null && Syntax.endOffset(head) > start) {
            return new int[] {start, Syntax.endOffset(head)};
        }
        String text = Syntax.documentText(owner);
        int nl = text.indexOf('\n', start);
        if (nl >= 0 && nl < end) {
            end = nl;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return new int[] {start, Math.max(start + 1, end)};
    }
}
