package dev.mprt.lang.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.eclipse.emf.common.notify.impl.AdapterImpl;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.diagnostics.Diagnostic;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.diagnostics.Related;
import dev.mprt.lang.resource.StatementReparser;
import dev.mprt.lang.semantic.ModuleSources;

/**
 * The re-analysis of an edited module that re-checks only the top-level lines the edit replaced
 * ({@link StatementReparser}) and keeps the last findings of every other line.
 *
 * <p>That is exact when nothing another line's findings depend on has changed. Each top-level line gets a
 * <em>shape</em>: its tokens, except that inside function bodies literals stand for their kind and names that no
 * other line can see stand for "a name". What a body can change for the rest of the module is kept: names the
 * module defines or declares global, attribute names after {@code self.}, the callee names of interrupt
 * registrations, the names that make a module's names unknowable ({@code exec}, {@code globals}, ...), and a body
 * with {@code const} is kept whole. When the replaced lines' shapes, the set of module-level names, the options
 * and every workspace module the last analysis looked up are all the same, the other lines' findings stand
 * (shifted by the edit's length); otherwise the module is analysed whole. So is a module with emitter code on an
 * ARMv6-M or Xtensa board, where the size of native code (NativeBranchCheck) depends on the whole module's tables. {@code IncrementalAnalysisTest} compares
 * both on random edits.
 */
final class IncrementalAnalysis {

    /** Names a function body can use to change what is found elsewhere (see the class comment). */
    private static final Set<String> KEPT;

    static {
        Set<String> kept = new HashSet<>(Set.of("__globals__", "__dict__", "const", "hard", "handler", "trigger",
                "alloc_emergency_exception_buf", "micropython", "super", "__class__"));
        kept.addAll(dev.mprt.lang.check.semantic.UndefinedNameCheck.DYNAMIC);
        kept.addAll(dev.mprt.lang.isr.Registrations.NAMES);
        KEPT = Set.copyOf(kept);
    }

    /** How many analyses took the incremental path (for the tests). */
    static final java.util.concurrent.atomic.AtomicLong USED = new java.util.concurrent.atomic.AtomicLong();

    private IncrementalAnalysis() {
    }

    /** One top-level line's shape, the names it shows the module, and its findings (absolute offsets). */
    record Line(String shape, Set<String> names, List<Diagnostic> diagnostics) {
    }

    /** What an analysis leaves on the module's tree for the next (an adapter that a splice keeps). */
    static final class Memo extends AdapterImpl implements StatementReparser.KeptAcrossSplice {

        final String text;
        final AnalysisOptions options;
        final Map<INode, Line> lines;
        final Set<String> names;
        final Map<String, Object> lookups;

        Memo(String text, AnalysisOptions options, Map<INode, Line> lines, Set<String> names,
                Map<String, Object> lookups) {
            this.text = text;
            this.options = options;
            this.lines = lines;
            this.names = names;
            this.lookups = lookups;
        }

        static Memo of(PyFile file) {
            synchronized (file) {
                for (var a : new ArrayList<>(file.eAdapters())) {
                    if (a instanceof Pending p) {
                        p.beforeSplice();
                    }
                }
                for (var a : file.eAdapters()) {
                    if (a instanceof Memo m) {
                        return m;
                    }
                }
                return null;
            }
        }

        static void put(PyFile file, Memo memo) {
            synchronized (file) {
                file.eAdapters().removeIf(a -> a instanceof Memo);
                file.eAdapters().add(memo);
            }
        }
    }

    /** The workspace as the checks see it, recording each lookup so that the next analysis can tell a change. */
    static final class Recording implements ModuleSources {

        private final ModuleSources inner;
        final Map<String, Object> lookups = new java.util.concurrent.ConcurrentHashMap<>();

        Recording(ModuleSources inner) {
            this.inner = inner;
        }

        @Override
        public Source find(String moduleName) {
            Source s = inner.find(moduleName);
            lookups.put("find:" + moduleName, s == null ? "" : s);
            return s;
        }

        @Override
        public Collection<String> names() {
            Collection<String> n = inner.names();
            lookups.put("names", List.copyOf(n));
            return n;
        }

        @Override
        public Collection<String> pinNames() {
            Collection<String> n = inner.pinNames();
            lookups.put("pins", List.copyOf(n));
            return n;
        }

        /** Whether {@code workspace} now answers every recorded lookup as it did. */
        static boolean same(Map<String, Object> lookups, ModuleSources workspace) {
            for (var e : lookups.entrySet()) {
                String k = e.getKey();
                Object now;
                if (k.equals("names")) {
                    now = List.copyOf(workspace.names());
                } else if (k.equals("pins")) {
                    now = List.copyOf(workspace.pinNames());
                } else {
                    Source s = workspace.find(k.substring("find:".length()));
                    now = s == null ? "" : s;
                }
                if (!Objects.equals(now, e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One thread for the notes made after a whole analysis, off the path to publishing its findings. */
    private static final java.util.concurrent.Executor LATER = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "mprt-incremental-notes");
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY);
                return t;
            });

