package dev.mprt.lang.check.semantic;

import dev.mprt.lang.ast.util.FlatTree;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.emitter.EmitterFacts;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.Symbol;

/**
 * A name read where nothing binds it — no local, enclosing, module-level or builtin definition: MicroPython raises
 * {@code NameError: name 'x' isn't defined} when the line runs. Silent in modules with {@code from m import *} or
 * that define names at run time (exec, globals(), ...), in inline assembler, and where a try catches NameError.
 */
public final class UndefinedNameCheck implements Check {

    public static final String CODE = "semantic-undefined-name";
    private static final Set<String> HANDLED_BY = Set.of("NameError");

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (!(node instanceof PyFile file) || hasUnknowableNames(file)) {
            return;
        }
        ConstTable consts = EmitterFacts.of(ctx).consts();
        FlatTree tree = ctx.tree();
        for (int i = 1; i < tree.size(); i++) {
            EObject o = tree.get(i);
            if (isAnnotation(o)) {
                i = tree.end(i) - 1; // MicroPython never evaluates annotations: skip the subtree
                continue;
            }
            if (o instanceof Name n && isRead(n) && n.getId() != null && !n.getId().isEmpty() && !isEmitterDecorator(n)
                    && consts.declarationFor(n) == null
                    && !Builtins.NAMES.contains(n.getId()) && !bound(ctx, n)
                    && ctx.semantic().lookup(n.getId(), n, ctx.semantic().module()).isEmpty()
                    && !Guards.handled(n, HANDLED_BY) && !Guards.inAssembler(n)) {
                ctx.error(CODE, "name '" + n.getId() + "' isn't defined", n);
            }
        }
    }

    /** A binding in any scope on the way up, even one that only a later statement makes (MicroPython's view). */
    private static boolean bound(CheckContext ctx, Name n) {
        for (Scope s = ctx.scopes().enclosing(n); s != null; s = s.parent()) {
            Symbol sym = s.lookup(n.getId());
            if (sym != null && !sym.bindings().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAnnotation(EObject o) {
        EObject c = o.eContainer();
        return (c instanceof dev.mprt.lang.ast.Parameter p && p.getAnnotation() == o)
                || (c instanceof dev.mprt.lang.ast.FunctionDef f && f.getReturnAnnotation() == o)
                || (c instanceof dev.mprt.lang.ast.ExprStatement s && s.getAnnotation() == o);
    }

    /** {@code @micropython.viper} needs no import: the compiler matches the decorator's text (rule A1.2). */
    private static boolean isEmitterDecorator(Name n) {
        return "micropython".equals(n.getId()) && n.eContainer() instanceof dev.mprt.lang.ast.Attribute a
                && (a.eContainer() instanceof dev.mprt.lang.ast.Decorator
                        || a.eContainer() instanceof dev.mprt.lang.ast.Call c && c.eContainer() instanceof dev.mprt.lang.ast.Decorator);
    }

    private static boolean isRead(Name n) {
        EObject c = n.eContainer();
        return !(c instanceof KeywordArg k && k.getKey() == n);
    }

    /**
     * Whether the module's names cannot be known: {@code from m import *}, or code that defines names at run time
     * (exec, eval, globals(), writes through __globals__/__dict__).
     */
    private static boolean hasUnknowableNames(PyFile file) {
        String text = dev.mprt.lang.emitter.Syntax.documentText(file);
        boolean mayHave = text.contains("__globals__") || text.contains("__dict__")
                || STAR_IMPORT.matcher(text).find();
        for (String d : DYNAMIC) {
            mayHave |= text.contains(d);
        }
        if (!mayHave) {
            return false; // none of the words in the text: no walk
        }
        FlatTree tree = FlatTree.of(file);
        for (int i = 1; i < tree.size(); i++) {
            EObject o = tree.get(i);
            if ((o instanceof ImportFrom f && f.isWildcard())
                    || (o instanceof Name n && n.getId() != null && DYNAMIC.contains(n.getId()))
                    || (o instanceof dev.mprt.lang.ast.Attribute a
                            && ("__globals__".equals(a.getAttr()) || "__dict__".equals(a.getAttr())))) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern STAR_IMPORT = java.util.regex.Pattern.compile("import[ \\t(\\\\\\r\\n]*\\*");

    /** Names whose use defines or reads the module's names at run time. */
    public static final Set<String> DYNAMIC = Set.of("exec", "eval", "execfile", "globals", "locals", "setattr",
            "__import__");

}
