package dev.mprt.lang.check.isr;

import java.util.List;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.IsrModel;
import dev.mprt.lang.isr.Registration;

/**
 * {@code hard=True} where the board refuses it (E.2): esp32's Pin.irq has no such keyword (TypeError), esp8266's
 * Pin.irq and esp32's UART.irq raise ValueError, USB_VCP.irq is soft only.
 */
public final class HardUnsupportedCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-hard-unsupported";

    public HardUnsupportedCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrModel model = IsrReports.model(ctx);
        for (Registration r : model.registrations()) {
            if (r.hardKeyword() == null) {
                continue;
            }
            String rejected = model.board().rejectsHard(r.api());
            boolean explicitTrue = r.hardKeyword().getValue() instanceof dev.mprt.lang.ast.Constant k
                    && "True".equals(k.getValue());
            if (rejected != null && (explicitTrue || r.api() == dev.mprt.lang.isr.Api.PIN_IRQ
                    && "esp32".equals(model.board().id()))) {
                IsrReports.report(ctx, CODE, Severity.ERROR, rejected + " on board " + model.board().id(),
                        r.hardKeyword(), List.of(), List.of());
            }
        }
    }
}
