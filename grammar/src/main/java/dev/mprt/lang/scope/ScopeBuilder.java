package dev.mprt.lang.scope;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Await;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Comprehension;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Del;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.Global;
import dev.mprt.lang.ast.Import;
import dev.mprt.lang.ast.ImportAlias;
import dev.mprt.lang.ast.ImportFrom;
import dev.mprt.lang.ast.ImportName;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.NamedExpr;
import dev.mprt.lang.ast.Nonlocal;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.WithItem;
import dev.mprt.lang.ast.Yield;
import dev.mprt.lang.ast.util.Statements;

/**
 * Builds the scope tree of a module the way MicroPython's compiler does in its scope pass ({@code MP_PASS_SCOPE}
 * in py/compile.c): scopes are processed in the order they are opened, each one's own code in source order, and
 * names are classified with the same state machine ({@code py/scope.c}, {@code py/emitcommon.c}). Annotations are
 * never evaluated, as in MicroPython. The errors MicroPython raises in this pass (global/nonlocal misuse) are
 * collected, not thrown.
 */
public final class ScopeBuilder {

    /** An error found while classifying names. */
    public record Problem(EObject node, String message) {
    }

    private final Deque<Scope> pending = new ArrayDeque<>();
    private final List<Problem> problems = new ArrayList<>();
    private Scope current;

    public static ScopeTree build(PyFile file) {
        ScopeBuilder b = new ScopeBuilder();
        Scope module = new Scope(ScopeKind.MODULE, file, null);
        b.pending.add(module);
        while (!b.pending.isEmpty()) {
            Scope s = b.pending.poll();
            b.current = s;
            b.scopePass(s);
            for (Symbol sym : s.symbols()) {
                if (sym.kind == Symbol.Kind.GLOBAL_IMPLICIT) {
                    closeOver(s, sym);
                }
            }
        }
        return new ScopeTree(module, b.problems);
    }

    private void scopePass(Scope s) {
        EObject n = s.node();
        if (n instanceof PyFile f) {
            f.getStatements().forEach(this::visit);
        } else if (n instanceof FunctionDef f) {
            f.getParams().forEach(this::parameter);
            if (f.getBody() != null) {
                f.getBody().getStatements().forEach(this::visit);
            }
        } else if (n instanceof Lambda l) {
            l.getParams().forEach(this::parameter);
            visit(l.getBody());
        } else if (n instanceof ClassDef c) {
            if (c.getBody() != null) {
                c.getBody().getStatements().forEach(this::visit);
            }
        } else {
            comprehensionBody(n);
        }
    }

    private void parameter(Parameter p) {
        if (p.getName() == null) {
            return;
        }
        Symbol sym = current.findOrAdd(p.getName(), Symbol.Kind.UNDECIDED, p);
        if (sym.kind == Symbol.Kind.UNDECIDED) {
            sym.kind = Symbol.Kind.LOCAL;
            sym.parameter = true;
        }
        sym.addBinding(p);
        // a reused name is reported by the parameter-list check, which knows the rule's full context
    }

    // ---------------------------------------------------------------------------------------------- traversal

