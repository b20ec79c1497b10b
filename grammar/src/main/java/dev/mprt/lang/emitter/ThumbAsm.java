package dev.mprt.lang.emitter;

import java.math.BigInteger;
import java.util.List;

import dev.mprt.lang.ast.DictOrSet;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.KeyValue;
import dev.mprt.lang.ast.ListComp;
import dev.mprt.lang.ast.ListExp;

/**
 * {@code @micropython.asm_thumb} (py/emitinlinethumb.c): registers, operand forms, the ARMv6-M / ARMv7-M / FPU
 * subsets, and branch ranges computed from the instruction sizes.
 */
final class ThumbAsm implements InlineAsm.Isa {

    private static final String[] CC = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt",
        "le"};
    private static final String[] FORMAT_4 = {"eor", "lsl", "lsr", "asr", "adc", "sbc", "ror", "tst", "neg", "cmp",
        "cmn", "orr", "mul", "bic", "mvn"};

    private final InlineAsm asm;
    private final boolean armv7m;
    private final boolean fpu;
    private boolean report;
    private InlineAsm.Layout layout;
    private InlineAsm.Layout labelsFrom;
    /** The errors of the current instruction (an unsupported instruction replaces all of them). */
    private final java.util.List<InlineAsm.Finding> errors = new java.util.ArrayList<>();
    private InlineAsm.Finding unsupported;

    ThumbAsm(InlineAsm asm, Arch arch) {
        this.asm = asm;
        this.armv7m = arch.armv7m();
        this.fpu = arch.thumbFloat();
    }

    @Override
    public String tooManyParameters() {
        return "can only have up to 4 parameters to Thumb assembly";
    }

    @Override
    public String parameterSequence() {
        return "parameters must be registers in sequence r0 to r3";
    }

    @Override
    public boolean parameterOk(String name, int index) {
        return name.length() == 2 && name.charAt(0) == 'r' && name.charAt(1) == '0' + index;
    }

    @Override
    public void assemble(List<InlineAsm.Insn> insns) {
        // pass 1: code size and label offsets; pass 2: errors, with the final label offsets
        for (int pass = 0; pass < 2; pass++) {
            report = pass == 1;
            InlineAsm.Layout l = new InlineAsm.Layout(2); // asm_thumb_entry: push {r1, r4-r7, lr}
            if (pass == 1) {
                labelsFrom = layout;
            }
            layout = l;
            for (InlineAsm.Insn in : insns) {
                if (isDirective(in)) {
                    if (pass == 0) {
                        asm.directive(in, layout);
                    } else {
                        replayDirective(in);
                    }
                    continue;
                }
                errors.clear();
                unsupported = null;
                op(in);
                if (report) {
                    for (InlineAsm.Finding f : unsupported != null ? java.util.List.of(unsupported) : errors) {
                        asm.error(f.code(), f.message(), f.node() != null ? f.node() : in.call());
                    }
                }
            }
        }
    }

    static boolean isDirective(InlineAsm.Insn in) {
        return in.op().equals("label") || in.op().equals("align") || in.op().equals("data");
    }

    /** In the reporting pass, directives only move the offset (their errors were reported once). */
    private void replayDirective(InlineAsm.Insn in) {
        if ("label".equals(in.op())) {
            return;
        }
        if ("align".equals(in.op()) && in.args().size() == 1 && asm.isSmallInt(in.args().get(0))) {
            layout.align(asm.intValue(in.args().get(0)).longValue());
        } else if ("data".equals(in.op()) && in.args().size() >= 2 && asm.isSmallInt(in.args().get(0))) {
            long size = asm.intValue(in.args().get(0)).longValue();
            for (int j = 1; j < in.args().size(); j++) {
                if (asm.intValue(in.args().get(j)) == null) {
                    break;
                }
                layout.add(size);
            }
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

    private void emit(int bytes) {
        layout.add(bytes);
    }

    // ---------------------------------------------------------------------------------------------- operands

    private int reg(String op, Expression e, int max) {
        String s = asm.idText(e);
        int r = switch (s) {
            case "r0" -> 0;
            case "r1" -> 1;
            case "r2" -> 2;
            case "r3" -> 3;
            case "r4" -> 4;
            case "r5" -> 5;
            case "r6" -> 6;
            case "r7" -> 7;
            case "r8" -> 8;
            case "r9" -> 9;
            case "r10", "sl" -> 10;
            case "r11", "fp" -> 11;
            case "r12" -> 12;
            case "r13", "sp" -> 13;
            case "r14", "lr" -> 14;
            case "r15", "pc" -> 15;
            default -> -1;
        };
        if (r < 0) {
            fail(InlineAsm.REGISTER, "'" + op + "' expects a register", e);
            return 0;
        }
        if (r > max) {
            fail(InlineAsm.REGISTER, "'" + op + "' expects at most r" + max, e);
            return 0;
        }
        return r;
    }

    private void specialReg(String op, Expression e) {
        String s = asm.idText(e);
        if (!s.equals("IPSR") && !s.equals("BASEPRI")) {
            fail(InlineAsm.REGISTER, "'" + op + "' expects a special register", e);
        }
    }

    private void vfpReg(String op, Expression e) {
        String s = asm.idText(e);
        if (s.length() >= 2 && s.charAt(0) == 's') {
            long n = 0;
            for (int i = 1; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    fail(InlineAsm.REGISTER, "'" + op + "' expects an FPU register", e);
                    return;
                }
                n = Math.min(10 * n + c - '0', 1000);
            }
            if (n > 31) {
                fail(InlineAsm.REGISTER, "'" + op + "' expects at most r31", e);
            }
            return;
        }
        fail(InlineAsm.REGISTER, "'" + op + "' expects an FPU register", e);
    }

    private int regList(String op, Expression e) {
        String bad = "'" + op + "' expects {r0, r1, ...}";
        if (!(e instanceof DictOrSet d) || d.getItems().isEmpty() || !d.getGenerators().isEmpty()) {
            fail(InlineAsm.REGISTER, bad, e);
            return 0;
        }
        List<Expression> items = d.getItems();
        if (items.size() == 1 && !asm.isId(items.get(0))) {
            fail(InlineAsm.REGISTER, bad, e);
            return 0;
        }
        int list = 0;
        for (Expression x : items) {
            if (x instanceof KeyValue) {
                fail(InlineAsm.REGISTER, bad, e);
                return 0;
            }
        }
        for (Expression x : items) {
            list |= 1 << reg(op, x, 15);
        }
        return list;
    }

    private long imm(String op, Expression e, long mask) {
        BigInteger v = asm.intValue(e);
        if (v == null) {
            fail(InlineAsm.IMMEDIATE, "'" + op + "' expects an integer", e);
            return 0;
        }
        long i = v.longValue() & 0xffffffffL;
        if ((i & ~mask & 0xffffffffL) != 0) {
            fail(InlineAsm.IMMEDIATE, "'" + op + "' integer 0x" + Long.toHexString(i) + " doesn't fit in mask 0x"
                    + Long.toHexString(mask), e);
            return 0;
        }
        return i;
    }

    /** {@code get_arg_addr}: {@code [base, offset]}; returns the two nodes or null. */
    private Expression[] addr(String op, Expression e) {
        if (e instanceof ListExp l && l.getElements().size() == 2) {
            return new Expression[] {l.getElements().get(0), l.getElements().get(1)};
        }
        if (e instanceof ListComp lc && lc.getGenerators().size() == 1) {
            return new Expression[] {lc.getElt(), null}; // [x for ...]: two parse nodes, the second not an int
        }
        fail(InlineAsm.ADDRESS, "'" + op + "' expects an address of the form [a, b]", e);
        return null;
    }

    private void label(String op, Expression e, long range, boolean checkRange) {
        if (!asm.isId(e)) {
            fail(InlineAsm.LABEL, "'" + op + "' expects a label", e);
            return;
        }
        String name = asm.idText(e);
        if (!asm.labels.containsKey(name)) {
            fail(InlineAsm.LABEL, "label '" + name + "' not defined", e);
            return;
        }
        if (checkRange && report && labelsFrom != null) {
            Long dest = labelsFrom.labelOffsets.get(name);
            if (dest != null) {
                long rel = dest - layout.offset - 4;
                if (rel < -range || rel > range - 1) {
                    fail(InlineAsm.BRANCH_RANGE, "branch not in range", e);
                }
            }
        }
    }

    private int cc(String s) {
        int found = -1;
        for (int i = 0; i < CC.length; i++) {
            if (s.startsWith(CC[i])) {
                found = i;
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------- instructions

    private void op(InlineAsm.Insn in) {
        String op = in.op();
        List<Expression> a = in.args();
        int n = a.size();
        if (fpu && op.startsWith("v")) {
            fpOp(in, op, a, n);
            return;
        }
        switch (n) {
            case 0 -> {
                if (op.equals("nop") || op.equals("wfi")) {
                    emit(2);
                } else {
                    unknown(in);
                }
            }
            case 1 -> op1(in, op, a.get(0));
            case 2 -> op2(in, op, a.get(0), a.get(1));
            case 3 -> op3(in, op, a.get(0), a.get(1), a.get(2));
            default -> unknown(in);
        }
    }

    private void unknown(InlineAsm.Insn in) {
        fail(InlineAsm.UNSUPPORTED, "unsupported Thumb instruction '" + in.op() + "' with " + in.args().size()
                + " arguments", null);
    }

    private void op1(InlineAsm.Insn in, String op, Expression x) {
        if (op.equals("b")) {
            label(op, x, 2048, true);
            emit(2);
        } else if (op.equals("bl")) {
            label(op, x, 1L << 22, true);
            emit(4);
        } else if (op.equals("bx")) {
            reg(op, x, 15);
            emit(2);
        } else if (op.charAt(0) == 'b' && (op.length() == 3 || (op.length() == 5 && op.charAt(3) == '_'
                && (op.charAt(4) == 'n' || (armv7m && op.charAt(4) == 'w'))))) {
            if (cc(op.substring(1, 3)) < 0) {
                unknown(in);
                return;
            }
            boolean wide = op.length() == 5 && op.charAt(4) == 'w';
            label(op, x, 256, !wide);
            emit(wide ? 4 : 2);
        } else if (armv7m && op.startsWith("it")) {
            String arg = asm.idText(x);
            int c = -1;
            for (int i = 0; i < CC.length; i++) {
                if (arg.equals(CC[i])) {
                    c = i;
                    break;
                }
            }
            if (c < 0 || op.length() > 5) {
                unknown(in);
                return;
            }
            for (int i = 2; i < op.length(); i++) {
                if (op.charAt(i) != 't' && op.charAt(i) != 'e') {
                    unknown(in);
                    return;
                }
            }
            emit(2);
        } else if (op.equals("cpsid") || op.equals("cpsie")) {
            emit(2);
        } else if (op.equals("push") || op.equals("pop")) {
            int list = regList(op, x);
            int lowMask = op.equals("push") ? 0xbf00 : 0x7f00;
            if ((list & lowMask) == 0) {
                emit(2);
            } else if (!armv7m) {
                unknown(in);
            } else {
                emit(4);
            }
        } else {
            unknown(in);
        }
    }

    private void op2(InlineAsm.Insn in, String op, Expression x, Expression y) {
        if (asm.isId(y)) {
            if (op.equals("mov")) {
                reg(op, x, 15);
                reg(op, y, 15);
                emit(2);
            } else if (armv7m && (op.equals("clz") || op.equals("rbit"))) {
                reg(op, x, 15);
                reg(op, y, 15);
                emit(4);
            } else if (armv7m && op.equals("mrs")) {
                reg(op, x, 12);
                specialReg(op, y);
                emit(4);
            } else if (op.equals("and_") || contains(FORMAT_4, op)) {
                reg(op, x, 7);
                reg(op, y, 7);
                emit(2);
            } else {
                unknown(in);
            }
            return;
        }
        switch (op) {
            case "mov", "cmp", "add", "sub" -> {
                reg(op, x, 7);
                imm(op, y, 0xff);
                emit(2);
            }
            case "ldr", "ldrb", "ldrh", "str", "strb", "strh" -> {
                reg(op, x, 7);
                Expression[] ad = addr(op, y);
                if (ad == null) {
                    unknown(in);
                    return;
                }
                reg(op, ad[0], 7);
                long mask = op.endsWith("b") ? 0x1f : op.endsWith("h") ? 0x3e : 0x7c;
                immOrFail(op, ad[1], mask);
                emit(2);
            }
            default -> {
                if (armv7m && (op.equals("movw") || op.equals("movt"))) {
                    reg(op, x, 15);
                    imm(op, y, 0xffff);
                    emit(4);
                } else if (armv7m && op.equals("movwt")) {
                    reg(op, x, 15);
                    imm(op, y, 0xffffffffL);
                    emit(8);
                } else if (armv7m && op.equals("ldrex")) {
                    reg(op, x, 15);
                    Expression[] ad = addr(op, y);
                    if (ad != null) {
                        reg(op, ad[0], 15);
                        immOrFail(op, ad[1], 0xff);
                        emit(4);
                    }
                } else {
                    unknown(in);
                }
            }
        }
    }

    private void immOrFail(String op, Expression e, long mask) {
        if (e == null) {
            fail(InlineAsm.IMMEDIATE, "'" + op + "' expects an integer", null);
        } else {
            imm(op, e, mask);
        }
    }

    private void op3(InlineAsm.Insn in, String op, Expression x, Expression y, Expression z) {
        switch (op) {
            case "lsl", "lsr", "asr" -> {
                reg(op, x, 7);
                reg(op, y, 7);
                imm(op, z, 0x1f);
                emit(2);
            }
            case "add", "sub" -> {
                reg(op, x, 7);
                reg(op, y, 7);
                if (asm.isId(z)) {
                    reg(op, z, 7);
                } else {
                    imm(op, z, 0x7);
                }
                emit(2);
            }
            default -> {
                if (armv7m && (op.equals("sdiv") || op.equals("udiv"))) {
                    reg(op, x, 15);
                    reg(op, y, 15);
                    reg(op, z, 15);
                    emit(4);
                } else if (armv7m && op.equals("strex")) {
                    reg(op, x, 15);
                    reg(op, y, 15);
                    Expression[] ad = addr(op, z);
                    if (ad != null) {
                        reg(op, ad[0], 15);
                        immOrFail(op, ad[1], 0xff);
                        emit(4);
                    }
                } else {
                    unknown(in);
                }
            }
        }
    }

    private void fpOp(InlineAsm.Insn in, String op, List<Expression> a, int n) {
        if (n == 2) {
            Expression x = a.get(0);
            Expression y = a.get(1);
            switch (op) {
                case "vcmp", "vsqrt", "vneg", "vcvt_f32_s32", "vcvt_s32_f32" -> {
                    vfpReg(op, x);
                    vfpReg(op, y);
                    emit(4);
                }
                case "vmrs" -> {
                    if (!asm.idText(x).equals("APSR_nzcv")) {
                        reg(op, x, 15);
                    }
                    if (!asm.idText(y).equals("FPSCR")) {
                        unknown(in);
                        return;
                    }
                    emit(4);
                }
                case "vmov" -> {
                    if (asm.idText(x).startsWith("r")) {
                        reg(op, x, 15);
                        vfpReg(op, y);
                    } else {
                        vfpReg(op, x);
                        reg(op, y, 15);
                    }
                    emit(4);
                }
                case "vldr", "vstr" -> {
                    vfpReg(op, x);
                    Expression[] ad = addr(op, y);
                    if (ad != null) {
                        reg(op, ad[0], 7);
                        immOrFail(op, ad[1], 0x3fc);
                        emit(4);
                    }
                }
                default -> unknown(in);
            }
        } else if (n == 3 && (op.equals("vadd") || op.equals("vsub") || op.equals("vmul") || op.equals("vdiv"))) {
            vfpReg(op, a.get(0));
            vfpReg(op, a.get(1));
            vfpReg(op, a.get(2));
            emit(4);
        } else {
            unknown(in);
        }
    }

    private static boolean contains(String[] names, String s) {
        for (String n : names) {
            if (n.equals(s)) {
                return true;
            }
        }
        return false;
    }
}
