package dev.mprt.lang.semantic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mprt.lang.editor.Completions;
import dev.mprt.lang.editor.Hovers;
import dev.mprt.lang.editor.Navigation;
import dev.mprt.lang.editor.Signatures;
import dev.mprt.lang.testing.Analyzers;

/**
 * Completion, hover, navigation and signature help through one helper each: source with a cursor marker
 * {@code <|>} in, rendered result out.
 */
class EditorFeaturesTest {

    private static final String MACHINE = """
            class Pin:
                \"""A pin of the board.\"""
                OUT: int
                IRQ_RISING: int
                def __init__(self, id, mode: int = -1) -> None: ...
                def irq(self, handler=None, trigger: int = 0, *, hard: bool = False) -> None:
                    \"""Set up an interrupt handler.\"""
                def value(self, x=None) -> int: ...
            def freq() -> int: ...
            """;
    private static final String BUILTINS = "class int: ...\ndef len(obj) -> int: ...\ndef print(*args) -> None: ...\n";

    private record Fixture(SemanticModel model, String text, int cursor) {
    }

    private static final ModuleSources SOURCES = new ModuleSources() {
        @Override
        public Source find(String name) {
            return switch (name) {
                case "machine" -> new Source("stub:machine.pyi", MACHINE, true);
                case "builtins" -> new Source("stub:builtins.pyi", BUILTINS, true);
                default -> null;
            };
        }

        @Override
        public java.util.Collection<String> names() {
            return List.of("machine", "micropython", "time");
        }
    };

    private static Fixture fixture(String marked) {
        int cursor = marked.indexOf("<|>");
        String text = marked.replace("<|>", "");
        ModuleLoader loader = Analyzers.injector().getInstance(ModuleLoader.class);
        ModuleInfo m = loader.load("main", new ModuleSources.Source("file:///main.py", text, false));
        return new Fixture(new SemanticModel(m, loader, SOURCES), text, cursor);
    }

    private static List<String> complete(String marked) {
        Fixture f = fixture(marked);
        return Completions.at(f.model(), f.text(), f.cursor(), SOURCES).items().stream().map(Completions.Item::label)
                .sorted().toList();
    }

    @Test
    void membersAfterDotOnInferredTypes() {
        List<String> items = complete("from machine import Pin\np = Pin(2)\np.<|>\n");
        assertTrue(items.containsAll(List.of("irq", "value", "OUT", "IRQ_RISING")), items.toString());
        assertEquals(List.of("IRQ_RISING", "irq"), complete("import machine\nmachine.Pin(1).ir<|>\n"));
        assertEquals(List.of("Pin"), complete("import machine\nmachine.P<|>"));
    }

    @Test
    void importsModulesAndModuleNames() {
        assertEquals(List.of("machine", "micropython"), complete("import m<|>"));
        assertEquals(List.of("Pin"), complete("from machine import P<|>"));
    }

    @Test
    void keywordArgumentsInsideCalls() {
        List<String> items = complete("from machine import Pin\np = Pin(1)\np.irq(hand<|>)\n");
        assertTrue(items.contains("handler="), items.toString());
        assertTrue(complete("from machine import Pin\np = Pin(1)\np.irq(lambda p: None, ha<|>\n")
                .contains("hard="));
    }

    @Test
    void namesAndKeywordsEverywhereElse() {
        List<String> items = complete("LIMIT = 3\ndef f(count):\n    c<|>\n");
        assertTrue(items.containsAll(List.of("count", "class", "continue")), items.toString());
        assertTrue(complete("LIMIT = 3\nL<|>").contains("LIMIT"));
        assertTrue(complete("le<|>").contains("len"));
    }

    @Test
    void hoverShowsSignatureTypeAndDocs() {
        Fixture f = fixture("from machine import Pin\np = Pin(1)\np.ir<|>q(None)\n");
        Hovers.Hover h = Hovers.at(f.model(), f.cursor());
        assertNotNull(h);
        assertTrue(h.markdown().contains("def Pin.irq(self, handler=None, trigger: int = 0, *, hard: bool = False) -> None"),
                h.markdown());
        assertTrue(h.markdown().contains("Set up an interrupt handler.") && h.markdown().contains("board stub"));
        Fixture cls = fixture("from machine import Pin\nP<|>in(1)\n");
        assertTrue(Hovers.at(cls.model(), cls.cursor()).markdown().contains("class Pin"));
        assertTrue(Hovers.at(cls.model(), cls.cursor()).markdown().contains("A pin of the board."));
        assertTrue(Navigation.renameRefusal(cls.model(), cls.cursor()).contains("board's stubs"));
        Fixture v = fixture("from machine import Pin\np<|> = Pin(1)\n");
        assertTrue(Hovers.at(v.model(), v.cursor()).markdown().contains("p: Pin"));
        Fixture none = fixture("x = 1 +<|> 2\n");
        assertNull(Hovers.at(none.model(), none.cursor()));
    }

    @Test
    void definitionReferencesAndRename() {
        Fixture f = fixture("def blink(n):\n    return n\n\nblink(1)\nb<|>link(2)\n");
        List<Navigation.Location> defs = Navigation.definitionsAt(f.model(), f.cursor()).stream()
                .map(Navigation::location).toList();
        assertEquals(1, defs.size());
        assertEquals("blink", f.text().substring(defs.get(0).start(), defs.get(0).end()));
        assertEquals(4, defs.get(0).start());
        List<Navigation.Location> refs = Navigation.occurrences(f.model(), f.cursor());
        assertEquals(3, refs.size());
        assertNull(Navigation.renameRefusal(f.model(), f.cursor()));
        Fixture stub = fixture("from machine import Pin\nPin(1).va<|>lue()\n");
        assertTrue(Navigation.renameRefusal(stub.model(), stub.cursor()).contains("board's stubs"));
        assertEquals("stub:machine.pyi",
                Navigation.location(Navigation.definitionsAt(stub.model(), stub.cursor()).get(0)).uri());
    }

    @Test
    void signatureHelpTracksTheActiveParameter() {
        Fixture f = fixture("from machine import Pin\np = Pin(1)\np.irq(None, <|>\n");
        Signatures.Help h = Signatures.at(f.model(), f.text(), f.cursor());
        assertEquals("irq(handler=None, trigger: int = 0, *, hard: bool = False) -> None", h.label());
        assertEquals(1, h.activeParameter());
        Fixture kw = fixture("from machine import Pin\nPin(1).irq(hard=<|>\n");
        assertEquals(3, Signatures.at(kw.model(), kw.text(), kw.cursor()).activeParameter());
        Fixture ctor = fixture("from machine import Pin\nPin(<|>\n");
        assertTrue(Signatures.at(ctor.model(), ctor.text(), ctor.cursor()).label().startsWith("Pin(id, mode"));
    }
}
