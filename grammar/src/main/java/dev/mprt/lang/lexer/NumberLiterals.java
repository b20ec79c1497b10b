package dev.mprt.lang.lexer;

/** Validates number tokens as {@code py/parsenum.c} does when MicroPython's parser converts them. */
public final class NumberLiterals {

    private NumberLiterals() {
    }

    /** Whether MicroPython's lexer classifies the token as a float or imaginary number rather than an integer. */
    public static boolean isFloatOrImaginary(String token) {
        boolean forcedInteger = token.length() > 1 && token.charAt(0) == '0' && "bBoOxX".indexOf(token.charAt(1)) >= 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.' || c == 'j' || c == 'J' || (!forcedInteger && (c == 'e' || c == 'E'))) {
                return true;
            }
        }
        return false;
    }

    /** MicroPython's error message for a malformed number token, or null when the token is a valid literal. */
    public static String error(String token) {
        if (isFloatOrImaginary(token)) {
            return validFloat(token) ? null : "invalid syntax for number";
        }
        int base = 10;
        int i = 0;
        if (token.length() > 1 && token.charAt(0) == '0') {
            char c = (char) (token.charAt(1) | 0x20);
            if (c == 'x' || c == 'o' || c == 'b') {
                base = c == 'x' ? 16 : c == 'o' ? 8 : 2;
                i = 2;
            } else {
                base = 1; // a leading zero allows only zeros ("0777" is an error)
            }
        }
        int start = i;
        for (; i < token.length(); i++) {
            char c = token.charAt(i);
            int dig;
            if (c >= '0' && c <= '9') {
                dig = c - '0';
            } else if (c == '_') {
                continue;
            } else {
                char lower = (char) (c | 0x20);
                if (lower < 'a' || lower > 'z') {
                    break;
                }
                dig = lower - 'a' + 10;
            }
            if (dig >= base) {
                break;
            }
        }
        if (i == start || i != token.length()) {
            // MicroPython quotes what follows the base prefix, without underscores (py/parsenum.c)
            return "invalid syntax for integer with base " + (base == 1 ? 0 : base) + ": '"
                    + token.substring(start).replace("_", "") + "'";
        }
        return null;
    }

    private static boolean validFloat(String token) {
        String s = token.replace("_", "");
        int i = 0;
        int n = s.length();
        int state = 0; // 0 integer part, 1 fraction, 2 exponent
        while (i < n) {
            char c = s.charAt(i++);
            if (c >= '0' && c <= '9') {
                continue;
            } else if (state == 0 && c == '.') {
                state = 1;
            } else if (state != 2 && (c | 0x20) == 'e') {
                state = 2;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                if (i == n) {
                    return false;
                }
            } else {
                i--;
                break;
            }
        }
        if (i < n && (s.charAt(i) | 0x20) == 'j') {
            i++;
        }
        return i > 0 && i == n;
    }
}
