package dev.mprt.lang.emitter;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a MicroPython 1.25 .mpy file (py/persistentcode.c, {@code mp_raw_code_save}) far enough to find each
 * function's code: the header, the qstr and constant tables (skipped), then the raw codes depth-first.
 */
public final class MpyFile {

    /** Kinds of {@code mp_raw_code_kind_t} as saved (minus MP_CODE_BYTECODE). */
    public enum Kind {
        BYTECODE, NATIVE_PY, NATIVE_VIPER, NATIVE_ASM
    }

    /**
     * One raw code, depth-first: the module is first (depth 0), its functions follow in definition order.
     * {@code machineCode} is the size of the native machine code (native functions: up to the prelude).
     */
    public record RawCode(int depth, Kind kind, int machineCode) {
    }

    private final byte[] b;
    private int i;

    private MpyFile(byte[] b) {
        this.b = b;
    }

    public static List<RawCode> rawCodes(byte[] mpy) {
        MpyFile f = new MpyFile(mpy);
        if (mpy.length < 4 || mpy[0] != 'M') {
            throw new IllegalArgumentException("not a .mpy file");
        }
        f.i = 4;
        int nQstr = f.uint();
        int nObj = f.uint();
        for (int k = 0; k < nQstr; k++) {
            int n = f.uint();
            if ((n & 1) == 0) {
                f.i = f.i + (n >> 1) + 1;
            }
        }
        for (int k = 0; k < nObj; k++) {
            f.skipObj();
        }
        List<RawCode> out = new ArrayList<>();
        f.rawCode(out, 0);
        return out;
    }

    private int uint() {
        int n = 0;
        while (true) {
            int c = b[i++] & 0xff;
            n = (n << 7) | (c & 0x7f);
            if ((c & 0x80) == 0) {
                return n;
            }
        }
    }

    private void skipObj() {
        int t = b[i++] & 0xff;
        switch (t) {
            case 0, 1, 2, 3, 4 -> {
            }
            case 5, 6 -> {
                int n = uint(); // (i += uint() would add to the index before uint() moved it)
                i += n + 1;
            }
            case 7, 8, 9 -> {
                int n = uint();
                i += n;
            }
            case 10 -> {
                int n = uint();
                for (int k = 0; k < n; k++) {
                    skipObj();
                }
            }
            default -> throw new IllegalArgumentException("unknown constant type " + t);
        }
    }

    private void rawCode(List<RawCode> out, int depth) {
        int kindLen = uint();
        int len = kindLen >> 3;
        boolean children = ((kindLen >> 2) & 1) != 0;
        Kind kind = Kind.values()[kindLen & 3];
        i += len;
        int code = len;
        if (kind == Kind.NATIVE_PY) {
            code = uint(); // prelude offset: the machine code ends where the prelude starts
        } else if (kind == Kind.NATIVE_VIPER || kind == Kind.NATIVE_ASM) {
            uint();
            if (kind == Kind.NATIVE_ASM) {
                uint();
                uint();
            }
        }
        out.add(new RawCode(depth, kind, code));
        if (children) {
            int n = uint();
            for (int k = 0; k < n; k++) {
                rawCode(out, depth + 1);
            }
        }
    }
}
