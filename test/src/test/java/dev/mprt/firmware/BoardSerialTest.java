package dev.mprt.firmware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The qemu-mps2-an385 firmware as a host tool sees it: its UART on a pty, driven from Java through jSerialComm, the
 * way mpremote drives a real board. One QEMU for the class; each test starts from a soft reset in the raw REPL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BoardSerialTest {

    private static final Duration RUN = Duration.ofSeconds(20);

    @TempDir
    static Path work;

    private static EmulatedBoard board;

    @BeforeAll
    @Timeout(value = 11, unit = TimeUnit.MINUTES)
    static void startBoard() throws Exception {
        Assumptions.assumeTrue(EmulatedBoard.qemuInstalled(),
                "qemu-system-arm is not installed (vm-firmware/install-deps.sh installs it)");
        board = EmulatedBoard.start(work);
    }

    @AfterAll
    static void stopBoard() {
        if (board != null) {
            board.close();
        }
    }

    @BeforeEach
    void freshInterpreter(org.junit.jupiter.api.TestInfo info) {
        if (!info.getTestMethod().orElseThrow().getName().equals("replRoundTrip")) {
            board.rawRepl();
        }
    }

    @Test
    @Order(1)
    void replRoundTrip() {
        board.friendlyPrompt();
        board.write("print(6 * 7)\r");
        // The line is echoed, then its output, then the next prompt.
        String echoed = board.readUntil("\r\n42\r\n>>> ", Duration.ofSeconds(10));
        assertTrue(echoed.endsWith(">>> print(6 * 7)"), () -> EmulatedBoard.printable(echoed));
    }

    @Test
    @Order(2)
    void rawPasteUploadOf50KilobytesArrivesIntact() {
        byte[] data = new byte[36 * 1024];
        new Random(6).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        StringBuilder src = new StringBuilder("import binascii\nd = (\n");
        String b64 = Base64.getEncoder().encodeToString(data);
        for (int i = 0; i < b64.length(); i += 76) {
            src.append("    '").append(b64, i, Math.min(b64.length(), i + 76)).append("'\n");
        }
        src.append(")\nraw = binascii.a2b_base64(d)\nprint(len(raw), binascii.crc32(raw))\n");
        assertTrue(src.length() > 50_000, "the upload is " + src.length() + " bytes");

        String out = board.exec(src.toString(), RUN);

        assertEquals(data.length + " " + crc.getValue() + "\n", out);
        // 50 KB through a 128-byte window: the device granted hundreds of further windows.
        assertTrue(board.rawPasteWindowGrants() > src.length() / 128 / 2,
                "window grants: " + board.rawPasteWindowGrants());
    }

    @Test
    @Order(3)
    void ctrlCStopsWhileTruePass() throws Exception {
        board.pasteNoFollow("while True: pass\n");
        Thread.sleep(500);
        long t0 = System.nanoTime();
        board.write("\u0003");
        EmulatedBoard.Result r = board.follow(Duration.ofSeconds(5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("", r.out());
        assertTrue(r.err().contains("KeyboardInterrupt"), r.err());
        assertTrue(ms < 2000, "took " + ms + " ms");
        // The board is responsive afterwards.
        assertEquals("ok\n", board.exec("print('ok')", RUN));
    }

    @Test
    @Order(4)
    void timerCallbacksRunInHardContext() {
        String out = board.exec("""
                from machine import Timer
                import micropython, time
                hits = [0, 0, 0]   # calls, MemoryError, scheduled

                def soft(arg):
                    hits[2] += 1

                def cb(t):
                    hits[0] += 1
                    try:
                        x = [t, t]          # allocates: the heap is locked in hard IRQ context
                    except MemoryError:
                        hits[1] += 1
                    micropython.schedule(soft, None)

                t = Timer(0, mode=Timer.PERIODIC, freq=100, callback=cb)
                time.sleep_ms(300)
                t.deinit()
                time.sleep_ms(20)
                print(hits[0] > 10, hits[0] == hits[1], hits[2] > 10)
                """, RUN);
        assertEquals("True True True\n", out);
    }

    @Test
    @Order(5)
    void pinInterruptsFireAtTheSetRate() {
        String out = board.exec("""
                from machine import Pin
                import mprt, time
                n = [0]

                def rising(pin):
                    n[0] += 1

                x4 = Pin('X4')
                x4.irq(rising, Pin.IRQ_RISING, hard=True)
                mprt.pulse(500)
                t0 = time.ticks_ms()
                time.sleep_ms(1000)
                mprt.pulse(0)
                dt = time.ticks_diff(time.ticks_ms(), t0)
                x4.irq(None)
                print(n[0], dt)
                """, RUN);
        String[] f = out.strip().split(" ");
        int irqs = Integer.parseInt(f[0]);
        int ms = Integer.parseInt(f[1]);
        double expected = 500.0 * ms / 1000;
        assertTrue(Math.abs(irqs - expected) <= expected * 0.05 + 2,
                irqs + " rising-edge IRQs in " + ms + " ms at 500 Hz");
    }

    @Test
    @Order(6)
    void sleepMs20MeasuresTwentyMillisecondsWithinATick() {
        String out = board.exec("""
                import time
                for i in range(5):
                    t0 = time.ticks_us()
                    time.sleep_ms(20)
                    print(time.ticks_diff(time.ticks_us(), t0))
                """, RUN);
        List<Integer> us = out.lines().map(Integer::parseInt).toList();
        assertEquals(5, us.size(), out);
        for (int d : us) {
            assertTrue(d >= 20_000 && d <= 21_000, "sleep_ms(20) took " + d + " us: " + us);
        }
    }
}
