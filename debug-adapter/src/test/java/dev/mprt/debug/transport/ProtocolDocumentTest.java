package dev.mprt.debug.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md is the single source of truth of the debug protocol: every table in it must match the firmware's
 * {@code mprt_debug_proto.h} and the Java {@link Protocol} class, row for row.
 */
class ProtocolDocumentTest {

    static Path root() {
        String r = System.getProperty("mprt.root");
        return r != null && !r.isBlank() ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
    }

    /** The rows (cells, backticks removed) of the table under "### heading" in the document. */
    static List<List<String>> docTable(String doc, String heading) {
        int at = doc.indexOf("\n### " + heading + "\n");
        if (at < 0) {
            throw new AssertionError("docs/protocol.md has no section '### " + heading + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : doc.substring(at + heading.length() + 6).split("\n")) {
            if (line.startsWith("|")) {
                inTable = true;
                List<String> cells = new ArrayList<>();
                String[] parts = line.split("\\|", -1);
                for (int i = 1; i < parts.length - 1; i++) {
                    cells.add(parts[i].strip().replace("`", ""));
                }
                if (!cells.get(0).startsWith("---") && !List.of("code", "tag", "value", "name").contains(cells.get(0))) {
                    rows.add(cells);
                }
            } else if (inTable || line.startsWith("### ") || line.startsWith("## ")) {
                break;
            }
        }
        return rows;
    }

    /** The X(...) rows of one table macro of the C header, as lists of cells (quotes removed). */
    static List<List<String>> cTable(String header, String macro) {
        int at = header.indexOf("#define " + macro + "(X)");
        if (at < 0) {
            throw new AssertionError("mprt_debug_proto.h has no " + macro);
        }
        List<List<String>> rows = new ArrayList<>();
        Pattern row = Pattern.compile("^\\s*X\\((.*)\\)\\s*\\\\?\\s*$");
        for (String line : header.substring(at).split("\n")) {
            if (line.startsWith("#define") && !line.contains(macro)) {
                break;
            }
            Matcher m = row.matcher(line);
            if (m.matches()) {
                List<String> cells = new ArrayList<>();
                Matcher c = Pattern.compile("\"([^\"]*)\"|([^,\\s][^,]*)").matcher(m.group(1));
                while (c.find()) {
                    cells.add(c.group(1) != null ? c.group(1) : c.group(2).strip());
                }
                rows.add(cells);
            }
            if (!line.strip().endsWith("\\") && rows.size() > 0) {
                break;
            }
        }
        return rows;
    }

    static int num(String s) {
        return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s);
    }

    static String doc() throws IOException {
        return Files.readString(root().resolve("docs/protocol.md"));
    }

    static String header() throws IOException {
        return Files.readString(root().resolve("vm-firmware/modules/mprt_debug/mprt_debug_proto.h"));
    }

    @Test
    void requestsAgree() throws IOException {
        List<String> fromDoc = docTable(doc(), "Requests").stream()
                .map(r -> num(r.get(0)) + " " + r.get(1) + " [" + r.get(2) + "] [" + r.get(3) + "]").toList();
        List<String> fromC = cTable(header(), "MPRT_DEBUG_MESSAGES").stream()
                .map(r -> num(r.get(0)) + " " + r.get(1) + " [" + (r.size() > 2 ? r.get(2) : "") + "] ["
                        + (r.size() > 3 ? r.get(3) : "") + "]").toList();
        List<String> fromJava = Protocol.MESSAGES.stream()
                .map(m -> m.code() + " " + m.name() + " [" + m.request() + "] [" + m.reply() + "]").toList();
        assertFalse(fromDoc.isEmpty());
        assertEquals(fromDoc, fromJava, "docs/protocol.md and Protocol.MESSAGES");
        assertEquals(fromDoc, fromC, "docs/protocol.md and mprt_debug_proto.h");
        // Every layout parses.
        Protocol.MESSAGES.forEach(m -> {
            m.requestLayout();
            m.replyLayout();
        });
    }

