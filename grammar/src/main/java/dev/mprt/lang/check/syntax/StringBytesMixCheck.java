package dev.mprt.lang.check.syntax;

import java.util.List;

import dev.mprt.lang.ast.Str;
import dev.mprt.lang.check.CheckContext;
import dev.mprt.lang.check.NodeCheck;

/** MicroPython's lexer joins adjacent literals only of one kind: str next to bytes is invalid syntax. */
public final class StringBytesMixCheck extends NodeCheck<Str> {

    public static final String CODE = "syntax-string-bytes-mix";

    public StringBytesMixCheck() {
        super(Str.class);
    }

    @Override
    protected void check(Str node, CheckContext ctx) {
        List<String> parts = node.getParts();
        if (parts.size() < 2) {
            return;
        }
        boolean bytes = isBytes(parts.get(0));
        for (String p : parts) {
            if (isBytes(p) != bytes) {
                ctx.error(CODE, "invalid syntax", node);
                return;
            }
        }
    }

    private static boolean isBytes(String literal) {
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '\'' || c == '"') {
                return false;
            }
            if (c == 'b') {
                return true;
            }
        }
        return false;
    }
}
