package dev.mprt.lang.check.isr;

import java.util.ArrayList;
import java.util.List;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Related;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.isr.IsrModel;
import dev.mprt.lang.isr.Registration;
import dev.mprt.lang.isr.Scanner;
import dev.mprt.lang.isr.Target;

/**
 * A call, in hard interrupt code, of a function that allocates (in its own code or further down, in this or another
 * workspace module): reported at the call site, naming the allocation, with the allocation as related place.
 */
public final class HardIrqAllocatingCallCheck extends NodeCheck<PyFile> {

    public static final String CODE = "isr-alloc-call";

    public HardIrqAllocatingCallCheck() {
        super(PyFile.class);
    }

    @Override
    protected void check(PyFile node, CheckContext ctx) {
        IsrModel model = IsrReports.model(ctx);
        // a handler defined in another module: its allocation is reported at the registration
        for (Registration reg : model.registrations()) {
            if (!reg.hard()) {
                continue;
            }
            for (Target t : reg.targets()) {
                if (t.module().root() == ctx.root()) {
                    continue;
                }
                IsrModel.Allocating a = model.allocation(t);
                if (a != null) {
                    String at = IsrModel.where(a.finding().node(), a.in().module());
                    IsrReports.report(ctx, CODE, a.finding().certain() ? Severity.ERROR : Severity.WARNING,
                            "the handler " + t.name() + "() allocates: " + a.finding().what() + " (" + at + ")"
                                    + IsrReports.consequence(a.finding().certain()),
                            reg.handler(), List.of(ctx.related(a.finding().node(), a.in().module().uri(),
                                    a.finding().what())), List.of());
                }
            }
        }
        for (IsrModel.Reached r : model.reachedHere()) {
            for (Scanner.Edge e : model.calls(r.target())) {
                IsrModel.Allocating a = model.allocation(e.target());
                if (a == null) {
                    continue;
                }
                String at = IsrModel.where(a.finding().node(), a.in().module());
                List<Related> related = new ArrayList<>();
                related.add(ctx.related(a.finding().node(), a.in().module().uri(), a.finding().what()));
                related.add(IsrReports.registeredAt(ctx, r.via()));
                String message = "calls " + e.target().name() + "(), which allocates: " + a.finding().what() + " ("
                        + at + ")" + IsrReports.consequence(a.finding().certain());
                IsrReports.report(ctx, CODE, a.finding().certain() ? Severity.ERROR : Severity.WARNING, message,
                        e.call(), related, IsrFixes.forCall(ctx, model, r, e.call()));
            }
        }
    }
}
