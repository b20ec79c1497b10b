package dev.mprt.lang.check.semantic;

import java.util.Set;
import java.util.regex.Pattern;

import org.eclipse.emf.common.util.TreeIterator;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.If;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Raise;
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.ast.Tuple;

/**
 * When code says it expects a failure: inside the body of a {@code try} whose handlers catch the exception (or
 * everything), under {@code if hasattr(...)}, after a feature probe that leaves the module when the feature is
 * missing, in a branch only CPython runs, or in inline-assembler functions whose "names" are instructions.
 * The semantic checks stay silent there.
 */
final class Guards {

    private Guards() {
    }

    /** Whether a failure raising one of {@code exceptions} at {@code node} is handled by an enclosing try. */
    static boolean handled(EObject node, Set<String> exceptions) {
        EObject child = node;
        for (EObject n = node.eContainer(); n != null; child = n, n = n.eContainer()) {
            if (n instanceof Try t && t.getBody() == child) {
                for (ExceptHandler h : t.getHandlers()) {
                    if (h.getType() == null || catches(h.getType(), exceptions)) {
                        return true;
                    }
                }
            }
            if (n instanceof If i && i.getCondition() != null && NodeModelUtils.getNode(i.getCondition()) != null
                    && NodeModelUtils.getTokenText(NodeModelUtils.getNode(i.getCondition())).contains("hasattr")) {
                return true;
            }
            if (n instanceof If i && i.getBody() == child && CPYTHON_ONLY.matcher(text(i.getCondition())).find()) {
                return true; // if sys.implementation.name != "micropython": code MicroPython never runs
            }
        }
        return false;
    }

    private static final Pattern CPYTHON_ONLY = Pattern.compile(
            "implementation\\.name\\s*(!=\\s*[\"']micropython[\"']|==\\s*[\"']cpython[\"'])");

    /**
     * Whether an earlier top-level statement of the module probes {@code attribute} and leaves when it is missing,
     * the way feature tests do: {@code if not hasattr(E, "name"): ... raise SystemExit}, or {@code try: E.name}
     * with a handler for AttributeError (or everything) that raises. Later uses run only where it exists. With
     * {@code className}, a probe on the class ({@code hasattr(deflate.DeflateIO, "write")}) covers its instances.
     */
    static boolean probedEarlier(Attribute attribute, String className) {
        String value = text(attribute.getValue());
        String attr = attribute.getAttr();
        EObject top = attribute;
        while (top.eContainer() != null && !(top.eContainer() instanceof PyFile)) {
            top = top.eContainer();
        }
        if (!(top.eContainer() instanceof PyFile file) || value.isEmpty()) {
            return false;
        }
        String on = className == null ? Pattern.quote(value)
                : "(?:" + Pattern.quote(value) + "|(?:[\\w.]*\\.)?" + Pattern.quote(className) + ")";
        Pattern notHasattr = Pattern.compile("^not\\s*hasattr\\s*\\(\\s*" + on + "\\s*,\\s*[\"']"
                + Pattern.quote(attr) + "[\"']\\s*\\)$");
        for (EObject s : file.getStatements()) {
            if (s == top) {
                return false;
            }
            if (s instanceof If i && notHasattr.matcher(text(i.getCondition())).find() && raises(i.getBody())) {
                return true;
            }
            if (s instanceof Try t && t.getBody() != null && mentions(t.getBody(), value, attr)) {
                for (ExceptHandler h : t.getHandlers()) {
                    if ((h.getType() == null || catches(h.getType(), Set.of("AttributeError"))) && raises(h.getBody())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean mentions(EObject block, String value, String attr) {
        for (TreeIterator<EObject> it = block.eAllContents(); it.hasNext();) {
            if (it.next() instanceof Attribute a && attr.equals(a.getAttr()) && value.equals(text(a.getValue()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean raises(EObject block) {
        if (block == null) {
            return false;
        }
        for (TreeIterator<EObject> it = block.eAllContents(); it.hasNext();) {
            if (it.next() instanceof Raise) {
                return true;
            }
        }
        return false;
    }

    private static String text(EObject e) {
        INode node = e == null ? null : NodeModelUtils.getNode(e);
        return node == null ? "" : NodeModelUtils.getTokenText(node).strip();
    }

    private static boolean catches(Expression type, Set<String> exceptions) {
        if (type instanceof Tuple t) {
            return t.getElements().stream().anyMatch(e -> catches(e, exceptions));
        }
        String name = type instanceof Name n ? n.getId() : type instanceof Attribute a ? a.getAttr() : null;
        return name != null && (exceptions.contains(name) || name.equals("Exception") || name.equals("BaseException"));
    }

    /** Whether {@code node} is (in) a decorator expression: {@code @micropython.x} is the compiler's, not a lookup. */
    static boolean inDecorator(EObject node) {
        for (EObject n = node; n != null; n = n.eContainer()) {
            if (n instanceof Decorator) {
                return true;
            }
            if (n instanceof dev.mprt.lang.ast.Statement) {
                return false;
            }
        }
        return false;
    }

    /** Whether {@code node} is inside a function whose decorator makes it assembler (asm_thumb, rp2.asm_pio ...). */
    static boolean inAssembler(EObject node) {
        for (EObject n = node; n != null; n = n.eContainer()) {
            if (n instanceof FunctionDef && n.eContainer() instanceof Decorated d) {
                for (Decorator dec : d.getDecorators()) {
                    if (dec.getExpression() == null || NodeModelUtils.getNode(dec.getExpression()) == null) {
                        continue;
                    }
                    String text = NodeModelUtils.getTokenText(NodeModelUtils.getNode(dec.getExpression()));
                    if (text.contains("asm")) {
                        return true;
                    }
                }
            }
            if (n instanceof Block && n.eContainer() == null) {
                return false;
            }
        }
        return false;
    }
}
