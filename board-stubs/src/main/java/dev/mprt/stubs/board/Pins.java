package dev.mprt.stubs.board;

import dev.mprt.stubs.csrc.ExprEval;
import dev.mprt.stubs.csrc.MacroEnv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A board's pin names, from the sources the port's own pin generator reads ({@code tools/boardgen.py}):
 * <ul>
 * <li>{@code pins csv <file> [strip-prefix P]} — a {@code pins.csv} ({@code board,cpu} rows; a leading "-" hides
 * a name; stm32 drops the "P" of "PA0" for {@code Pin.cpu.A0});</li>
 * <li>{@code pins cpu <prefix> <first> <last>} — cpu pins the generator predefines (rp2: GPIO0..GPIO29);</li>
 * <li>{@code pins macro <prefix> <first> <last>} — numeric pins enabled by {@code <prefix>n} macros (esp32);</li>
 * <li>{@code pins table <file>} — the numeric ids of a C pin table (esp8266);</li>
 * <li>{@code pins names <name>...} — names the firmware defines itself (mprt's qemu board).</li>
 * </ul>
 */
public final class Pins {

    /** Pin.board names → cpu name (or the name itself) */
    public final Map<String, String> board = new LinkedHashMap<>();
    /** Pin.cpu names */
    public final List<String> cpu = new ArrayList<>();
    /** integer ids accepted by Pin(id) */
    public final List<Integer> numeric = new ArrayList<>();
    public final List<String> sources = new ArrayList<>();

    public static Pins read(List<String> specs, Path root, Path portDir, MacroEnv env) throws IOException {
        Pins p = new Pins();
        for (String spec : specs) {
            String[] w = spec.split("\\s+");
            switch (w[0]) {
                case "csv" -> {
                    Path f = portDir.resolve(w[1]);
                    String strip = w.length > 3 && w[2].equals("strip-prefix") ? w[3] : "";
                    p.sources.add(root.relativize(f).toString());
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        String l = line.strip();
                        if (l.isEmpty() || l.startsWith("#")) {
                            continue;
                        }
                        String[] cols = l.split(",", -1);
                        String b = cols[0].strip();
                        String c = cols.length > 1 ? cols[1].strip() : "";
                        boolean cpuHidden = c.startsWith("-");
                        String cpuName = cpuHidden ? c.substring(1) : c;
                        if (!strip.isEmpty() && cpuName.startsWith(strip)) {
                            cpuName = cpuName.substring(strip.length());
                        }
                        if (!b.isEmpty() && !b.startsWith("-")) {
                            p.board.put(b, cpuName);
                        }
                        if (!cpuHidden && !cpuName.isEmpty() && !p.cpu.contains(cpuName)) {
                            p.cpu.add(cpuName);
                        }
                    }
                }
                case "af-csv" -> {
                    // pins af-csv <file> <header-rows> <pin-column> [strip-prefix P]: every pin of the MCU's
                    // alternate-function table is a cpu pin (tools/boardgen.py parse_af_csv creates them)
                    Path f = portDir.resolve(w[1]);
                    int headerRows = Integer.parseInt(w[2]);
                    int col = Integer.parseInt(w[3]);
                    String strip = w.length > 5 && w[4].equals("strip-prefix") ? w[5] : "";
                    p.sources.add(root.relativize(f).toString());
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (line.isBlank() || line.startsWith("#")) {
                            continue;
                        }
                        if (headerRows > 0) {
                            headerRows--;
                            continue;
                        }
                        String[] cols = line.split(",", -1);
                        if (cols.length <= col || cols[col].strip().equals("-") || cols[col].isBlank()) {
                            continue;
                        }
                        String cpuName = cols[col].strip();
                        if (!strip.isEmpty() && cpuName.startsWith(strip)) {
                            cpuName = cpuName.substring(strip.length());
                        }
                        if (!p.cpu.contains(cpuName)) {
                            p.cpu.add(cpuName);
                        }
                    }
                }
                case "cpu" -> {
                    int first = Integer.parseInt(w[2]);
                    int last = Integer.parseInt(w[3]);
                    for (int i = first; i <= last; i++) {
                        if (!p.cpu.contains(w[1] + i)) {
                            p.cpu.add(w[1] + i);
                        }
                        if (!p.numeric.contains(i)) {
                            p.numeric.add(i);
                        }
                    }
                }
                case "macro" -> {
                    int first = Integer.parseInt(w[2]);
                    int last = Integer.parseInt(w[3]);
                    p.sources.add("macros " + w[1] + "<n>");
                    for (int i = first; i <= last; i++) {
                        if (ExprEval.eval("defined(" + w[1] + i + ") && " + w[1] + i, env) != 0) {
                            p.numeric.add(i);
                            p.cpu.add("GPIO" + i);
                        }
                    }
                }
                case "table" -> {
                    Path f = root.resolve(w[1]);
                    p.sources.add(w[1]);
                    Matcher m = Pattern.compile("\\{\\s*\\{\\s*&\\s*\\w+\\s*\\}\\s*,\\s*(\\d+)\\s*,")
                            .matcher(Files.readString(f, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        int id = Integer.parseInt(m.group(1));
                        if (!p.numeric.contains(id)) {
                            p.numeric.add(id);
                        }
                    }
                }
                case "names" -> {
                    for (int i = 1; i < w.length; i++) {
                        p.board.put(w[i], w[i]);
                    }
                }
                default -> throw new IllegalArgumentException("unknown pins source: " + spec);
            }
        }
        return p;
    }
}
