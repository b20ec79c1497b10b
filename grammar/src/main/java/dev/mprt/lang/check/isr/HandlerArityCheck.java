package dev.mprt.lang.check.isr;

import java.util.List;

import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.IsrModel;
import dev.mprt.lang.isr.Registration;
import dev.mprt.lang.isr.Target;

/**
 * A handler that cannot take the arguments its API calls it with (E.2 "Handler arity": one, the source object, for
 * most; none for Switch.callback; two for CAN.rxcallback and BLE.irq); a bound method's {@code self} is supplied by
 * the object. MicroPython raises TypeError when the interrupt comes, and a hard handler is then disabled.
 */
public final class HandlerArityCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-handler-arity";

    public HandlerArityCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrModel model = IsrReports.model(ctx);
        for (Registration r : model.registrations()) {
            int n = r.api().arity();
            if (n < 0) {
                continue;
            }
            for (Target t : r.targets()) {
                int required = 0;
                int max = 0;
                boolean star = false;
                for (Parameter p : t.params()) {
                    if (p.isStar() || p.isDstar()) {
                        star |= p.isStar() && p.getName() != null;
                        if (p.isStar()) {
                            break; // what follows is keyword-only
                        }
                        continue;
                    }
                    if (p.isSlash()) {
                        continue;
                    }
                    max++;
                    if (p.getDefault() == null) {
                        required++;
                    }
                }
                if (t.bound()) {
                    required = Math.max(0, required - 1);
                    max = Math.max(0, max - 1);
                }
                if (n < required || n > max && !star) {
                    String takes = required == max ? String.valueOf(max) : n < required ? "at least " + required
                            : "at most " + max;
                    IsrReports.report(ctx, CODE, Severity.ERROR, "function takes " + takes
                            + " positional arguments but " + n + " were given: " + r.api().label()
                            + " calls its handler with " + r.api().arguments() + " ("
                            + t.name() + (t.bound() ? ", a bound method: self is not counted" : "") + ")",
                            r.handler(), List.of(ctx.related(t.node(), t.module().uri(), "the handler")), List.of());
                }
            }
        }
    }
}
