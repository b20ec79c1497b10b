package dev.mprt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interrupt-handler lint through the language server, over real LSP messages: a bound method scheduled from a
 * hard handler is published with the registration as related information, its quick fix comes back from a
 * codeAction request, and the document edited with that fix is published clean. A handler in another workspace file
 * is followed too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LspIsrTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static final String BUTTON = """
            import micropython
            from machine import Pin

            micropython.alloc_emergency_exception_buf(100)


            class Button:
                def __init__(self):
                    self.presses = 0
                    Pin("X4").irq(handler=self.on_press, hard=True)

                def on_press(self, pin):
                    self.presses += 1
                    micropython.schedule(self.report, self.presses)

                def report(self, n):
                    print(n)


            button = Button()
            """;

    @TempDir
    Path workspace;

    private LspClientProcess lsp;

    @AfterEach
    void stopServer() {
        if (lsp != null) {
            lsp.close();
        }
    }

    @Test
    void scheduledBoundMethodIsReportedAndItsQuickFixPreBindsIt() throws Exception {
        lsp = LspClientProcess.start();
        lsp.initialize(workspace, null, Duration.ofSeconds(40));
        String uri = workspace.resolve("button.py").toUri().toString();
        lsp.open(uri, BUTTON);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();
        List<Diagnostic> isr = ds.stream().filter(d -> d.getCode().getLeft().startsWith("isr-")).toList();
        assertEquals(1, isr.size(), () -> "one isr diagnostic: " + ds);
        Diagnostic d = isr.get(0);
        assertEquals("isr-schedule-bound-method", d.getCode().getLeft());
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertEquals(LspProtocolTest.range(BUTTON, "micropython.schedule(", "self.report"), d.getRange());
        List<DiagnosticRelatedInformation> related = d.getRelatedInformation();
        assertEquals(1, related.size(), () -> "related: " + related);
        assertEquals(uri, related.get(0).getLocation().getUri());
        assertEquals(9, related.get(0).getLocation().getRange().getStart().getLine(), "the registration's line");
        assertEquals("handler registered as a hard IRQ (Pin.irq) at button.py:10", related.get(0).getMessage());

        CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), d.getRange(),
                new CodeActionContext(List.of(d)));
        List<Either<Command, CodeAction>> actions = lsp.server().getTextDocumentService().codeAction(params)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        CodeAction fix = actions.stream().filter(Either::isRight).map(Either::getRight)
                .filter(a -> a.getTitle().startsWith("Bind self.report once in __init__")).findFirst()
                .orElseThrow(() -> new AssertionError("no pre-bind quick fix among " + actions));
        assertEquals("quickfix", fix.getKind());
        List<TextEdit> edits = fix.getEdit().getChanges().get(uri);
        String fixed = apply(BUTTON, edits);
        assertEquals(BUTTON.replace("""
                        Pin("X4").irq(handler=self.on_press, hard=True)
                """, """
                        Pin("X4").irq(handler=self.on_press, hard=True)
                        self._report_ref = self.report
                """).replace("micropython.schedule(self.report,", "micropython.schedule(self._report_ref,"), fixed);

        int seen = lsp.diagnosticsCount(uri);
        lsp.change(uri, 2, new TextDocumentContentChangeEvent(fixed));
        List<Diagnostic> after = lsp.awaitDiagnostics(uri, seen, WAIT).getDiagnostics();
        assertTrue(after.stream().noneMatch(x -> x.getCode().getLeft().startsWith("isr-")),
                () -> "fixed, no isr diagnostic: " + after);
    }

    @Test
    void aHandlerImportedFromAnotherFileIsReportedAtItsRegistration() throws Exception {
        Files.writeString(workspace.resolve("drv.py"), "def on_tick(t):\n    return t * 0.5\n");
        lsp = LspClientProcess.start();
        lsp.initialize(workspace, null, Duration.ofSeconds(40));
        String text = """
                import micropython
                from machine import Timer
                from drv import on_tick

                micropython.alloc_emergency_exception_buf(100)
                Timer(-1, period=10, callback=on_tick)
                """;
        String uri = workspace.resolve("main.py").toUri().toString();
        lsp.open(uri, text);

        List<Diagnostic> ds = lsp.awaitDiagnostics(uri, 0, WAIT).getDiagnostics();
        assertEquals(1, ds.size(), () -> "diagnostics: " + ds);
        assertEquals("isr-alloc-call", ds.get(0).getCode().getLeft());
        assertEquals(LspProtocolTest.range(text, "callback=", "on_tick"), ds.get(0).getRange());
        assertTrue(ds.get(0).getMessage().getLeft().startsWith(
                "the handler on_tick() allocates: float arithmetic creates a new float object (drv.py:2)"),
                ds.get(0).getMessage().getLeft());
        DiagnosticRelatedInformation r = ds.get(0).getRelatedInformation().get(0);
        assertEquals(workspace.resolve("drv.py").toUri().toString(), r.getLocation().getUri());
        assertEquals(1, r.getLocation().getRange().getStart().getLine());
    }

    /** The text with LSP edits applied (non-overlapping, applied from the end). */
    private static String apply(String text, List<TextEdit> edits) {
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> offset(text, e.getRange().getStart())).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : sorted) {
            sb.replace(offset(text, e.getRange().getStart()), offset(text, e.getRange().getEnd()), e.getNewText());
        }
        return sb.toString();
    }

    private static int offset(String text, Position p) {
        int line = 0;
        int i = 0;
        while (line < p.getLine()) {
            i = text.indexOf('\n', i) + 1;
            line++;
        }
        return i + p.getCharacter();
    }
}
