package dev.mprt.debug.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mprt.debug.transport.EmulatedBoardProcess;
import dev.mprt.debug.transport.Message;
import dev.mprt.debug.transport.MonitorClient;
import dev.mprt.debug.transport.SerialLink;

/**
 * {@link DeviceConnection#attach} on a device that runs on its own (the launch argument {@code device}, or an attach):
 * it asks with HELLO first, in case an earlier session left the monitor listening, and only then types
 * {@code mprt_debug.attach()} at the REPL. While the monitor's link is off, those HELLO frames reach the REPL's UART:
 * the REPL must not see them (HELLO's length byte is 4, Ctrl-D, a soft reset that would lose what the user defined).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeviceConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    static Path root() {
        String r = System.getProperty("mprt.root");
        return r != null && !r.isBlank() ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
    }

    @BeforeAll
    @Timeout(value = 16, unit = TimeUnit.MINUTES)
    static void build() throws Exception {
        for (String board : new String[] { EmulatedBoardProcess.QEMU_BOARD, EmulatedBoardProcess.UNIX_BOARD }) {
            Process p = new ProcessBuilder(root().resolve("vm-firmware/build.sh").toString(), board)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(8, TimeUnit.MINUTES) && p.exitValue() == 0, board + " build failed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { EmulatedBoardProcess.QEMU_BOARD, EmulatedBoardProcess.UNIX_BOARD })
    void probingWithHelloLeavesTheReplAsItWas(String board) throws Exception {
        try (EmulatedBoardProcess process = EmulatedBoardProcess.start(root(), board, null, Duration.ofSeconds(30))) {
            MonitorClient client = new MonitorClient(SerialLink.open(process.pty(), 115200), Duration.ofSeconds(5));
            try {
                prompt(client);
                client.clearOutput();
                client.writeRaw("x = 41\r");
                client.awaitOutput("x = 41", WAIT);
                client.awaitOutput(">>> ", WAIT);

                Message hello = DeviceConnection.attach(client, process.pty(), false);
                assertEquals(1, hello.integer("version"));
                client.writeRaw("print(x + 1)\r");
                String out = client.awaitOutput("\n>>> ", WAIT);
                assertTrue(out.contains("42\r"), "x is still there: " + out);
                assertFalse(out.contains("soft reboot"), out);
            } finally {
                client.close();
            }
        }
    }

    /**
     * Waits for a prompt: QEMU drops the banner of a board nobody listened to (Enter brings a prompt), and the unix
     * build discards what arrives before its REPL runs.
     */
    private static void prompt(MonitorClient client) throws IOException, InterruptedException {
        long until = System.nanoTime() + WAIT.toNanos();
        while (!client.output().contains(">>> ")) {
            if (System.nanoTime() > until) {
                throw new IOException("no prompt; received: " + client.output());
            }
            client.writeRaw("\r");
            Thread.sleep(300);
        }
    }
}
