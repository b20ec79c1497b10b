package dev.mprt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import dev.mprt.lang.analysis.Boards;

/** {@code mprt.json}: per-project settings, found at a checked folder or any folder above it. */
final class ProjectConfig {

    static final String FILE = "mprt.json";

    private ProjectConfig() {
    }

    /** The board named by the nearest mprt.json at or above {@code path}, or null when there is none. */
    static String boardFor(Path path) throws UsageException {
        Path dir = Files.isDirectory(path) ? path.toAbsolutePath() : path.toAbsolutePath().getParent();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path config = d.resolve(FILE);
            if (Files.isRegularFile(config)) {
                return read(config);
            }
        }
        return null;
    }

    static String read(Path config) throws UsageException {
        String text;
        try {
            text = Files.readString(config, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException(config + ": cannot read the file");
        }
        JsonElement json;
        try {
            json = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new UsageException(config + ": not valid JSON; expected an object such as {\"board\": \"rp2-pico\"}");
        }
        if (!json.isJsonObject()) {
            throw new UsageException(config + ": expected a JSON object such as {\"board\": \"rp2-pico\"}");
        }
        JsonObject o = json.getAsJsonObject();
        if (!o.has("board")) {
            return null;
        }
        JsonElement b = o.get("board");
        if (!b.isJsonPrimitive() || !b.getAsJsonPrimitive().isString()) {
            throw new UsageException(config + ": \"board\" must be a string, one of " + String.join(", ", Boards.IDS));
        }
        String board = b.getAsString();
        if (!Boards.isKnown(board)) {
            throw new UsageException(config + ": unknown board '" + board + "' (known: " + String.join(", ", Boards.IDS)
                    + ")");
        }
        return board;
    }
}
