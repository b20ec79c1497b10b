package dev.mprt.debug.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mprt.debug.transport.DeviceException;
import dev.mprt.debug.transport.Message;
import dev.mprt.debug.transport.Value;

/** The variable containers of a stopped program: a frame's locals and globals, and objects on the device. */
final class Variables {

    private static final Set<String> INDEXED = Set.of("list", "tuple", "bytearray", "bytes", "set", "frozenset");

    private Variables() {
    }

    /** A value as a variable, expandable when it is an object with children. */
    static VariableInfo variable(Requester device, String name, Value v) {
        String type = switch (v.kind()) {
            case "OBJECT" -> (String) v.fields().get("type");
            case "TYPED" -> (String) v.fields().get("type");
            case "INT" -> "int";
            case "STR" -> "str";
            case "FLOAT" -> "float";
            case "TRUE", "FALSE" -> "bool";
            case "NONE" -> "NoneType";
            default -> "";
        };
        int count = v.kind().equals("OBJECT") ? ((Number) v.fields().get("count")).intValue() : 0;
        VariableContainer children = count > 0 && v.ref() != 0 ? new DeviceObject(device, v.ref(), type) : null;
        return new VariableInfo(name, v.display(), type, children, count);
    }

    static boolean indexed(String type) {
        return INDEXED.contains(type);
    }

    /** The named local slots of frame {@code frame}, in slot order (unbound ones left out). */
    static final class Locals implements VariableContainer {
        private final Requester device;
        private final int frame;
        private final SlotLayout layout;

        Locals(Requester device, int frame, SlotLayout layout) {
            this.device = device;
            this.frame = frame;
            this.layout = layout;
        }

        @Override
        public List<VariableInfo> children(int start, int count) throws IOException {
            List<VariableInfo> out = new ArrayList<>();
            int slot = 0;
            while (slot < layout.size()) {
                Message m = device.request("LOCALS", frame, slot, Math.min(255, layout.size() - slot));
                List<Map<String, Object>> slots = m.list("slots");
                if (slots.isEmpty()) {
                    break;
                }
                for (Map<String, Object> s : slots) {
                    int i = ((Number) s.get("slot")).intValue();
                    Value v = (Value) s.get("value");
                    String name = layout.name(i);
                    if (name != null && !name.isEmpty() && !v.kind().equals("UNBOUND")) {
                        out.add(variable(device, name, v));
                    }
                    slot = i + 1;
                }
                if (slot >= m.integer("total")) {
                    break;
                }
            }
            return page(out, start, count);
        }

        @Override
        public VariableInfo set(String name, String expression) throws IOException {
            int slot = layout.names().indexOf(name);
            if (slot < 0) {
                throw new DebugException("no local named " + name);
            }
            Message m = guard(() -> device.request("SET_LOCAL", frame, slot, layout.lambdaNames(), expression));
            return variable(device, name, m.value("value"));
        }
    }

    /** The globals of the module of frame {@code frame}. */
    static final class Globals implements VariableContainer {
        private final Requester device;
        private final int frame;
        private final SlotLayout layout;

        Globals(Requester device, int frame, SlotLayout layout) {
            this.device = device;
            this.frame = frame;
            this.layout = layout;
        }

        @Override
        public List<VariableInfo> children(int start, int count) throws IOException {
            List<VariableInfo> out = new ArrayList<>();
            int at = 0;
            int total = Integer.MAX_VALUE;
            while (at < total) {
                Message m = device.request("GLOBALS", frame, at, 255);
                total = m.integer("total");
                List<Map<String, Object>> vars = m.list("vars");
                if (vars.isEmpty()) {
                    break;
                }
                for (Map<String, Object> g : vars) {
                    String name = (String) g.get("name");
                    if (!name.startsWith("__")) {
                        out.add(variable(device, name, (Value) g.get("value")));
                    }
                }
                at += vars.size();
            }
            out.sort((a, b) -> a.name().compareTo(b.name()));
            return page(out, start, count);
        }

        @Override
        public VariableInfo set(String name, String expression) throws IOException {
            Message m = guard(() -> device.request("SET_GLOBAL", frame, name, layout.lambdaNames(), expression));
            return variable(device, name, m.value("value"));
        }
    }

    /** The children of an object (items of a list, entries of a dict, attributes of an instance), paged. */
    static final class DeviceObject implements VariableContainer {
        private final Requester device;
        private final long ref;
        private final String type;

        DeviceObject(Requester device, long ref, String type) {
            this.device = device;
            this.ref = ref;
            this.type = type;
        }

        @Override
        public List<VariableInfo> children(int start, int count) throws IOException {
            List<VariableInfo> out = new ArrayList<>();
            int at = start;
            int want = count > 0 ? count : Integer.MAX_VALUE;
            while (out.size() < want) {
                int from = at;
                Message page = guard(() -> device.request("INSPECT", ref, from, Math.min(255, want - out.size())));
                List<Map<String, Object>> items = page.list("items");
                for (Map<String, Object> item : items) {
                    Value key = (Value) item.get("key");
                    String name = key.kind().equals("STR") ? (String) key.fields().get("text") : key.display();
                    if (indexed(type)) {
                        name = "[" + name + "]";
                    }
                    out.add(variable(device, name, (Value) item.get("value")));
                }
                at += items.size();
                if (items.isEmpty() || at >= page.integer("total")) {
                    break;
                }
            }
            return out;
        }
    }

    interface Call {
        Message run() throws IOException;
    }

    /** Device errors become messages for the user (the exception's text for EXCEPTION). */
    static Message guard(Call call) throws IOException {
        try {
            return call.run();
        } catch (DeviceException e) {
            String msg = e.getMessage();
            int colon = msg.indexOf(": ");
            throw new DebugException(colon > 0 ? msg.substring(colon + 2) : msg, e);
        }
    }

    static List<VariableInfo> page(List<VariableInfo> all, int start, int count) {
        int from = Math.min(Math.max(0, start), all.size());
        int to = count > 0 ? Math.min(all.size(), from + count) : all.size();
        return all.subList(from, to);
    }
}
