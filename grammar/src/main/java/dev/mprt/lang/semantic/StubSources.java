package dev.mprt.lang.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A board's API stubs, shipped as classpath resources by the board-stubs module:
 * {@code dev/mprt/stubs/<board>/<module>.pyi} (a package {@code a.b} as {@code a/b.pyi} or
 * {@code a/b/__init__.pyi}); the builtins module is {@code standard-builtins.pyi} (the board's builtin functions,
 * types and exceptions) followed by {@code __builtins__.pyi} (what MicroPython adds: {@code const}, the viper
 * types), and {@code board.json} lists the stubs.
 */
public final class StubSources implements ModuleSources {

    private static final Map<String, StubSources> BY_BOARD = new ConcurrentHashMap<>();
    private static final String MISSING = "\u0000";
    private static final java.util.regex.Pattern STUBS = java.util.regex.Pattern.compile("\"stubs\"\\s*:\\s*\\[([^\\]]*)\\]");
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"([^\"]+)\"");

    private final String board;
    private final Map<String, String> texts = new ConcurrentHashMap<>();
    private volatile List<String> names;

    private StubSources(String board) {
        this.board = board;
    }

    public static StubSources forBoard(String board) {
        return BY_BOARD.computeIfAbsent(board, StubSources::new);
    }

    @Override
    public Source find(String moduleName) {
        String text = texts.computeIfAbsent(moduleName, this::read);
        return text == MISSING ? null : new Source("mprt-stub:/" + board + "/" + moduleName.replace('.', '/') + ".pyi",
                text, true);
    }

    private String read(String moduleName) {
        String dir = "/dev/mprt/stubs/" + board + "/";
        if ("builtins".equals(moduleName)) {
            // the board's standard builtins, then MicroPython's additions (const, viper types); see the generator
            String standard = resource(dir + "standard-builtins.pyi");
            String additions = resource(dir + "__builtins__.pyi");
            if (standard == null || additions == null) {
                return additions == null ? MISSING : additions;
            }
            return standard + "\n" + additions;
        }
        String base = dir + moduleName.replace('.', '/');
        for (String path : List.of(base + ".pyi", base + "/__init__.pyi")) {
            String text = resource(path);
            if (text != null) {
                return text;
            }
        }
        return MISSING;
    }

    private static String resource(String path) {
        try (InputStream in = StubSources.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private volatile List<String> pins;
    private static final java.util.regex.Pattern PIN_GROUP = java.util.regex.Pattern.compile(
            "\"(board|cpu)\"\\s*:\\s*([\\{\\[])([^\\}\\]]*)[\\}\\]]");
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("\"([^\"]+)\"\\s*:");

    /** The "board" then "cpu" pin names of board.json's "pins" (the keys of a map, or the items of a list). */
    @Override
    public Collection<String> pinNames() {
        List<String> p = pins;
        if (p == null) {
            java.util.Set<String> out = new java.util.LinkedHashSet<>();
            String json = resource("/dev/mprt/stubs/" + board + "/board.json");
            int at = json == null ? -1 : json.indexOf("\"pins\"");
            if (at >= 0) {
                java.util.regex.Matcher g = PIN_GROUP.matcher(json);
                g.region(at, json.length());
                for (int groups = 0; groups < 2 && g.find(); groups++) {
                    java.util.regex.Matcher item = (g.group(2).equals("{") ? KEY : QUOTED).matcher(g.group(3));
                    while (item.find()) {
                        out.add(item.group(1));
                    }
                }
            }
            pins = p = List.copyOf(out);
        }
        return p;
    }

    @Override
    public Collection<String> names() {
        List<String> n = names;
        if (n == null) {
            n = new ArrayList<>();
            try (InputStream in = StubSources.class.getResourceAsStream("/dev/mprt/stubs/" + board + "/board.json")) {
                if (in != null) {
                    // the "stubs" array of board.json: a list of module names
                    java.util.regex.Matcher m = STUBS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    if (m.find()) {
                        java.util.regex.Matcher name = QUOTED.matcher(m.group(1));
                        while (name.find()) {
                            n.add(name.group(1));
                        }
                    }
                }
            } catch (IOException e) {
                // no list: completion offers no stub modules, resolution still works
            }
            names = List.copyOf(n);
        }
        return n;
    }
}
