package dev.mprt.lang.check.isr;

import java.util.ArrayList;
import java.util.List;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Related;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.Finding;
import dev.mprt.lang.isr.IsrModel;

/**
 * Every allocating construct of rules E.3 in a hard interrupt handler or in code it calls (in this document), at the
 * exact expression: {@code isr-alloc-float}, {@code -bigint}, {@code -collection}, {@code -iterator},
 * {@code -function}, {@code -bound-method}, {@code -star-args}, {@code -string}, {@code -slice}, {@code -object}
 * (errors: MemoryError every time) and {@code -grow} (a warning: it allocates when the container is full). The code
 * is the construct's ({@link Finding.Kind}); the board decides floats and the small-int width.
 */
public final class HardIrqAllocationCheck extends NodeCheck<PyFile> {

    public HardIrqAllocationCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrModel model = IsrReports.model(ctx);
        IsrReports.eachHardFinding(ctx, k -> k.allocates() && k != Finding.Kind.SCHEDULE_BOUND_METHOD, (r, f) -> {
            List<Related> related = new ArrayList<>();
            related.add(IsrReports.registeredAt(ctx, r.via()));
            if (!r.chain().isEmpty()) {
                var call = r.chain().get(r.chain().size() - 1);
                related.add(ctx.related(call, model.uriOf(call), "called from the handler here"));
            }
            String message = f.what() + IsrReports.consequence(f.certain());
            IsrReports.report(ctx, f.kind().code(), f.certain() ? Severity.ERROR : Severity.WARNING, message,
                    f.node(), related, IsrFixes.forAllocation(ctx, model, r, f));
        });
    }
}
