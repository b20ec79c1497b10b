package dev.mprt.lang.check.isr;

import java.util.List;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.IsrModel;
import dev.mprt.lang.isr.Registration;

/**
 * A hard handler in a program that never calls {@code micropython.alloc_emergency_exception_buf()} (E.4 rule 3), on
 * boards that have the function: an exception raised in the handler then loses its message and traceback.
 */
public final class EmergencyBufferCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-no-emergency-buf";

    public EmergencyBufferCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrModel model = IsrReports.model(ctx);
        if (!model.board().hasEmergencyExceptionBuf()) {
            return;
        }
        Registration first = model.registrations().stream().filter(Registration::hard).findFirst().orElse(null);
        if (first == null || model.callsEmergencyExceptionBuf()) {
            return;
        }
        IsrReports.report(ctx, CODE, Severity.WARNING, "a hard IRQ handler is registered, but the program never calls"
                + " micropython.alloc_emergency_exception_buf(): an exception in the handler loses its message and"
                + " traceback", first.call(), List.of(), IsrFixes.emergencyBuffer(ctx));
    }
}
