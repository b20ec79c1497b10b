package dev.mprt.debug.core;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;

import dev.mprt.lang.MicroPythonStandaloneSetup;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.Elif;
import dev.mprt.lang.ast.Ellipsis;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.GeneratorExp;
import dev.mprt.lang.ast.Global;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.Lambda;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.Nonlocal;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.Pass;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Str;
import dev.mprt.lang.scope.Scope;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;

/**
 * One program file as the debugger needs it: its text and CRC-32, the lines that hold code (where a line breakpoint
 * can stop), and the local-slot names of each function, from the analysis core's parser and scope model.
 */
public final class ProgramSource {

    private static IParser parser;

    private final String name;
    private final String text;
    private final long crc;
    private final TreeSet<Integer> codeLines = new TreeSet<>();
    /** [start line, end line] of each multi-line simple statement: a breakpoint inside moves to its start. */
    private final List<int[]> spans = new ArrayList<>();
    private final List<ScopeSpan> scopes = new ArrayList<>();

    private record ScopeSpan(String function, int start, int end, Scope scope) {
    }

    /** How a requested breakpoint line maps onto code: {@code line} is -1 when it cannot. */
    public record LineResolution(int line, String message) {
        public boolean verified() {
            return line > 0;
        }
    }

    public ProgramSource(String name, String text) {
        this.name = name;
        this.text = text;
        CRC32 c = new CRC32();
        c.update(text.getBytes(StandardCharsets.UTF_8));
        this.crc = c.getValue();
        IParseResult parse = parser().parse(new StringReader(text));
        if (parse.getRootASTElement() instanceof PyFile file) {
            collect(file);
            ScopeTree tree = ScopeBuilder.build(file);
            index(tree.module());
        }
    }

    private static synchronized IParser parser() {
        if (parser == null) {
            parser = new MicroPythonStandaloneSetup().createInjectorAndDoEMFRegistration().getInstance(IParser.class);
        }
        return parser;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public byte[] bytes() {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** CRC-32 of the UTF-8 text, as the monitor checks uploads. */
    public long crc() {
        return crc;
    }

    public TreeSet<Integer> codeLines() {
        return codeLines;
    }

    /** Where a breakpoint asked for at {@code line} (1-based) goes: there, moved to the next code line, or nowhere. */
    public LineResolution resolve(int line) {
        for (int[] span : spans) {
            if (line > span[0] && line <= span[1]) {
                return new LineResolution(span[0], "moved to line " + span[0] + ", where the statement starts");
            }
        }
        if (codeLines.contains(line)) {
            return new LineResolution(line, null);
        }
        Integer next = codeLines.ceiling(line);
        if (next == null) {
            return new LineResolution(-1, "no code at or after line " + line);
        }
        return new LineResolution(next, "no code on line " + line + "; moved to line " + next);
    }

    /** The first line with code (where the program starts), or -1 for an empty program. */
    public int firstCodeLine() {
        return codeLines.isEmpty() ? -1 : codeLines.first();
    }

    /**
     * The local-slot names of the frame running {@code function} at {@code line}: the innermost function-like scope
     * of that name whose code spans the line. Empty for the module and for functions not found in this source.
     */
    public SlotLayout slots(String function, int line) {
        ScopeSpan best = null;
        for (ScopeSpan s : scopes) {
            if (s.function().equals(function) && line >= s.start() && line <= s.end()
                    && (best == null || s.end() - s.start() <= best.end() - best.start())) {
                best = s;
            }
        }
        if (best == null) {
            // a frame's line may lie outside the tree we know (edited file): fall back on the name alone
            for (ScopeSpan s : scopes) {
                if (s.function().equals(function)) {
                    best = s;
                    break;
                }
            }
        }
        return best == null ? SlotLayout.none() : SlotLayout.of(best.scope());
    }

    /**
     * The local-slot names of the function whose body holds {@code line} (the innermost {@code def}; a line of the
     * module or a class: none). Conditions on a line breakpoint see these names.
     */
    public SlotLayout slotsAtLine(int line) {
        ScopeSpan best = null;
        for (ScopeSpan s : scopes) {
            if (s.scope().node() instanceof FunctionDef && line > s.start() && line <= s.end()
                    && (best == null || s.end() - s.start() <= best.end() - best.start())) {
                best = s;
            }
        }
        return best == null ? SlotLayout.none() : SlotLayout.of(best.scope());
    }

    /** The 1-based lines of the function definitions of that name (for function breakpoints). */
    public List<Integer> definitionLines(String function) {
        List<Integer> out = new ArrayList<>();
        for (ScopeSpan s : scopes) {
            if (s.function().equals(function) && s.scope().node() instanceof FunctionDef) {
                out.add(s.start());
            }
        }
        return out;
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    private void collect(PyFile file) {
        for (Iterator<EObject> it = file.eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (o instanceof Statement s && hasCode(s) || o instanceof Elif) {
                INode node = NodeModelUtils.getNode(o);
                if (node == null) {
                    continue;
                }
                int start = firstLine(node);
                if (start > 0) {
                    codeLines.add(start);
                }
                if (!(o instanceof FunctionDef || o instanceof ClassDef || o instanceof Elif)
                        && isSimple(o)) {
                    int end = lastLine(node);
                    if (end > start) {
                        spans.add(new int[] {start, end});
                    }
                }
            }
        }
    }

    private static boolean isSimple(EObject o) {
        return !(o instanceof dev.mprt.lang.ast.If || o instanceof dev.mprt.lang.ast.While
                || o instanceof dev.mprt.lang.ast.For || o instanceof dev.mprt.lang.ast.Try
                || o instanceof dev.mprt.lang.ast.With || o instanceof dev.mprt.lang.ast.Decorated);
    }

    /** Statements that compile to no bytecode: pass, global, nonlocal, a lone constant (a docstring). */
    private static boolean hasCode(Statement s) {
        if (s instanceof Pass || s instanceof Global || s instanceof Nonlocal) {
            return false;
        }
        if (s instanceof ExprStatement e && e.getValues().isEmpty() && e.getAnnotation() == null) {
            EObject x = e.getExpression();
            return !(x instanceof Str || x instanceof Num || x instanceof Constant || x instanceof Ellipsis);
        }
        return true;
    }

    private void index(Scope scope) {
        EObject n = scope.node();
        String function = switch (scope.kind()) {
            case MODULE -> "<module>";
            case CLASS -> ((ClassDef) n).getName();
            case FUNCTION -> ((FunctionDef) n).getName();
            case LAMBDA -> "<lambda>";
            case COMPREHENSION -> n instanceof ListComp ? "<listcomp>" : n instanceof GeneratorExp ? "<genexpr>"
                    : n instanceof DictOrSet d && !d.getItems().isEmpty() && d.getItems().get(0) instanceof KeyValue
                            ? "<dictcomp>" : "<setcomp>";
        };
        INode node = NodeModelUtils.getNode(n);
        if (node != null && function != null) {
            scopes.add(new ScopeSpan(function, Math.max(1, firstLine(node)), lastLine(node), scope));
        }
        scope.children().forEach(this::index);
    }

    private static int firstLine(INode node) {
        for (ILeafNode leaf : node.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                return leaf.getStartLine();
            }
        }
        return node.getStartLine();
    }

    private static int lastLine(INode node) {
        int end = node.getStartLine();
        for (ILeafNode leaf : node.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0 && !leaf.getText().isBlank()) {
                end = leaf.getEndLine();
            }
        }
        return end;
    }
}