    /** The notes {@link #remember} makes, made later: by a background thread, or before a splice if that is first. */
    static final class Pending extends AdapterImpl implements StatementReparser.BeforeSplice {

        private final PyFile file;
        private Runnable work;

        Pending(PyFile file, Runnable work) {
            this.file = file;
            this.work = work;
        }

        @Override
        public void beforeSplice() {
            synchronized (file) {
                Runnable w = work;
                work = null;
                file.eAdapters().remove(this);
                if (w != null) {
                    w.run();
                }
            }
        }
    }

    /**
     * {@link #remember} in the background: a whole analysis's findings are published without waiting for the notes
     * (a pass over the whole tree), which are made before the next edit changes the tree.
     */
    static void rememberLater(String text, PyFile file, AnalysisOptions options, List<Diagnostic> found,
            Map<String, Object> lookups) {
        Pending p = new Pending(file, () -> remember(text, file, options, found, lookups));
        synchronized (file) {
            file.eAdapters().removeIf(a -> a instanceof Memo || a instanceof Pending);
            file.eAdapters().add(p);
        }
        LATER.execute(p::beforeSplice);
    }

    /** Records the findings of a whole analysis on the tree, line by line. */
    static void remember(String text, PyFile file, AnalysisOptions options, List<Diagnostic> findings,
            Map<String, Object> lookups) {
        INode root = NodeModelUtils.getNode(file);
        if (root == null || root.getParent() != null || !text.equals(root.getRootNode().getText())) {
            return; // the tree has changed since the analysis
        }
        List<INode> children = children(root);
        if (children.isEmpty()) {
            return;
        }
        Map<INode, List<Diagnostic>> found = byLine(children, findings, text.length(), children.get(children.size() - 1));
        if (found == null) {
            return;
        }
        Map<INode, Set<String>> lineNames = new IdentityHashMap<>();
        Set<String> names = new HashSet<>();
        for (INode c : children) {
            Set<String> n = outsideNames(c);
            lineNames.put(c, n);
            names.addAll(n);
        }
        Map<INode, Line> shaped = new IdentityHashMap<>();
        for (INode c : children) {
            shaped.put(c, new Line(shape(c, names), lineNames.get(c), found.get(c)));
        }
        Memo.put(file, new Memo(text, options, shaped, names, Map.copyOf(lookups)));
    }

