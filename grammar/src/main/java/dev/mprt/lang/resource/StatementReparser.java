package dev.mprt.lang.resource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.common.notify.Adapter;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.eclipse.xtext.parser.ParseResult;

import com.google.inject.Inject;

import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.lexer.PyLexer;

/**
 * The partial re-parse of an edited module: only the top-level statements around the change are parsed again (as a
 * module of their own) and spliced into the previous tree, which is otherwise kept, object for object.
 *
 * <p>Why this is exact: the root's children are MicroPython's logical top-level lines, and a boundary between two
 * of them is a point where the lexer is in its initial state (no open bracket or string, indentation back to
 * column 0, the previous logical line complete). The region re-parsed runs from such a boundary before the change
 * (one top-level line earlier than needed) to one after it (one later), so the tokens before and after the region
 * are the same as before, and the region's own tokens are those a full parse makes. It is used only when both the
 * previous tree and the region are free of syntax errors (with an error, the parser's recovery could reach past the
 * region): then a full parse is made instead. {@code StatementReparserTest} compares both on random edits.
 */
public final class StatementReparser {

    /** What a partial re-parse replaced: the changed text range and the top-level statements put in. */
    public record Splice(String oldText, int start, int oldEnd, int newEnd, List<Statement> inserted) {

        public int delta() {
            return newEnd - oldEnd;
        }
    }

    /** A parse made by {@link StatementReparser}: the previous tree with some top-level statements replaced. */
    public static final class Result extends ParseResult {

        private final Splice splice;

        Result(PyFile root, ICompositeNode node, Splice splice) {
            super(root, node, false);
            this.splice = splice;
        }

        public Splice splice() {
            return splice;
        }
    }

    private final IParser parser;

    @Inject
    StatementReparser(IParser parser) {
        this.parser = parser;
    }

    /**
     * A parse of {@code newText} made from {@code old} (a parse of another text, changed in place), or null when
     * only a full parse is right. {@code old} must not be in use elsewhere: its tree becomes the result's.
     */
    public Result reparse(IParseResult old, String newText) {
        if (old == null || old.hasSyntaxErrors() || !(old.getRootASTElement() instanceof PyFile file)
                || !NodeSplicer.isSpliceable(old.getRootNode())) {
            return null;
        }
        ICompositeNode root = old.getRootNode();
        String oldText = root.getText();
        int oldLen = oldText.length();
        int newLen = newText.length();
        int max = Math.min(oldLen, newLen);
        int start = 0;
        while (start < max && oldText.charAt(start) == newText.charAt(start)) {
            start++;
        }
        int suffix = 0;
        while (suffix < max - start && oldText.charAt(oldLen - 1 - suffix) == newText.charAt(newLen - 1 - suffix)) {
            suffix++;
        }
        int oldEnd = oldLen - suffix;
        int newEnd = newLen - suffix;
        List<INode> lines = new ArrayList<>();
        for (INode n : root.getChildren()) {
            lines.add(n);
        }
        // a tree this class made is clean by construction (old and region clean); others are checked
        if (lines.size() < 3 || (!(old instanceof Result) && hasErrorLeaf(root, false))) {
            return null;
        }
        int first = firstLine(lines);
        int k0 = Math.max(first, lineAt(lines, start) - 1);
        int k1 = Math.min(lines.size() - 1, lineAt(lines, oldEnd) + 1);
        if (k0 <= first && k1 == lines.size() - 1) {
            return null; // the whole module: a full parse is as cheap
        }
        int a = lines.get(k0).getTotalOffset();
        int bOld = lines.get(k1).getTotalEndOffset();
        if (a > start || bOld < oldEnd) {
            return null;
        }
        int bNew = bOld + (newLen - oldLen);
        IParseResult region = parser.parse(new StringReader(newText.substring(a, bNew)));
        if (region.hasSyntaxErrors() || !(region.getRootASTElement() instanceof PyFile part)
                || hasErrorLeaf(region.getRootNode(), true)) {
            return null;
        }
        List<INode> partLines = new ArrayList<>();
        for (INode n : region.getRootNode().getChildren()) {
            partLines.add(n);
        }
        int skip = !partLines.isEmpty() && isAction(partLines.get(0)) ? 1 : 0;

        List<Statement> all = file.getStatements();
        int i0 = 0;
        while (i0 < all.size() && offset(all.get(i0)) < a) {
            i0++;
        }
        int i1 = i0;
        while (i1 < all.size() && offset(all.get(i1)) < bOld) {
            i1++;
        }
        List<Statement> inserted = new ArrayList<>(part.getStatements());
        synchronized (file) {
            for (Adapter adapter : new ArrayList<>(file.eAdapters())) {
                if (adapter instanceof BeforeSplice b) {
                    b.beforeSplice(); // e.g. the last analysis's notes on the tree as it still is
                }
            }
            for (int i = i1 - 1; i >= i0; i--) {
                all.remove(i);
            }
            all.addAll(i0, inserted); // moves them out of the region's module
            NodeSplicer.splice(root, k0, k1, region.getRootNode(), skip, newText);
            file.eAdapters().removeIf(StatementReparser::isCache);
        }
        return new Result(file, root, new Splice(oldText, start, oldEnd, newEnd, inserted));
    }

