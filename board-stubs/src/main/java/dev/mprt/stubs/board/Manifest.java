package dev.mprt.stubs.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a frozen-code manifest ({@code manifest.py}): {@code include}, {@code freeze}, {@code module},
 * {@code package} and {@code require} calls. Frozen modules become importable on the board.
 */
public final class Manifest {

    /** module name → its source file in the tree (a package maps to its {@code __init__.py}) */
    public final Map<String, Path> modules = new LinkedHashMap<>();
    /** micropython-lib packages (not in Debian's source tree) */
    public final Set<String> required = new LinkedHashSet<>();

    private static final Pattern CALL = Pattern.compile(
            "^(include|freeze|module|package|require)\\s*\\((.*)\\)\\s*$");
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"|'([^']*)'");
    private static final Pattern BASE_PATH = Pattern.compile("base_path\\s*=\\s*[\"']([^\"']*)[\"']");

    private final Path root;
    private final Map<String, String> vars;

    public Manifest(Path root, Map<String, String> vars) {
        this.root = root;
        this.vars = vars;
    }

    public void read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            file = file.resolve("manifest.py");
        }
        if (!Files.isRegularFile(file)) {
            return;
        }
        Path dir = file.getParent();
        List<String> logical = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String s = l.replaceAll("#.*$", "");
            if (s.isBlank() && depth == 0) {
                continue;
            }
            cur.append(s.strip()).append(' ');
            for (char c : s.toCharArray()) {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
            if (depth <= 0) {
                logical.add(cur.toString().strip());
                cur.setLength(0);
                depth = 0;
            }
        }
        for (String call : logical) {
            Matcher m = CALL.matcher(call);
            if (!m.matches()) {
                continue;
            }
            List<String> args = new ArrayList<>();
            Matcher s = STRING.matcher(m.group(2));
            while (s.find()) {
                args.add(s.group(1) != null ? s.group(1) : s.group(2));
            }
            if (args.isEmpty()) {
                continue;
            }
            Matcher bp = BASE_PATH.matcher(m.group(2));
            Path base = bp.find() ? resolve(dir, bp.group(1)) : dir;
            switch (m.group(1)) {
                case "include" -> read(resolve(dir, args.get(0)));
                case "require" -> required.add(args.get(0));
                case "freeze" -> {
                    Path d = resolve(dir, args.get(0));
                    List<String> files = args.size() > 1 ? args.subList(1, args.size()) : null;
                    if (Files.isDirectory(d)) {
                        try (Stream<Path> st = Files.list(d)) {
                            for (Path f : st.sorted().toList()) {
                                String n = f.getFileName().toString();
                                if (n.endsWith(".py") && (files == null || files.contains(n))) {
                                    modules.put(n.substring(0, n.length() - 3), f);
                                }
                            }
                        }
                    }
                }
                case "module" -> {
                    String n = args.get(0);
                    modules.put(n.replaceAll("\\.py$", "").replace('/', '.'), base.resolve(n));
                }
                case "package" -> {
                    String n = args.get(0);
                    modules.put(n.replace('/', '.'), base.resolve(n).resolve("__init__.py"));
                }
                default -> {
                }
            }
        }
    }

    private Path resolve(Path dir, String p) {
        String s = p;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            s = s.replace("$(" + v.getKey() + ")", v.getValue());
        }
        Path path = Path.of(s);
        return (path.isAbsolute() ? path : dir.resolve(s)).normalize();
    }

    public Path root() {
        return root;
    }
}
