package dev.mprt.lang.emitter;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.Decorator;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.scope.Scopes;

/**
 * Which emitter compiles each scope ({@code compile_built_in_decorator} and {@code compile_decorated} in
 * py/compile.c): {@code @micropython.<name>} decorators set it for the decorated definition, and every nested
 * def, lambda, comprehension and class inherits the enclosing scope's emitter (rule A1.3).
 */
public final class Emitters {

    /** What a scope is compiled with; {@code asm} is the inline assembler's architecture for {@link Kind#ASM}. */
    public record Emitter(Kind kind, Arch asm) {

        public static final Emitter BYTECODE = new Emitter(Kind.BYTECODE, null);
        public static final Emitter NATIVE = new Emitter(Kind.NATIVE, null);
        public static final Emitter VIPER = new Emitter(Kind.VIPER, null);

        public boolean isNativeCode() {
            return kind == Kind.NATIVE || kind == Kind.VIPER;
        }
    }

    public enum Kind {
        BYTECODE, NATIVE, VIPER, ASM
    }

    /**
     * One {@code @micropython...} decorator. {@code valid} is false for "invalid micropython decorator";
     * {@code errorNode} is where MicroPython reports it (the first name for a wrong shape, else the attribute).
     */
    public record BuiltIn(Decorator decorator, List<String> dotted, boolean valid, Emitter emitter, EObject errorNode,
            boolean asmName) {
    }

    private Emitters() {
    }

    /** The dotted name of a decorator ({@code a.b.c} or {@code a.b.c(...)}), or null if it is not one. */
    public static List<String> dottedName(Decorator d) {
        Expression e = d == null ? null : d.getExpression();
        if (e instanceof Call c) {
            e = c.getFunc();
        }
        List<String> parts = new ArrayList<>();
        while (e instanceof Attribute a) {
            parts.add(0, a.getAttr() == null ? "" : a.getAttr());
            e = a.getValue();
        }
        if (!(e instanceof Name n) || n.getId() == null) {
            return null;
        }
        parts.add(0, n.getId());
        return parts;
    }

    /** The decorator as MicroPython's compiler sees it on {@code board}, or null if it is an ordinary decorator. */
    public static BuiltIn builtIn(Decorator d, Arch inlineAsmArch) {
        List<String> parts = dottedName(d);
        if (parts == null || !"micropython".equals(parts.get(0))) {
            return null;
        }
        Expression e = d.getExpression() instanceof Call c ? c.getFunc() : d.getExpression();
        if (parts.size() != 2) {
            EObject first = e;
            while (first instanceof Attribute a) {
                first = a.getValue();
            }
            return new BuiltIn(d, parts, false, null, first, false);
        }
        String attr = parts.get(1);
        boolean asmName = attr.equals("asm_thumb") || attr.equals("asm_xtensa") || attr.equals("asm_rv32");
        Emitter emitter = switch (attr) {
            case "bytecode" -> Emitter.BYTECODE;
            case "native" -> Emitter.NATIVE;
            case "viper" -> Emitter.VIPER;
            default -> inlineAsmArch != null && attr.equals(inlineAsmArch.inlineAsm().decorator())
                    ? new Emitter(Kind.ASM, inlineAsmArch)
                    : null;
        };
        return new BuiltIn(d, parts, emitter != null, emitter, e, asmName);
    }

    /** The emitter of the scope opened by {@code scopeNode} (a PyFile, def, class, lambda or comprehension). */
    public static Emitter of(EObject scopeNode, Arch inlineAsmArch) {
        if (scopeNode == null || scopeNode instanceof PyFile) {
            return Emitter.BYTECODE;
        }
        EObject container = scopeNode.eContainer();
        if ((scopeNode instanceof FunctionDef || scopeNode instanceof ClassDef) && container instanceof Decorated dec
                && dec.getDefinition() == scopeNode) {
            return decorated(dec, inlineAsmArch);
        }
        return of(Scopes.scopeNode(scopeNode), inlineAsmArch);
    }

    /** The emitter a decorated definition gets: the enclosing scope's, changed by each valid built-in decorator. */
    public static Emitter decorated(Decorated dec, Arch inlineAsmArch) {
        Emitter e = null;
        for (Decorator d : dec.getDecorators()) {
            BuiltIn b = builtIn(d, inlineAsmArch);
            if (b != null && b.valid()) {
                e = b.emitter();
            }
        }
        return e != null ? e : of(Scopes.scopeNode(dec), inlineAsmArch);
    }

    /** Whether any decorator of {@code dec} is a {@code micropython.*} one (valid or not). */
    public static boolean hasBuiltIn(Decorated dec) {
        for (Decorator d : dec.getDecorators()) {
            List<String> parts = dottedName(d);
            if (parts != null && "micropython".equals(parts.get(0))) {
                return true;
            }
        }
        return false;
    }
}
