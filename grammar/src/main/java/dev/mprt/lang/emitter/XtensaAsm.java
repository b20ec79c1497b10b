package dev.mprt.lang.emitter;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import dev.mprt.lang.ast.Expression;

/**
 * {@code @micropython.asm_xtensa} (py/emitinlinextensa.c; ESP8266). Branch ranges (N6): {@code beqz}/{@code bnez}
 * reach ±2 KiB and the two-register branches ±128 bytes; MicroPython does not reject a branch beyond that, its
 * assembler prints "ERROR: xtensa bccz out of range" (or "bcc") in the final pass and encodes a wrong offset. The
 * instruction sizes are exact, so the layout is too.
 */
final class XtensaAsm implements InlineAsm.Isa {

    private static final int RRR = 0;
    private static final int RRI8 = 1;
    private static final int RRI8_B = 2;

    /** name -> {type, min, max} for the three-argument table. */
    private static final Map<String, int[]> THREE = Map.ofEntries(
            Map.entry("and_", new int[] {RRR, 0, 0}), Map.entry("or_", new int[] {RRR, 0, 0}),
            Map.entry("xor", new int[] {RRR, 0, 0}), Map.entry("add", new int[] {RRR, 0, 0}),
            Map.entry("sub", new int[] {RRR, 0, 0}), Map.entry("mull", new int[] {RRR, 0, 0}),
            Map.entry("l8ui", new int[] {RRI8, 0, 255}), Map.entry("l16ui", new int[] {RRI8, 0, 510}),
            Map.entry("l32i", new int[] {RRI8, 0, 1020}), Map.entry("s8i", new int[] {RRI8, 0, 255}),
            Map.entry("s16i", new int[] {RRI8, 0, 510}), Map.entry("s32i", new int[] {RRI8, 0, 1020}),
            Map.entry("l16si", new int[] {RRI8, 0, 510}), Map.entry("addi", new int[] {RRI8, -128, 127}),
            Map.entry("ball", new int[] {RRI8_B, 0, 0}), Map.entry("bany", new int[] {RRI8_B, 0, 0}),
            Map.entry("bbc", new int[] {RRI8_B, 0, 0}), Map.entry("bbs", new int[] {RRI8_B, 0, 0}),
            Map.entry("beq", new int[] {RRI8_B, 0, 0}), Map.entry("bge", new int[] {RRI8_B, 0, 0}),
            Map.entry("bgeu", new int[] {RRI8_B, 0, 0}), Map.entry("blt", new int[] {RRI8_B, 0, 0}),
            Map.entry("bnall", new int[] {RRI8_B, 0, 0}), Map.entry("bne", new int[] {RRI8_B, 0, 0}),
            Map.entry("bnone", new int[] {RRI8_B, 0, 0}));

    private final InlineAsm asm;
    private final java.util.List<InlineAsm.Finding> errors = new java.util.ArrayList<>();
    private InlineAsm.Finding unsupported;

    XtensaAsm(InlineAsm asm) {
        this.asm = asm;
    }

    @Override
    public String tooManyParameters() {
        return "can only have up to 4 parameters to Xtensa assembly";
    }

    @Override
    public String parameterSequence() {
        return "parameters must be registers in sequence a2 to a5";
    }

    @Override
    public boolean parameterOk(String name, int index) {
        return name.length() == 2 && name.charAt(0) == 'a' && name.charAt(1) == '2' + index;
    }

    @Override
    public void assemble(List<InlineAsm.Insn> insns) {
        for (InlineAsm.Insn in : insns) {
            if (asm.directive(in, null)) {
                continue;
            }
            errors.clear();
            unsupported = null;
            op(in);
            for (InlineAsm.Finding f : unsupported != null ? java.util.List.of(unsupported) : errors) {
                asm.error(f.code(), f.message(), f.node() != null ? f.node() : in.call());
            }
        }
        if (asm.findings.isEmpty()) {
            branchRanges(insns); // an error stops MicroPython before the emit pass, where the range is checked
        }
    }

    /**
     * The emit pass's range check, on a layout of the function: asm_xtensa_entry (a jump over the literal pool, a
     * padding byte, the pool, the stack adjustment and five register saves), then each instruction's size.
     */
    private void branchRanges(List<InlineAsm.Insn> insns) {
        int literals = 0;
        for (InlineAsm.Insn in : insns) {
            if (in.op().equals("movi") && in.args().size() == 2) {
                literals++;
            }
        }
        InlineAsm.Layout labels = layout(insns, literals, null);
        layout(insns, literals, labels);
    }