    /** Whether a parse has no syntax error, including those the lexer recovered from (the first condition above). */
    public static boolean isClean(IParseResult parse) {
        return !parse.hasSyntaxErrors() && !hasErrorLeaf(parse.getRootNode(), false);
    }

    /** An adapter on the module that stays through a splice (it knows the splice, see {@link Result#splice()}). */
    public interface KeptAcrossSplice {
    }

    /** An adapter on the module with work to finish on the tree before a splice changes it (under its lock). */
    public interface BeforeSplice extends KeptAcrossSplice {
        void beforeSplice();
    }

    /** Caches kept on the module's root (models, flattened trees): made for the old text, so dropped. */
    private static boolean isCache(Adapter a) {
        return !(a instanceof INode) && !(a instanceof KeptAcrossSplice);
    }

    private static int firstLine(List<INode> lines) {
        return isAction(lines.get(0)) ? 1 : 0;
    }

    /** The index of the top-level line that holds {@code offset} (the last one at the end of the text). */
    private static int lineAt(List<INode> lines, int offset) {
        for (int i = 0; i < lines.size(); i++) {
            INode n = lines.get(i);
            if (n.getTotalLength() > 0 && offset < n.getTotalEndOffset()) {
                return i;
            }
        }
        return lines.size() - 1;
    }

    /** The empty node a module's parse starts with. */
    private static boolean isAction(INode n) {
        return n instanceof ICompositeNode && n.getTotalLength() == 0; // the {PyFile} action, always first
    }

    private static int offset(Statement s) {
        INode n = NodeModelUtils.getNode(s);
        return n == null ? -1 : n.getTotalOffset();
    }

    /**
     * Tokens the lexer made for an error it recovered from (hidden, so the parser's error flag misses them). With
     * {@code region}, also what would reach past the region's end in the whole text: an unterminated string (a
     * triple-quoted one runs on to the next closing quotes) or a backslash continuation at the end.
     */
    private static boolean hasErrorLeaf(ICompositeNode root, boolean region) {
        ILeafNode last = null;
        for (ILeafNode leaf : root.getLeafNodes()) {
            AbstractRule rule = leaf.getGrammarElement() instanceof AbstractRule r ? r
                    : leaf.getGrammarElement() instanceof RuleCall rc ? rc.getRule() : null;
            if (leaf.getSyntaxErrorMessage() != null || (rule != null && isErrorRule(rule))) {
                return true;
            }
            if (region && rule != null && "STRING".equals(rule.getName())) {
                PyLexer lexer = new PyLexer(leaf.getText());
                if (lexer.next() != PyLexer.STRING || !lexer.stringInfo().terminated()) {
                    return true;
                }
            }
            if (leaf.getTotalLength() > 0) {
                last = leaf;
            }
        }
        return region && last != null && last.getGrammarElement() instanceof AbstractRule r
                && "CONTINUATION".equals(r.getName());
    }

    private static boolean isErrorRule(AbstractRule r) {
        String n = r.getName();
        return "DEDENT_MISMATCH".equals(n) || "UNEXPECTED_INDENT".equals(n) || "MISSING_OPERAND".equals(n)
                || "ANY_OTHER".equals(n);
    }
}