    private static void assertSpecs(String heading, String macro, List<Protocol.Spec> java) throws IOException {
        List<String> fromDoc = docTable(doc(), heading).stream()
                .map(r -> num(r.get(0)) + " " + r.get(1) + " [" + r.get(2) + "]").toList();
        List<String> fromC = cTable(header(), macro).stream()
                .map(r -> num(r.get(0)) + " " + r.get(1) + " [" + (r.size() > 2 ? r.get(2) : "") + "]").toList();
        List<String> fromJava = java.stream().map(s -> s.code() + " " + s.name() + " [" + s.layout() + "]").toList();
        assertFalse(fromDoc.isEmpty());
        assertEquals(fromDoc, fromJava, "docs/protocol.md and Protocol, " + heading);
        assertEquals(fromDoc, fromC, "docs/protocol.md and mprt_debug_proto.h, " + heading);
    }

    private static void assertConstants(String heading, String macro, List<Protocol.Constant> java)
            throws IOException {
        List<String> fromDoc = docTable(doc(), heading).stream().map(r -> num(r.get(0)) + " " + r.get(1)).toList();
        List<String> fromC = cTable(header(), macro).stream().map(r -> num(r.get(0)) + " " + r.get(1)).toList();
        List<String> fromJava = java.stream().map(c -> c.value() + " " + c.name()).toList();
        assertFalse(fromDoc.isEmpty());
        assertEquals(fromDoc, fromJava, "docs/protocol.md and Protocol, " + heading);
        assertEquals(fromDoc, fromC, "docs/protocol.md and mprt_debug_proto.h, " + heading);
    }

    @Test
    void repliesEventsAndValuesAgree() throws IOException {
        assertSpecs("Replies", "MPRT_DEBUG_REPLIES", Protocol.REPLIES);
        assertSpecs("Events", "MPRT_DEBUG_EVENTS", Protocol.EVENTS);
        assertSpecs("Values", "MPRT_DEBUG_VALUES", Protocol.VALUES);
        Protocol.EVENTS.forEach(e -> Layout.parse(e.layout()));
        Protocol.VALUES.forEach(v -> Layout.parse(v.layout()));
    }

    @Test
    void enumerationsAgree() throws IOException {
        assertConstants("Error codes", "MPRT_DEBUG_ERRORS", Protocol.ERRORS);
        assertConstants("Stop reasons", "MPRT_DEBUG_STOP_REASONS", Protocol.STOP_REASONS);
        assertConstants("Step kinds", "MPRT_DEBUG_STEP_KINDS", Protocol.STEP_KINDS);
        assertConstants("Breakpoint flags", "MPRT_DEBUG_BREAKPOINT_FLAGS", Protocol.BREAKPOINT_FLAGS);
        assertConstants("Exception filter flags", "MPRT_DEBUG_EXCEPTION_FLAGS", Protocol.EXCEPTION_FLAGS);
        assertConstants("Capabilities", "MPRT_DEBUG_CAPABILITIES", Protocol.CAPABILITIES);
    }

    @Test
    void framingConstantsAgree() throws IOException {
        Map<String, Integer> fromDoc = new LinkedHashMap<>();
        for (List<String> r : docTable(doc(), "Constants")) {
            fromDoc.put(r.get(0), num(r.get(1)));
        }
        Map<String, Integer> fromC = new LinkedHashMap<>();
        Map<String, Integer> fromJava = new LinkedHashMap<>();
        Map<String, String> cNames = Map.of("VERSION", "MPRT_DEBUG_PROTOCOL_VERSION");
        String h = header();
        for (String name : fromDoc.keySet()) {
            String cName = cNames.getOrDefault(name, "MPRT_DEBUG_" + name);
            Matcher m = Pattern.compile("#define " + cName + " \\((0x[0-9a-f]+|\\d+)\\)").matcher(h);
            if (m.find()) {
                fromC.put(name, num(m.group(1)));
            }
            try {
                fromJava.put(name, Protocol.class.getField(name).getInt(null));
            } catch (ReflectiveOperationException e) {
                // missing: the comparison below reports it
            }
        }
        assertEquals(fromDoc, fromJava, "docs/protocol.md and Protocol constants");
        assertEquals(fromDoc, fromC, "docs/protocol.md and mprt_debug_proto.h constants");
    }
}
