package dev.mprt.lang.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.IParser;
import org.junit.jupiter.api.Test;

import dev.mprt.lang.testing.Analyzers;
import dev.mprt.lang.testing.MicroPythonSource;

/**
 * The partial re-parse against a full parse of the same text, on random edits of MicroPython's own test files:
 * wherever {@link StatementReparser} gives a tree, it must be the tree (objects, attributes, node model, offsets,
 * node-object links) a full parse gives; where it declines, a full parse is made, so declining is never wrong, but
 * it must not decline the ordinary edits (most of these).
 */
class StatementReparserTest {

    private static final String[] INSERTS = { "x", "1", " ", "(", ")", ":", "\"", "'", "#", "\\", "\n", "\n    ",
            "    ", "\"\"\"", "[", ",", "=", "@d\n", "pass\n", "if x:\n", "f(", "def g():\n    return 1\n", "\t", ";" };

    private final IParser parser = Analyzers.injector().getInstance(IParser.class);
    private final StatementReparser reparser = Analyzers.injector().getInstance(StatementReparser.class);

    @Test
    void partialParsesEqualFullParsesOnRandomEdits() throws IOException {
        Path tests = MicroPythonSource.tree().resolve("tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(tests)) {
            files = s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
        }
        Random random = new Random(20261121);
        int edits = 0;
        int partial = 0;
        int validToValid = 0;
        int partialValidToValid = 0;
        for (int f = 0; f < files.size(); f += 7) {
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(files.get(f))))
                        .toString();
            } catch (CharacterCodingException e) {
                continue;
            }
            if (text.isEmpty()) {
                continue;
            }
            for (int e = 0; e < 8; e++) {
                String edited = edit(text, random);
                IParseResult old = parser.parse(new StringReader(text));
                boolean oldValid = StatementReparser.isClean(old);
                IParseResult full = parser.parse(new StringReader(edited));
                StatementReparser.Result got = reparser.reparse(old, edited);
                edits++;
                // between texts without errors, in modules of 10 top-level statements or more (in smaller ones the
                // region is often the whole module, which is parsed whole)
                boolean valid = oldValid && StatementReparser.isClean(full)
                        && ((dev.mprt.lang.ast.PyFile) full.getRootASTElement()).getStatements().size() >= 10;
                if (valid) {
                    validToValid++;
                }
                if (got != null) {
                    partial++;
                    if (valid) {
                        partialValidToValid++;
                    }
                    assertSameTree(full, got, files.get(f) + " edit " + e);
                }
                if (e % 2 == 0) {
                    text = edited;
                }
            }
        }
        System.out.printf("StatementReparser: %d edits, %d re-parsed in part; of the %d between valid texts of 10 statements or more, %d in part%n",
                edits, partial, validToValid, partialValidToValid);
        assertTrue(partialValidToValid >= validToValid * 0.8,
                "the partial re-parse declined too many ordinary edits: " + partialValidToValid + " of " + validToValid);
    }

    @Test
    void keepsTheUntouchedStatementsAndReportsTheReplacedOnes() {
        String text = "import time\n\nx = 1\n\ndef f(a):\n    return a + 1\n\n\ndef g():\n    pass\n\ny = f(x)\n";
        IParseResult old = parser.parse(new StringReader(text));
        dev.mprt.lang.ast.PyFile file = (dev.mprt.lang.ast.PyFile) old.getRootASTElement();
        EObject importStmt = file.getStatements().get(0);
        EObject last = file.getStatements().get(4);
        String edited = text.replace("a + 1", "a + 10");
        StatementReparser.Result got = reparser.reparse(old, edited);
        assertTrue(got != null);
        assertSame(file, got.getRootASTElement());
        assertSame(importStmt, file.getStatements().get(0));
        assertSame(last, file.getStatements().get(4));
        assertEquals(text.indexOf("1\n\n\ndef g") + 1, got.splice().start());
        assertTrue(got.splice().inserted().size() <= 3 && !got.splice().inserted().isEmpty());
        assertSameTree(parser.parse(new StringReader(edited)), got, "simple edit");
    }

    private static String edit(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        switch (random.nextInt(5)) {
            case 4 -> {
                // typing inside a name or a number
                for (int i = at; i < text.length(); i++) {
                    if (Character.isLetterOrDigit(text.charAt(i))) {
                        return text.substring(0, i + 1) + (char) ('a' + random.nextInt(26)) + text.substring(i + 1);
                    }
                }
                return text;
            }
            case 0 -> {
                int end = Math.min(text.length(), at + 1 + random.nextInt(random.nextBoolean() ? 2 : 40));
                return text.substring(0, at) + text.substring(end);
            }
            case 1 -> {
                int lineStart = text.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                String ins = INSERTS[random.nextInt(INSERTS.length)];
                return text.substring(0, lineStart) + ins + text.substring(lineStart);
            }
            default -> {
                String ins = INSERTS[random.nextInt(INSERTS.length)];
                return text.substring(0, at) + ins + text.substring(at);
            }
        }
    }

    static void assertSameTree(IParseResult full, IParseResult got, String where) {
        assertEquals(full.getRootNode().getText(), got.getRootNode().getText(), where);
        assertEquals(full.hasSyntaxErrors(), got.hasSyntaxErrors(), where);
        if (!EcoreUtil.equals(full.getRootASTElement(), got.getRootASTElement())) {
            String a = dev.mprt.lang.ast.util.TreePrinter.print(full.getRootASTElement(), full.getRootNode().getText());
            String b = dev.mprt.lang.ast.util.TreePrinter.print(got.getRootASTElement(), got.getRootNode().getText());
            a = a.substring(a.indexOf('\n'));
            b = b.substring(b.indexOf('\n'));
            int i = 0;
            while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
                i++;
            }
            String text = full.getRootNode().getText();
            fail(where + ": the objects differ\nfull: " + a.substring(Math.max(0, i - 300), Math.min(a.length(), i + 300))
                    + "\ngot:  " + b.substring(Math.max(0, i - 300), Math.min(b.length(), i + 300)));
        }
        assertSameNodes(full.getRootNode(), got.getRootNode(), where);
        TreeIterator<EObject> a = EcoreUtil.getAllContents(List.of(full.getRootASTElement()));
        TreeIterator<EObject> b = EcoreUtil.getAllContents(List.of(got.getRootASTElement()));
        while (a.hasNext()) {
            EObject x = a.next();
            EObject y = b.next();
            INode nx = NodeModelUtils.getNode(x);
            INode ny = NodeModelUtils.getNode(y);
            assertEquals(nx == null, ny == null, where);
            if (nx != null) {
                assertEquals(nx.getTotalOffset(), ny.getTotalOffset(), where + ": " + x.eClass().getName());
                assertEquals(nx.getTotalLength(), ny.getTotalLength(), where + ": " + x.eClass().getName());
                assertSame(y, ny.getSemanticElement(), where + ": node to object");
                assertSame(got.getRootNode(), ny.getRootNode(), where + ": the node is in the tree");
            }
        }
    }

    private static void assertSameNodes(ICompositeNode x, ICompositeNode y, String where) {
        List<INode> cx = new ArrayList<>();
        x.getChildren().forEach(cx::add);
        List<INode> cy = new ArrayList<>();
        y.getChildren().forEach(cy::add);
        if (cx.size() != cy.size()) {
            StringBuilder sb = new StringBuilder();
            for (INode n : cx) sb.append("\n  full ").append(n.getClass().getSimpleName()).append(' ').append(n.getTotalOffset()).append('+').append(n.getTotalLength()).append(' ').append(n.getText().replace("\n", "|"));
            for (INode n : cy) sb.append("\n  got  ").append(n.getClass().getSimpleName()).append(' ').append(n.getTotalOffset()).append('+').append(n.getTotalLength()).append(' ').append(n.getText().replace("\n", "|"));
            fail(where + ": children of a node at " + x.getTotalOffset() + sb);
        }
        for (int i = 0; i < cx.size(); i++) {
            INode a = cx.get(i);
            INode b = cy.get(i);
            assertSame(a.getGrammarElement(), b.getGrammarElement(), where + ": node at " + a.getTotalOffset());
            assertEquals(a.getTotalOffset(), b.getTotalOffset(), where);
            assertEquals(a.getTotalLength(), b.getTotalLength(), where);
            assertEquals(a.getClass(), b.getClass(), where);
            assertEquals(y.getTotalOffset(), b.getParent().getTotalOffset(), where + ": parent link");
            assertSame(y.getGrammarElement(), b.getParent().getGrammarElement(), where + ": parent link");
            if (a instanceof ICompositeNode ca) {
                assertSameNodes(ca, (ICompositeNode) b, where);
            } else {
                assertEquals(((ILeafNode) a).isHidden(), ((ILeafNode) b).isHidden(), where);
            }
        }
    }
}
