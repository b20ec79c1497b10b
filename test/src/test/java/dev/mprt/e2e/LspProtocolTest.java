package dev.mprt.e2e;

import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeAction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SelectionRange;
import org.eclipse.lsp4j.SelectionRangeParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

/**
 * The language server as an editor sees it: {@code ./mprt lsp} in its own process, real LSP messages on its
 * stdin/stdout (see {@link LspClientProcess}). Positions in the assertions are found in the fixture text, so each
 * expectation reads as "this construct, at this place".
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LspProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern STACK_TRACE = Pattern.compile("(?m)^\\s+at \\S+\\(|Exception in thread|^Caused by: ");

    @TempDir
    Path workspace;

    private LspClientProcess lsp;

    @AfterEach
    void stopServer() {
        if (lsp != null) {
            lsp.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // initialize

    @Test
    void initializeAdvertisesTheEditorFeatures() throws Exception {
        InitializeResult result = start(null);
        ServerCapabilities caps = result.getCapabilities();

        Either<TextDocumentSyncKind, TextDocumentSyncOptions> sync = caps.getTextDocumentSync();
        assertNotNull(sync, "textDocumentSync");
        TextDocumentSyncKind kind = sync.isLeft() ? sync.getLeft() : sync.getRight().getChange();
        assertEquals(TextDocumentSyncKind.Incremental, kind, "text sync kind");
        if (sync.isRight()) {
            assertEquals(Boolean.TRUE, sync.getRight().getOpenClose(), "openClose");
        }
        assertTrue(isOn(caps.getDocumentSymbolProvider()), "documentSymbolProvider");
        assertTrue(isOn(caps.getFoldingRangeProvider()), "foldingRangeProvider");
        assertTrue(isOn(caps.getSelectionRangeProvider()), "selectionRangeProvider");

        SemanticTokensWithRegistrationOptions tokens = caps.getSemanticTokensProvider();
        assertNotNull(tokens, "semanticTokensProvider");
        assertTrue(isOn(tokens.getFull()), "semantic tokens: full document");
        SemanticTokensLegend legend = tokens.getLegend();
        assertNotNull(legend, "semantic tokens legend");
        for (String type : List.of("keyword", "function", "method", "class", "parameter", "variable", "property",
                "comment", "string", "number", "decorator")) {
            assertTrue(legend.getTokenTypes().contains(type), "legend token type " + type + ": " + legend);
        }
        for (String modifier : List.of("declaration", "readonly", "async")) {
            assertTrue(legend.getTokenModifiers().contains(modifier), "legend modifier " + modifier + ": " + legend);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // diagnostics: didOpen, didChange (full and incremental)

    @Test
    void didOpenPublishesMicroPythonsErrorsWithZeroBasedRanges() throws Exception {
        start(null);
        String text = """
                def f(:
                    pass
                return 1
                """;
        String uri = open("errors.py", text);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();

        assertEquals(2, ds.size(), () -> "diagnostics: " + ds);
        assertDiagnostic(ds.get(0), "syntax-invalid", "invalid syntax", range(text, "def f(", ":"));
        assertDiagnostic(ds.get(1), "syntax-return-outside-function", "'return' outside function",
                range(text, "", "return 1"));
    }

    @Test
    void diagnosticPositionsCountUtf16CodeUnits() throws Exception {
        start(null);
        String text = "label = \"\uD83D\uDE00\u00e9\" ; y = = 2\n"; // an emoji is two UTF-16 code units
        String uri = open("unicode.py", text);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();

        assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
        assertDiagnostic(ds.get(0), "syntax-invalid", "invalid syntax", range(text, "y = ", "="));
        assertEquals(20, ds.get(0).getRange().getStart().getCharacter(), "UTF-16 column of the second '='");
    }

    @Test
    void indentationErrorsUseMicroPythonsMessage() throws Exception {
        start(null);
        String text = "x = 1\n    y = 2\n";
        String uri = open("indent.py", text);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();

        assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
        assertEquals("syntax-unexpected-indent", ds.get(0).getCode().getLeft());
        assertEquals("IndentationError: unexpected indent", ds.get(0).getMessage().getLeft());
        assertEquals(1, ds.get(0).getRange().getStart().getLine(), () -> "on the indented line: " + ds);
    }

    @Test
    void fullTextChangesFixAndBreakTheDocument() throws Exception {
        start(null);
        String uri = open("full.py", "def f(:\n    pass\n");
        assertEquals(List.of("syntax-invalid"), codes(lsp.awaitDiagnostics(uri, 0, WAIT)));

        int seen = lsp.diagnosticsCount(uri);
        lsp.change(uri, 2, new TextDocumentContentChangeEvent("def f():\n    pass\n"));
        lsp.awaitDiagnostics(uri, seen, p -> p.getDiagnostics().isEmpty(), WAIT);

        seen = lsp.diagnosticsCount(uri);
        String broken = "def f():\n    pass\nbreak\n";
        lsp.change(uri, 3, new TextDocumentContentChangeEvent(broken));
        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, seen, p -> !p.getDiagnostics().isEmpty(), WAIT)
                .getDiagnostics();
        assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
        assertDiagnostic(ds.get(0), "syntax-outside-loop", "'break'/'continue' outside loop",
                range(broken, "", "break"));
    }

    @Test
    void incrementalChangesAreAppliedAtTheirRanges() throws Exception {
        start(null);
        String uri = open("incremental.py", "def f(:\n    pass\n");
        assertEquals(List.of("syntax-invalid"), codes(lsp.awaitDiagnostics(uri, 0, WAIT)));

        // insert the missing ')': def f():
        int seen = lsp.diagnosticsCount(uri);
        lsp.change(uri, 2, insert(0, 6, ")"));
        lsp.awaitDiagnostics(uri, seen, p -> p.getDiagnostics().isEmpty(), WAIT);

        // two edits in one notification, the second in the coordinates left by the first:
        // "import time" above, then "return 1" at the (new) line 3
        seen = lsp.diagnosticsCount(uri);
        lsp.change(uri, 3, insert(0, 0, "import time\n"), insert(3, 0, "return 1\n"));
        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, seen, p -> !p.getDiagnostics().isEmpty(), WAIT)
                .getDiagnostics();
        String expectedText = "import time\ndef f():\n    pass\nreturn 1\n";
        assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
        assertDiagnostic(ds.get(0), "syntax-return-outside-function", "'return' outside function",
                range(expectedText, "", "return 1"));

        // replace "return 1" by "x = 1": clean again
        seen = lsp.diagnosticsCount(uri);
        lsp.change(uri, 4, new TextDocumentContentChangeEvent(new Range(new Position(3, 0), new Position(3, 8)),
                "x = 1"));
        lsp.awaitDiagnostics(uri, seen, p -> p.getDiagnostics().isEmpty(), WAIT);

        // and the server's text is what the client has: the outline sees f and x
        List<DocumentSymbol> symbols = documentSymbols(uri);
        assertEquals(List.of("f", "x"), symbols.stream().map(DocumentSymbol::getName).toList());
        assertEquals(new Position(3, 0), symbols.get(1).getSelectionRange().getStart());
    }

    /**
     * Typing in a large module: the server re-parses and re-checks only what an edit touches when that gives the
     * same findings (StatementReparser, IncrementalAnalysis). After each keystroke the published diagnostics must
     * be those of a whole analysis of the same text (what {@code mprt check} runs), including the interrupt
     * handler's findings, which depend on a registration in another statement.
     */
    @Test
    void typingPublishesWhatAWholeCheckOfTheTextFinds() throws Exception {
        start(null);
        StringBuilder sb = new StringBuilder("from machine import Timer\n\nCOUNT = 0\n\n\ndef handler(t):\n"
                + "    global COUNT\n    COUNT += 1\n    values = 0\n\n\ndef helper(a):\n    return a + 1\n");
        for (int i = 0; i < 40; i++) {
            sb.append("\n\ndef filler").append(i).append("(x):\n    y = x * ").append(i).append("\n    return y\n");
        }
        sb.append("\n\ntim = Timer(0)\ntim.init(period=10, callback=handler)\nprint(undefined_name)\n");
        String text = sb.toString();
        String uri = open("typing.py", text);
        lsp.awaitDiagnostics(uri, 0, WAIT);
        List<String[]> steps = new ArrayList<>();
        String typed = "0";
        for (String next : List.of("[", "[1", "[1,", "[1, ", "[1, 2", "[1, 2.", "[1, 2.5", "[1, 2.5]")) {
            steps.add(new String[] { "    values = " + typed + "\n", "    values = " + next + "\n" });
            typed = next;
        }
        steps.add(new String[] { "return a + 1", "return a + 10" });
        steps.add(new String[] { "    y = x * 7\n", "    y = x * 7  # seven\n" });
        steps.add(new String[] { "    values = [1, 2.5]\n", "    values = 1\n" });
        boolean sawHandlerFinding = false;
        int version = 2;
        for (String[] step : steps) {
            String before = step[0];
            int at = text.indexOf(before);
            assertTrue(at >= 0, "step text not found: " + before);
            String next = text.substring(0, at) + step[1] + text.substring(at + before.length());
            int seen = lsp.diagnosticsCount(uri);
            Position p = position(text, at);
            lsp.change(uri, version++, new TextDocumentContentChangeEvent(new Range(p, position(text, at + before.length())),
                    step[1]));
            List<Diagnostic> got = lsp.awaitDiagnostics(uri, seen, WAIT).getDiagnostics();
            List<String> expected = checkWithTheCommandLine(next);
            List<String> published = new ArrayList<>();
            for (Diagnostic d : got) {
                published.add(d.getCode().getLeft() + " " + d.getRange().getStart().getLine() + ":"
                        + d.getRange().getStart().getCharacter() + " " + d.getMessage().getLeft());
            }
            assertEquals(expected, published, "after typing '" + step[1] + "'");
            sawHandlerFinding |= published.stream().anyMatch(d -> d.startsWith("isr-alloc-"));
            text = next;
        }
        // the handler's allocations were found while typing (the registration is in another statement)
        assertTrue(sawHandlerFinding, "no isr-alloc-* finding while typing a list into the hard handler");
    }

    @Test
    void aBrokenStatementDoesNotHideTheOtherErrorsNorTheOutline() throws Exception {
        start(null);
        String text = fixture("broken.py");
        String uri = open("broken.py", text);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();

        assertEquals(List.of(
                "syntax-invalid invalid syntax " + show(range(text, "total = ", "=")),
                "syntax-invalid invalid syntax " + show(range(text, "def broken(", ":")),
                "syntax-return-outside-function 'return' outside function " + show(range(text, "\n", "return 5")),
                "syntax-outside-loop 'break'/'continue' outside loop " + show(range(text, "\n", "break"))),
                ds.stream().map(d -> d.getCode().getLeft() + " " + d.getMessage().getLeft() + " "
                        + show(d.getRange())).toList());

        List<DocumentSymbol> symbols = documentSymbols(uri);
        assertEquals(List.of("RATE:Constant", "total:Variable", "broken:Function", "Sensor:Class", "helper:Function"),
                symbols.stream().map(s -> s.getName() + ":" + s.getKind()).toList());
        DocumentSymbol sensor = symbols.get(3);
        assertEquals(List.of("read:Method"), sensor.getChildren().stream().map(s -> s.getName() + ":" + s.getKind())
                .toList());
        assertEquals(range(text, "class ", "Sensor"), sensor.getSelectionRange());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // outline, folding, selection, highlighting

    @Test
    void documentSymbolsNestMethodsInClassesAndMarkConstants() throws Exception {
        start(null);
        String text = fixture("outline.py");
        String uri = open("outline.py", text);
        lsp.awaitDiagnostics(uri, 0, p -> p.getDiagnostics().isEmpty(), WAIT);

        List<DocumentSymbol> symbols = documentSymbols(uri);

        assertEquals(List.of("RATE:Constant", "name:Variable", "Sensor:Class", "helper:Function"),
                symbols.stream().map(s -> s.getName() + ":" + s.getKind()).toList());
        DocumentSymbol sensor = symbols.get(2);
        assertEquals(List.of("LIMIT:Constant", "__init__:Method", "read:Method"),
                sensor.getChildren().stream().map(s -> s.getName() + ":" + s.getKind()).toList());
        assertEquals(SymbolKind.Function, symbols.get(3).getKind());
        assertTrue(symbols.get(3).getChildren() == null || symbols.get(3).getChildren().isEmpty(),
                "a function's locals are not outline members");

        // selection ranges are the names; ranges cover the whole definition and contain the selection range
        assertEquals(range(text, "", "RATE"), symbols.get(0).getSelectionRange());
        assertEquals(range(text, "class ", "Sensor"), sensor.getSelectionRange());
        DocumentSymbol read = sensor.getChildren().get(2);
        assertEquals(range(text, "def ", "read"), read.getSelectionRange());
        assertEquals(new Range(position(text, "    def read", 4), position(text, "1 * 2", 5)), read.getRange());
        assertEquals(new Range(position(text, "class Sensor", 0), position(text, "1 * 2", 5)), sensor.getRange());
        assertEquals(range(text, "def ", "helper"), symbols.get(3).getSelectionRange());
        for (DocumentSymbol s : flatten(symbols)) {
            assertTrue(contains(s.getRange(), s.getSelectionRange()), () -> s.getName() + ": range " + show(
                    s.getRange()) + " must contain selection range " + show(s.getSelectionRange()));
        }
        for (DocumentSymbol child : sensor.getChildren()) {
            assertTrue(contains(sensor.getRange(), child.getRange()), () -> "Sensor contains " + child.getName());
        }
    }

    @Test
    void foldingRangesCoverDefinitionBodies() throws Exception {
        start(null);
        String text = fixture("outline.py");
        String uri = open("outline.py", text);
        lsp.awaitDiagnostics(uri, 0, WAIT);

        List<FoldingRange> folds = lsp.server().getTextDocumentService()
                .foldingRange(new FoldingRangeRequestParams(id(uri))).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        List<String> lines = folds.stream().map(f -> f.getStartLine() + "-" + f.getEndLine()).toList();
        int classLine = position(text, "class Sensor", 0).getLine();
        int initLine = position(text, "def __init__", 0).getLine();
        int readLine = position(text, "def read", 0).getLine();
        int helperLine = position(text, "def helper", 0).getLine();
        int last = position(text, "return x", 0).getLine();
        assertTrue(lines.contains(helperLine + "-" + last), () -> "helper's body folds: " + lines);
        assertTrue(lines.contains(initLine + "-" + (initLine + 1)), () -> "__init__'s body folds: " + lines);
        assertTrue(lines.contains(readLine + "-" + (readLine + 1)), () -> "read's body folds: " + lines);
        assertTrue(lines.contains(classLine + "-" + (readLine + 1)), () -> "the class body folds: " + lines);
        for (FoldingRange f : folds) {
            assertTrue(f.getEndLine() > f.getStartLine(), () -> "a fold spans lines: " + lines);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // quick fixes and workspace-aware checks

    @Test
    void aViperErrorOffersItsQuickFixAsACodeAction() throws Exception {
        InitializeResult init = start(null);
        assertNotNull(init.getCapabilities().getCodeActionProvider(), "codeActionProvider");
        String text = """
                import micropython

                @micropython.viper
                def checksum(buf) -> int:
                    p = ptr8(buf)
                    s = 0
                    for i in range(len(buf)):
                        s += p[i]
                    return s
                """;
        String uri = open("fix.py", text);
        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();
        assertEquals(List.of("viper-binary-op-types"), ds.stream().map(d -> d.getCode().getLeft()).toList());
        Range at = range(text, "range(", "len(buf)");
        assertEquals(at, ds.get(0).getRange(), "the finding is on the object bound");

        CodeActionParams params = new CodeActionParams(id(uri), new Range(at.getStart(), at.getStart()),
                new CodeActionContext(ds));
        List<Either<Command, CodeAction>> actions = lsp.server().getTextDocumentService().codeAction(params)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(1, actions.size(), () -> "actions: " + actions);
        CodeAction action = actions.get(0).getRight();
        assertEquals(CodeActionKind.QuickFix, action.getKind());
        assertEquals("Cast the range bound: int(len(buf))", action.getTitle());
        assertEquals("viper-binary-op-types", action.getDiagnostics().get(0).getCode().getLeft());
        List<TextEdit> edits = action.getEdit().getChanges().get(uri);
        assertEquals(List.of(new TextEdit(new Range(at.getStart(), at.getStart()), "int("),
                new TextEdit(new Range(at.getEnd(), at.getEnd()), ")")), edits);

        // applied, the error is gone; elsewhere in the file no action is offered
        String fixed = text.replace("range(len(buf))", "range(int(len(buf)))");
        int seen = lsp.diagnosticsCount(uri);
        lsp.change(uri, 2, new TextDocumentContentChangeEvent(fixed));
        lsp.awaitDiagnostics(uri, seen, p -> p.getDiagnostics().isEmpty(), WAIT);
        Position elsewhere = position(fixed, "return s", 0);
        List<Either<Command, CodeAction>> none = lsp.server().getTextDocumentService()
                .codeAction(new CodeActionParams(id(uri), new Range(elsewhere, elsewhere),
                        new CodeActionContext(List.of())))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(), none);
    }

    @Test
    void checksResolveTheWorkspacesOwnModules() throws Exception {
        Files.writeString(workspace.resolve("leds.py"), """
                from machine import Pin

                def blink(pin):
                    pin.toggle()
                """);
        start(null);
        String text = """
                import leds
                from leds import blink

                blink(None)
                leds.blink(None)
                leds.flash(None)
                """;
        String uri = open("main.py", text);
        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();
        assertEquals(List.of("semantic-unknown-attribute"), ds.stream().map(d -> d.getCode().getLeft()).toList(),
                () -> "only the missing function is reported: " + ds);
        assertEquals(range(text, "\n", "leds.flash"), ds.get(0).getRange());
        assertEquals("'module' object has no attribute 'flash'", ds.get(0).getMessage().getLeft());
    }

    @Test
    void editingAnImportedModuleRechecksItsOpenImporters() throws Exception {
        String leds = """
                def blink(pin):
                    pin.toggle()
                """;
        Files.writeString(workspace.resolve("leds.py"), leds);
        start(null);
        String ledsUri = open("leds.py", leds);
        String main = "import leds\n\nleds.blink(None)\nleds.flash(None)\n";
        String mainUri = open("main.py", main);
        List<Diagnostic> before = lsp.awaitDiagnostics(mainUri, 0, p -> !p.getDiagnostics().isEmpty(), WAIT)
                .getDiagnostics();
        assertEquals(List.of("semantic-unknown-attribute"), before.stream().map(d -> d.getCode().getLeft()).toList());

        // the open (unsaved) text of leds.py now defines flash: main.py is checked again against it
        int seen = lsp.diagnosticsCount(mainUri);
        lsp.change(ledsUri, 2, new TextDocumentContentChangeEvent(leds + "\n\ndef flash(pin):\n    pin.on()\n"));
        lsp.awaitDiagnostics(mainUri, seen, p -> p.getDiagnostics().isEmpty(), WAIT);
    }

    @Test
    void completionRightAfterAnEditReadsTheNewText() throws Exception {
        start(null);
        String text = "def blink_led(pin):\n    pass\n\n\ndef blast():\n    pass\n\nb\n";
        String uri = open("typing.py", text);
        lsp.awaitDiagnostics(uri, 0, WAIT);
        Position end = position(text, "\nb\n", 2);
        List<String> first = labels(uri, end);
        assertTrue(first.containsAll(List.of("blink_led", "blast")), () -> "completions of 'b': " + first);

        // type "li" and ask at once, without waiting for the document's new diagnostics
        int version = 2;
        for (String typed : List.of("l", "i")) {
            lsp.change(uri, version++, insert(end.getLine(), end.getCharacter(), typed));
            end = new Position(end.getLine(), end.getCharacter() + 1);
        }
        List<String> now = labels(uri, end);
        assertTrue(now.contains("blink_led"), () -> "completions of 'bli': " + now);
        assertFalse(now.contains("blast"), () -> "'blast' does not match 'bli': " + now);
    }

    @Test
    void hoverRightAfterAnEditIsOnTheShiftedText() throws Exception {
        start(null);
        String text = "# sensor\nlimit = 10\n\n\ndef over(v):\n    return v > limit\n";
        String uri = open("shift.py", text);
        lsp.awaitDiagnostics(uri, 0, WAIT);
        Position at = position(text, "v > limit", 5);
        Hover before = lsp.server().getTextDocumentService().hover(new HoverParams(id(uri), at))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(range(text, "v > ", "limit"), before.getRange());

        // a line inserted above, and a character inserted on the hovered line before the name: hover at once
        lsp.change(uri, 2, insert(0, 0, "import time\n"));
        lsp.change(uri, 3, insert(6, 11, " "));
        String now = "import time\n# sensor\nlimit = 10\n\n\ndef over(v):\n    return  v > limit\n";
        Hover after = lsp.server().getTextDocumentService()
                .hover(new HoverParams(id(uri), position(now, "v > limit", 5)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(range(now, "v > ", "limit"), after.getRange());
        assertEquals(before.getContents().getRight().getValue(), after.getContents().getRight().getValue());
    }

    private List<String> labels(String uri, Position p) throws Exception {
        Either<List<CompletionItem>, CompletionList> r = lsp.server().getTextDocumentService()
                .completion(new CompletionParams(id(uri), p)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<CompletionItem> items = r.isLeft() ? r.getLeft() : r.getRight().getItems();
        return items.stream().map(CompletionItem::getLabel).toList();
    }

    @Test
    void selectionRangesGrowOutwardFollowingTheSyntax() throws Exception {
        start(null);
        String text = fixture("outline.py");
        String uri = open("outline.py", text);
        lsp.awaitDiagnostics(uri, 0, WAIT);
        Position cursor = position(text, "1 * 2", 4); // on the 2

        List<SelectionRange> result = lsp.server().getTextDocumentService()
                .selectionRange(new SelectionRangeParams(id(uri), List.of(cursor)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(1, result.size());
        List<Range> chain = new ArrayList<>();
        for (SelectionRange r = result.get(0); r != null; r = r.getParent()) {
            chain.add(r.getRange());
        }
        assertEquals(range(text, "1 * ", "2"), chain.get(0), "innermost: the token under the cursor");
        assertTrue(chain.contains(range(text, "self.value + ", "1 * 2")), () -> "the product: " + show(chain));
        assertTrue(chain.contains(range(text, "return ", "self.value + 1 * 2")), () -> "the sum: " + show(chain));
        assertTrue(chain.contains(new Range(position(text, "    def read", 4), position(text, "1 * 2", 5))),
                () -> "the method: " + show(chain));
        assertTrue(chain.contains(new Range(position(text, "class Sensor", 0), position(text, "1 * 2", 5))),
                () -> "the class: " + show(chain));
        assertEquals(new Position(0, 0), chain.get(chain.size() - 1).getStart(), "outermost: the whole file");
        for (int i = 1; i < chain.size(); i++) {
            Range inner = chain.get(i - 1);
            Range outer = chain.get(i);
            assertTrue(contains(outer, inner) && !outer.equals(inner),
                    "each range strictly contains the one before: " + show(chain));
        }
    }

    @Test
    void semanticTokensClassifyKeywordsDeclarationsAndLiterals() throws Exception {
        InitializeResult init = start(null);
        SemanticTokensLegend legend = init.getCapabilities().getSemanticTokensProvider().getLegend();
        String text = fixture("highlight.py");
        String uri = open("highlight.py", text);
        lsp.awaitDiagnostics(uri, 0, WAIT);

        SemanticTokens tokens = lsp.server().getTextDocumentService()
                .semanticTokensFull(new SemanticTokensParams(id(uri))).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertFalse(tokens.getData().isEmpty(), "token data");
        assertEquals(0, tokens.getData().size() % 5, "five integers per token");
        List<Token> decoded = decode(tokens.getData(), legend);
        assertToken(decoded, text, "def", "def blink", "keyword");
        assertToken(decoded, text, "blink", "def blink", "function", "declaration");
        assertToken(decoded, text, "count", "blink(count", "parameter", "declaration");
        assertToken(decoded, text, "return", "return count", "keyword");
        assertToken(decoded, text, "1", "+ 1", "number");
        assertToken(decoded, text, "class", "class Led", "keyword");
        assertToken(decoded, text, "Led", "class Led", "class", "declaration");
        assertToken(decoded, text, "\"off\"", "\"off\"", "string");
        assertToken(decoded, text, "# Blink the LED", "# Blink the LED", "comment");
        assertToken(decoded, text, "import", "import micropython", "keyword");
        assertToken(decoded, text, "native", "@micropython.native", "decorator");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the board: initialization option, mprt.json, didChangeConfiguration

    @Test
    void boardComesFromTheInitializationOption() throws Exception {
        JsonObject options = new JsonObject();
        options.addProperty("board", "unix");
        start(options);
        String uri = open("args.py", starCallAt(40));

        assertEquals(List.of(), codes(lsp.awaitDiagnostics(uri, 0, WAIT)), "63-bit small ints on unix");
    }

    @Test
    void boardComesFromMprtJsonAtTheWorkspaceRoot() throws Exception {
        Files.writeString(workspace.resolve("mprt.json"), "{\"board\": \"unix\"}\n");
        start(null);
        String uri = open("args.py", starCallAt(40));

        assertEquals(List.of(), codes(lsp.awaitDiagnostics(uri, 0, WAIT)), "63-bit small ints on unix");
    }

    @Test
    void defaultBoardHas31BitSmallInts() throws Exception {
        start(null);
        String text = starCallAt(40);
        String uri = open("args.py", text);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();
        assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
        assertDiagnostic(ds.get(0), "syntax-too-many-args", "too many args", range(text, "39, ", "*rest"));
    }

    /**
     * Changing the board re-checks the open documents: a new publishDiagnostics arrives for each, computed for
     * the new board. One document is also on disk with the same text (so only the board differs), the other one
     * exists only in the editor (an unsaved buffer).
     */
    @Test
    void boardChangeRepublishesDiagnosticsOfOpenDocuments() throws Exception {
        start(null);
        String text = starCallAt(40);
        Files.writeString(workspace.resolve("saved.py"), text);
        String saved = open("saved.py", text);
        String unsaved = open("unsaved.py", text);
        for (String uri : List.of(saved, unsaved)) {
            lsp.awaitDiagnostics(uri, 0, p -> codes(p).equals(List.of("syntax-too-many-args")), WAIT);
        }

        int seenSaved = lsp.diagnosticsCount(saved);
        int seenUnsaved = lsp.diagnosticsCount(unsaved);
        changeBoard("unix");
        assertEquals(List.of(), codes(awaitRepublication(saved, seenSaved)), "saved.py re-checked for unix");
        assertEquals(List.of(), codes(awaitRepublication(unsaved, seenUnsaved)), "unsaved.py re-checked for unix");

        seenSaved = lsp.diagnosticsCount(saved);
        seenUnsaved = lsp.diagnosticsCount(unsaved);
        changeBoard("rp2-pico");
        assertEquals(List.of("syntax-too-many-args"), codes(awaitRepublication(saved, seenSaved)),
                "saved.py re-checked for rp2-pico (31-bit small ints)");
        assertEquals(List.of("syntax-too-many-args"), codes(awaitRepublication(unsaved, seenUnsaved)),
                "unsaved.py re-checked for rp2-pico (31-bit small ints)");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // shutdown, exit

    @Test
    void shutdownThenExitEndsTheProcessWithStatusZero() throws Exception {
        start(null);
        String uri = open("a.py", "x = 1\n");
        lsp.awaitDiagnostics(uri, 0, WAIT);

        // LSP: "result: null" (Xtext's own implementation answers {})
        assertNull(lsp.server().shutdown().get(WAIT.toSeconds(), TimeUnit.SECONDS), "shutdown's result is null");
        assertTrue(lsp.process().isAlive(), "shutdown alone does not end the process");
        lsp.server().exit();

        Integer status = lsp.awaitExit(Duration.ofSeconds(5));
        assertNotNull(status, "the server process ends within 5 s of exit (stdin still open)");
        assertEquals(0, status, "exit status after shutdown + exit");
        String stderr = lsp.stderrAfterExit(Duration.ofSeconds(5));
        assertFalse(STACK_TRACE.matcher(stderr).find(), () -> "no stack trace on stderr:\n" + stderr);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    private InitializeResult start(Object initializationOptions) throws Exception {
        lsp = LspClientProcess.start();
        return lsp.initialize(workspace, initializationOptions, Duration.ofSeconds(40));
    }

    private String open(String name, String text) {
        String uri = workspace.resolve(name).toUri().toString();
        lsp.open(uri, text);
        return uri;
    }

    private void changeBoard(String board) {
        JsonObject mprt = new JsonObject();
        mprt.addProperty("board", board);
        JsonObject settings = new JsonObject();
        settings.add("mprt", mprt);
        lsp.server().getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(settings));
    }

    private PublishDiagnosticsParams awaitRepublication(String uri, int seen) throws Exception {
        try {
            return lsp.awaitDiagnostics(uri, seen, WAIT);
        } catch (java.util.concurrent.TimeoutException e) {
            fail("no publishDiagnostics for " + uri.substring(uri.lastIndexOf('/') + 1) + " within " + WAIT
                    + " of the board change; before it: "
                    + lsp.diagnosticsFor(uri).stream().map(LspProtocolTest::codes).toList());
            return null;
        }
    }

    private List<DocumentSymbol> documentSymbols(String uri) throws Exception {
        List<Either<org.eclipse.lsp4j.SymbolInformation, DocumentSymbol>> result = lsp.server()
                .getTextDocumentService().documentSymbol(new DocumentSymbolParams(id(uri)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        List<DocumentSymbol> out = new ArrayList<>();
        for (Either<org.eclipse.lsp4j.SymbolInformation, DocumentSymbol> e : result) {
            assertTrue(e.isRight(), "hierarchical symbols for a client that supports them: " + e);
            out.add(e.getRight());
        }
        return out;
    }

    private static List<DocumentSymbol> flatten(List<DocumentSymbol> symbols) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (DocumentSymbol s : symbols) {
            out.add(s);
            if (s.getChildren() != null) {
                out.addAll(flatten(s.getChildren()));
            }
        }
        return out;
    }

    /** {@code f(0, 1, ..., n-1, *rest)}: a call whose {@code *} argument stands at position {@code n}. */
    static String starCallAt(int n) {
        StringBuilder call = new StringBuilder("def f(*a):\n    pass\n\n\nrest = ()\nf(");
        for (int i = 0; i < n; i++) {
            call.append(i).append(", ");
        }
        return call.append("*rest)\n").toString();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = LspProtocolTest.class.getResourceAsStream("/e2e/" + name)) {
            assertNotNull(in, "fixture e2e/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static TextDocumentIdentifier id(String uri) {
        return new TextDocumentIdentifier(uri);
    }

    /** What {@code ./mprt check --format json} reports for {@code text}, as "code line:column message" (0-based). */
    private static List<String> checkWithTheCommandLine(String text) throws Exception {
        Path dir = Files.createTempDirectory("mprt-typing");
        Path file = dir.resolve("typing.py");
        Files.writeString(file, text);
        Process p = new ProcessBuilder(LspClientProcess.repoRoot().resolve("mprt").toString(), "check", "--format",
                "json", file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        List<String> out = new ArrayList<>();
        for (var e : com.google.gson.JsonParser.parseString(json).getAsJsonArray()) {
            var o = e.getAsJsonObject();
            out.add(o.get("code").getAsString() + " " + (o.get("line").getAsInt() - 1) + ":"
                    + (o.get("column").getAsInt() - 1) + " " + o.get("message").getAsString());
        }
        return out;
    }

    private static Position position(String text, int offset) {
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

    private static TextDocumentContentChangeEvent insert(int line, int character, String text) {
        Position p = new Position(line, character);
        return new TextDocumentContentChangeEvent(new Range(p, p), text);
    }

    /** The position of {@code context}'s first occurrence in {@code text}, plus {@code delta} characters. */
    static Position position(String text, String context, int delta) {
        int at = text.indexOf(context);
        assertTrue(at >= 0, () -> "fixture has no " + context);
        return positionOf(text, at + delta);
    }

    /** The range of {@code target} where it first follows {@code before} in {@code text}. */
    static Range range(String text, String before, String target) {
        int at = text.indexOf(before + target);
        assertTrue(at >= 0, () -> "fixture has no " + before + target);
        int start = at + before.length();
        return new Range(positionOf(text, start), positionOf(text, start + target.length()));
    }

    private static Position positionOf(String text, int offset) {
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

    private static boolean before(Position a, Position b) {
        return a.getLine() < b.getLine() || a.getLine() == b.getLine() && a.getCharacter() <= b.getCharacter();
    }

    private static boolean contains(Range outer, Range inner) {
        return before(outer.getStart(), inner.getStart()) && before(inner.getEnd(), outer.getEnd());
    }

    private static String show(Range r) {
        return r.getStart().getLine() + ":" + r.getStart().getCharacter() + "-" + r.getEnd().getLine() + ":"
                + r.getEnd().getCharacter();
    }

    private static String show(List<Range> ranges) {
        return ranges.stream().map(LspProtocolTest::show).collect(Collectors.joining(" < "));
    }

    private static List<String> codes(PublishDiagnosticsParams p) {
        return p.getDiagnostics().stream().map(d -> d.getCode() == null ? "?" : d.getCode().getLeft()).toList();
    }

    private static void assertDiagnostic(Diagnostic d, String code, String message, Range range) {
        assertEquals(code, d.getCode().getLeft(), "code");
        assertEquals(message, d.getMessage().getLeft(), "message");
        assertEquals(DiagnosticSeverity.Error, d.getSeverity(), "severity");
        assertEquals(show(range), show(d.getRange()), "range of " + code);
    }

    private static boolean isOn(Either<Boolean, ?> capability) {
        return capability != null && (capability.isRight() || Boolean.TRUE.equals(capability.getLeft()));
    }

    /** One decoded semantic token: absolute position, length, type name and modifier names. */
    private record Token(int line, int character, int length, String type, List<String> modifiers) {
    }

    private static List<Token> decode(List<Integer> data, SemanticTokensLegend legend) {
        List<Token> out = new ArrayList<>();
        int line = 0;
        int character = 0;
        for (int i = 0; i + 4 < data.size(); i += 5) {
            int deltaLine = data.get(i);
            line += deltaLine;
            character = deltaLine == 0 ? character + data.get(i + 1) : data.get(i + 1);
            List<String> modifiers = new ArrayList<>();
            int bits = data.get(i + 4);
            for (int b = 0; b < legend.getTokenModifiers().size(); b++) {
                if ((bits & (1 << b)) != 0) {
                    modifiers.add(legend.getTokenModifiers().get(b));
                }
            }
            out.add(new Token(line, character, data.get(i + 2), legend.getTokenTypes().get(data.get(i + 3)),
                    modifiers));
        }
        return out;
    }

    /** The token for {@code word} (found at its first occurrence within {@code context}) has this classification. */
    private static void assertToken(List<Token> tokens, String text, String word, String context, String type,
            String... modifiers) {
        int at = text.indexOf(context);
        assertTrue(at >= 0, () -> "fixture has no " + context);
        Position p = positionOf(text, at + context.indexOf(word));
        Token t = tokens.stream().filter(k -> k.line() == p.getLine() && k.character() == p.getCharacter())
                .findFirst().orElse(null);
        assertNotNull(t, () -> "a token at " + p.getLine() + ":" + p.getCharacter() + " (" + word + "): " + tokens);
        assertEquals(word.length(), t.length(), () -> "length of " + word);
        assertEquals(type, t.type(), () -> "type of " + word);
        assertEquals(List.of(modifiers), t.modifiers(), () -> "modifiers of " + word);
    }
}