    private InlineAsm.Layout layout(List<InlineAsm.Insn> insns, int literals, InlineAsm.Layout labels) {
        InlineAsm.Layout l = new InlineAsm.Layout(3 + 1 + 4L * literals + 3 + 5 * 2);
        for (InlineAsm.Insn in : insns) {
            List<Expression> a = in.args();
            switch (in.op()) {
                case "label" -> {
                    if (a.size() == 1 && asm.isId(a.get(0))) {
                        l.label(asm.idText(a.get(0)));
                    }
                }
                case "align" -> l.align(asm.intValue(a.get(0)).longValue());
                case "data" -> l.add(asm.intValue(a.get(0)).longValue() * (a.size() - 1));
                case "ret_n", "mov", "mov_n" -> l.add(2);
                default -> {
                    if (labels != null) {
                        branch(in, l.offset, labels);
                    }
                    l.add(3);
                }
            }
        }
        return l;
    }

    private void branch(InlineAsm.Insn in, long at, InlineAsm.Layout labels) {
        List<Expression> a = in.args();
        boolean bccz = (in.op().equals("beqz") || in.op().equals("bnez")) && a.size() == 2;
        boolean bcc = a.size() == 3 && THREE.containsKey(in.op()) && THREE.get(in.op())[0] == RRI8_B;
        if (!bccz && !bcc) {
            return;
        }
        Long dest = labels.labelOffsets.get(asm.idText(a.get(a.size() - 1)));
        if (dest == null) {
            return;
        }
        long rel = dest - at - 4;
        long reach = bccz ? 2048 : 128;
        if (rel < -reach || rel > reach - 1) {
            String printed = "ERROR: xtensa " + (bccz ? "bccz" : "bcc") + " out of range";
            asm.error(InlineAsm.XTENSA_BRANCH_RANGE, printed + ": '" + in.op() + "' reaches " + (bccz ? "±2 KiB"
                    : "±128 bytes") + " and this label is " + Math.abs(dest - at) + " bytes away; the compiler prints"
                    + " this, carries on and encodes a branch to the wrong place", in.call());
        }
    }

    private void fail(String c, String m, Expression at) {
        InlineAsm.Finding f = new InlineAsm.Finding(c, m, at);
        if (InlineAsm.UNSUPPORTED.equals(c)) {
            unsupported = f;
        } else {
            errors.add(f);
        }
    }

    private void reg(String op, Expression e) {
        String s = asm.idText(e);
        if (s.length() >= 2 && s.charAt(0) == 'a') {
            String num = s.substring(1);
            if (num.matches("[0-9]|1[0-5]")) {
                return;
            }
        }
        fail(InlineAsm.REGISTER, "'" + op + "' expects a register", e);
    }

    private void imm(String op, Expression e, int min, int max) {
        BigInteger v = asm.intValue(e);
        if (v == null) {
            fail(InlineAsm.IMMEDIATE, "'" + op + "' expects an integer", e);
            return;
        }
        int i = v.intValue();
        if (min != max && (i < min || i > max)) {
            fail(InlineAsm.IMMEDIATE, "'" + op + "' integer " + i + " isn't within range " + min + ".." + max, e);
        }
    }

    private void label(String op, Expression e) {
        if (!asm.isId(e)) {
            fail(InlineAsm.LABEL, "'" + op + "' expects a label", e);
            return;
        }
        String name = asm.idText(e);
        if (!asm.labels.containsKey(name)) {
            fail(InlineAsm.LABEL, "label '" + name + "' not defined", e);
        }
    }

    private void unknown(InlineAsm.Insn in) {
        fail(InlineAsm.UNSUPPORTED, "unsupported Xtensa instruction '" + in.op() + "' with " + in.args().size()
                + " arguments", null);
    }

    private void op(InlineAsm.Insn in) {
        String op = in.op();
        List<Expression> a = in.args();
        switch (a.size()) {
            case 0 -> {
                if (!op.equals("ret_n")) {
                    unknown(in);
                }
            }
            case 1 -> {
                switch (op) {
                    case "callx0", "jx" -> reg(op, a.get(0));
                    case "j" -> label(op, a.get(0));
                    default -> unknown(in);
                }
            }
            case 2 -> {
                reg(op, a.get(0));
                switch (op) {
                    case "beqz", "bnez" -> label(op, a.get(1));
                    case "mov", "mov_n" -> reg(op, a.get(1));
                    case "movi" -> imm(op, a.get(1), 0, 0);
                    default -> unknown(in);
                }
            }
            case 3 -> {
                int[] t = THREE.get(op);
                if (t == null) {
                    unknown(in);
                    return;
                }
                reg(op, a.get(0));
                reg(op, a.get(1));
                if (t[0] == RRR) {
                    reg(op, a.get(2));
                } else if (t[0] == RRI8_B) {
                    label(op, a.get(2));
                } else {
                    imm(op, a.get(2), t[1], t[2]);
                }
            }
            default -> unknown(in);
        }
    }
}
