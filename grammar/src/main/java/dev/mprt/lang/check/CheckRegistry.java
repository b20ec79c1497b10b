package dev.mprt.lang.check;

import java.util.List;

import dev.mprt.lang.check.constant.ConstCheck;
import dev.mprt.lang.check.emitter.DecoratorCheck;
import dev.mprt.lang.check.emitter.InlineAsmCheck;
import dev.mprt.lang.check.emitter.NativeBranchCheck;
import dev.mprt.lang.check.emitter.NativeCheck;
import dev.mprt.lang.check.emitter.ViperCheck;
import dev.mprt.lang.check.isr.BlockingCallCheck;
import dev.mprt.lang.check.isr.EmergencyBufferCheck;
import dev.mprt.lang.check.isr.HandlerArityCheck;
import dev.mprt.lang.check.isr.HardIrqAllocatingCallCheck;
import dev.mprt.lang.check.isr.HardIrqAllocationCheck;
import dev.mprt.lang.check.isr.HardUnsupportedCheck;
import dev.mprt.lang.check.isr.LongLoopCheck;
import dev.mprt.lang.check.isr.ScheduleBoundMethodCheck;
import dev.mprt.lang.check.semantic.StubCallArgumentsCheck;
import dev.mprt.lang.check.semantic.UnavailableModuleCheck;
import dev.mprt.lang.check.semantic.UndefinedNameCheck;
import dev.mprt.lang.check.semantic.UnknownAttributeCheck;
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
                new StringBytesMixCheck(),
                new PositionalOnlyMarkerCheck(),
                // names, modules, attributes and calls against the board's stubs (issue 3)
                new UndefinedNameCheck(),
                new UnavailableModuleCheck(),
                new UnknownAttributeCheck(),
                new StubCallArgumentsCheck(),
                // emitter and const() rules (issue 4)
                new ConstCheck(),
                new DecoratorCheck(),
                new ViperCheck(),
                new NativeCheck(),
                new NativeBranchCheck(),
                new InlineAsmCheck(),
                // interrupt handlers (issue 5): one model per file (dev.mprt.lang.isr), one check per rule
                new HardIrqAllocationCheck(),
                new HardIrqAllocatingCallCheck(),
                new ScheduleBoundMethodCheck(),
                new BlockingCallCheck(),
                new LongLoopCheck(),
                new HardUnsupportedCheck(),
                new HandlerArityCheck(),
                new EmergencyBufferCheck());
    }
}
