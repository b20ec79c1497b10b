package dev.mprt.lang.editor;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.parser.IParseResult;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Parameter;

/**
 * Semantic token classification of a parse, named after LSP's standard token types and modifiers, so that editors
 * without a TextMate grammar still highlight MicroPython. Syntax only: name resolution refines this later.
 */
public final class Highlighting {

    /** One highlighted range. {@code type} is an LSP token type; {@code modifiers} LSP token modifiers. */
    public record Token(int offset, int length, String type, List<String> modifiers) {
    }

    private Highlighting() {
    }

    public static List<Token> tokens(IParseResult parse) {
        List<Token> out = new ArrayList<>();
        for (ILeafNode leaf : parse.getRootNode().getLeafNodes()) {
            if (leaf.getLength() == 0) {
                continue;
            }
            EObject ge = leaf.getGrammarElement();
            if (leaf.isHidden()) {
                if (leaf.getText().startsWith("#")) {
                    out.add(new Token(leaf.getOffset(), leaf.getLength(), "comment", List.of()));
                }
                continue;
            }
            if (ge instanceof Keyword k) {
                String v = k.getValue();
                if (Character.isLetter(v.charAt(0)) || v.equals("__debug__")) {
                    boolean constant = leaf.getSemanticElement() instanceof Constant;
                    out.add(new Token(leaf.getOffset(), leaf.getLength(), "keyword",
                            constant ? List.of("readonly") : List.of()));
                } else if (v.equals("@") && leaf.getSemanticElement() instanceof Decorator) {
                    out.add(new Token(leaf.getOffset(), leaf.getLength(), "decorator", List.of()));
                }
                continue;
            }
            AbstractRule rule = ge instanceof RuleCall rc ? rc.getRule() : ge instanceof TerminalRule t ? t : null;
            if (rule == null) {
                continue;
            }
            switch (rule.getName()) {
                case "STRING" -> out.add(new Token(leaf.getOffset(), leaf.getLength(), "string", List.of()));
                case "NUMBER" -> out.add(new Token(leaf.getOffset(), leaf.getLength(), "number", List.of()));
                case "ID" -> identifier(leaf, out);
                default -> {
                }
            }
        }
        return out;
    }

    private static void identifier(ILeafNode leaf, List<Token> out) {
        EObject owner = leaf.getSemanticElement();
        String type;
        List<String> modifiers = List.of();
        if (insideDecorator(leaf)) {
            type = "decorator";
        } else if (owner instanceof FunctionDef f) {
            type = f.eContainer() != null && f.eContainer().eContainer() instanceof ClassDef
                    || isMethod(f) ? "method" : "function";
            modifiers = f.isAsync() ? List.of("declaration", "async") : List.of("declaration");
        } else if (owner instanceof ClassDef) {
            type = "class";
            modifiers = List.of("declaration");
        } else if (owner instanceof Parameter) {
            type = "parameter";
            modifiers = List.of("declaration");
        } else if (owner instanceof Attribute) {
            type = "property";
        } else {
            type = "variable";
        }
        out.add(new Token(leaf.getOffset(), leaf.getLength(), type, modifiers));
    }

    private static boolean isMethod(FunctionDef f) {
        EObject c = f.eContainer();
        if (c instanceof dev.mprt.lang.ast.Decorated) {
            c = c.eContainer();
        }
        return c != null && c.eContainer() instanceof ClassDef;
    }

    private static boolean insideDecorator(INode leaf) {
        for (EObject o = leaf.getSemanticElement(); o != null; o = o.eContainer()) {
            if (o instanceof Decorator) {
                return true;
            }
            if (o instanceof dev.mprt.lang.ast.Call) {
                return false; // arguments of a decorator call are ordinary expressions
            }
        }
        return false;
    }
}
