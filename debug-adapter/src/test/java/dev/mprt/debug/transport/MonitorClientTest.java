package dev.mprt.debug.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client against a scripted fake device on a {@link MemoryLink}. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MonitorClientTest {

    /** A fake device: answers HELLO and STACK, sends output and events, ignores PAUSE (to test time-outs). */
    static final class FakeDevice implements Runnable {
        final MemoryLink link;
        final Frames.Decoder decoder;
        volatile boolean garbageBeforeReplies;

        FakeDevice(MemoryLink link) {
            this.link = link;
            this.decoder = new Frames.Decoder(new Frames.Sink() {
                @Override
                public void frame(byte[] p) {
                    try {
                        answer(p);
                    } catch (IOException e) {
                        // link gone
                    }
                }

                @Override
                public void output(byte[] bytes) {
                }
            });
        }

        void answer(byte[] p) throws IOException {
            int type = p[0] & 0xff;
            byte[] seq = { p[1], p[2] };
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (garbageBeforeReplies) {
                out.writeBytes(new byte[] { 0x1e, (byte) 0xb7, 0x03, 0x00, (byte) 0xfc, 1, 2, 3, 0, 0, 0, 0 });
                out.writeBytes("noise\u001e".getBytes(StandardCharsets.ISO_8859_1));
            }
            switch (type) {
                case 0x01 -> out.writeBytes(Frames.encode(cat(new byte[] { (byte) 0x80, seq[0], seq[1] },
                        Protocol.message("HELLO").replyLayout().encode(1, 0x1ffff, 240, 25_000_000, "fake"))));
                case 0x0a -> {
                    out.writeBytes("program output\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.writeBytes(Frames.encode(cat(new byte[] { (byte) 0x81, seq[0], seq[1] },
                            Layout.parse("code:u8, message:str").encode(3, "not stopped"))));
                    out.writeBytes(Frames.encode(cat(new byte[] { (byte) 0xc0, 0, 0 },
                            Layout.parse(Protocol.event(0xc0).layout()).encode(3, 255, "main.py", "f", 7, "", 0))));
                }
                default -> {
                    // no reply
                }
            }
            byte[] all = out.toByteArray();
            for (int i = 0; i < all.length; i += 5) { // in small pieces
                link.write(java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + 5)));
            }
        }

        @Override
        public void run() {
            byte[] buf = new byte[256];
            try {
                while (true) {
                    int n = link.read(buf, 50);
                    decoder.feed(buf, 0, n, System.nanoTime());
                }
            } catch (IOException e) {
                // closed
            }
        }

        static byte[] cat(byte[] a, byte[] b) {
            byte[] r = new byte[a.length + b.length];
            System.arraycopy(a, 0, r, 0, a.length);
            System.arraycopy(b, 0, r, a.length, b.length);
            return r;
        }
    }

    private static MonitorClient start(FakeDevice[] deviceOut) {
        MemoryLink[] ends = MemoryLink.pair();
        FakeDevice dev = new FakeDevice(ends[1]);
        Thread t = new Thread(dev, "fake-device");
        t.setDaemon(true);
        t.start();
        deviceOut[0] = dev;
        return new MonitorClient(ends[0], Duration.ofMillis(500));
    }

    @Test
    void requestReplyErrorEventAndOutput() throws IOException {
        FakeDevice[] dev = new FakeDevice[1];
        try (MonitorClient c = start(dev)) {
            Message hello = c.request("HELLO", 1);
            assertEquals(1, hello.integer("version"));
            assertEquals("fake", hello.string("board"));
            DeviceException e = assertThrows(DeviceException.class, () -> c.request("STACK", 0, 8));
            assertEquals("NOT_STOPPED", e.code());
            Message stopped = c.awaitEvent("STOPPED", Duration.ofSeconds(2));
            assertEquals(7, stopped.integer("line"));
            assertTrue(c.awaitOutput("program output\r\n", Duration.ofSeconds(2)).endsWith("program output\r\n"));
        }
    }

    @Test
    void unansweredRequestTimesOutWithoutKillingTheSession() throws IOException {
        FakeDevice[] dev = new FakeDevice[1];
        try (MonitorClient c = start(dev)) {
            IOException e = assertThrows(IOException.class, () -> c.request("PAUSE"));
            assertTrue(e.getMessage().contains("no reply to PAUSE"), e.getMessage());
            assertTrue(c.isAlive());
            assertEquals(1, c.request("HELLO", 1).integer("version"));
        }
    }

    @Test
    void garbageOnTheLinkIsSkipped() throws IOException {
        FakeDevice[] dev = new FakeDevice[1];
        try (MonitorClient c = start(dev)) {
            dev[0].garbageBeforeReplies = true;
            for (int i = 0; i < 5; i++) {
                assertEquals("fake", c.request("HELLO", 1).string("board"));
            }
            assertTrue(c.malformedFrames() >= 5);
        }
    }

    @Test
    void deadLinkFailsWaitingAndLaterCallsPromptly() throws Exception {
        MemoryLink[] ends = MemoryLink.pair();
        try (MonitorClient c = new MonitorClient(ends[0], Duration.ofSeconds(20))) {
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                ends[1].close();
            });
            killer.start();
            long t0 = System.nanoTime();
            assertThrows(LinkClosedException.class, () -> c.request("HELLO", 1));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "failed promptly, not at the 20 s time-out");
            assertThrows(LinkClosedException.class, () -> c.request("HELLO", 1));
            assertThrows(LinkClosedException.class, () -> c.awaitEvent("STOPPED", Duration.ofSeconds(20)));
        }
    }
}
