package dev.mprt.lang.check.emitter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Compare;
import dev.mprt.lang.ast.Constant;
import dev.mprt.lang.ast.ExceptHandler;
import dev.mprt.lang.ast.For;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.KeywordArg;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Num;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.diagnostics.Fix;
import dev.mprt.lang.diagnostics.Fix.Edit;
import dev.mprt.lang.emitter.Syntax;
import dev.mprt.lang.emitter.ViperTypes;

/**
 * Quick fixes for viper errors whose repair is mechanical and keeps the program's meaning (issue: "going beyond the
 * compiler"). Each fix is the workaround the rules name (section A): cast a {@code range} bound, make a literal
 * {@code uint}, compare with a module-level constant instead of a native literal, annotate the native return type,
 * drop an {@code as} name viper cannot bind. Pure: the finding's node and the text in, edits out.
 */
final class EmitterFixes {

    private static final Pattern BINARY_TYPES = Pattern.compile("between '(\\w+)' and '(\\w+)'");
    private static final Pattern RETURN_TYPES = Pattern.compile("return expected '(\\w+)' but got '(\\w+)'");

    private EmitterFixes() {
    }

    static List<Fix> fixesFor(String code, String message, EObject node) {
        if (node == null || NodeModelUtils.getNode(node) == null) {
            return List.of();
        }
        List<Fix> fixes = new ArrayList<>();
        switch (code) {
            case ViperTypes.BINARY_OP_TYPES -> {
                rangeBoundCast(message, node, fixes);
                nativeLiteralComparison(message, node, fixes);
            }
            case ViperTypes.INT_UINT_COMPARISON -> uintLiteral(node, fixes);
            case ViperTypes.RETURN_TYPE -> returnAnnotation(message, node, fixes);
            case ViperTypes.LOCAL_TYPE_MISMATCH -> exceptName(node, fixes);
            default -> {
            }
        }
        return fixes;
    }

    /** {@code for i in range(len(b))}: the object bound becomes {@code int(len(b))} (V12, rules A.7). */
    private static void rangeBoundCast(String message, EObject node, List<Fix> fixes) {
        Matcher m = BINARY_TYPES.matcher(message);
        if (!m.find() || !isRangeArgument(node)) {
            return;
        }
        String other = m.group(1).equals("object") ? m.group(2) : m.group(2).equals("object") ? m.group(1) : null;
        if (!"int".equals(other) && !"uint".equals(other)) {
            return;
        }
        String text = text(node);
        fixes.add(Fix.of("Cast the range bound: " + other + "(" + text + ")", Edit.insert(start(node), other + "("),
                Edit.insert(end(node), ")")));
    }

    /**
     * {@code x is None} (or {@code == True}...) with x an object: the literal is a native value in viper; a
     * module-level name holding it is an object (V12, rules A.6).
     */
    private static void nativeLiteralComparison(String message, EObject node, List<Fix> fixes) {
        if (!(node instanceof Compare cmp) || !message.contains("'object'")) {
            return;
        }
        List<EObject> operands = new ArrayList<>();
        operands.add(cmp.getLeft());
        operands.addAll(cmp.getComparators());
        for (EObject o : operands) {
            if (o instanceof Constant c && c.getValue() != null) {
                String name = c.getValue().toUpperCase(java.util.Locale.ROOT);
                List<Edit> edits = new ArrayList<>();
                edits.add(new Edit(start(c), end(c), name));
                PyFile file = (PyFile) EcoreUtil.getRootContainer(node);
                if (!definesModuleConstant(file, name, c.getValue())) {
                    Statement top = topLevelStatement(node);
                    if (top == null) {
                        return;
                    }
                    int at = lineStart(file, start(top));
                    edits.add(Edit.insert(at, name + " = " + c.getValue() + "  # an object: viper compares with it\n\n"));
                }
                fixes.add(new Fix("Compare with a module-level " + name + " = " + c.getValue(), edits));
                return;
            }
        }
    }

