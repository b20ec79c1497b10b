package dev.mprt.lang.check.isr;

import java.util.List;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.Finding;

/**
 * {@code micropython.schedule(self.cb, arg)} in hard interrupt code: reading {@code self.cb} creates a bound method
 * object, which cannot be allocated there (isr_rules.rst: bind it once in {@code __init__}).
 */
public final class ScheduleBoundMethodCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-schedule-bound-method";

    public ScheduleBoundMethodCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrReports.eachHardFinding(ctx, k -> k == Finding.Kind.SCHEDULE_BOUND_METHOD, (r, f) -> {
            Attribute a = (Attribute) f.node();
            String message = f.what() + IsrReports.HARD + ". Bind it once in __init__ (self._" + a.getAttr()
                    + "_ref = self." + a.getAttr() + ") and pass the reference";
            IsrReports.report(ctx, CODE, Severity.ERROR, message, a, List.of(IsrReports.registeredAt(ctx, r.via())),
                    IsrFixes.preBind(ctx, a));
        });
    }
}
