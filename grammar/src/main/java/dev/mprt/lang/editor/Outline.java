package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.AstPackage;
import dev.mprt.lang.ast.Block;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.ListExp;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Starred;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.ast.Tuple;
import dev.mprt.lang.ast.util.Statements;

/**
 * The outline of a module: classes with their methods and attributes, functions with nested definitions, and
 * module-level names (constants when bound by {@code const()} or spelled in capitals). Names bound inside
 * module-level if/try/with/for blocks count, as they are module globals.
 */
public final class Outline {

    private Outline() {
    }

    public static List<OutlineItem> of(PyFile file) {
        return members(file.getStatements(), Container.MODULE);
    }

    private enum Container {
        MODULE, CLASS, FUNCTION
    }

    private static List<OutlineItem> members(List<Statement> statements, Container container) {
        List<OutlineItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        collect(statements, container, items, seen);
        return items;
    }

    private static void collect(List<Statement> statements, Container container, List<OutlineItem> items,
            Set<String> seen) {
        for (Statement s : statements) {
            EObject def = s instanceof Decorated d ? d.getDefinition() : s;
            if (def instanceof FunctionDef f && f.getName() != null) {
                OutlineItem.Kind kind = container == Container.CLASS ? OutlineItem.Kind.METHOD
                        : OutlineItem.Kind.FUNCTION;
                items.add(item(f.getName(), kind, s, f, AstPackage.Literals.FUNCTION_DEF__NAME,
                        f.getBody() == null ? List.of() : members(f.getBody().getStatements(), Container.FUNCTION)));
                seen.add(f.getName());
            } else if (def instanceof ClassDef c && c.getName() != null) {
                items.add(item(c.getName(), OutlineItem.Kind.CLASS, s, c, AstPackage.Literals.CLASS_DEF__NAME,
                        c.getBody() == null ? List.of() : members(c.getBody().getStatements(), Container.CLASS)));
                seen.add(c.getName());
            } else if (s instanceof ExprStatement e && container != Container.FUNCTION
                    && (Statements.isAssignment(e) || Statements.isAnnotated(e))) {
                boolean constant = Statements.value(e) instanceof Call call && call.getFunc() instanceof Name n
                        && "const".equals(n.getId());
                for (Expression t : Statements.isAssignment(e) ? Statements.targets(e) : List.of(e.getExpression())) {
                    names(t, constant, items, seen);
                }
            } else if (container != Container.FUNCTION) {
                // names bound in compound statements at this level belong to it too
                for (EObject child : s.eContents()) {
                    if (child instanceof Block b) {
                        collect(b.getStatements(), container, items, seen);
                    } else {
                        for (EObject grandChild : child.eContents()) {
                            if (grandChild instanceof Block b) {
                                collect(b.getStatements(), container, items, seen);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void names(Expression target, boolean constant, List<OutlineItem> items, Set<String> seen) {
        if (target instanceof Name n) {
            if (n.getId() != null && seen.add(n.getId())) {
                boolean caps = n.getId().equals(n.getId().toUpperCase(java.util.Locale.ROOT))
                        && n.getId().chars().anyMatch(Character::isLetter);
                INode node = NodeModelUtils.getNode(n);
                items.add(new OutlineItem(n.getId(), constant || caps ? OutlineItem.Kind.CONSTANT
                        : OutlineItem.Kind.VARIABLE, node.getOffset(), node.getEndOffset(), node.getOffset(),
                        node.getEndOffset(), List.of()));
            }
        } else if (target instanceof Tuple t) {
            t.getElements().forEach(e -> names(e, false, items, seen));
        } else if (target instanceof ListExp l) {
            l.getElements().forEach(e -> names(e, false, items, seen));
        } else if (target instanceof Starred st) {
            names(st.getValue(), false, items, seen);
        }
    }

    private static OutlineItem item(String name, OutlineItem.Kind kind, EObject whole, EObject def,
            EStructuralFeature nameFeature, List<OutlineItem> children) {
        INode node = NodeModelUtils.getNode(whole);
        List<INode> nameNodes = NodeModelUtils.findNodesForFeature(def, nameFeature);
        INode nameNode = nameNodes.isEmpty() ? node : nameNodes.get(0);
        return new OutlineItem(name, kind, node.getOffset(), trimmedEnd(node), nameNode.getOffset(),
                nameNode.getEndOffset(), children);
    }

    /** The end of a statement's last real token (not the hidden whitespace and comments after it). */
    static int trimmedEnd(INode node) {
        int end = node.getOffset();
        for (org.eclipse.xtext.nodemodel.ILeafNode leaf : node.getLeafNodes()) {
            if (!leaf.isHidden() && leaf.getLength() > 0) {
                end = leaf.getEndOffset();
            }
        }
        return end;
    }
}
