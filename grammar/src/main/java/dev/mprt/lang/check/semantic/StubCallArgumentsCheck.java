package dev.mprt.lang.check.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.DoubleStarArg;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.StarArg;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.PyType;
import dev.mprt.lang.semantic.SemanticModel;

/**
 * A call to a board API whose arguments do not fit the stub's signature: too many positional arguments, an unknown
 * keyword, a required argument missing. A warning, as the stubs come from MicroPython's documentation; silent for
 * overloaded functions, calls with {@code *}/{@code **}, and where a try catches TypeError.
 */
public final class StubCallArgumentsCheck extends NodeCheck<Call> {

    public static final String CODE = "semantic-call-arguments";
    private static final Set<String> HANDLED_BY = Set.of("TypeError");

    public StubCallArgumentsCheck() {
        super(Call.class);
    }

    @Override
    protected void check(Call call, CheckContext ctx) {
        if (Guards.inDecorator(call)
                || call.getArgs().stream().anyMatch(a -> a instanceof StarArg || a instanceof DoubleStarArg)) {
            return;
        }
        SemanticModel model = ctx.semantic();
        PyType callee = model.typeOf(call.getFunc());
        FunctionDef f;
        boolean dropFirst;
        String display = null;
        if (callee instanceof PyType.Function fn && fn.module().stub()) {
            if (fn.owner() != null && !(call.getFunc() instanceof Attribute)) {
                return; // a method through a variable (f = x.append): bound or not, the model does not track
            }
            f = fn.node();
            dropFirst = fn.owner() != null && call.getFunc() instanceof Attribute a && !isStatic(f)
                    && (decorators(f).contains("classmethod") || !(model.typeOf(a.getValue()) instanceof PyType.Class));
        } else if (callee instanceof PyType.Class c && c.module().stub()) {
            List<Definition> init = model.members(callee).get("__init__");
            if (init == null || init.size() != 1 || !(init.get(0).node() instanceof FunctionDef i)) {
                return;
            }
            f = i;
            dropFirst = true;
            display = c.node().getName() + "()";
        } else {
            return;
        }
        if (isOverloaded(f)) {
            return;
        }
        String problem = problem(f, dropFirst, call.getArgs(), display != null ? display : f.getName() + "()");
        if (problem != null && !Guards.handled(call, HANDLED_BY)) {
            org.eclipse.xtext.nodemodel.INode n = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(call);
            ctx.report(new Diagnostic(CODE, Severity.WARNING, problem, n.getOffset(), n.getEndOffset()));
        }
    }

    /** What is wrong with these arguments for this signature, or null. */
    static String problem(FunctionDef f, boolean dropFirst, List<Expression> args, String name) {
        List<Parameter> params = new ArrayList<>(f.getParams());
        if (dropFirst && !params.isEmpty()) {
            params.remove(0);
        }
        boolean varArgs = false;
        boolean varKw = false;
        int positionalOnly = 0;
        List<Parameter> positional = new ArrayList<>();
        List<Parameter> keywordOnly = new ArrayList<>();
        boolean afterStar = false;
        for (Parameter p : params) {
            if (p.isSlash()) {
                positionalOnly = positional.size();
            } else if (p.isStar()) {
                varArgs |= p.getName() != null;
                afterStar = true;
            } else if (p.isDstar()) {
                varKw = true;
            } else if (afterStar) {
                keywordOnly.add(p);
            } else {
                positional.add(p);
            }
        }
        int given = 0;
        List<String> keywords = new ArrayList<>();
        for (Expression a : args) {
            if (a instanceof KeywordArg k) {
                if (k.getKey() instanceof Name n) {
                    keywords.add(n.getId());
                }
            } else {
                given++;
            }
        }
        if (!varArgs && given > positional.size()) {
            return name + " takes at most " + positional.size() + " positional argument" + (positional.size() == 1 ? "" : "s")
                    + " (" + given + " given)";
        }
        for (String k : keywords) {
            boolean known = false;
            for (int i = 0; i < positional.size(); i++) {
                known |= i >= positionalOnly && k.equals(positional.get(i).getName());
            }
            known |= keywordOnly.stream().anyMatch(p -> k.equals(p.getName()));
            if (!known && !varKw) {
                return name + " got an unexpected keyword argument '" + k + "'";
            }
        }
        for (int i = given; i < positional.size(); i++) {
            Parameter p = positional.get(i);
            if (p.getDefault() == null && !keywords.contains(p.getName())) {
                return name + " missing required argument '" + p.getName() + "'";
            }
        }
        for (Parameter p : keywordOnly) {
            if (p.getDefault() == null && !keywords.contains(p.getName()) && !varKw) {
                return name + " missing required keyword argument '" + p.getName() + "'";
            }
        }
        return null;
    }

    private static boolean isStatic(FunctionDef f) {
        return decorators(f).contains("staticmethod");
    }

    private static List<String> decorators(FunctionDef f) {
        List<String> out = new ArrayList<>();
        if (f.eContainer() instanceof Decorated d) {
            for (Decorator dec : d.getDecorators()) {
                Expression e = dec.getExpression();
                if (e instanceof Name n) {
                    out.add(n.getId());
                } else if (e instanceof Attribute a) {
                    out.add(a.getAttr());
                }
            }
        }
        return out;
    }

    /** Whether the stub declares several signatures for this name (typing.overload). */
    private static boolean isOverloaded(FunctionDef f) {
        EObject container = f.eContainer() instanceof Decorated d ? d.eContainer() : f.eContainer();
        List<? extends EObject> siblings = container instanceof Block b ? b.getStatements()
                : container instanceof PyFile p ? p.getStatements() : List.of();
        for (EObject s : siblings) {
            if (s instanceof Decorated d && d.getDefinition() instanceof FunctionDef g && f.getName().equals(g.getName())
                    && decorators(g).contains("overload")) {
                return true;
            }
        }
        return false;
    }
}