    /** The findings of the edited module, or null when only a whole analysis is right. */
    static List<Diagnostic> analyze(String text, StatementReparser.Result parse, AnalysisOptions options,
            Recording workspace, SyntaxDiagnostics syntax, dev.mprt.lang.check.Checks checks) {
        PyFile file = (PyFile) parse.getRootASTElement();
        Memo memo = Memo.of(file);
        StatementReparser.Splice splice = parse.splice();
        if (memo == null || !memo.options.equals(options) || !memo.text.equals(splice.oldText())
                || lineCount(splice.oldText(), splice.start(), splice.oldEnd()) != lineCount(text, splice.start(),
                        splice.newEnd())
                || !Recording.same(memo.lookups, options.workspace())) {
            return null;
        }
        dev.mprt.lang.emitter.Arch arch = Boards.arch(options.board());
        if ((arch == dev.mprt.lang.emitter.Arch.ARMV6M || arch.isXtensa()) && text.contains("micropython")) {
            // the size of native code there depends on the whole module's name and constant tables
            // (NativeBranchCheck): an edit anywhere can move another function's branch past its limit
            return null;
        }
        INode root = parse.getRootNode();
        List<INode> children = children(root);
        List<INode> fresh = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<INode, Set<String>> freshNames = new IdentityHashMap<>();
        for (INode c : children) {
            Line l = memo.lines.get(c);
            if (l == null) {
                fresh.add(c);
                Set<String> n = outsideNames(c);
                freshNames.put(c, n);
                names.addAll(n);
            } else {
                names.addAll(l.names());
            }
        }
        if (fresh.isEmpty() || !names.equals(memo.names)) {
            return null;
        }
        Set<INode> kept = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(children);
        // the replaced lines' shapes, in their order (a replaced node keeps its old offsets)
        List<Map.Entry<INode, Line>> gone = new ArrayList<>();
        for (var e : memo.lines.entrySet()) {
            if (!kept.contains(e.getKey())) {
                gone.add(e);
            }
        }
        gone.sort(java.util.Comparator.comparingInt(e -> e.getKey().getTotalOffset()));
        StringBuilder was = new StringBuilder();
        for (var e : gone) {
            was.append(e.getValue().shape()).append('\u0002');
        }
        StringBuilder is = new StringBuilder();
        Map<INode, String> freshShapes = new IdentityHashMap<>();
        for (INode c : fresh) {
            String s = shape(c, names);
            freshShapes.put(c, s);
            is.append(s).append('\u0002');
        }
        if (!was.toString().equals(is.toString())) {
            return null;
        }
        int a = fresh.get(0).getTotalOffset();
        int b = fresh.get(fresh.size() - 1).getTotalEndOffset();
        // the findings of the lines kept, moved by the edit
        List<Diagnostic> out = new ArrayList<>();
        Map<INode, Line> next = new IdentityHashMap<>();
        for (INode c : children) {
            Line l = memo.lines.get(c);
            if (l == null) {
                continue;
            }
            boolean after = c.getTotalOffset() >= b;
            List<Diagnostic> moved = new ArrayList<>(l.diagnostics().size());
            for (Diagnostic d : l.diagnostics()) {
                Diagnostic m = after ? shift(d, splice) : check(d, splice);
                if (m == null) {
                    return null;
                }
                moved.add(m);
            }
            out.addAll(moved);
            next.put(c, new Line(l.shape(), l.names(), moved));
        }
        // the replaced lines, checked again
        List<Diagnostic> region = new ArrayList<>();
        syntax.collect(text, parse, region, a, b);
        List<Diagnostic> all = new ArrayList<>();
        checks.run(parse, new AnalysisOptions(options.board(), workspace, options.uri()), all, null,
                splice.inserted());
        for (Diagnostic d : all) {
            if (d.start() >= a && (d.start() < b || (b == text.length() && d.start() == b))) {
                region.add(d);
            }
        }
        out.addAll(region);
        Map<INode, List<Diagnostic>> found = byLine(fresh, region, text.length(), children.get(children.size() - 1));
        if (found == null) {
            return null;
        }
        for (INode c : fresh) {
            next.put(c, new Line(freshShapes.get(c), freshNames.get(c), found.get(c)));
        }
        Map<String, Object> lookups = new java.util.HashMap<>(memo.lookups);
        lookups.putAll(workspace.lookups);
        Memo.put(file, new Memo(text, options, next, names, Map.copyOf(lookups)));
        USED.incrementAndGet();
        return out;
    }

