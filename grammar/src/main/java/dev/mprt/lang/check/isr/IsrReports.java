package dev.mprt.lang.check.isr;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.diagnostics.Related;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.Finding;
import dev.mprt.lang.isr.IsrModel;
import dev.mprt.lang.isr.Registration;

/** What the isr-* checks share: the file's {@link IsrModel} (built once) and how a finding is reported. */
final class IsrReports {

    private IsrReports() {
    }

    static IsrModel model(CheckContext ctx) {
        return ctx.memo(IsrModel.class, () -> new IsrModel(ctx.semantic(), ctx.options().board(),
                ctx.options().workspace()));
    }

    /**
     * Each finding in hard interrupt code reached in this document whose kind {@code kinds} accepts, with the way
     * it was reached (the registration and the call chain).
     */
    static void eachHardFinding(CheckContext ctx, java.util.function.Predicate<Finding.Kind> kinds,
            java.util.function.BiConsumer<IsrModel.Reached, Finding> action) {
        IsrModel model = model(ctx);
        for (IsrModel.Reached r : model.reachedHere()) {
            for (Finding f : model.findings(r.target())) {
                if (kinds.test(f.kind())) {
                    action.accept(r, f);
                }
            }
        }
    }

    /** "handler registered as a hard IRQ at main.py:12", at the registration. */
    static Related registeredAt(CheckContext ctx, Registration r) {
        String uri = r.module().uri();
        return ctx.related(r.call(), uri, "handler registered as a hard IRQ (" + r.api().label() + ") at "
                + IsrModel.where(r.call(), r.module()));
    }

    static void report(CheckContext ctx, String code, Severity severity, String message, EObject node,
            List<Related> related, List<Fix> fixes) {
        int[] range = ctx.range(node);
        if (range != null) {
            report(ctx, code, severity, message, range, related, fixes);
        }
    }

    static void report(CheckContext ctx, String code, Severity severity, String message, int[] range,
            List<Related> related, List<Fix> fixes) {
        List<Related> rel = new ArrayList<>();
        for (Related r : related) {
            if (r != null) {
                rel.add(r);
            }
        }
        ctx.report(new Diagnostic(code, severity, message, range[0], range[1], rel, fixes));
    }

    /** The consequence, after what allocates: every time. */
    static final String HARD = "; in a hard interrupt handler the heap is locked: MemoryError";
    /** The consequence, after what may allocate (run-time state decides). */
    static final String MAYBE = "; in a hard interrupt handler, where the heap is locked, that is a MemoryError";

    static String consequence(boolean certain) {
        return certain ? HARD : MAYBE;
    }
}
