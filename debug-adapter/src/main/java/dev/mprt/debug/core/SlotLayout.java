package dev.mprt.debug.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.ScopeKind;
import dev.mprt.lang.scope.Symbol;

/**
 * The names of a function's local slots, numbered as MicroPython's compiler numbers them (reference section G.5):
 * free variables first (in the parent's order), then parameters (with the {@code *args}/keyword-only swap), plain
 * locals in first-reference order, then the cells that are not parameters. Built on the analysis core's scope model.
 */
public final class SlotLayout {

    /** The name a comprehension's hidden iterator slot gets; not an identifier, never shown as a variable. */
    public static final String ITERATOR = "";

    private final List<String> names;
    private final List<Boolean> cells;

    private SlotLayout(List<String> names, List<Boolean> cells) {
        this.names = Collections.unmodifiableList(names);
        this.cells = Collections.unmodifiableList(cells);
    }

    /** An empty layout: module and class frames keep their names in dictionaries. */
    public static SlotLayout none() {
        return new SlotLayout(List.of(), List.of());
    }

    public static SlotLayout of(Scope scope) {
        if (!scope.kind().isFunctionLike()) {
            return none();
        }
        List<Symbol> params = new ArrayList<>();
        List<Symbol> free = new ArrayList<>();
        for (Symbol s : scope.symbols()) {
            if (s.isParameter()) {
                params.add(s);
            } else if (s.kind() == Symbol.Kind.FREE) {
                free.add(s);
            }
        }
        swapStarArgs(params);
        List<String> names = new ArrayList<>();
        List<Boolean> cells = new ArrayList<>();
        // free variables, in the order the parent lists them
        if (!free.isEmpty() && scope.parent() != null) {
            List<String> parentOrder = new ArrayList<>();
            scope.parent().symbols().forEach(s -> parentOrder.add(s.name()));
            free.sort((a, b) -> Integer.compare(indexOr(parentOrder, a.name()), indexOr(parentOrder, b.name())));
        }
        for (Symbol s : free) {
            names.add(s.name());
            cells.add(true);
        }
        if (scope.kind() == ScopeKind.COMPREHENSION) {
            names.add(ITERATOR);
            cells.add(false);
        }
        for (Symbol s : params) {
            names.add(s.name());
            cells.add(s.kind() == Symbol.Kind.CELL);
        }
        for (Symbol s : scope.symbols()) {
            if (!s.isParameter() && s.kind() == Symbol.Kind.LOCAL) {
                names.add(s.name());
                cells.add(false);
            }
        }
        for (Symbol s : scope.symbols()) {
            if (!s.isParameter() && s.kind() == Symbol.Kind.CELL) {
                names.add(s.name());
                cells.add(true);
            }
        }
        return new SlotLayout(names, cells);
    }

    /** Slot {@code i}'s name, or null past the locals (the value stack). */
    public String name(int slot) {
        return slot >= 0 && slot < names.size() ? names.get(slot) : null;
    }

    public boolean isCell(int slot) {
        return slot >= 0 && slot < cells.size() && cells.get(slot);
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return names;
    }

    /**
     * The {@code names} argument of the monitor's conditions and evaluation: the slot names in slot order, joined
     * by commas, with a placeholder for the comprehension iterator (it must be a parameter name of a lambda).
     */
    public String lambdaNames() {
        List<String> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.add(names.get(i).isEmpty() ? "_mprt_it" + i : names.get(i));
        }
        return String.join(",", out);
    }

    // `def f(a, *args, c, d)`: MicroPython swaps *args with the last keyword-only parameter (py/compile.c).
    private static void swapStarArgs(List<Symbol> params) {
        int star = -1;
        int lastKwonly = -1;
        for (int i = 0; i < params.size(); i++) {
            Parameter p = parameterNode(params.get(i));
            if (p == null) {
                continue;
            }
            if (p.isStar()) {
                star = i;
            } else if (star >= 0 && !p.isDstar()) {
                lastKwonly = i;
            }
        }
        if (star >= 0 && lastKwonly > star) {
            Collections.swap(params, star, lastKwonly);
        }
    }

    private static Parameter parameterNode(Symbol s) {
        for (EObject b : s.bindings()) {
            if (b instanceof Parameter p) {
                return p;
            }
        }
        return s.firstNode() instanceof Parameter p ? p : null;
    }

    private static int indexOr(List<String> list, String name) {
        int i = list.indexOf(name);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