    /** {@code x < 1} with x: uint becomes {@code x < uint(1)}; {@code range(n)} with n: uint {@code range(uint(0), n)}. */
    private static void uintLiteral(EObject node, List<Fix> fixes) {
        if (node instanceof Compare cmp) {
            List<Edit> edits = new ArrayList<>();
            List<EObject> operands = new ArrayList<>();
            operands.add(cmp.getLeft());
            operands.addAll(cmp.getComparators());
            for (EObject o : operands) {
                if (o instanceof Num) {
                    edits.add(Edit.insert(start(o), "uint("));
                    edits.add(Edit.insert(end(o), ")"));
                }
            }
            if (!edits.isEmpty()) {
                fixes.add(new Fix("Make the literal a uint", edits));
            }
            return;
        }
        if (isRangeArgument(node)) {
            Call range = (Call) node.eContainer();
            List<EObject> args = positional(range);
            if (args.size() == 1) {
                fixes.add(Fix.of("Start the range at uint(0)", Edit.insert(start(node), "uint(0), ")));
            } else if (args.size() >= 2 && args.get(0) instanceof Num start) {
                fixes.add(Fix.of("Make the start a uint", Edit.insert(start(start), "uint("),
                        Edit.insert(end(start), ")")));
            }
        }
    }

    /** An un-annotated viper function returning a native value: annotate the type it returns (V15). */
    private static void returnAnnotation(String message, EObject node, List<Fix> fixes) {
        Matcher m = RETURN_TYPES.matcher(message);
        if (!m.find() || !m.group(1).equals("object") || m.group(2).equals("object")
                || m.group(2).equals("None")) {
            return;
        }
        FunctionDef def = enclosing(node, FunctionDef.class);
        if (def == null || def.getReturnAnnotation() != null) {
            return;
        }
        ICompositeNode n = NodeModelUtils.getNode(def);
        for (ILeafNode leaf : n.getLeafNodes()) {
            if (!leaf.isHidden() && ")".equals(leaf.getText())
                    && NodeModelUtils.findActualSemanticObjectFor(leaf) == def) {
                fixes.add(Fix.of("Annotate the return type: -> " + m.group(2),
                        Edit.insert(leaf.getEndOffset(), " -> " + m.group(2))));
                return;
            }
        }
    }

    /** {@code except E as e} in viper: drop the name when the handler does not use it (V2, rules A3.4). */
    private static void exceptName(EObject node, List<Fix> fixes) {
        if (!(node instanceof ExceptHandler h) || h.getAsname() == null || h.getType() == null) {
            return;
        }
        String name = h.getAsname();
        if (h.getBody() != null) {
            for (var it = h.getBody().eAllContents(); it.hasNext();) {
                if (it.next() instanceof Name n && name.equals(n.getId())) {
                    return;
                }
            }
        }
        int[] asname = EmitterFacts.range(h);
        if (asname == null) {
            return;
        }
        fixes.add(Fix.of("Remove 'as " + name + "' (viper cannot bind the exception)",
                new Edit(end(h.getType()), asname[1], "")));
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static boolean isRangeArgument(EObject node) {
        return node.eContainer() instanceof Call call && call.getFunc() instanceof Name n
                && "range".equals(n.getId()) && call.getArgs().contains(node) && call.eContainer() instanceof For f
                && f.getIter() == call;
    }

    private static List<EObject> positional(Call call) {
        List<EObject> out = new ArrayList<>();
        for (EObject a : call.getArgs()) {
            if (!(a instanceof KeywordArg)) {
                out.add(a);
            }
        }
        return out;
    }

    private static boolean definesModuleConstant(PyFile file, String name, String value) {
        Pattern p = Pattern.compile("(?m)^" + name + "\\s*=\\s*" + value + "\\b");
        return p.matcher(Syntax.documentText(file)).find();
    }

    private static Statement topLevelStatement(EObject node) {
        EObject o = node;
        while (o != null && !(o.eContainer() instanceof PyFile)) {
            o = o.eContainer();
        }
        return o instanceof Statement s ? s : null;
    }

    private static <T extends EObject> T enclosing(EObject node, Class<T> type) {
        for (EObject o = node; o != null; o = o.eContainer()) {
            if (type.isInstance(o)) {
                return type.cast(o);
            }
        }
        return null;
    }

    private static int lineStart(PyFile file, int offset) {
        String text = Syntax.documentText(file);
        int i = offset;
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    private static int start(EObject o) {
        return Syntax.offset(o);
    }

    private static int end(EObject o) {
        return Syntax.endOffset(o);
    }

    private static String text(EObject o) {
        return Syntax.documentText(o).substring(start(o), end(o));
    }
}
