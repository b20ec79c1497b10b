package dev.mprt.lang.isr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.ModuleSources;
import dev.mprt.lang.semantic.SemanticModel;

/**
 * The interrupt handlers of one module and everything hard handlers reach: the registrations (rules E.2), the call
 * graph from each hard handler (transitively, across functions and workspace modules), and each reached function's
 * findings (E.3 allocations, blocking calls, loops). The {@code isr-*} checks report from it; it is built once per
 * analysed document.
 */
public final class IsrModel {

    /** A function hard code reaches, and the first registration (and call chain) that reaches it. */
    public record Reached(Target target, Registration via, List<Call> chain) {
    }

    /** An allocation somewhere below a call: the finding and the code it is in. */
    public record Allocating(Finding finding, Target in) {
    }

    private final ModuleInfo module;
    private final IsrBoard board;
    private final Resolver resolver;
    private final Values values;
    private final List<Registration> registrations;
    private final Map<EObject, Scanner.Summary> summaries = new IdentityHashMap<>();
    private final Map<EObject, Reached> reached = new LinkedHashMap<>();
    private final Map<EObject, Allocating> allocating = new IdentityHashMap<>();
    private final ModuleSources workspace;

    public IsrModel(SemanticModel semantic, String board, ModuleSources workspace) {
        this.module = semantic.module();
        this.board = IsrBoard.of(board);
        this.resolver = new Resolver(semantic);
        this.values = new Values(semantic, this.board);
        this.workspace = workspace == null ? ModuleSources.NONE : workspace;
        this.registrations = new Registrations(resolver, this.board).find(module);
        for (Registration r : registrations) {
            if (r.hard()) {
                for (Target t : r.targets()) {
                    reach(t, r);
                }
            }
        }
        this.registeredElsewhere = registrationsInOtherModules(semantic);
    }

    /** Hard registrations in other workspace modules of handlers defined in this one (e.g. main.py of a driver's). */
    private final List<Registration> registeredElsewhere;

    public List<Registration> registeredElsewhere() {
        return registeredElsewhere;
    }

    private static final java.util.regex.Pattern REGISTERS = java.util.regex.Pattern
            .compile("\\b(irq|callback|rxcallback|wakeup|ExtInt|Timer|schedule)\\b");

    /** Whether a text can register a handler at all, remembered per text (sources hand out the same strings). */
    private static boolean mayRegister(String text) {
        synchronized (MAY_REGISTER) {
            return MAY_REGISTER.computeIfAbsent(text, t -> REGISTERS.matcher(t).find());
        }
    }

    private static final java.util.Map<String, Boolean> MAY_REGISTER = new java.util.WeakHashMap<>();

