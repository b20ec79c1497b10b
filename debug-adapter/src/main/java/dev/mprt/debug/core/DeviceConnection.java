package dev.mprt.debug.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import com.fazecast.jSerialComm.SerialPort;

import dev.mprt.debug.transport.DeviceException;
import dev.mprt.debug.transport.EmulatedBoardProcess;
import dev.mprt.debug.transport.LinkClosedException;
import dev.mprt.debug.transport.Message;
import dev.mprt.debug.transport.MonitorClient;
import dev.mprt.debug.transport.Protocol;
import dev.mprt.debug.transport.SerialLink;

/**
 * Finds and opens the device of a launch configuration and attaches the monitor at its REPL: the emulated board or
 * the unix build (started here, on a pty), a serial port, or the first MicroPython board found. Every failure is a {@link DebugException}
 * with a message for the user, within a few seconds.
 */
final class DeviceConnection {

    /** USB vendor ids of MicroPython boards: MicroPython's own, Raspberry Pi, Espressif, and common USB-UARTs. */
    private static final int[] VENDORS = {0xf055, 0x2e8a, 0x303a, 0x10c4, 0x1a86, 0x0403, 0x239a};

    private DeviceConnection() {
    }

    record Opened(MonitorClient client, EmulatedBoardProcess board, String device, Message hello) {
    }

    static Opened open(LaunchConfig config, Path mprtRoot) throws DebugException {
        EmulatedBoardProcess board = null;
        String device = config.device();
        if (device.equals(LaunchConfig.QEMU) || device.equals(LaunchConfig.UNIX)) {
            try {
                board = EmulatedBoardProcess.start(mprtRoot, config.board(), config.firmware(), Duration.ofMinutes(10));
            } catch (IOException e) {
                throw new DebugException(e.getMessage(), e);
            }
            device = board.pty();
        } else if (device.equals(LaunchConfig.AUTO)) {
            device = findBoard();
        }
        SerialLink link;
        try {
            link = SerialLink.open(device, config.baudrate());
        } catch (IOException e) {
            if (board != null) {
                board.kill();
            }
            throw new DebugException("device '" + device + "': " + e.getMessage()
                    + (config.device().equals(device) ? " (is the port there, and not in use by another program?)"
                            : ""), e);
        }
        MonitorClient client = new MonitorClient(link, Duration.ofSeconds(5));
        try {
            if (board != null && board.isUnix()) {
                awaitPrompt(client);
            }
            Message hello = attach(client, device, board != null);
            return new Opened(client, board, device, hello);
        } catch (DebugException e) {
            client.close();
            if (board != null) {
                board.kill();
            }
            throw e;
        }
    }

    /**
     * Attaches at the REPL like {@link MonitorClient#attach()}, but tells a board without the monitor (stock
     * MicroPython: the import fails) and a silent port apart, quickly.
     */
    static Message attach(MonitorClient client, String device, boolean freshBoard) throws DebugException {
        try {
            // A board left attached by an earlier session answers HELLO at once. (QEMU notices a new connection
            // to its pty only at its next check, up to a second later: ask more than once.) A board just started
            // here is not attached: no need to ask.
            long probeUntil = System.nanoTime() + (freshBoard ? 0 : 1_500_000_000L);
            do {
                try {
                    return client.request(Duration.ofMillis(250), "HELLO", Protocol.VERSION);
                } catch (LinkClosedException e) {
                    throw e;
                } catch (IOException e) {
                    // not attached (yet): go through the REPL
                }
            } while (System.nanoTime() < probeUntil);
            client.writeRaw("\r\u0003\u0003");
            Thread.sleep(150);
            client.writeRaw("\u0002\r");
            Thread.sleep(150);
            client.clearOutput();
            client.writeRaw("import mprt_debug; mprt_debug.attach()\r");
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (true) {
                String out = client.output();
                int echo = out.indexOf("mprt_debug.attach()");
                if (echo >= 0) {
                    String after = out.substring(echo);
                    if (after.contains("ImportError") || after.toLowerCase(Locale.ROOT).contains("no module named")) {
                        throw new DebugException("the firmware on " + device + " has no mprt debug monitor "
                                + "(import mprt_debug failed): run a build with the monitor (./mprt firmware build; "
                                + "docs/monitor.md for other boards)");
                    }
                    if (after.contains("\n>>> ")) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new DebugException("no MicroPython REPL answers on " + device
                            + (out.isBlank() ? " (nothing received)" : "; received: " + shorten(out)));
                }
                Thread.sleep(20);
            }
            client.clearOutput();
            Message hello = client.request(Duration.ofSeconds(2), "HELLO", Protocol.VERSION);
            if (hello.integer("version") != Protocol.VERSION) {
                throw new DebugException("the monitor on " + device + " speaks protocol version "
                        + hello.integer("version") + ", mprt speaks " + Protocol.VERSION);
            }
            return hello;
        } catch (DebugException e) {
            throw e;
        } catch (DeviceException e) {
            throw new DebugException("the monitor on " + device + " refused to attach: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DebugException("cannot attach to " + device + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebugException("interrupted while attaching");
        }
    }

    /**
     * The unix build just started here: waits for its first prompt, since it discards what arrives before its REPL
     * runs (it switches its terminal's mode with TCSAFLUSH). (QEMU drops the banner of a board nobody listened to.)
     */
    private static void awaitPrompt(MonitorClient client) throws DebugException {
        long until = System.nanoTime() + 5_000_000_000L;
        try {
            while (System.nanoTime() < until && !client.output().contains(">>> ")) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DebugException("interrupted while attaching");
        }
    }

    private static String findBoard() throws DebugException {
        StringBuilder seen = new StringBuilder();
        for (SerialPort p : SerialPort.getCommPorts()) {
            int vendor = p.getVendorID();
            seen.append(seen.length() == 0 ? "" : ", ").append(p.getSystemPortPath());
            for (int v : VENDORS) {
                if (vendor == v || p.getPortDescription().toLowerCase(Locale.ROOT).contains("micropython")) {
                    return p.getSystemPortPath();
                }
            }
        }
        throw new DebugException("launch argument 'device' is \"auto\", but no MicroPython board is connected"
                + (seen.length() == 0 ? " (no serial ports at all)" : " (serial ports: " + seen + ")")
                + "; name the port, e.g. \"/dev/ttyACM0\", or use \"qemu\" or \"unix\"");
    }

    private static String shorten(String s) {
        String t = s.strip().replace("\r", "");
        return t.length() > 200 ? t.substring(t.length() - 200) : t;
    }
}
