package dev.mprt.lang.check.constant;

import dev.mprt.lang.ast.util.FlatTree;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.ast.util.Statements;
import dev.mprt.lang.check.Check;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.emitter.EmitterFacts;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.emitter.ConstTable;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.scope.Scopes;

/**
 * {@code const()} as MicroPython's parser applies it (rules D K1-K7): a recognised {@code NAME = const(EXPR)} needs
 * a parse-time constant ("not a constant"), and every later atom NAME in the file is replaced by the value, so a
 * later assignment, deletion or keyword argument with that name fails to compile, and a parameter with that name
 * is silently shadowed in its body. Runs once per file, and only when the text contains "const".
 */
public final class ConstCheck implements Check {

    public static final String NOT_A_CONSTANT = "const-not-a-constant";
    public static final String ASSIGN = "const-reassigned";
    public static final String DELETE = "const-deleted";
    public static final String KEYWORD = "const-keyword-argument";
    public static final String SHADOWED_PARAMETER = "const-shadowed-parameter";
    public static final String LEAKS = "const-leaks-scope";

    @Override
    public void visit(EObject node, CheckContext ctx) {
        if (!(node instanceof PyFile root)) {
            return;
        }
        EmitterFacts facts = EmitterFacts.of(ctx);
        if (!facts.mentionsConst()) {
            return;
        }
        ConstTable t = facts.consts();
        for (ConstTable.Declaration d : t.declarations()) {
            if (d.value() == null) {
                facts.report(NOT_A_CONSTANT, Severity.ERROR, "not a constant", d.call());
            }
        }
        if (t.isEmpty()) {
            return;
        }
        FlatTree tree = ctx.tree();
        for (int i = 1; i < tree.size(); i++) {
            EObject o = tree.get(i);
            if (o instanceof Name n) {
                ConstTable.Declaration d = t.declarationFor(n);
                if (d != null) {
                    use(n, d, facts);
                }
            } else if (o instanceof Parameter p && p.getName() != null) {
                ConstTable.Declaration d = declared(t, p.getName(), Syntax.offset(p));
                if (d != null && usedInBody(p, t)) {
                    facts.report(SHADOWED_PARAMETER, Severity.WARNING, "parameter '" + p.getName() + "' is shadowed"
                            + " by the constant declared on line " + Syntax.line(d.statement()) + ": MicroPython"
                            + " replaces '" + p.getName() + "' by the constant's value everywhere after the declaration,"
                            + " including in this function's body", p);
                }
            }
        }
    }

    /** Whether the parameter's function uses the name (then each use is the constant, not the argument). */
    private static boolean usedInBody(Parameter p, ConstTable t) {
        EObject def = p.eContainer();
        EObject body = def instanceof FunctionDef f ? f.getBody() : def instanceof Lambda l ? l.getBody() : null;
        if (body == null) {
            return false;
        }
        if (body instanceof Name n) {
            return p.getName().equals(n.getId()) && t.declarationFor(n) != null;
        }
        for (TreeIterator<EObject> it = body.eAllContents(); it.hasNext();) {
            if (it.next() instanceof Name n && p.getName().equals(n.getId()) && t.declarationFor(n) != null) {
                return true;
            }
        }
        return false;
    }

    private static ConstTable.Declaration declared(ConstTable t, String name, int offset) {
        for (ConstTable.Declaration d : t.declarations()) {
            if (d.value() != null && d.name().equals(name) && d.end() <= offset) {
                return d;
            }
        }
        return null;
    }

    private static void use(Name n, ConstTable.Declaration d, EmitterFacts facts) {
        String kind = storeKind(n);
        if ("assign".equals(kind)) {
            facts.report(ASSIGN, Severity.ERROR, "can't assign to expression", n);
        } else if ("delete".equals(kind)) {
            facts.report(DELETE, Severity.ERROR, "can't delete expression", n);
        } else if ("keyword".equals(kind)) {
            facts.report(KEYWORD, Severity.ERROR, "LHS of keyword arg must be an id", n);
        } else {
            EObject declScope = Scopes.scopeNode(d.statement());
            if ((declScope instanceof FunctionDef || declScope instanceof ClassDef || declScope instanceof Lambda)
                    && !within(n, declScope)) {
                facts.report(LEAKS, Severity.WARNING, "'" + n.getId() + "' is the constant declared inside '"
                        + scopeName(declScope) + "' on line " + Syntax.line(d.statement()) + ": MicroPython's const()"
                        + " applies to the rest of the file, not to that scope", n);
            }
        }
    }

    private static String scopeName(EObject s) {
        return s instanceof FunctionDef f ? f.getName() : s instanceof ClassDef c ? c.getName() : "lambda";
    }

    private static boolean within(EObject n, EObject scope) {
        for (EObject p = n; p != null; p = p.eContainer()) {
            if (p == scope) {
                return true;
            }
        }
        return false;
    }

    /** "assign", "delete", "keyword" when the name is a target MicroPython would compile as such, else null. */
    private static String storeKind(Name n) {
        EObject child = n;
        EObject p = n.eContainer();
        boolean inSequence = false;
        while (p instanceof Tuple || p instanceof ListExp || p instanceof Starred) {
            inSequence = true;
            child = p;
            p = p.eContainer();
        }
        if (p instanceof ExprStatement s) {
            if (Statements.isAugmented(s)) {
                return !inSequence && s.getExpression() == child ? "assign" : null;
            }
            if (Statements.isAssignment(s) && Statements.targets(s).contains(child)) {
                return "assign";
            }
            return null;
        }
        if (p instanceof For f && f.getTarget() == child || p instanceof Comprehension c && c.getTarget() == child
                || p instanceof WithItem w && w.getTarget() == child) {
            return "assign";
        }
        if (p instanceof NamedExpr ne && ne.getTarget() == child && !inSequence) {
            return "assign";
        }
        if (p instanceof Del d && d.getTarget() == child) {
            return "delete";
        }
        if (p instanceof KeywordArg k && k.getKey() == child && !inSequence) {
            return "keyword";
        }
        return null;
    }
}