    private static int lineCount(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** A finding before the edit: the same, unless a place it names (a fix's edit) lies in the changed text. */
    private static Diagnostic check(Diagnostic d, StatementReparser.Splice s) {
        for (Fix f : d.fixes()) {
            for (Fix.Edit e : f.edits()) {
                if (e.end() > s.start() && e.start() < s.oldEnd() || e.start() >= s.oldEnd() && s.delta() != 0) {
                    return null;
                }
            }
        }
        return d;
    }

    /** A finding after the edit, moved by its length; null when a place it names lies in the changed text. */
    private static Diagnostic shift(Diagnostic d, StatementReparser.Splice s) {
        int k = s.delta();
        if (k == 0) {
            return check(d, s);
        }
        List<Fix> fixes = new ArrayList<>(d.fixes().size());
        for (Fix f : d.fixes()) {
            List<Fix.Edit> edits = new ArrayList<>();
            for (Fix.Edit e : f.edits()) {
                if (e.end() <= s.start()) {
                    edits.add(e);
                } else if (e.start() >= s.oldEnd()) {
                    edits.add(new Fix.Edit(e.start() + k, e.end() + k, e.text()));
                } else {
                    return null;
                }
            }
            fixes.add(new Fix(f.title(), edits));
        }
        return new Diagnostic(d.code(), d.severity(), d.message(), d.start() + k, d.end() + k, d.related(), fixes);
    }

    private static List<INode> children(INode root) {
        List<INode> out = new ArrayList<>();
        if (root instanceof org.eclipse.xtext.nodemodel.ICompositeNode c) {
            c.getChildren().forEach(out::add);
        }
        return out;
    }

    /**
     * Findings by the top-level line (of {@code children}) they start in; those at the end of the text go to
     * {@code last}, the module's last line. Null when one falls outside these lines.
     */
    private static Map<INode, List<Diagnostic>> byLine(List<INode> children, List<Diagnostic> found, int length,
            INode last) {
        Map<INode, List<Diagnostic>> by = new IdentityHashMap<>();
        for (INode c : children) {
            by.put(c, new ArrayList<>());
        }
        int[] starts = new int[children.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = children.get(i).getTotalOffset();
        }
        for (Diagnostic d : found) {
            INode at = null;
            int i = java.util.Arrays.binarySearch(starts, d.start());
            i = i >= 0 ? i : -i - 2;
            // the last line starting at or before the finding (empty lines share their start with the next)
            while (i + 1 < starts.length && starts[i + 1] == d.start()) {
                i++;
            }
            if (i >= 0 && d.start() < children.get(i).getTotalEndOffset()) {
                at = children.get(i);
            }
            if (at == null && d.start() >= length && by.containsKey(last)) {
                at = last;
            }
            if (at == null) {
                return null;
            }
            by.get(at).add(d);
        }
        return by;
    }

    /** The outermost function bodies of a top-level line, as {@code [start, end)} offsets in order. */
    private static List<int[]> bodies(INode line) {
        List<int[]> out = new ArrayList<>();
        for (INode n : line.getAsTreeIterable()) {
            if (n instanceof ICompositeNode c && c.hasDirectSemanticElement()
                    && c.getSemanticElement() instanceof FunctionDef f && f.getBody() != null) {
                INode body = NodeModelUtils.getNode(f.getBody());
                if (body != null && (out.isEmpty() || body.getTotalOffset() >= out.get(out.size() - 1)[1])) {
                    out.add(new int[] { body.getTotalOffset(), body.getTotalEndOffset() });
                }
            }
        }
        return out;
    }

    /** The names a line shows the rest of the module: those outside function bodies, and declared global. */
    static Set<String> outsideNames(INode line) {
        Set<String> out = new HashSet<>();
        List<int[]> bodies = bodies(line);
        int bi = 0;
        boolean declaring = false;
        for (ILeafNode leaf : line.getLeafNodes()) {
            if (leaf.isHidden()) {
                continue;
            }
            int at = leaf.getTotalOffset();
            while (bi < bodies.size() && at >= bodies.get(bi)[1]) {
                bi++;
            }
            boolean inBody = bi < bodies.size() && at >= bodies.get(bi)[0];
            String kind = kind(leaf);
            if ("ID".equals(kind) && (!inBody || declaring)) {
                out.add(leaf.getText());
            }
            if (leaf.getGrammarElement() instanceof Keyword k) {
                declaring = "global".equals(k.getValue()) || "nonlocal".equals(k.getValue())
                        || (declaring && ",".equals(k.getValue()));
            } else if (!"ID".equals(kind)) {
                declaring = false;
            }
        }
        return out;
    }

    /** The shape of a top-level line (see the class comment). */
    static String shape(INode line, Set<String> names) {
        List<int[]> bodies = bodies(line);
        if (bodies.isEmpty() || line.getText().contains("const")) {
            bodies = List.of();
        }
        StringBuilder sb = new StringBuilder();
        int bi = 0;
        String prev = null;
        String prev2 = null;
        for (ILeafNode leaf : line.getLeafNodes()) {
            if (leaf.isHidden()) {
                continue;
            }
            int at = leaf.getTotalOffset();
            while (bi < bodies.size() && at >= bodies.get(bi)[1]) {
                bi++;
            }
            boolean inBody = bi < bodies.size() && at >= bodies.get(bi)[0];
            String kind = kind(leaf);
            String text = leaf.getText();
            if (!inBody || kind == null) {
                sb.append(kind == null || "ID".equals(kind) || "NUMBER".equals(kind) || "STRING".equals(kind) ? text
                        : kind);
            } else if ("NUMBER".equals(kind)) {
                sb.append('#');
            } else if ("STRING".equals(kind)) {
                int q = Math.max(0, Math.min(indexOrMax(text, '\''), indexOrMax(text, '"')));
                String prefix = text.substring(0, Math.min(q, text.length())).toLowerCase(java.util.Locale.ROOT);
                sb.append(prefix.contains("f") ? text : prefix + "'");
            } else if ("ID".equals(kind)) {
                boolean selfAttribute = ".".equals(prev) && "self".equals(prev2);
                sb.append(names.contains(text) || KEPT.contains(text) || selfAttribute ? text : "_");
            } else {
                sb.append(kind);
            }
            sb.append('\u0001');
            prev2 = prev;
            prev = text;
        }
        return sb.toString();
    }

    private static int indexOrMax(String s, char c) {
        int i = s.indexOf(c);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** A token's terminal rule name (ID, NUMBER, STRING, NEWLINE, INDENT, DEDENT), or null for a keyword. */
    private static String kind(ILeafNode leaf) {
        Object ge = leaf.getGrammarElement();
        AbstractRule r = ge instanceof AbstractRule ar ? ar : ge instanceof RuleCall rc ? rc.getRule() : null;
        return r == null ? null : r.getName();
    }
}
