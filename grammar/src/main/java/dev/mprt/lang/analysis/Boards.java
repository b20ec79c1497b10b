package dev.mprt.lang.analysis;

import java.util.List;

/** The boards mprt knows and the facts about them the analysis needs. */
public final class Boards {

    public static final List<String> IDS = List.of("qemu-mps2-an385", "unix", "pyboard", "rp2-pico", "esp32",
            "esp8266");

    private Boards() {
    }

    public static boolean isKnown(String board) {
        return IDS.contains(board);
    }

    /** Bits of a small int: 63 on the 64-bit unix port, 31 on the 32-bit microcontroller ports and mpy-cross. */
    public static int smallIntBits(String board) {
        return "unix".equals(board) ? 63 : 31;
    }
}
