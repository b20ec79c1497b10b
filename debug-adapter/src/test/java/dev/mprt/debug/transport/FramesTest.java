package dev.mprt.debug.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FramesTest {

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void encodesHeaderLengthCheckAndCrc() {
        byte[] f = Frames.encode(new byte[] { 0x01, 0x02, 0x00, 0x01 });
        assertEquals(5 + 4 + 4, f.length);
        assertEquals(0x1e, f[0] & 0xff);
        assertEquals(0xb7, f[1] & 0xff);
        assertEquals(4, f[2]);
        assertEquals(0, f[3]);
        assertEquals(0xff ^ 4, f[4] & 0xff);
        long crc = Frames.crc32(new byte[] { 0x01, 0x02, 0x00, 0x01 });
        assertEquals(crc & 0xff, f[9] & 0xff);
        assertEquals(crc >>> 24, f[12] & 0xff);
        assertThrows(IllegalArgumentException.class, () -> Frames.encode(new byte[Protocol.MAX_PAYLOAD + 1]));
    }

    @Test
    void separatesFramesFromOutputAcrossArbitrarySplits() {
        byte[] a = Frames.encode("first".getBytes(StandardCharsets.US_ASCII));
        byte[] b = Frames.encode(new byte[] { (byte) 0x1e, (byte) 0xb7, 0x1e });
        byte[] stream = cat("hello\r\n".getBytes(StandardCharsets.US_ASCII), a, ">>> ".getBytes(StandardCharsets.US_ASCII),
                b, "tail".getBytes(StandardCharsets.US_ASCII));
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            Frames.Collector c = new Frames.Collector();
            Frames.Decoder d = new Frames.Decoder(c);
            int off = 0;
            while (off < stream.length) {
                int n = 1 + rnd.nextInt(Math.min(9, stream.length - off));
                d.feed(stream, off, n, 0);
                off += n;
            }
            assertEquals(2, c.frames.size());
            assertArrayEquals("first".getBytes(StandardCharsets.US_ASCII), c.frames.get(0));
            assertArrayEquals(new byte[] { (byte) 0x1e, (byte) 0xb7, 0x1e }, c.frames.get(1));
            assertEquals("hello\r\n>>> tail", c.output.toString(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void resynchronisesAfterGarbageAndCorruptFrames() {
        byte[] good = Frames.encode("ok".getBytes(StandardCharsets.US_ASCII));
        byte[] corrupt = Frames.encode("bad".getBytes(StandardCharsets.US_ASCII));
        corrupt[6] ^= 0x40; // payload byte flipped: CRC fails
        byte[] badHeader = { 0x1e, (byte) 0xb7, 0x10, 0x00, 0x00 }; // wrong hchk
        byte[] garbage = { 0x1e, 0x1e, (byte) 0xb7, 0x7f, 0x7f, 0x1e };
        Frames.Collector c = new Frames.Collector();
        Frames.Decoder d = new Frames.Decoder(c);
        byte[] all = cat(garbage, corrupt, badHeader, good);
        d.feed(all, 0, all.length, 0);
        assertEquals(1, c.frames.size());
        assertArrayEquals("ok".getBytes(StandardCharsets.US_ASCII), c.frames.get(0));
        assertEquals(cat(garbage, corrupt, badHeader).length, c.output.size(), "every non-frame byte is output");
    }

    @Test
    void stalledFrameStartBecomesOutput() {
        Frames.Collector c = new Frames.Collector();
        Frames.Decoder d = new Frames.Decoder(c, 1_000_000L);
        byte[] partial = { 'x', 0x1e, (byte) 0xb7, 0x05, 0x00, (byte) 0xfa, 1, 2 };
        d.feed(partial, 0, partial.length, 0);
        assertEquals("x", c.output.toString(StandardCharsets.ISO_8859_1));
        d.poll(10_000_000L);
        assertEquals(partial.length, c.output.size());
        byte[] good = Frames.encode(new byte[] { 9 });
        d.feed(good, 0, good.length, 20_000_000L);
        assertEquals(1, c.frames.size());
    }

    @Test
    void layoutsRoundTripNestedLists() {
        Layout l = Layout.parse("a:u8, b:u16, c:u32, d:i32, s:str, x:bytes, items:list(n:u8, t:str)");
        byte[] enc = l.encode(200, 0xbeef, 0xfeedbeefL, -5, "héllo", new byte[] { 1, 2, 3 },
                List.of(new Object[] { 1, "one" }, new Object[] { 2, "two" }));
        Map<String, Object> m = l.decode(enc, 0, enc.length);
        assertEquals(200, m.get("a"));
        assertEquals(0xbeef, m.get("b"));
        assertEquals(0xfeedbeefL, m.get("c"));
        assertEquals(-5, m.get("d"));
        assertEquals("héllo", m.get("s"));
        assertArrayEquals(new byte[] { 1, 2, 3 }, (byte[]) m.get("x"));
        assertEquals("[{n=1, t=one}, {n=2, t=two}]", m.get("items").toString());
        assertThrows(ProtocolException.class, () -> l.decode(enc, 0, enc.length - 1));
    }

    @Test
    void valuesDecodeByTag() {
        byte[] enc = { 6, 3, 0, 0, 0, 4, 'l', 'i', 's', 't', 3, '[', '1', ']', 1, 0 };
        Map<String, Object> m = Layout.parse("v:value").decode(enc, 0, enc.length);
        Value v = (Value) m.get("v");
        assertEquals("OBJECT", v.kind());
        assertEquals(3, v.ref());
        assertEquals("[1]", v.display());
        byte[] i = { 4, (byte) 0xfe, (byte) 0xff, (byte) 0xff, (byte) 0xff };
        assertEquals(-2, ((Value) Layout.parse("v:value").decode(i, 0, i.length).get("v")).asInt());
    }
}
