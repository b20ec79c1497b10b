package dev.mprt.lang.check.isr;

import java.util.List;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.Finding;

/** I/O and waiting ({@code print}, {@code input}, {@code time.sleep*}) in hard interrupt code (E.4 rule 1). */
public final class BlockingCallCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-blocking-call";

    public BlockingCallCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrReports.eachHardFinding(ctx, k -> k == Finding.Kind.BLOCKING, (r, f) -> IsrReports.report(ctx, CODE,
                Severity.WARNING, f.what() + ": keep hard handlers short and hand the work to micropython.schedule()",
                f.node(), List.of(IsrReports.registeredAt(ctx, r.via())), List.of()));
    }
}
