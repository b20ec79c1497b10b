package dev.mprt.debug.transport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Opening a serial port that is absent or that another program holds: a clear error, never a hang. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialLinkTest {

    @Test
    void anAbsentPortIsNamed() {
        IOException e = assertThrows(IOException.class, () -> SerialLink.open("/dev/ttyMPRTabsent", 115200));
        assertTrue(e.getMessage().contains("/dev/ttyMPRTabsent") && e.getMessage().contains("no such port"),
                e.getMessage());
    }

    /** A real pty held with an exclusive lock by another process, as a serial terminal holds a board's port. */
    @Test
    void aPortAnotherProgramHoldsIsReportedBusy() throws Exception {
        Process holder = new ProcessBuilder("python3", "-c", """
                import fcntl, os, pty, sys, time
                master, slave = pty.openpty()
                fcntl.flock(slave, fcntl.LOCK_EX)
                print(os.ttyname(slave), flush=True)
                sys.stdin.read()
                """).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String pty = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertTrue(pty != null && pty.startsWith("/dev/"), "the holder's pty: " + pty);
            IOException e = assertThrows(IOException.class, () -> SerialLink.open(pty, 115200));
            assertTrue(e.getMessage().contains(pty) && e.getMessage().contains("busy"), e.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