    private void visit(EObject node) {
        if (node == null) {
            return;
        }
        if (node instanceof Name n) {
            load(n.getId(), n);
        } else if (node instanceof ExprStatement s) {
            exprStatement(s);
        } else if (node instanceof Decorated d) {
            d.getDecorators().forEach(this::visit);
            visit(d.getDefinition());
        } else if (node instanceof FunctionDef f) {
            for (Parameter p : f.getParams()) {
                visit(p.getDefault());
            }
            store(f.getName(), f);
            open(ScopeKind.FUNCTION, f);
        } else if (node instanceof ClassDef c) {
            c.getArgs().forEach(this::visit);
            store(c.getName(), c);
            open(ScopeKind.CLASS, c);
        } else if (node instanceof Lambda l) {
            for (Parameter p : l.getParams()) {
                visit(p.getDefault());
            }
            open(ScopeKind.LAMBDA, l);
        } else if (isComprehension(node)) {
            visit(generators(node).get(0).getIter());
            open(ScopeKind.COMPREHENSION, node);
        } else if (node instanceof For f) {
            visit(f.getIter());
            target(f.getTarget());
            visit(f.getBody());
            visit(f.getOrelse());
        } else if (node instanceof WithItem w) {
            visit(w.getContext());
            target(w.getTarget());
        } else if (node instanceof ExceptHandler h) {
            visit(h.getType());
            if (h.getAsname() != null) {
                store(h.getAsname(), h);
            }
            visit(h.getBody());
        } else if (node instanceof Import i) {
            for (ImportName n : i.getNames()) {
                String module = n.getModule();
                if (n.getAsname() != null) {
                    store(n.getAsname(), n);
                } else if (module != null) {
                    store(module.split("\\.")[0].trim(), n);
                }
            }
        } else if (node instanceof ImportFrom i) {
            for (ImportAlias a : i.getNames()) {
                store(a.getAsname() != null ? a.getAsname() : a.getImported(), a);
            }
        } else if (node instanceof Del d) {
            target(d.getTarget());
        } else if (node instanceof Global g) {
            for (String name : g.getNames()) {
                declareGlobal(current.findOrAdd(name, Symbol.Kind.UNDECIDED, g), g);
            }
        } else if (node instanceof Nonlocal n) {
            if (current.kind() == ScopeKind.MODULE) {
                return; // "can't declare nonlocal in outer code" is the nonlocal-at-module check's
            }
            for (String name : n.getNames()) {
                declareNonlocal(current.findOrAdd(name, Symbol.Kind.UNDECIDED, n), n);
            }
        } else if (node instanceof NamedExpr ne) {
            visit(ne.getValue());
            if (ne.getTarget() instanceof Name target) {
                namedExprTarget(target);
            } else {
                visit(ne.getTarget());
            }
        } else if (node instanceof Yield || node instanceof Await) {
            node.eContents().forEach(this::visit);
            current.generator = true;
        } else if (node instanceof Parameter p) {
            visit(p.getDefault()); // annotations are not evaluated
        } else {
            node.eContents().forEach(this::visit);
        }
    }

    private void exprStatement(ExprStatement s) {
        if (Statements.isAugmented(s)) {
            s.getValues().forEach(this::visit);
            Expression t = s.getExpression();
            if (t instanceof Name n) {
                load(n.getId(), n);
                store(n.getId(), n);
            } else {
                visit(t);
            }
        } else if (Statements.isAnnotated(s)) {
            s.getValues().forEach(this::visit);
            target(s.getExpression()); // `x: int` alone still makes x local
        } else if (Statements.isAssignment(s)) {
            visit(Statements.value(s));
            Statements.targets(s).forEach(this::target);
        } else {
            visit(s.getExpression());
        }
    }

    /** A store (or delete) target: names are modified, anything else is evaluated. */
    private void target(Expression e) {
        if (e instanceof Name n) {
            store(n.getId(), n);
        } else if (e instanceof Tuple t) {
            t.getElements().forEach(this::target);
        } else if (e instanceof ListExp l) {
            l.getElements().forEach(this::target);
        } else if (e instanceof Starred s) {
            target(s.getValue());
        } else {
            visit(e);
        }
    }

    private void comprehensionBody(EObject n) {
        List<Comprehension> gens = generators(n);
        for (int i = 0; i < gens.size(); i++) {
            Comprehension c = gens.get(i);
            if (i > 0) {
                visit(c.getIter());
            }
            target(c.getTarget());
            c.getIfs().forEach(this::visit);
        }
        if (n instanceof ListComp l) {
            visit(l.getElt());
        } else if (n instanceof GeneratorExp g) {
            visit(g.getElt());
        } else if (n instanceof DictOrSet d) {
            Expression item = d.getItems().get(0);
            if (item instanceof KeyValue kv) {
                visit(kv.getKey());
                visit(kv.getValue());
            } else {
                visit(item);
            }
        }
    }

    public static boolean isComprehension(EObject node) {
        return node instanceof ListComp || node instanceof GeneratorExp
                || (node instanceof DictOrSet d && !d.getGenerators().isEmpty() && !d.getItems().isEmpty());
    }

    private static List<Comprehension> generators(EObject node) {
        if (node instanceof ListComp l) {
            return l.getGenerators();
        }
        if (node instanceof GeneratorExp g) {
            return g.getGenerators();
        }
        return ((DictOrSet) node).getGenerators();
    }

    private void open(ScopeKind kind, EObject node) {
        pending.add(new Scope(kind, node, current));
    }

    // ---------------------------------------------------------------------------------------------- classification

    private void load(String name, EObject node) {
        if (name != null && !name.isEmpty()) {
            current.findOrAdd(name, Symbol.Kind.GLOBAL_IMPLICIT, node);
        }
    }

