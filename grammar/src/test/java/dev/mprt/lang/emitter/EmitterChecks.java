package dev.mprt.lang.emitter;

import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.constant.ConstCheck;
import dev.mprt.lang.check.emitter.DecoratorCheck;
import dev.mprt.lang.check.emitter.InlineAsmCheck;
import dev.mprt.lang.check.emitter.NativeBranchCheck;
import dev.mprt.lang.check.emitter.NativeCheck;
import dev.mprt.lang.check.emitter.ViperCheck;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.testing.Analyzers;

/** Runs only the emitter and const() checks over a tree, as {@code Checks} would (for timing and robustness). */
final class EmitterChecks {

    static final List<Check> ALL = List.of(new ConstCheck(), new DecoratorCheck(), new ViperCheck(),
            new NativeCheck(), new NativeBranchCheck(), new InlineAsmCheck());

    private static Constructor<CheckContext> ctor;

    private EmitterChecks() {
    }

    /** A context for one run; CheckContext's constructor is package-private, its later parameters unused here. */
    @SuppressWarnings("unchecked")
    static synchronized CheckContext context(PyFile root, AnalysisOptions options, List<Diagnostic> out) {
        try {
            if (ctor == null) {
                ctor = (Constructor<CheckContext>) Arrays.stream(CheckContext.class.getDeclaredConstructors())
                        .filter(c -> c.getParameterCount() >= 3 && c.getParameterTypes()[0] == PyFile.class)
                        .findFirst().orElseThrow();
                ctor.setAccessible(true);
            }
            Object[] args = new Object[ctor.getParameterCount()];
            args[0] = root;
            args[1] = options;
            args[2] = out;
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the given checks over the tree in one walk. */
    static void run(List<Check> checks, PyFile root, CheckContext ctx) {
        for (Check c : checks) {
            c.visit(root, ctx);
        }
        for (TreeIterator<EObject> it = root.eAllContents(); it.hasNext();) {
            EObject node = it.next();
            for (Check c : checks) {
                c.visit(node, ctx);
            }
        }
    }

    /** Parses {@code text} and runs the emitter and const() checks only; returns their diagnostics. */
    static List<Diagnostic> check(String text, AnalysisOptions options) {
        IParseResult parse = Analyzers.injector().getInstance(IParser.class).parse(new StringReader(text));
        List<Diagnostic> out = new ArrayList<>();
        if (parse.getRootASTElement() instanceof PyFile root) {
            run(ALL, root, context(root, options, out));
        }
        return out;
    }
}
