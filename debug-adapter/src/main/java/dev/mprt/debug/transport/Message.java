package dev.mprt.debug.transport;

import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

/** A decoded reply or event: its name (the request's name for an OK reply), sequence number and fields. */
public record Message(String name, int seq, Map<String, Object> fields) {

    public int integer(String field) {
        return ((Number) fields.get(field)).intValue();
    }

    public long unsigned(String field) {
        return ((Number) fields.get(field)).longValue();
    }

    public String string(String field) {
        return (String) fields.get(field);
    }

    public Value value(String field) {
        return (Value) fields.get(field);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> list(String field) {
        return (List<Map<String, Object>>) fields.get(field);
    }

    @Override
    public String toString() {
        return name + "#" + seq + " " + new GsonBuilder().disableHtmlEscaping().create().toJson(fields);
    }
}
