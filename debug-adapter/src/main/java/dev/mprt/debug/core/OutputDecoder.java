package dev.mprt.debug.core;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The program's output bytes as text: UTF-8 decoded across chunk boundaries (a character may arrive split), and
 * watched for MicroPython's "soft reboot" line, which means the device reset under the session.
 */
final class OutputDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final StringBuilder tail = new StringBuilder();
    private boolean softReboot;

    synchronized String decode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        int off = 0;
        while (off < bytes.length) {
            int n = Math.min(pending.remaining(), bytes.length - off);
            pending.put(bytes, off, n);
            off += n;
            pending.flip();
            CharBuffer chars = CharBuffer.allocate(pending.remaining() + 1);
            decoder.decode(pending, chars, false);
            chars.flip();
            out.append(chars);
            pending.compact();
        }
        String text = out.toString();
        tail.append(text);
        if (tail.indexOf("soft reboot") >= 0) {
            softReboot = true;
        }
        if (tail.length() > 64) {
            tail.delete(0, tail.length() - 32);
        }
        return text;
    }

    /** What is left of an incomplete character at the end. */
    synchronized String flush() {
        pending.flip();
        CharBuffer chars = CharBuffer.allocate(pending.remaining() + 1);
        decoder.decode(pending, chars, true);
        pending.clear();
        decoder.reset();
        chars.flip();
        return chars.toString();
    }

    synchronized boolean sawSoftReboot() {
        return softReboot;
    }

    synchronized void reset() {
        softReboot = false;
        tail.setLength(0);
    }
}
