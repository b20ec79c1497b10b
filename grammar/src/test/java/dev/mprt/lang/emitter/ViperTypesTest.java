package dev.mprt.lang.emitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.junit.jupiter.api.Test;

import dev.mprt.lang.analysis.Analysis;
import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.ast.Decorated;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Statement;
import dev.mprt.lang.testing.Analyzers;

/**
 * The queryable side of {@link ViperTypes}: per-local inferred types (for inlay hints later), the declared return
 * type, and robustness on code as it is being typed (every prefix of a viper file analyses without throwing).
 */
class ViperTypesTest {

    private static final String SOURCE = """
            from micropython import const
            K = const(3)

            @micropython.viper
            def f(buf: ptr8, n: int, o) -> uint:
                total = uint(0)
                for i in range(n):
                    total += uint(buf[i])
                ok = total < uint(10)
                s = 'text'
                k = K
                big = 0xffffffff
                nothing = None
                p = ptr16(o)
                return total
            """;

    private static FunctionDef function(Analysis a, String name) {
        for (Statement s : a.root().getStatements()) {
            EObject d = s instanceof Decorated dec ? dec.getDefinition() : s;
            if (d instanceof FunctionDef f && name.equals(f.getName())) {
                return f;
            }
        }
        throw new AssertionError("no function " + name);
    }

    @Test
    void localsHaveTheTypeOfTheirFirstStore() {
        Analysis a = Analyzers.analyze(SOURCE);
        ViperTypes.Result r = ViperTypes.infer(function(a, "f"), AnalysisOptions.defaults());
        assertEquals(ViperType.PTR8, r.typeOf("buf"));
        assertEquals(ViperType.INT, r.typeOf("n"));
        assertEquals(ViperType.OBJECT, r.typeOf("o"));
        assertEquals(ViperType.UINT, r.typeOf("total"));
        assertEquals(ViperType.INT, r.typeOf("i"));
        assertEquals(ViperType.BOOL, r.typeOf("ok"));
        assertEquals(ViperType.OBJECT, r.typeOf("s"));
        assertEquals(ViperType.INT, r.typeOf("k"));
        assertEquals(ViperType.OBJECT, r.typeOf("big"));
        assertEquals(ViperType.NONE, r.typeOf("nothing"));
        assertEquals(ViperType.PTR16, r.typeOf("p"));
        assertEquals(ViperType.UINT, r.returnType());
        assertNull(r.typeOf("missing"));
        assertTrue(r.locals().get("buf").parameter());
        assertTrue(r.locals().get("total").firstStore() != null);
        // the only finding is the warning that `big` is an object
        assertEquals(List.of(ViperTypes.BIG_LITERAL), r.findings().stream().map(ViperTypes.Finding::code).toList());
    }

    @Test
    void theSmallIntRangeFollowsTheBoard() {
        Analysis a = Analyzers.analyze(SOURCE, new AnalysisOptions("unix"));
        ViperTypes.Result r = ViperTypes.infer(function(a, "f"), new AnalysisOptions("unix"));
        assertEquals(ViperType.INT, r.typeOf("big")); // 63-bit small ints on the unix port
        assertTrue(r.findings().isEmpty());
    }

    /** Every prefix, and every corpus case cut in half, goes through the emitter and const() checks. */
    @Test
    void brokenAndPartialCodeNeverThrows() {
        for (EmitterCorpus.Case c : EmitterCorpus.generate()) {
            String t = c.code();
            EmitterChecks.check(t.substring(0, t.length() / 2), new AnalysisOptions(c.board()));
            EmitterChecks.check(t.substring(0, (t.length() * 3) / 4).replace("(", ""), new AnalysisOptions(c.board()));
        }
    }

    @Test
    void everyPrefixOfEmitterCodeAnalysesWithoutThrowing() {
        String asm = """
                @micropython.asm_thumb
                def g(r0, r1) -> uint:
                    label(top)
                    ldr(r2, [r1, 4])
                    add(r0, r0, r2)
                    sub(r1, r1, 1)
                    bne(top)
                    data(2, 1, 2, 3)
                """;
        for (String text : List.of(SOURCE, asm)) {
            for (int end = 0; end <= text.length(); end++) {
                String prefix = text.substring(0, end);
                for (String board : List.of("qemu-mps2-an385", "esp8266", "qemu-virt-rv32")) {
                    EmitterChecks.check(prefix, new AnalysisOptions(board));
                    EmitterChecks.check(prefix.replace("asm_thumb", board.equals("esp8266") ? "asm_xtensa"
                            : "asm_rv32"), new AnalysisOptions(board));
                }
            }
        }
    }
}
