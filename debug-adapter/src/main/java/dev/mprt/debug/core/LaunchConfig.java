package dev.mprt.debug.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The arguments of a launch or attach, read from the client's JSON object (a map), checked, with an error that names
 * the bad argument. See docs/debugging.md.
 *
 * @param program   the entry file (launch); null for attach
 * @param root      the folder device names are relative to (default: the program's folder)
 * @param files     more files to upload (paths, relative to {@code root} or absolute)
 * @param device    "qemu" (the emulated board, started by the session), "unix" (mprt's unix build, started by the
 *                  session on a pty), "auto" or a serial port path
 * @param board     "qemu-mps2-an385" or "unix": with "qemu" and "unix", which firmware the session starts
 * @param firmware  the emulated board's firmware (ELF); null: mprt's build, built if needed
 */
public record LaunchConfig(boolean attach, Path program, Path root, List<Path> files, String device, int baudrate,
        String board, boolean stopOnEntry, boolean noDebug, Path firmware, List<String> exceptionFilters) {

    public static final String QEMU = "qemu";
    public static final String UNIX = "unix";
    public static final String AUTO = "auto";
    public static final String QEMU_BOARD = "qemu-mps2-an385";
    public static final String UNIX_BOARD = "unix";

    public static LaunchConfig parse(Map<String, Object> args, boolean attach) throws DebugException {
        Path program = null;
        Object p = args.get("program");
        if (!attach || p != null) {
            if (!(p instanceof String s) || s.isBlank()) {
                throw new DebugException("launch argument 'program' is missing: the path of the .py file to run");
            }
            program = Path.of(s).toAbsolutePath().normalize();
            if (!Files.isRegularFile(program)) {
                throw new DebugException("launch argument 'program': no such file: " + s);
            }
            if (!s.endsWith(".py")) {
                throw new DebugException("launch argument 'program': not a .py file: " + s);
            }
        }
        Path root = program != null ? program.getParent() : Path.of("").toAbsolutePath();
        Object r = args.get("root");
        if (r != null) {
            if (!(r instanceof String s) || !Files.isDirectory(Path.of(s))) {
                throw new DebugException("launch argument 'root': not a folder: " + r);
            }
            root = Path.of(s).toAbsolutePath().normalize();
            if (program != null && !program.startsWith(root)) {
                throw new DebugException("launch argument 'root': " + root + " does not contain the program "
                        + program);
            }
        }
        List<Path> files = new ArrayList<>();
        Object f = args.get("files");
        if (f != null) {
            if (!(f instanceof List<?> list)) {
                throw new DebugException("launch argument 'files': expected a list of paths, got " + f);
            }
            for (Object o : list) {
                if (!(o instanceof String s)) {
                    throw new DebugException("launch argument 'files': not a path: " + o);
                }
                Path file = root.resolve(s).toAbsolutePath().normalize();
                if (!Files.isRegularFile(file)) {
                    throw new DebugException("launch argument 'files': no such file: " + s);
                }
                if (!file.startsWith(root)) {
                    throw new DebugException("launch argument 'files': " + s + " is outside root " + root);
                }
                files.add(file);
            }
        }
        String board = string(args, "board", args.get("device") instanceof String d && d.equals(UNIX) ? UNIX_BOARD
                : QEMU_BOARD);
        // the firmware the session starts: the emulated board, or the unix build with "board": "unix"
        String device = string(args, "device", board.equals(UNIX_BOARD) ? UNIX : QEMU);
        if (device.equals(QEMU) && !board.equals(QEMU_BOARD)) {
            throw new DebugException("launch argument 'board': the emulated board is " + QEMU_BOARD + ", not " + board
                    + (board.equals(UNIX_BOARD) ? " (for the unix build, leave 'device' out or make it \"unix\")"
                            : ""));
        }
        if (device.equals(UNIX) && !board.equals(UNIX_BOARD)) {
            throw new DebugException("launch argument 'board': device \"unix\" runs the unix build, not " + board);
        }
        int baud = integer(args, "baudrate", 115200);
        if (baud < 300 || baud > 4_000_000) {
            throw new DebugException("launch argument 'baudrate': out of range (300 to 4000000): " + baud);
        }
        Path firmware = null;
        Object fw = args.get("firmware");
        if (fw != null) {
            if (!(fw instanceof String s) || !Files.isRegularFile(Path.of(s))) {
                throw new DebugException("launch argument 'firmware': no such file: " + fw);
            }
            firmware = Path.of(s).toAbsolutePath();
        }
        List<String> filters = new ArrayList<>();
        return new LaunchConfig(attach, program, root, files, device, baud, board,
                bool(args, "stopOnEntry"), bool(args, "noDebug"), firmware, filters);
    }

    /** The device name of a workspace file: its path relative to {@code root}, with '/'. */
    public String deviceName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.startsWith(root)) {
            return root.relativize(abs).toString().replace('\\', '/');
        }
        return abs.getFileName().toString();
    }

    private static String string(Map<String, Object> args, String key, String dflt) throws DebugException {
        Object v = args.get(key);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            throw new DebugException("launch argument '" + key + "': expected a string, got " + v);
        }
        return s;
    }

    private static int integer(Map<String, Object> args, String key, int dflt) throws DebugException {
        Object v = args.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new DebugException("launch argument '" + key + "': expected an integer, got " + v);
    }

    private static boolean bool(Map<String, Object> args, String key) throws DebugException {
        Object v = args.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new DebugException("launch argument '" + key + "': expected true or false, got " + v);
    }
}
