package dev.mprt.e2e.editor;

import org.eclipse.lsp4j.InlayHint;
import org.eclipse.lsp4j.InlayHintParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.ParameterInformation;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.SignatureInformation;
import org.eclipse.lsp4j.TextDocumentEdit;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * Name-aware editor features of {@code ./mprt lsp} over real LSP messages from a separate process: completion (and
 * completionItem/resolve), hover, definition, references, documentHighlight, prepareRename, rename and
 * signatureHelp. Each fixture in {@code src/test/resources/e2e/editor/} (format: {@link EditorFixture}) is a source
 * with a cursor marker and expectation sections; it runs in a fresh workspace (a temporary folder holding
 * {@code main.py}, the document, and the fixture's other files) against a fresh server, and every section is one
 * request at the cursor whose response is rendered as lines and compared:
 *
 * <ul>
 * <li>{@code completion}: every item as {@code label (Kind)}, in the editor's order (sortText, then label);
 * {@code completion includes}: these lines are among them; {@code completion excludes}: no item has one of these
 * labels; {@code completion apply <label>}: the cursor's line after applying that item's text edit.
 * <li>{@code resolve <label>}: the documentation completionItem/resolve adds to that item (Markdown source).
 * <li>{@code hover}: the line of the hover range with the range in brackets ({@code 3: p = [Pin](...)}), then the
 * Markdown.
 * <li>{@code definition}: one line per location: {@code main.py:3: [x] = 1} for workspace files, or
 * {@code stub <board>/<module>.pyi: class [Pin]:} for a board stub materialized in the temporary folder (without
 * line numbers: the stubs are generated). The text comes from the file at the location's URI.
 * <li>{@code references}, {@code highlight}: each line of the document holding occurrences, with every occurrence
 * in brackets.
 * <li>{@code prepareRename}: the line with the range in brackets; {@code rename <newName>}: each line the edit
 * changes, after applying it, with the new text in brackets.
 * <li>{@code signature}: each signature's label with the active parameter in brackets.
 * </ul>
 *
 * An error response renders as {@code error <code>: <message>}; no result as {@code (none)}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LspEditorFeaturesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String FIXTURES = "/e2e/editor/";

    @TempDir
    Path tmp;

    // ---------------------------------------------------------------------------------------------------------------
    // every fixture, every section

    @TestFactory
    Stream<DynamicTest> fixtures() throws IOException, URISyntaxException {
        URL dir = LspEditorFeaturesTest.class.getResource(FIXTURES);
        assertNotNull(dir, "fixture folder " + FIXTURES);
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".py")).sorted().toList();
        }
        assertFalse(names.isEmpty(), "fixtures in " + FIXTURES);
        return names.stream().map(name -> DynamicTest.dynamicTest(name,
                () -> assertTimeoutPreemptively(Duration.ofSeconds(120), () -> check(EditorFixture.load(name)))));
    }

    /** Runs every expectation of a fixture against one server; reports all mismatches together. */
    private void check(EditorFixture f) throws Exception {
        try (Session s = Session.open(f, Files.createTempDirectory(tmp, "ws"))) {
            List<String> failures = new ArrayList<>();
            for (EditorFixture.Section section : f.expectations()) {
                String mismatch = verify(s, section);
                if (mismatch != null) {
                    failures.add(f.name() + " " + section.title() + "\n" + mismatch);
                }
            }
            if (!failures.isEmpty()) {
                fail(String.join("\n\n", failures) + "\n\nserver stderr:\n" + tail(s.lsp.stderr()));
            }
        }
    }

    /** Null when the section's expectation holds, else what differs. */
    private static String verify(Session s, EditorFixture.Section section) throws Exception {
        List<String> expected = section.lines();
        String arg = section.argument();
        List<String> actual;
        switch (section.kind()) {
            case "completion" -> {
                if (arg.equals("includes")) {
                    List<String> items = complete(s);
                    List<String> missing = expected.stream().filter(e -> !items.contains(e)).toList();
                    return missing.isEmpty() ? null : "missing: " + missing + "\nall items:\n" + String.join("\n", items);
                }
                if (arg.equals("excludes")) {
                    List<String> labels = completionItems(s).stream().map(CompletionItem::getLabel).toList();
                    List<String> present = expected.stream().filter(labels::contains).toList();
                    return present.isEmpty() ? null : "unexpected: " + present + "\nall labels: " + labels;
                }
                if (arg.startsWith("apply ")) {
                    actual = List.of(applyCompletion(s, arg.substring("apply ".length())));
                } else if (arg.isEmpty()) {
                    actual = complete(s);
                } else {
                    throw new IllegalArgumentException("completion [includes|excludes|apply <label>]: " + arg);
                }
            }
            case "resolve" -> actual = resolve(s, arg);
            case "hover" -> actual = hover(s);
            case "definition" -> actual = definition(s);
            case "references" -> actual = references(s);
            case "highlight" -> actual = highlights(s);
            case "prepareRename" -> actual = prepareRename(s);
            case "rename" -> actual = rename(s, arg);
            case "signature" -> actual = signature(s);
            case "inlay" -> actual = inlay(s);
            default -> throw new IllegalArgumentException(section.kind());
        }
        if (EditorFixture.matches(expected, actual)) {
            return null;
        }
        return "expected:\n" + String.join("\n", expected) + "\nactual:\n" + String.join("\n", actual);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // what the rendered fixtures cannot say

    /** Go to definition into a stub: a readable file in the per-user stub folder, the name at the range. */
    @Test
    void definitionOfAStubClassIsAReadableStubFileWithTheNameAtTheRange() throws Exception {
        EditorFixture f = EditorFixture.parse("inline.py", """
                from machine import Pin
                led = P<|>in('X1', Pin.OUT)
                # --- definition
                # stub qemu-mps2-an385/machine.pyi: class [Pin]:
                """);
        try (Session s = Session.open(f, tmp)) {
            List<Location> ls = definitionLocations(s);
            assertEquals(1, ls.size(), () -> "one definition: " + ls);
            Location l = ls.get(0);
            URI uri = URI.create(l.getUri());
            assertEquals("file", uri.getScheme(), () -> "an editor opens definitions by file URI: " + l.getUri());
            Path file = Path.of(uri);
            Path expected = Path.of(System.getProperty("java.io.tmpdir"), "mprt-stubs-" + System.getProperty("user.name"),
                    "qemu-mps2-an385", "machine.pyi");
            assertEquals(expected.toRealPath(), file.toRealPath(), "the stub file of the board's machine module");
            assertTrue(Files.isReadable(file), () -> "readable: " + file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("# machine.pyi: MicroPython 1.25.0 API stubs for the mprt board 'qemu-mps2-an385'"),
                    () -> "the generated stub: " + text.lines().findFirst().orElse(""));
            assertEquals("Pin", textAt(text, l.getRange()), "the text at the returned range");
            assertEquals("class Pin:", text.split("\n", -1)[l.getRange().getStart().getLine()].stripTrailing(),
                    "the range is on the class statement");
        }
    }

    /** completionItem/resolve adds the documentation that the completion list leaves out (it is costly). */
    @Test
    void resolveAddsMarkdownDocumentationToAnItemOfTheList() throws Exception {
        EditorFixture f = EditorFixture.parse("inline.py", """
                import machine
                machine.Ti<|>
                # --- completion
                # Timer (Class)
                """);
        try (Session s = Session.open(f, tmp)) {
            List<CompletionItem> items = completionItems(s);
            assertEquals(List.of("Timer"), items.stream().map(CompletionItem::getLabel).toList());
            CompletionItem timer = items.get(0);
            assertNull(timer.getDocumentation(), "no documentation before resolve");
            assertNotNull(timer.getData(), "resolve data");

            CompletionItem resolved = s.text().resolveCompletionItem(timer).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertNotNull(resolved.getDocumentation(), "documentation after resolve");
            assertTrue(resolved.getDocumentation().isRight(), "Markdown content");
            MarkupContent md = resolved.getDocumentation().getRight();
            assertEquals(MarkupKind.MARKDOWN, md.getKind());
            assertTrue(md.getValue().startsWith("```python\nclass Timer\n```\n\nConstruct a new timer object"),
                    md::getValue);
            assertTrue(md.getValue().endsWith("*machine* (board stub)"), md::getValue);
        }
    }

    /** The board chosen with workspace/didChangeConfiguration decides which modules {@code import} offers. */
    @Test
    void aBoardChangeChangesTheModulesOfferedAfterImport() throws Exception {
        EditorFixture f = EditorFixture.parse("inline.py", """
                import <|>
                # --- board pyboard
                # --- completion includes
                # pyb (Module)
                """);
        try (Session s = Session.open(f, tmp)) {
            List<String> pyboard = labels(s);
            assertTrue(pyboard.contains("pyb") && pyboard.contains("stm"), () -> "pyboard: " + pyboard);
            assertFalse(pyboard.contains("rp2"), () -> "pyboard: " + pyboard);

            JsonObject mprt = new JsonObject();
            mprt.addProperty("board", "rp2-pico");
            JsonObject settings = new JsonObject();
            settings.add("mprt", mprt);
            s.lsp.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));

            List<String> pico = labels(s);
            assertTrue(pico.contains("rp2") && pico.contains("machine"), () -> "rp2-pico: " + pico);
            assertFalse(pico.contains("pyb"), () -> "rp2-pico: " + pico);
            assertFalse(pico.contains("stm"), () -> "rp2-pico: " + pico);
        }
    }

    /** {@code mprt.json} at the workspace root chooses the board of the stubs too. */
    @Test
    void theBoardOfMprtJsonDecidesWhatAModuleOffers() throws Exception {
        EditorFixture f = EditorFixture.parse("inline.py", """
                import rp2
                rp2.<|>
                # --- completion includes
                # StateMachine (Class)
                """);
        Files.writeString(tmp.resolve("mprt.json"), "{\"board\": \"rp2-pico\"}\n");
        try (Session s = Session.open(f, tmp)) {
            List<String> members = labels(s);
            assertTrue(members.containsAll(List.of("PIO", "StateMachine", "asm_pio", "bootsel_button")),
                    () -> "rp2 on rp2-pico: " + members);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the fixture format itself

    @Test
    void fixturesNeedOneCursorAndKnownSections() {
        assertThrows(IllegalArgumentException.class, () -> EditorFixture.parse("a.py", "x = 1\n# --- hover\n# x\n"));
        assertThrows(IllegalArgumentException.class,
                () -> EditorFixture.parse("a.py", "x<|> = <|>1\n# --- hover\n# x\n"));
        assertThrows(IllegalArgumentException.class, () -> EditorFixture.parse("a.py", "x<|> = 1\n# --- hovr\n# x\n"));
        assertThrows(IllegalArgumentException.class, () -> EditorFixture.parse("a.py", "x<|> = 1\n"));
        assertThrows(IllegalArgumentException.class,
                () -> EditorFixture.parse("a.py", "x<|> = 1\n# --- hover\nx = 2\n"));

        EditorFixture f = EditorFixture.parse("a.py", "x = 1\nx<|>\n# --- file lib.py\n# def f():\n#     pass\n"
                + "# --- board unix\n# --- hover\n# 2: [x]\n#\n# text\n\n");
        assertEquals("x = 1\nx\n", f.source());
        assertEquals(7, f.cursor());
        assertEquals("unix", f.board());
        assertEquals(Map.of("lib.py", "def f():\n    pass\n"), f.files());
        assertEquals(List.of("2: [x]", "", "text"), f.expectations().get(0).lines());
    }

    @Test
    void anEllipsisLineMatchesAnyNumberOfLines() {
        assertTrue(EditorFixture.matches(List.of("a", "...", "d"), List.of("a", "b", "c", "d")));
        assertTrue(EditorFixture.matches(List.of("a", "...", "d"), List.of("a", "d")));
        assertTrue(EditorFixture.matches(List.of("..."), List.of()));
        assertFalse(EditorFixture.matches(List.of("a", "...", "d"), List.of("a", "b", "c")));
        assertFalse(EditorFixture.matches(List.of("a"), List.of("a", "b")));
        assertFalse(EditorFixture.matches(List.of("a", "b"), List.of("b", "a")));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // one helper per feature: request at the cursor, response rendered as lines

    static List<String> complete(Session s) throws Exception {
        List<CompletionItem> items = new ArrayList<>(completionItems(s));
        items.sort(Comparator.comparing((CompletionItem i) -> i.getSortText() != null ? i.getSortText() : i.getLabel())
                .thenComparing(CompletionItem::getLabel));
        return none(items.stream().map(i -> i.getLabel() + " (" + i.getKind() + ")").toList());
    }

    static List<String> labels(Session s) throws Exception {
        return completionItems(s).stream().map(CompletionItem::getLabel).toList();
    }

    static List<CompletionItem> completionItems(Session s) throws Exception {
        CompletionParams p = new CompletionParams(s.id(), s.cursor());
        Either<List<CompletionItem>, CompletionList> r = await(s.text().completion(p));
        if (r == null) {
            return List.of();
        }
        return r.isLeft() ? r.getLeft() : r.getRight().getItems();
    }

    /** The cursor's line after applying the text edit of the item labelled {@code label}. */
    static String applyCompletion(Session s, String label) throws Exception {
        CompletionItem item = completionItems(s).stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElse(null);
        if (item == null) {
            return "(no item " + label + ")";
        }
        List<TextEdit> edits = new ArrayList<>();
        if (item.getTextEdit() != null) {
            edits.add(item.getTextEdit().isLeft() ? item.getTextEdit().getLeft()
                    : new TextEdit(item.getTextEdit().getRight().getReplace(), item.getTextEdit().getRight().getNewText()));
        } else {
            String insert = item.getInsertText() != null ? item.getInsertText() : item.getLabel();
            edits.add(new TextEdit(new Range(s.cursor(), s.cursor()), insert));
        }
        if (item.getAdditionalTextEdits() != null) {
            edits.addAll(item.getAdditionalTextEdits());
        }
        Applied a = apply(s.fixture.source(), edits);
        int line = s.cursor().getLine();
        return a.text().split("\n", -1)[line];
    }

    static List<String> resolve(Session s, String label) throws Exception {
        CompletionItem item = completionItems(s).stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElse(null);
        if (item == null) {
            return List.of("(no item " + label + ")");
        }
        CompletionItem resolved;
        try {
            resolved = await(s.text().resolveCompletionItem(item));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (resolved == null || resolved.getDocumentation() == null) {
            return List.of("(none)");
        }
        if (resolved.getDocumentation().isLeft()) {
            return prefixed("(plaintext) ", resolved.getDocumentation().getLeft());
        }
        return markup(resolved.getDocumentation().getRight());
    }

    static List<String> hover(Session s) throws Exception {
        Hover h;
        try {
            h = await(s.text().hover(new HoverParams(s.id(), s.cursor())));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (h == null || h.getContents() == null) {
            return List.of("(none)");
        }
        List<String> out = new ArrayList<>();
        out.addAll(h.getRange() == null ? List.of("(no range)") : marked(s.fixture.source(), List.of(h.getRange()), null));
        if (h.getContents().isRight()) {
            out.addAll(markup(h.getContents().getRight()));
        } else {
            out.add("(marked strings) " + h.getContents().getLeft());
        }
        return out;
    }

    /** The whole document's inlay hints, each line with its hints written in as {@code ⟨label⟩}. */
    static List<String> inlay(Session s) throws Exception {
        String source = s.fixture.source();
        String[] lines = source.split("\n", -1);
        Range all = new Range(new Position(0, 0), new Position(lines.length, 0));
        List<InlayHint> hints;
        try {
            hints = await(s.text().inlayHint(new InlayHintParams(s.id(), all)));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (hints == null || hints.isEmpty()) {
            return List.of("(none)");
        }
        java.util.TreeMap<Integer, List<InlayHint>> byLine = new java.util.TreeMap<>();
        for (InlayHint h : hints) {
            byLine.computeIfAbsent(h.getPosition().getLine(), k -> new ArrayList<>()).add(h);
        }
        List<String> out = new ArrayList<>();
        byLine.forEach((line, hs) -> {
            StringBuilder sb = new StringBuilder(lines[line]);
            hs.sort((a, b) -> Integer.compare(b.getPosition().getCharacter(), a.getPosition().getCharacter()));
            for (InlayHint h : hs) {
                sb.insert(h.getPosition().getCharacter(), "⟨" + h.getLabel().getLeft() + "⟩");
            }
            out.add((line + 1) + ": " + sb);
        });
        return out;
    }

    static List<String> definition(Session s) throws Exception {
        List<Location> ls;
        try {
            ls = definitionLocations(s);
        } catch (ResponseErrorException e) {
            return error(e);
        }
        List<String> out = new ArrayList<>();
        for (Location l : ls) {
            out.add(s.describe(l.getUri(), l.getRange()));
        }
        return none(out);
    }

    static List<Location> definitionLocations(Session s) throws Exception {
        Either<List<? extends Location>, List<? extends LocationLink>> r = await(
                s.text().definition(new DefinitionParams(s.id(), s.cursor())));
        List<Location> out = new ArrayList<>();
        if (r == null) {
            return out;
        }
        if (r.isLeft()) {
            out.addAll(r.getLeft());
        } else {
            for (LocationLink link : r.getRight()) {
                out.add(new Location(link.getTargetUri(), link.getTargetSelectionRange()));
            }
        }
        return out;
    }

    static List<String> references(Session s) throws Exception {
        List<? extends Location> ls;
        try {
            ls = await(s.text().references(new ReferenceParams(s.id(), s.cursor(), new ReferenceContext(true))));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (ls == null) {
            return List.of("(none)");
        }
        Map<String, List<Range>> byUri = new TreeMap<>();
        for (Location l : ls) {
            byUri.computeIfAbsent(l.getUri(), u -> new ArrayList<>()).add(l.getRange());
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Range>> e : byUri.entrySet()) {
            out.addAll(s.markedIn(e.getKey(), e.getValue()));
        }
        return none(out);
    }

    static List<String> highlights(Session s) throws Exception {
        List<? extends DocumentHighlight> hs;
        try {
            hs = await(s.text().documentHighlight(new DocumentHighlightParams(s.id(), s.cursor())));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (hs == null || hs.isEmpty()) {
            return List.of("(none)");
        }
        return marked(s.fixture.source(), hs.stream().map(DocumentHighlight::getRange).toList(), null);
    }

    static List<String> prepareRename(Session s) throws Exception {
        Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior> r;
        try {
            r = await(s.text().prepareRename(new PrepareRenameParams(s.id(), s.cursor())));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (r == null) {
            return List.of("(none)");
        }
        if (r.isFirst()) {
            return marked(s.fixture.source(), List.of(r.getFirst()), null);
        }
        if (r.isSecond()) {
            List<String> out = new ArrayList<>(marked(s.fixture.source(), List.of(r.getSecond().getRange()), null));
            out.add("placeholder: " + r.getSecond().getPlaceholder());
            return out;
        }
        return List.of("default behavior: " + r.getThird().isDefaultBehavior());
    }

    static List<String> rename(Session s, String newName) throws Exception {
        WorkspaceEdit edit;
        try {
            edit = await(s.text().rename(new RenameParams(s.id(), s.cursor(), newName)));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (edit == null) {
            return List.of("(none)");
        }
        Map<String, List<TextEdit>> byUri = new TreeMap<>();
        if (edit.getChanges() != null) {
            byUri.putAll(edit.getChanges());
        }
        if (edit.getDocumentChanges() != null) {
            for (var change : edit.getDocumentChanges()) {
                if (change.isLeft()) {
                    TextDocumentEdit te = change.getLeft();
                    List<TextEdit> into = byUri.computeIfAbsent(te.getTextDocument().getUri(), u -> new ArrayList<>());
                    for (var e : te.getEdits()) {
                        if (e.isRight()) {
                            return List.of("(snippet edit) " + e.getRight());
                        }
                        into.add(e.getLeft());
                    }
                } else {
                    return List.of("(resource operation) " + change.getRight());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<TextEdit>> e : byUri.entrySet()) {
            String before = s.textOf(e.getKey());
            if (before == null) {
                out.add("(unreadable) " + e.getKey());
                continue;
            }
            Applied a = apply(before, e.getValue());
            out.addAll(marked(a.text(), a.inserted(), s.label(e.getKey())));
        }
        return none(out);
    }

    static List<String> signature(Session s) throws Exception {
        SignatureHelp h;
        try {
            h = await(s.text().signatureHelp(new SignatureHelpParams(s.id(), s.cursor())));
        } catch (ResponseErrorException e) {
            return error(e);
        }
        if (h == null || h.getSignatures() == null || h.getSignatures().isEmpty()) {
            return List.of("(none)");
        }
        List<String> out = new ArrayList<>();
        for (int k = 0; k < h.getSignatures().size(); k++) {
            SignatureInformation sig = h.getSignatures().get(k);
            Integer active = sig.getActiveParameter() != null ? sig.getActiveParameter() : h.getActiveParameter();
            String label = sig.getLabel();
            int from = label.indexOf('(') + 1;
            StringBuilder sb = new StringBuilder();
            int copied = 0;
            List<ParameterInformation> params = sig.getParameters() == null ? List.of() : sig.getParameters();
            for (int i = 0; i < params.size(); i++) {
                Either<String, org.eclipse.lsp4j.jsonrpc.messages.Tuple.Two<Integer, Integer>> pl = params.get(i).getLabel();
                int start;
                int end;
                if (pl.isLeft()) {
                    start = label.indexOf(pl.getLeft(), from);
                    end = start + pl.getLeft().length();
                } else {
                    start = pl.getRight().getFirst();
                    end = pl.getRight().getSecond();
                }
                if (start < 0) {
                    return List.of("(parameter " + i + " '" + pl + "' is not in the label) " + label);
                }
                from = end;
                if (active != null && active == i) {
                    sb.append(label, copied, start).append('[').append(label, start, end).append(']');
                    copied = end;
                }
            }
            sb.append(label.substring(copied));
            String prefix = h.getSignatures().size() > 1 && h.getActiveSignature() != null && h.getActiveSignature() == k
                    ? "> " : "";
            out.add(prefix + sb);
            if (active != null && (active < 0 || active >= params.size()) && !params.isEmpty()) {
                out.add("(active parameter " + active + " of " + params.size() + ")");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // rendering

    private static List<String> none(List<String> lines) {
        return lines.isEmpty() ? List.of("(none)") : lines;
    }

    private static List<String> error(ResponseErrorException e) {
        ResponseError r = e.getResponseError();
        return List.of("error " + r.getCode() + ": " + r.getMessage());
    }

    private static List<String> markup(MarkupContent c) {
        String prefix = MarkupKind.MARKDOWN.equals(c.getKind()) ? "" : "(" + c.getKind() + ") ";
        return prefixed(prefix, c.getValue());
    }

    private static List<String> prefixed(String prefix, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!prefix.isEmpty()) {
            lines.set(0, prefix + lines.get(0));
        }
        return lines;
    }

    /**
     * Each line of {@code text} that holds a range, with every range in brackets: {@code 3: def [blink](pin):}
     * (1-based line numbers, after {@code label:} when given).
     */
    static List<String> marked(String text, List<Range> ranges, String label) {
        // per offset: the ends of ranges, then empty ranges, then the starts: "[a][b]", "[]x"
        TreeMap<Integer, int[]> marks = new TreeMap<>();
        for (Range r : ranges) {
            int start = offset(text, r.getStart());
            int end = offset(text, r.getEnd());
            if (start < 0 || end < start) {
                return List.of("(range outside the text) " + r);
            }
            if (start == end) {
                marks.computeIfAbsent(start, k -> new int[3])[1]++;
            } else {
                marks.computeIfAbsent(start, k -> new int[3])[2]++;
                marks.computeIfAbsent(end, k -> new int[3])[0]++;
            }
        }
        StringBuilder sb = new StringBuilder();
        java.util.Set<Integer> lines = new java.util.TreeSet<>();
        int line = 0;
        for (int i = 0; i <= text.length(); i++) {
            int[] m = marks.get(i);
            if (m != null) {
                sb.append("]".repeat(m[0])).append("[]".repeat(m[1])).append("[".repeat(m[2]));
                lines.add(line);
            }
            if (i < text.length()) {
                char c = text.charAt(i);
                sb.append(c);
                if (c == '\n') {
                    line++;
                }
            }
        }
        String[] all = sb.toString().split("\n", -1);
        List<String> out = new ArrayList<>();
        for (int l : lines) {
            out.add((label == null ? "" : label + ":") + (l + 1) + ": " + all[l].stripTrailing());
        }
        return out;
    }

    /** The offset of an LSP position (UTF-16 columns, as Java strings count), or -1 outside the text. */
    static int offset(String text, Position p) {
        int line = 0;
        int i = 0;
        while (line < p.getLine()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return -1;
            }
            i = nl + 1;
            line++;
        }
        int lineEnd = text.indexOf('\n', i);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        return i + p.getCharacter() <= lineEnd ? i + p.getCharacter() : -1;
    }

    static String textAt(String text, Range r) {
        int start = offset(text, r.getStart());
        int end = offset(text, r.getEnd());
        return start < 0 || end < start ? null : text.substring(start, end);
    }

    /** Text after edits, and where each edit's new text stands in it. */
    record Applied(String text, List<Range> inserted) {
    }

    static Applied apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(e -> offset(text, e.getRange().getStart())));
        StringBuilder sb = new StringBuilder();
        List<int[]> spans = new ArrayList<>();
        int copied = 0;
        for (TextEdit e : sorted) {
            int start = offset(text, e.getRange().getStart());
            int end = offset(text, e.getRange().getEnd());
            if (start < copied || end < start) {
                throw new AssertionError("overlapping or invalid edits: " + edits);
            }
            sb.append(text, copied, start);
            spans.add(new int[] {sb.length(), sb.length() + e.getNewText().length()});
            sb.append(e.getNewText());
            copied = end;
        }
        sb.append(text.substring(copied));
        String out = sb.toString();
        List<Range> ranges = spans.stream().map(s -> new Range(position(out, s[0]), position(out, s[1]))).toList();
        return new Applied(out, ranges);
    }

    static Position position(String text, int offset) {
        int line = 0;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new Position(line, offset - lineStart);
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ResponseErrorException r) {
                throw r;
            }
            throw e;
        }
    }

    private static String tail(String s) {
        return s.length() <= 4000 ? s : "..." + s.substring(s.length() - 4000);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // a fresh workspace and server per fixture

    /** A server with the fixture's workspace: {@code main.py} (the document, open) and the fixture's files. */
    static final class Session implements AutoCloseable {

        final EditorFixture fixture;
        final Path workspace;
        final EditorLspProcess lsp;
        final String uri;

        private Session(EditorFixture fixture, Path workspace, EditorLspProcess lsp, String uri) {
            this.fixture = fixture;
            this.workspace = workspace;
            this.lsp = lsp;
            this.uri = uri;
        }

        static Session open(EditorFixture f, Path workspace) throws Exception {
            for (Map.Entry<String, String> file : f.files().entrySet()) {
                Path p = workspace.resolve(file.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, file.getValue());
            }
            Path main = workspace.resolve("main.py");
            Files.writeString(main, f.source());
            JsonObject options = null;
            if (f.board() != null) {
                options = new JsonObject();
                options.addProperty("board", f.board());
            }
            EditorLspProcess lsp = EditorLspProcess.start();
            try {
                lsp.initialize(workspace, options, Duration.ofSeconds(60));
                String uri = main.toUri().toString();
                lsp.open(uri, f.source());
                return new Session(f, workspace, lsp, uri);
            } catch (Exception | Error e) {
                lsp.close();
                throw e;
            }
        }

        TextDocumentService text() {
            return lsp.server().getTextDocumentService();
        }

        TextDocumentIdentifier id() {
            return new TextDocumentIdentifier(uri);
        }

        Position cursor() {
            return position(fixture.source(), fixture.cursor());
        }

        /** How a URI is shown: a path relative to the workspace, {@code stub <board>/<module>.pyi}, or the URI. */
        String label(String u) {
            Path p = path(u);
            if (p == null) {
                return u;
            }
            if (p.startsWith(workspace)) {
                return workspace.relativize(p).toString();
            }
            Path stubs = stubFolder();
            if (p.startsWith(stubs)) {
                return "stub " + stubs.relativize(p);
            }
            return u;
        }

        /** The text of a URI: the document's (as opened), else the file's; null when unreadable. */
        String textOf(String u) {
            Path p = path(u);
            if (u.equals(uri) || p != null && p.equals(path(uri))) {
                return fixture.source();
            }
            try {
                return p != null && Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                return null;
            }
        }

        /** A location as {@code file:line: text} (the stubs without line numbers), the range in brackets. */
        String describe(String u, Range r) {
            String text = textOf(u);
            if (text == null) {
                return "(unreadable) " + u + " " + r;
            }
            List<String> lines = marked(text, List.of(r), null);
            if (lines.size() != 1) {
                return label(u) + ": (range over several lines) " + r;
            }
            String l = lines.get(0);
            String where = label(u);
            return where.startsWith("stub ") ? where + ":" + l.substring(l.indexOf(':') + 1) : where + ":" + l;
        }

        /** Lines holding ranges of one URI; prefixed with the file unless it is the document. */
        List<String> markedIn(String u, List<Range> ranges) {
            String text = textOf(u);
            if (text == null) {
                return List.of("(unreadable) " + u);
            }
            boolean document = u.equals(uri) || path(u) != null && path(u).equals(path(uri));
            return marked(text, ranges, document ? null : label(u));
        }

        private static Path path(String u) {
            try {
                URI parsed = URI.create(u);
                return "file".equals(parsed.getScheme()) ? Path.of(parsed).toAbsolutePath().normalize() : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static Path stubFolder() {
            return Path.of(System.getProperty("java.io.tmpdir"), "mprt-stubs-" + System.getProperty("user.name"))
                    .toAbsolutePath().normalize();
        }

        @Override
        public void close() {
            lsp.close();
        }
    }
}
