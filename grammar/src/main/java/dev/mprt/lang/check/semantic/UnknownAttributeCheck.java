package dev.mprt.lang.check.semantic;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;
import dev.mprt.lang.semantic.Definition;
import dev.mprt.lang.semantic.ModuleInfo;
import dev.mprt.lang.semantic.PyType;

/**
 * An attribute read on a board module, class or object that its stubs do not define ({@code machine.Pin.IRQ_RISNG}):
 * AttributeError on the device, with MicroPython's message. Only the board's APIs are judged — user classes may
 * gain attributes at run time — and not where the stubs declare {@code __getattr__}, under {@code hasattr}, or
 * where a try catches AttributeError.
 */
public final class UnknownAttributeCheck extends NodeCheck<Attribute> {

    public static final String CODE = "semantic-unknown-attribute";
    private static final Set<String> HANDLED_BY = Set.of("AttributeError");
    /** What every module, class and object has without its stub saying so. */
    private static final Set<String> MODULE_ATTRIBUTES = Set.of("__name__", "__dict__", "__file__", "__path__",
            "__class__", "__doc__", "__init__", "__module__", "__qualname__", "__bases__", "__new__");

    public UnknownAttributeCheck() {
        super(Attribute.class);
    }

    @Override
    protected void check(Attribute node, CheckContext ctx) {
        String attr = node.getAttr();
        if (attr == null || attr.isEmpty() || isStoreTarget(node) || Guards.inDecorator(node)) {
            return;
        }
        PyType base = ctx.semantic().typeOf(node.getValue());
        String message;
        if (base instanceof PyType.Module m && m.module().stub()) {
            message = "'module' object has no attribute '" + attr + "'";
        } else if (base instanceof PyType.Module m && isStatic(m.module())) {
            message = "'module' object has no attribute '" + attr + "'";
        } else if (base instanceof PyType.Class c && c.module().stub()) {
            message = "type object '" + c.node().getName() + "' has no attribute '" + attr + "'";
        } else if (base instanceof PyType.Instance i && i.module().stub() && !isBuiltinStub(i.module())) {
            message = "'" + i.cls().getName() + "' object has no attribute '" + attr + "'";
        } else {
            return;
        }
        Map<String, List<Definition>> members = ctx.semantic().members(base);
        if (MODULE_ATTRIBUTES.contains(attr) || members.containsKey(attr) || members.containsKey("__getattr__") || inheritsUnknown(base, ctx)) {
            return;
        }
        String probedOn = base instanceof PyType.Instance i ? i.cls().getName() : null;
        if (!Guards.handled(node, HANDLED_BY) && !Guards.probedEarlier(node, probedOn)) {
            ctx.error(CODE, message, node);
        }
    }

    /**
     * A workspace module whose globals are all visible in its text: no {@code import *}, no {@code globals()} or
     * {@code setattr}, no module {@code __getattr__}, no {@code global} statement (which binds
     * module names from functions). Its attributes are then exactly its module-level names.
     */
    private static boolean isStatic(ModuleInfo m) {
        if (m.root() == null || m.stub() || m.uri() == null || m.uri().endsWith("__init__.py")) {
            return false; // a package's attributes include its submodules
        }
        var node = org.eclipse.xtext.nodemodel.util.NodeModelUtils.getNode(m.root());
        String text = node == null ? null : node.getRootNode().getText();
        return text != null && !java.util.regex.Pattern.compile("import\\s*\\*").matcher(text).find()
                && !text.contains("globals(") && !text.contains("setattr(")
                && !text.contains("__getattr__") && !text.contains("__dict__") && !text.contains("global ");
    }

    private static boolean isBuiltinStub(ModuleInfo m) {
        return "builtins".equals(m.name());
    }

    /** A stub class with a base the model cannot see (e.g. from typing) may inherit anything. */
    private static boolean inheritsUnknown(PyType t, CheckContext ctx) {
        ClassDef cls = t instanceof PyType.Class c ? c.node() : t instanceof PyType.Instance i ? i.cls() : null;
        if (cls == null) {
            return false;
        }
        for (var base : cls.getArgs()) {
            if (!(base instanceof dev.mprt.lang.ast.KeywordArg)
                    && !(ctx.semantic().typeOf(base) instanceof PyType.Class)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isStoreTarget(Attribute a) {
        return a.eContainer() instanceof dev.mprt.lang.ast.ExprStatement s
                && dev.mprt.lang.ast.util.Statements.targets(s).contains(a);
    }
}
