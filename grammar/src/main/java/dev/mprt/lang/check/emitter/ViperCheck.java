package dev.mprt.lang.check.emitter;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.Arch;
import dev.mprt.lang.emitter.Emitters;
import dev.mprt.lang.emitter.ViperTypes;
import dev.mprt.lang.scope.ScopeBuilder;

/**
 * Viper code (rule family A, {@code viper-*}): every scope compiled by the viper emitter, whether decorated with
 * {@code @micropython.viper} or nested inside such a scope (A1.3), is replayed through {@link ViperTypes}; each
 * ViperTypeError, the related SyntaxError/NotImplementedError, the constructs the emitter only asserts against,
 * and the silent differences are reported with their own codes. Scopes of other emitters cost one ancestor walk.
 */
public final class ViperCheck implements Check {

    /** A.11: on x64 the viper entry tests the keyword count in a byte register that does not hold it. */
    public static final String KEYWORD_IGNORED = "viper-keyword-argument-ignored";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (node instanceof Call call) {
            keywordCall(call, ctx);
            return;
        }
        if (!(node instanceof FunctionDef || node instanceof Lambda || node instanceof ClassDef
                || ScopeBuilder.isComprehension(node))) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        if (!facts.mayHaveEmitters() || facts.emitterOf(node).kind() != Emitters.Kind.VIPER) {
            return;
        }
        ViperTypes.Result r = ViperTypes.infer(node, facts.viperContext());
        for (ViperTypes.Finding f : r.findings()) {
            facts.report(f.code(), f.severity(), f.message(), f.node());
        }
    }

    /**
     * {@code g(1, b=2)} where g is a module-level viper function taking one positional argument: on the x64 unix
     * port the keyword is silently ignored (other targets raise "function doesn't take keyword arguments").
     */
    private static void keywordCall(Call call, CheckContext ctx) {
        if (!(call.getFunc() instanceof Name n) || n.getId() == null
                || call.getArgs().stream().noneMatch(a -> a instanceof KeywordArg)) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        if (!facts.mayHaveEmitters() || facts.arch() != Arch.X64) {
            return;
        }
        for (Statement s : ctx.root().getStatements()) {
            EObject def = s instanceof Decorated d ? d.getDefinition() : s;
            if (def instanceof FunctionDef f && n.getId().equals(f.getName())
                    && facts.emitterOf(f).kind() == Emitters.Kind.VIPER) {
                long positional = f.getParams().stream().filter(p -> p != null && !p.isStar() && !p.isDstar()
                        && p.getName() != null).count();
                long given = call.getArgs().stream().filter(a -> !(a instanceof KeywordArg)
                        && !(a instanceof dev.mprt.lang.ast.DoubleStarArg) && !(a instanceof dev.mprt.lang.ast.StarArg))
                        .count();
                if (given == positional) {
                    facts.report(KEYWORD_IGNORED, Severity.WARNING, "viper functions take no keyword arguments: on the"
                            + " unix x64 port this call ignores its keyword argument instead of raising TypeError"
                            + " (other ports raise it)", call);
                }
                return;
            }
        }
    }
}
