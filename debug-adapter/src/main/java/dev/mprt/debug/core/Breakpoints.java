package dev.mprt.debug.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mprt.debug.transport.DeviceException;
import dev.mprt.debug.transport.Protocol;

/**
 * The session's breakpoints and their ids on the device: line breakpoints per file (verified against the lines that
 * have code, moved or rejected with a reason; conditions, hit conditions and log messages) and function breakpoints.
 */
public final class Breakpoints {

    /** A line breakpoint as the user asked for it (1-based line; the rest may be null). */
    public record LineRequest(int line, String condition, String hitCondition, String logMessage) {
    }

    private record Entry(int id, String file, LineRequest request, int line, String message, int deviceId) {
    }

    private static final Pattern HIT = Pattern.compile("\\s*(==|>=|>)?\\s*(\\d+)\\s*");
    private static final Pattern FIELD = Pattern.compile("\\{([^{}]*)\\}");

    private final Map<String, List<Entry>> byFile = new LinkedHashMap<>();
    private final Map<Integer, Entry> byDevice = new HashMap<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, ProgramSource> sources = new HashMap<>();
    private List<String> functions = List.of();
    private int nextId = 1;

    List<BreakpointState> setLines(String file, ProgramSource src, List<LineRequest> requests, Requester device)
            throws IOException {
        device.request("CLEAR_BREAKPOINTS", file);
        List<Entry> old = byFile.remove(file);
        if (old != null) {
            old.forEach(e -> byDevice.remove(e.deviceId()));
        }
        if (src != null) {
            sources.put(file, src);
        }
        List<Entry> entries = new ArrayList<>();
        List<BreakpointState> out = new ArrayList<>();
        for (LineRequest r : requests) {
            Entry e = add(file, src, r, device);
            entries.add(e);
            out.add(state(e));
        }
        byFile.put(file, entries);
        return out;
    }

    /** Sets the breakpoints again after the device forgot them (a soft reset). */
    void reapply(Requester device) throws IOException {
        byDevice.clear();
        for (Map.Entry<String, List<Entry>> f : byFile.entrySet()) {
            List<Entry> again = new ArrayList<>();
            for (Entry e : f.getValue()) {
                again.add(add(f.getKey(), sources.get(f.getKey()), e.request(), device));
            }
            f.setValue(again);
        }
    }

    List<BreakpointState> setFunctions(List<String> names, Collection<ProgramSource> known) {
        functions = List.copyOf(names);
        List<BreakpointState> out = new ArrayList<>();
        for (String n : names) {
            int id = ids.computeIfAbsent("function:" + n, k -> nextId++);
            String where = null;
            int line = -1;
            for (ProgramSource s : known) {
                List<Integer> lines = s.definitionLines(n);
                if (!lines.isEmpty()) {
                    where = s.name();
                    line = lines.get(0);
                    break;
                }
            }
            out.add(new BreakpointState(id, true, where, line, where == null
                    ? "no function '" + n + "' in the uploaded files; it stops if one of that name is called" : null));
        }
        return out;
    }

    List<String> functionNames() {
        return functions;
    }

    /** The session id of a device breakpoint id, or null. */
    Integer sessionId(int deviceId) {
        Entry e = byDevice.get(deviceId);
        return e == null ? null : e.id();
    }

    String fileOf(int deviceId) {
        Entry e = byDevice.get(deviceId);
        return e == null ? null : e.file();
    }

    String logMessage(int deviceId) {
        Entry e = byDevice.get(deviceId);
        return e == null ? null : e.request().logMessage();
    }

    /** A log message with {name} fields replaced by the captured values ({{ and }} are braces). */
    static String format(String template, Map<String, String> values) {
        String t = template.replace("{{", "\u0001").replace("}}", "\u0002");
        Matcher m = FIELD.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String key = m.group(1).strip();
            String v = values.get(key);
            m.appendReplacement(sb, Matcher.quoteReplacement(v != null ? v : "{" + key + ": not captured}"));
        }
        m.appendTail(sb);
        return sb.toString().replace('\u0001', '{').replace('\u0002', '}');
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    private Entry add(String file, ProgramSource src, LineRequest r, Requester device) throws IOException {
        int id = ids.computeIfAbsent(file + ":" + r.line(), k -> nextId++);
        ProgramSource.LineResolution where = src != null ? src.resolve(r.line())
                : new ProgramSource.LineResolution(r.line(), null);
        if (!where.verified()) {
            return new Entry(id, file, r, -1, where.message(), -1);
        }
        int hits = 0;
        int flags = 0;
        if (r.hitCondition() != null && !r.hitCondition().isBlank()) {
            Matcher m = HIT.matcher(r.hitCondition());
            if (!m.matches()) {
                return new Entry(id, file, r, -1, "hit condition '" + r.hitCondition()
                        + "' not understood: use N (from the N-th hit on), >=N, >N or ==N (only the N-th)", -1);
            }
            hits = Integer.parseInt(m.group(2));
            if (">".equals(m.group(1))) {
                hits++;
            } else if ("==".equals(m.group(1))) {
                flags |= Protocol.constant(Protocol.BREAKPOINT_FLAGS, "HIT_EQUAL");
            }
            if (hits > 0xffff) {
                return new Entry(id, file, r, -1, "hit count too large (at most 65535)", -1);
            }
        }
        if (r.logMessage() != null && !r.logMessage().isEmpty()) {
            flags |= Protocol.constant(Protocol.BREAKPOINT_FLAGS, "LOG");
        }
        String condition = r.condition() == null ? "" : r.condition().strip();
        String names = !condition.isEmpty() && src != null ? src.slotsAtLine(where.line()).lambdaNames() : "";
        try {
            int deviceId = device.request("ADD_BREAKPOINT", file, where.line(), hits, flags, names, condition)
                    .integer("id");
            Entry e = new Entry(id, file, r, where.line(), where.message(), deviceId);
            byDevice.put(deviceId, e);
            return e;
        } catch (DeviceException e) {
            String why = switch (e.code()) {
                case "FULL" -> "the device holds no more breakpoints here (at most 4 per function, 8 functions)";
                case "EXCEPTION" -> "the condition does not compile: " + e.getMessage().replaceFirst("^[A-Z_]+: ", "");
                default -> e.getMessage();
            };
            return new Entry(id, file, r, -1, why, -1);
        }
    }

    private static BreakpointState state(Entry e) {
        return new BreakpointState(e.id(), e.line() > 0, e.file(), e.line() > 0 ? e.line() : e.request().line(),
                e.message());
    }
}
