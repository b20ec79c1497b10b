package dev.mprt.lang.check;

import java.util.List;

import dev.mprt.lang.check.syntax.*;

/** Every check mprt runs, in one list: adding a rule means adding its class here. */
final class CheckRegistry {

    private CheckRegistry() {
    }

    static List<Check> all() {
        return List.of(
                new AssignTargetCheck(),
                new StarredOutsideTargetCheck(),
                new DeleteTargetCheck(),
                new BreakContinueOutsideLoopCheck(),
                new ReturnOutsideFunctionCheck(),
                new YieldOutsideFunctionCheck(),
                new AwaitOutsideFunctionCheck(),
                new AsyncOutsideAsyncFunctionCheck(),
                new ImportStarNotAtModuleLevelCheck(),
                new NonlocalAtModuleLevelCheck(),
                new GlobalNonlocalCheck(),
                new DefaultExceptLastCheck(),
                new CallArgumentsCheck(),
                new DictSetItemsCheck(),
                new ParameterListCheck(),
                new SuperWithoutSelfCheck(),
                new StringBytesMixCheck());
    }
}