    private List<Registration> registrationsInOtherModules(SemanticModel semantic) {
        String uri = module.uri();
        if (uri == null || uri.isEmpty()) {
            return List.of();
        }
        String self = null;
        java.util.Collection<String> names = workspace.names();
        if (names.size() > 2000) {
            return List.of();
        }
        for (String name : names) {
            ModuleSources.Source s = workspace.find(name);
            if (s != null && uri.equals(s.uri())) {
                self = name;
                break;
            }
        }
        if (self == null) {
            return List.of();
        }
        List<Registration> out = new ArrayList<>();
        Registrations finder = new Registrations(resolver, board);
        for (String name : names) {
            ModuleSources.Source s = workspace.find(name);
            if (name.equals(self) || s == null || s.stub() || !mayRegister(s.text())) {
                continue;
            }
            ModuleInfo other = semantic.importModule(name);
            if (other == null || other.root() == null) {
                continue;
            }
            for (Registration r : finder.find(other)) {
                if (r.hard() && reachesHere(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    /**
     * Follows a hard registration of another module through the program (in the other modules' parses); where it
     * enters this document, continues from the same function in this document's tree.
     */
    private boolean reachesHere(Registration r) {
        boolean here = false;
        Deque<Target> work = new ArrayDeque<>(r.targets());
        Set<EObject> seen = new HashSet<>();
        while (!work.isEmpty() && seen.size() < 500) {
            Target t = work.poll();
            if (!seen.add(t.node())) {
                continue;
            }
            if (module.uri().equals(t.module().uri())) {
                Target local = localize(t);
                if (local != null) {
                    reach(local, r);
                    here = true;
                }
                continue;
            }
            for (Scanner.Edge e : calls(t)) {
                work.add(e.target());
            }
        }
        return here;
    }

    /** The same function in this document's tree (the other module saw its own parse of this file). */
    private Target localize(Target t) {
        if (!(t.node() instanceof dev.mprt.lang.ast.FunctionDef f)) {
            return null;
        }
        List<String> path = new ArrayList<>();
        for (EObject n = f; n != null; n = n.eContainer()) {
            if (n instanceof dev.mprt.lang.ast.FunctionDef d) {
                path.add(0, "def " + d.getName());
            } else if (n instanceof dev.mprt.lang.ast.ClassDef c) {
                path.add(0, "class " + c.getName());
            }
        }
        for (TreeIterator<EObject> it = module.root().eAllContents(); it.hasNext();) {
            if (it.next() instanceof dev.mprt.lang.ast.FunctionDef d && d.getName() != null
                    && d.getName().equals(f.getName())) {
                List<String> p = new ArrayList<>();
                for (EObject n = d; n != null; n = n.eContainer()) {
                    if (n instanceof dev.mprt.lang.ast.FunctionDef x) {
                        p.add(0, "def " + x.getName());
                    } else if (n instanceof dev.mprt.lang.ast.ClassDef c) {
                        p.add(0, "class " + c.getName());
                    }
                }
                if (p.equals(path)) {
                    return new Target(d, module, t.bound());
                }
            }
        }
        return null;
    }

    public IsrBoard board() {
        return board;
    }

    public ModuleInfo module() {
        return module;
    }

    public Resolver resolver() {
        return resolver;
    }

    public Values values() {
        return values;
    }

    public List<Registration> registrations() {
        return registrations;
    }

    /** Every function hard handlers reach, in discovery order (handlers first). */
    public List<Reached> reached() {
        return List.copyOf(reached.values());
    }

    /** Reached functions whose code is in the analysed document. */
    public List<Reached> reachedHere() {
        return reached.values().stream().filter(r -> r.target().module().root() == module.root()).toList();
    }

    public Scanner.Summary summary(Target t) {
        return summaries.computeIfAbsent(t.node(), n -> Scanner.scan(t, resolver, values, board));
    }

    public List<Finding> findings(Target t) {
        return summary(t).findings();
    }

    /** The calls a function makes to other Python code, with their targets. */
    public List<Scanner.Edge> calls(Target t) {
        return summary(t).edges();
    }

    private void reach(Target start, Registration via) {
        Deque<Reached> work = new ArrayDeque<>();
        if (!reached.containsKey(start.node())) {
            Reached r = new Reached(start, via, List.of());
            reached.put(start.node(), r);
            work.add(r);
        }
        while (!work.isEmpty() && reached.size() < 500) {
            Reached r = work.poll();
            for (Scanner.Edge e : calls(r.target())) {
                if (!reached.containsKey(e.target().node())) {
                    List<Call> chain = new ArrayList<>(r.chain());
                    chain.add(e.call());
                    Reached next = new Reached(e.target(), via, List.copyOf(chain));
                    reached.put(e.target().node(), next);
                    work.add(next);
                }
            }
        }
    }

    /**
     * The first allocation {@code t} makes when called, in its own code or (transitively) in code it calls, or
     * null. Certain allocations are preferred over ones that depend on run-time state.
     */
    public Allocating allocation(Target t) {
        return allocation(t, new HashSet<>());
    }

    private Allocating allocation(Target t, Set<EObject> visiting) {
        if (allocating.containsKey(t.node())) {
            return allocating.get(t.node());
        }
        if (!visiting.add(t.node())) {
            return null;
        }
        Allocating found = null;
        for (Finding f : findings(t)) {
            if (f.kind().allocates() && (found == null || f.certain() && !found.finding().certain())) {
                found = new Allocating(f, t);
            }
        }
        if (found == null || !found.finding().certain()) {
            for (Scanner.Edge e : calls(t)) {
                Allocating below = allocation(e.target(), visiting);
                if (below != null && (found == null || below.finding().certain() && !found.finding().certain())) {
                    found = below;
                }
            }
        }
        visiting.remove(t.node());
        allocating.put(t.node(), found);
        return found;
    }

    // ------------------------------------------------------------------------------------------------- program

    /**
     * Whether the program calls {@code micropython.alloc_emergency_exception_buf}: this module, or any workspace
     * module (the call usually sits in main.py while handlers live in drivers).
     */
    public boolean callsEmergencyExceptionBuf() {
        if (mentionsEmergencyBuf(module.root())) {
            return true;
        }
        for (String name : workspace.names()) {
            ModuleSources.Source s = workspace.find(name);
            if (s != null && !s.stub() && s.text().contains("alloc_emergency_exception_buf")
                    && !s.uri().equals(module.uri())) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsEmergencyBuf(PyFile root) {
        for (TreeIterator<EObject> it = root.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (o instanceof dev.mprt.lang.ast.Attribute a && "alloc_emergency_exception_buf".equals(a.getAttr())
                    || o instanceof dev.mprt.lang.ast.Name n && "alloc_emergency_exception_buf".equals(n.getId())) {
                return true;
            }
        }
        return false;
    }

    /** The uri of the module a node of the program is in ("" when unknown). */
    public String uriOf(EObject node) {
        ModuleInfo m = resolver.semantic().moduleOf(node);
        return m == null ? "" : m.uri();
    }

    /** "main.py:12" for a node of module {@code m} (or "line 12" when the module has no name). */
    public static String where(EObject node, ModuleInfo m) {
        var n = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(node);
        int line = n == null ? 0 : n.getStartLine();
        String uri = m == null ? "" : m.uri();
        if (uri == null || uri.isEmpty()) {
            return "line " + line;
        }
        String file = uri.substring(uri.lastIndexOf('/') + 1);
        return file + ":" + line;
    }

}
