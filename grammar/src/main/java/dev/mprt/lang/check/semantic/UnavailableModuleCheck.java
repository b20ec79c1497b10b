package dev.mprt.lang.check.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.Import;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.semantic.StubSources;

/**
 * An import of a MicroPython module that the selected board's port does not have, though another board's does
 * ({@code import pyb} on rp2-pico): ImportError on the device. Modules of the workspace count as present; modules no
 * board has are not judged (they may be the user's). Silent where a try catches ImportError.
 */
public final class UnavailableModuleCheck implements Check {

    public static final String CODE = "semantic-module-unavailable";
    private static final Set<String> HANDLED_BY = Set.of("ImportError");

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (node instanceof Import i) {
            for (ImportName n : i.getNames()) {
                check(ctx, n, n.getModule());
            }
        } else if (node instanceof ImportFrom f && f.getDots().isEmpty()) {
            check(ctx, f, f.getModule());
        }
    }

    private static void check(CheckContext ctx, EObject at, String dotted) {
        if (dotted == null) {
            return;
        }
        String module = dotted.replaceAll("\\s+", "");
        String board = ctx.options().board();
        if (StubSources.forBoard(board).names().isEmpty() || present(ctx, module)) {
            return;
        }
        List<String> elsewhere = new ArrayList<>();
        for (String b : Boards.IDS) {
            if (!b.equals(board) && StubSources.forBoard(b).names().contains(module)) {
                elsewhere.add(b);
            }
        }
        if (!elsewhere.isEmpty() && !Guards.handled(at, HANDLED_BY)) {
            ctx.error(CODE, "module '" + module + "' is not available on board " + board + " (it is on "
                    + String.join(", ", elsewhere) + ")", at);
        }
    }

    private static boolean present(CheckContext ctx, String module) {
        return ctx.options().workspace().find(module) != null
                || StubSources.forBoard(ctx.options().board()).names().contains(module)
                || StubSources.forBoard(ctx.options().board()).find(module) != null;
    }
}
