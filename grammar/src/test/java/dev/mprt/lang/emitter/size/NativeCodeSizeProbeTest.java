package dev.mprt.lang.emitter.size;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.emitter.Arch;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.MpyCross;
import dev.mprt.lang.emitter.MpyFile;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;
import dev.mprt.lang.testing.Analyzers;

/**
 * A tool, not a test: compares the code-size model with mpy-cross on one file, function by function, and prints
 * the model's limited branches (and with {@code -Dprobe.qstrs=true} its qstr table). It does nothing unless
 * {@code -Dprobe.src=FILE} is given:
 *
 * <pre>
 * mvn -o -q -pl grammar test -Dtest=NativeCodeSizeProbeTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dprobe.src=/path/to/file.py -Dprobe.arch=armv6m,xtensawin
 * </pre>
 */
class NativeCodeSizeProbeTest {

    @Test
    void probe() throws Exception {
        String src = System.getProperty("probe.src");
        if (src == null) {
            return;
        }
        String text = Files.readString(Path.of(src));
        try (MpyCross mpy = new MpyCross()) {
            for (String name : System.getProperty("probe.arch", "armv6m,armv7m,xtensa,xtensawin").split(",")) {
                Arch arch = Arch.fromMpyCrossName(name);
                Analysis an = Analyzers.analyze(text, new AnalysisOptions("unix"));
                ScopeTree tree = ScopeBuilder.build(an.root());
                ConstTable consts = ConstTable.build(an.root(), 31, true);
                MpyCross.Compiled c = mpy.compileToMpy(text, arch);
                List<Integer> actual = new ArrayList<>();
                for (MpyFile.RawCode rc : c.rawCodes()) {
                    if (rc.depth() == 1 && (rc.kind() == MpyFile.Kind.NATIVE_PY
                            || rc.kind() == MpyFile.Kind.NATIVE_VIPER)) {
                        actual.add(rc.machineCode());
                    }
                }
                int k = 0;
                for (Statement s : an.root().getStatements()) {
                    if (!(s instanceof Decorated d) || !(d.getDefinition() instanceof FunctionDef f)
                            || !Emitters.decorated(d, null).isNativeCode()) {
                        continue;
                    }
                    boolean viper = Emitters.decorated(d, null).kind() == Emitters.Kind.VIPER;
                    NativeCodeSize.Result r = NativeCodeSize.analyze(f, viper, arch, tree, consts);
                    for (NativeCodeSize.Branch b : r.branches()) {
                        System.out.println("  " + b.instruction() + " at " + b.from() + " to " + b.to() + ", rel "
                                + b.rel() + " ±" + b.uncertainty() + ", owner "
                                + (b.owner() == null ? null : b.owner().eClass().getName()));
                    }
                    if (Boolean.getBoolean("probe.qstrs")) {
                        System.out.println("  qstrs " + ModuleTables.build(f, tree, consts).qstrOrder());
                    }
                    System.out.println(name + " " + f.getName() + ": model " + r.codeSize() + " ±" + r.uncertainty()
                            + ", mpy-cross " + (k < actual.size() ? actual.get(k) : "-") + (r.reliable() ? ""
                                    : " (not reliable)") + (c.output().isBlank() ? "" : ", prints "
                                            + c.output().strip()));
                    k++;
                }
            }
        }
    }
}
