package dev.mprt.lang.check.isr;

import java.util.List;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.Finding;

/**
 * Loops in hard interrupt code that may run long: {@code while} loops and {@code for} over a range that is not a
 * short constant one (E.4 rule 1: interrupts of the same or lower priority wait meanwhile).
 */
public final class LongLoopCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-long-loop";

    public LongLoopCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrReports.eachHardFinding(ctx, k -> k == Finding.Kind.LONG_LOOP, (r, f) -> {
            // on the keyword only: the loop's body is not the problem
            int[] range = IsrFixes.firstToken(f.node());
            if (range != null) {
                IsrReports.report(ctx, CODE, Severity.WARNING, f.what(), range,
                        List.of(IsrReports.registeredAt(ctx, r.via())), List.of());
            }
        });
    }
}
