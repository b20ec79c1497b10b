package dev.mprt.lang.check.semantic;

import java.util.Set;

import org.eclipse.emf.ecore.EObject;
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
import dev.mprt.lang.ast.Try;
import dev.mprt.lang.ast.Tuple;

/**
 * When code says it expects a failure: inside the body of a {@code try} whose handlers catch the exception (or
 * everything), under {@code if hasattr(...)}, or in inline-assembler functions whose "names" are instructions.
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
        }
        return false;
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