    private void store(String name, EObject node) {
        if (name != null && !name.isEmpty()) {
            Symbol sym = modify(current, name, node);
            sym.addBinding(node);
            if (sym.kind == Symbol.Kind.GLOBAL_EXPLICIT && current.parent() != null) {
                // `global x; x = ...` in a function binds the module's x
                Scope module = current;
                while (module.parent() != null) {
                    module = module.parent();
                }
                module.findOrAdd(name, Symbol.Kind.GLOBAL_IMPLICIT_ASSIGNED, node).addBinding(node);
            }
        }
    }

    private static Symbol modify(Scope s, String name, EObject node) {
        Symbol sym = s.findOrAdd(name, Symbol.Kind.GLOBAL_IMPLICIT, node);
        if (sym.kind == Symbol.Kind.GLOBAL_IMPLICIT) {
            sym.kind = s.kind().isFunctionLike() ? Symbol.Kind.LOCAL : Symbol.Kind.GLOBAL_IMPLICIT_ASSIGNED;
        }
        return sym;
    }

    /** {@code compile_namedexpr_helper}: a walrus in a comprehension binds in the enclosing scope. */
    private void namedExprTarget(Name target) {
        String name = target.getId();
        if (current.kind() == ScopeKind.COMPREHENSION) {
            Symbol inParent = modify(current.parent(), name, target);
            inParent.addBinding(target); // the walrus binds in the enclosing scope (PEP 572)
            if (inParent.kind == Symbol.Kind.GLOBAL_EXPLICIT) {
                current.findOrAdd(name, Symbol.Kind.GLOBAL_EXPLICIT, target);
            } else {
                Symbol sym = current.findOrAdd(name, Symbol.Kind.UNDECIDED, target);
                boolean global = current.parent().parent() == null;
                if (!global && sym.kind == Symbol.Kind.GLOBAL_IMPLICIT) {
                    sym.kind = Symbol.Kind.UNDECIDED;
                }
                if (global) {
                    declareGlobal(sym, target);
                } else {
                    declareNonlocal(sym, target);
                }
            }
        }
        store(name, target);
    }

    private void declareGlobal(Symbol sym, EObject node) {
        if (sym.kind != Symbol.Kind.UNDECIDED && sym.kind != Symbol.Kind.GLOBAL_EXPLICIT) {
            problems.add(new Problem(node, "identifier redefined as global"));
            return;
        }
        sym.kind = Symbol.Kind.GLOBAL_EXPLICIT;
        Scope module = current;
        while (module.parent() != null) {
            module = module.parent();
        }
        Symbol inModule = module.lookup(sym.name());
        if (inModule != null) {
            inModule.kind = Symbol.Kind.GLOBAL_EXPLICIT;
        }
    }

    private void declareNonlocal(Symbol sym, EObject node) {
        if (sym.kind == Symbol.Kind.UNDECIDED) {
            sym.kind = Symbol.Kind.GLOBAL_IMPLICIT;
            closeOver(current, sym);
            if (sym.kind == Symbol.Kind.GLOBAL_IMPLICIT) {
                problems.add(new Problem(node, "no binding for nonlocal found"));
            }
        } else if (sym.kind != Symbol.Kind.FREE) {
            problems.add(new Problem(node, "identifier redefined as nonlocal"));
        }
    }

    /** {@code scope_check_to_close_over}: a name bound in an enclosing function becomes free here. */
    private static void closeOver(Scope scope, Symbol sym) {
        for (Scope s = scope.parent(); s != null && s.parent() != null; s = s.parent()) {
            Symbol outer = s.lookup(sym.name());
            if (outer != null) {
                if (outer.kind == Symbol.Kind.LOCAL || outer.kind == Symbol.Kind.CELL
                        || outer.kind == Symbol.Kind.FREE) {
                    sym.kind = Symbol.Kind.FREE;
                    closeOverInParents(scope, sym.name());
                }
                return;
            }
        }
    }

    /** {@code scope_close_over_in_parents}: the binding scope's symbol becomes a cell, those between free. */
    private static void closeOverInParents(Scope scope, String name) {
        for (Scope s = scope.parent(); s != null && s.parent() != null; s = s.parent()) {
            Symbol sym = s.findOrAdd(name, Symbol.Kind.UNDECIDED, s.node());
            if (sym.kind != Symbol.Kind.UNDECIDED) {
                if (sym.kind == Symbol.Kind.LOCAL) {
                    sym.kind = Symbol.Kind.CELL;
                }
                return;
            }
            sym.kind = Symbol.Kind.FREE;
        }
    }
}
