package dev.mprt.lang.isr;

import java.util.List;

import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.semantic.ModuleInfo;

/**
 * One handler registration found in a module: the call, the API, the handler expression and what it resolves to
 * (empty when the model cannot tell), the context it runs in on the board, and the {@code hard=} keyword if given.
 */
public record Registration(Api api, Call call, Expression handler, List<Target> targets, IsrBoard.Context context,
        KeywordArg hardKeyword, ModuleInfo module) {

    public boolean hard() {
        return context == IsrBoard.Context.HARD;
    }
}
