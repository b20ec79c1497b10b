package dev.mprt.lang.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;

import dev.mprt.lang.ast.ClassDef;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.testing.Analyzers;

/**
 * Name resolution and type inference over small programs. Other modules come from an in-memory
 * {@link ModuleSources} (a fake of the file layer, as the core never reads files).
 */
class SemanticModelTest {

    private static final String MACHINE = """
            class Pin:
                OUT: int
                IRQ_RISING: int
                def __init__(self, id, mode: int = -1) -> None: ...
                def irq(self, handler=None, trigger: int = 0, hard: bool = False) -> None: ...
                def value(self, x=None) -> int: ...
            class Timer:
                def init(self, *, period: int = -1, callback=None) -> None: ...
            def freq() -> int: ...
            """;
    private static final String BUILTINS = """
            class int: ...
            class str:
                def upper(self) -> str: ...
            class list:
                def append(self, x) -> None: ...
            def len(obj) -> int: ...
            def print(*args) -> None: ...
            """;

    private static SemanticModel model(String main) {
        ModuleLoader loader = Analyzers.injector().getInstance(ModuleLoader.class);
        ModuleSources sources = name -> switch (name) {
            case "machine" -> new ModuleSources.Source("stub:machine.pyi", MACHINE, true);
            case "builtins" -> new ModuleSources.Source("stub:builtins.pyi", BUILTINS, true);
            default -> null;
        };
        ModuleInfo m = loader.load("main", new ModuleSources.Source("file:///main.py", main, false));
        return new SemanticModel(m, loader, sources);
    }

    /** The expression of the last expression statement in the module. */
    private static Expression last(SemanticModel m) {
        Expression e = null;
        for (TreeIterator<EObject> it = m.module().root().eAllContents(); it.hasNext();) {
            if (it.next() instanceof ExprStatement s && s.getValues().isEmpty()) {
                e = s.getExpression();
            }
        }
        return e;
    }

    private static String typeName(PyType t) {
        if (t instanceof PyType.Instance i) {
            return "instance " + i.cls().getName();
        }
        if (t instanceof PyType.Class c) {
            return "class " + c.node().getName();
        }
        if (t instanceof PyType.Module m) {
            return "module " + m.module().name();
        }
        if (t instanceof PyType.Function f) {
            return "function " + f.node().getName();
        }
        return "unknown";
    }

    private static String typeOfLast(String src) {
        SemanticModel m = model(src);
        return typeName(m.typeOf(last(m)));
    }

    @Test
    void constructorCallsGiveInstances() {
        assertEquals("instance Pin", typeOfLast("from machine import Pin\np = Pin(2)\np\n"));
        assertEquals("instance Pin", typeOfLast("import machine\np = machine.Pin(2, machine.Pin.OUT)\np\n"));
        assertEquals("class Pin", typeOfLast("from machine import Pin as P\nP\n"));
        assertEquals("module machine", typeOfLast("import machine as m\nm\n"));
    }

    @Test
    void returnAnnotationsAndMethods() {
        assertEquals("instance int", typeOfLast("import machine\nmachine.freq()\n"));
        assertEquals("instance int", typeOfLast("from machine import Pin\nPin(1).value()\n"));
        assertEquals("instance str", typeOfLast("'a'.upper()\n"));
        assertEquals("instance list", typeOfLast("x = [1]\nx\n"));
        assertEquals("function append", typeOfLast("x = []\nx.append\n"));
    }

    @Test
    void attributesAssignedInInit() {
        String src = """
                from machine import Pin
                class Blinker:
                    def __init__(self, name):
                        self.led = Pin(name)
                        self.count = 0
                    def tick(self):
                        self.led
                b = Blinker('X1')
                b.led
                """;
        assertEquals("instance Pin", typeOfLast(src));
        SemanticModel m = model(src);
        Map<String, List<Definition>> members = m.members(m.typeOf(last(m)));
        assertTrue(members.containsKey("irq") && members.containsKey("OUT"), members.keySet().toString());
        PyType blinker = m.typeOf(((ExprStatement) m.module().root().getStatements().get(2)).getValues().get(0));
        assertTrue(m.members(blinker).keySet().containsAll(List.of("led", "count", "tick", "__init__")));
    }

    @Test
    void selfInMethodsAndClosures() {
        String src = """
                class C:
                    def m(self):
                        self
                def outer():
                    x = C()
                    def inner():
                        x
                """;
        SemanticModel m = model(src);
        List<String> types = new java.util.ArrayList<>();
        for (TreeIterator<EObject> it = m.module().root().eAllContents(); it.hasNext();) {
            if (it.next() instanceof ExprStatement s && s.getValues().isEmpty()) {
                types.add(typeName(m.typeOf(s.getExpression())));
            }
        }
        assertEquals(List.of("instance C", "instance C"), types);
    }

    @Test
    void definitionsFollowPythonScoping() {
        String src = """
                x = 1
                class K:
                    x = 2
                    def f(self):
                        return x
                def g(x):
                    return x
                """;
        SemanticModel m = model(src);
        List<Definition> inMethod = null;
        List<Definition> inG = null;
        for (TreeIterator<EObject> it = m.module().root().eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (o instanceof Name n && "x".equals(n.getId()) && o.eContainer() instanceof dev.mprt.lang.ast.Return) {
                FunctionDef f = (FunctionDef) o.eContainer().eContainer().eContainer();
                if ("f".equals(f.getName())) {
                    inMethod = m.definitions(n);
                } else {
                    inG = m.definitions(n);
                }
            }
        }
        assertEquals(1, inMethod.size());
        assertInstanceOf(Name.class, inMethod.get(0).node()); // the module's x, not the class attribute
        assertInstanceOf(ExprStatement.class, inMethod.get(0).node().eContainer());
        assertTrue(inMethod.get(0).node().eContainer().eContainer() instanceof dev.mprt.lang.ast.PyFile);
        assertInstanceOf(Parameter.class, inG.get(0).node());
    }

    @Test
    void visibleNamesIncludeLocalsGlobalsAndBuiltins() {
        String src = "import machine\nLIMIT = 3\nclass A:\n    z = 1\n    def f(self, a):\n        b = a\n        pass\n";
        SemanticModel m = model(src);
        EObject pass = null;
        for (TreeIterator<EObject> it = m.module().root().eAllContents(); it.hasNext();) {
            EObject o = it.next();
            if (o instanceof dev.mprt.lang.ast.Pass) {
                pass = o;
            }
        }
        Map<String, List<Definition>> names = m.visibleNames(pass);
        assertTrue(names.keySet().containsAll(List.of("self", "a", "b", "machine", "LIMIT", "A", "len", "print")),
                names.keySet().toString());
        assertTrue(!names.containsKey("z"), "class attributes are not visible in methods");
        assertInstanceOf(ClassDef.class, names.get("A").get(0).node());
    }
}
