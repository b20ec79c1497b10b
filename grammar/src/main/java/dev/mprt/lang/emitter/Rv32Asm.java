package dev.mprt.lang.emitter;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mprt.lang.ast.Attribute;
import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.UnaryOp;

/**
 * {@code @micropython.asm_rv32} (py/emitinlinerv32.c): the opcode table with its operand kinds and field masks,
 * the {@code offset(reg)} load/store form, and label displacements checked against the final code layout.
 */
final class Rv32Asm implements InlineAsm.Isa {

    private static final int N = 0;
    private static final int R = 1;
    private static final int I = 2;
    private static final int L = 3;
    private static final int C = 4; // compressed register (R only)
    private static final int U = 4; // unsigned immediate (I only)
    private static final int Z = 8; // non-zero
    private static final int RC = R | C;
    private static final int IU = I | U;
    private static final int IZ = I | Z;
    private static final int IUZ = I | U | Z;

    private static final long FFFFFFFF = 0xFFFFFFFFL;
    private static final long X0FFF = 0x00000FFFL;
    private static final long XF000 = 0xFFFFF000L;
    private static final long X1FFE = 0x00001FFEL;
    private static final long X001F = 0x0000001FL;
    private static final long FFFE = 0xFFFFFFFEL;
    private static final long X003F = 0x0000003FL;
    private static final long XFF00 = 0x0000FF00L;
    private static final long X03FC = 0x000003FCL;
    private static final long X01FE = 0x000001FEL;
    private static final long X0FFE = 0x00000FFEL;
    private static final long FFFA = 0xFFFFFFFAL;
    private static final long X1F800 = 0x0001F800L;
    private static final long X007C = 0x0000007CL;
    private static final long X00FC = 0x000000FCL;
    private static final long X1FFFFE = 0x001FFFFEL;

    /** One row of {@code OPCODES}: masks, argument count, whether it is a load/store, kinds and shifts. */
    private record Opcode(String name, long[] masks, int count, boolean rir, int[] kinds, int[] shifts) {
    }

    private static final Map<String, Opcode> OPCODES = new HashMap<>();

    private static void op(String name, long m1, long m2, long m3, int count, boolean rir, int k1, int s1, int k2,
            int s2, int k3, int s3) {
        OPCODES.put(name, new Opcode(name, new long[] {m1, m2, m3}, count, rir, new int[] {k1, k2, k3},
                new int[] {s1, s2, s3}));
    }

    static {
        for (String rrr : new String[] {"add", "and_", "div", "divu", "mul", "mulh", "mulhsu", "mulhu", "or_", "rem",
            "remu", "sll", "slt", "sltu", "sra", "srl", "sub", "xor"}) {
            op(rrr, FFFFFFFF, FFFFFFFF, FFFFFFFF, 3, false, R, 0, R, 0, R, 0);
        }
        for (String rri : new String[] {"addi", "andi", "ori", "slti", "sltiu", "xori", "jalr"}) {
            op(rri, FFFFFFFF, FFFFFFFF, X0FFF, 3, false, R, 0, R, 0, I, 0);
        }
        op("auipc", FFFFFFFF, XF000, 0, 2, false, R, 0, I, 12, N, 0);
        for (String b : new String[] {"beq", "bge", "bgeu", "blt", "bltu", "bne"}) {
            op(b, FFFFFFFF, FFFFFFFF, X1FFE, 3, false, R, 0, R, 0, L, 0);
        }
        for (String csr : new String[] {"csrrc", "csrrs", "csrrw"}) {
            op(csr, FFFFFFFF, FFFFFFFF, X0FFF, 3, false, R, 0, R, 0, IU, 0);
        }
        for (String csri : new String[] {"csrrci", "csrrsi", "csrrwi"}) {
            op(csri, FFFFFFFF, X0FFF, X001F, 3, false, R, 0, IU, 0, IU, 0);
        }
        op("c_add", FFFE, FFFE, 0, 2, false, R, 0, R, 0, N, 0);
        op("c_addi", FFFE, X003F, 0, 2, false, R, 0, IZ, 0, N, 0);
        op("c_addi4spn", XFF00, X03FC, 0, 2, false, R, 0, IUZ, 0, N, 0);
        op("c_and", XFF00, XFF00, 0, 2, false, RC, 0, RC, 0, N, 0);
        op("c_andi", XFF00, X003F, 0, 2, false, RC, 0, I, 0, N, 0);
        op("c_beqz", XFF00, X01FE, 0, 2, false, RC, 0, L, 0, N, 0);
        op("c_bnez", XFF00, X01FE, 0, 2, false, RC, 0, L, 0, N, 0);
        op("c_ebreak", 0, 0, 0, 0, false, N, 0, N, 0, N, 0);
        op("c_j", X0FFE, 0, 0, 1, false, L, 0, N, 0, N, 0);
        op("c_jal", X0FFE, 0, 0, 1, false, L, 0, N, 0, N, 0);
        op("c_jalr", FFFE, 0, 0, 1, false, R, 0, N, 0, N, 0);
        op("c_jr", FFFE, 0, 0, 1, false, R, 0, N, 0, N, 0);
        op("c_li", FFFE, X003F, 0, 2, false, R, 0, I, 0, N, 0);
        op("c_lui", FFFA, X1F800, 0, 2, false, R, 0, IUZ, 12, N, 0);
        op("c_lw", XFF00, X007C, XFF00, 3, true, RC, 0, I, 0, RC, 0);
        op("c_lwsp", FFFE, X00FC, 0, 2, false, R, 0, I, 0, N, 0);
        op("c_mv", FFFE, FFFE, 0, 2, false, R, 0, R, 0, N, 0);
        op("c_nop", 0, 0, 0, 0, false, N, 0, N, 0, N, 0);
        op("c_or", XFF00, XFF00, 0, 2, false, RC, 0, RC, 0, N, 0);
        op("c_slli", FFFE, X001F, 0, 2, false, R, 0, IU, 0, N, 0);
        op("c_srai", XFF00, X001F, 0, 2, false, RC, 0, IU, 0, N, 0);
        op("c_srli", XFF00, X001F, 0, 2, false, RC, 0, IU, 0, N, 0);
        op("c_sub", XFF00, XFF00, 0, 2, false, RC, 0, RC, 0, N, 0);
        op("c_sw", XFF00, X007C, XFF00, 3, true, RC, 0, I, 0, RC, 0);
        op("c_swsp", FFFFFFFF, X00FC, 0, 2, false, R, 0, I, 0, N, 0);
        op("c_xor", XFF00, XFF00, 0, 2, false, RC, 0, RC, 0, N, 0);
        op("ebreak", 0, 0, 0, 0, false, N, 0, N, 0, N, 0);
        op("ecall", 0, 0, 0, 0, false, N, 0, N, 0, N, 0);
        op("jal", FFFFFFFF, X1FFFFE, 0, 2, false, R, 0, L, 0, N, 0);
        op("la", FFFFFFFF, FFFFFFFF, 0, 2, false, R, 0, L, 0, N, 0);
        for (String ls : new String[] {"lb", "lbu", "lh", "lhu", "lw", "sb", "sh", "sw"}) {
            op(ls, FFFFFFFF, X0FFF, FFFFFFFF, 3, true, R, 0, I, 0, R, 0);
        }
        op("li", FFFFFFFF, FFFFFFFF, 0, 2, false, R, 0, I, 0, N, 0);
        op("lui", FFFFFFFF, XF000, 0, 2, false, R, 0, I, 12, N, 0);
        op("mv", FFFFFFFF, FFFFFFFF, 0, 2, false, R, 0, R, 0, N, 0);
        for (String sh : new String[] {"slli", "srai", "srli"}) {
            op(sh, FFFFFFFF, FFFFFFFF, X001F, 3, false, R, 0, R, 0, IU, 0);
        }
    }

    private static final String[] REGISTER_NAMES = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",
        "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
        "t3", "t4", "t5", "t6"};

    private final InlineAsm asm;
    private boolean report;
    private InlineAsm.Layout layout;
    private InlineAsm.Layout labelsFrom;

    Rv32Asm(InlineAsm asm) {
        this.asm = asm;
    }

    @Override
    public String tooManyParameters() {
        return "can only have up to 4 parameters for RV32 assembly";
    }

    @Override
    public String parameterSequence() {
        return "parameters must be registers in sequence a0 to a3";
    }

    @Override
    public boolean parameterOk(String name, int index) {
        return register(name) == 10 + index;
    }

    /** The register number of a name ({@code zero}..{@code t6}, {@code x0}..{@code x31}), or -1. */
    static int register(String s) {
        for (int i = 0; i < REGISTER_NAMES.length; i++) {
            if (REGISTER_NAMES[i].equals(s)) {
                return i;
            }
        }
        if (s.matches("x([0-9]|[12][0-9]|3[01])")) {
            return Integer.parseInt(s.substring(1));
        }
        return -1;
    }

    @Override
    public void assemble(List<InlineAsm.Insn> insns) {
        for (int pass = 0; pass < 2; pass++) {
            report = pass == 1;
            if (pass == 1) {
                labelsFrom = layout;
            }
            layout = new InlineAsm.Layout(0);
            for (InlineAsm.Insn in : insns) {
                if (directive(in, pass)) {
                    continue;
                }
                String err = instruction(in);
                if (report && err != null) {
                    asm.error(errCode, err, errNode != null ? errNode : in.call());
                }
            }
        }
    }

    private boolean directive(InlineAsm.Insn in, int pass) {
        String op = in.op();
        if (!op.equals("label") && !op.equals("align") && !op.equals("data")) {
            return false;
        }
        if (pass == 0) {
            asm.directive(in, layout);
        } else if (op.equals("label")) {
            // nothing moves
        } else if (op.equals("align") && in.args().size() == 1 && asm.isSmallInt(in.args().get(0))) {
            layout.align(asm.intValue(in.args().get(0)).longValue());
        } else if (op.equals("data") && in.args().size() >= 2 && asm.isSmallInt(in.args().get(0))) {
            long size = asm.intValue(in.args().get(0)).longValue();
            for (int j = 1; j < in.args().size(); j++) {
                if (asm.intValue(in.args().get(j)) == null) {
                    break;
                }
                layout.add(size);
            }
        }
        return true;
    }

    private String errCode;
    private Expression errNode;

    private String fail(String code, String message, Expression node) {
        errCode = code;
        errNode = node;
        return message;
    }

    /** Checks one instruction and advances the layout; returns MicroPython's message or null. */
    private String instruction(InlineAsm.Insn in) {
        String op = in.op();
        Opcode o = OPCODES.get(op);
        errNode = null;
        if (o == null) {
            return fail(InlineAsm.UNSUPPORTED, "unknown RV32 instruction '" + op + "'", null);
        }
        List<Expression> a = in.args();
        String err;
        if (!o.rir()) {
            if (o.count() != a.size()) {
                return fail(InlineAsm.UNSUPPORTED, "opcode '" + op + "': expecting " + o.count() + " arguments",
                        null);
            }
            for (int i = 0; i < o.count(); i++) {
                err = validate(op, o, a.get(i), i);
                if (err != null) {
                    size(o, a);
                    return err;
                }
            }
            size(o, a);
            return null;
        }
        if (a.size() != 2) {
            return fail(InlineAsm.UNSUPPORTED, "opcode '" + op + "': expecting 2 arguments", null);
        }
        layout.add(op.startsWith("c_") ? 2 : 4);
        err = validate(op, o, a.get(0), 0);
        if (err != null) {
            return err;
        }
        return offset(op, o, a.get(1));
    }

    private void size(Opcode o, List<Expression> a) {
        String op = o.name();
        if (op.equals("li")) {
            BigInteger v = a.size() == 2 ? asm.intValue(a.get(1)) : null;
            layout.add(liSize(v == null ? 0 : v.longValue() & FFFFFFFF));
        } else if (op.equals("la")) {
            layout.add(8);
        } else if (op.startsWith("c_") || op.equals("mv")) {
            layout.add(2);
        } else {
            layout.add(4);
        }
    }

    private static boolean fitSigned(long v, int bits) {
        long m = ~((1L << (bits - 1)) - 1) & FFFFFFFF;
        return (v & m) == 0 || (v & m) == m;
    }

    /** {@code asm_rv32_emit_optimised_load_immediate}'s size. */
    private static int liSize(long imm) {
        if (fitSigned(imm, 6)) {
            return 2;
        }
        if (fitSigned(imm, 12)) {
            return 4;
        }
        long upper = imm & 0xFFFFF000L;
        long lower = imm & 0xFFFL;
        if ((lower & 0x800) != 0) {
            upper = (upper + 0x1000) & FFFFFFFF;
        }
        int size = fitSigned(upper, 17) && (upper >> 12) != 0 ? 2 : 4;
        if (lower != 0) {
            size += fitSigned(lower, 6) ? 2 : 4;
        }
        return size;
    }

    private String validate(String op, Opcode o, Expression node, int index) {
        int kind = o.kinds()[index];
        long mask = o.masks()[index];
        int shift = o.shifts()[index];
        String at = "opcode '" + op + "' argument " + (index + 1) + ": ";
        switch (kind & 3) {
            case N -> {
                return null;
            }
            case R -> {
                int r = asm.isId(node) ? register(asm.idText(node)) : -1;
                if (r < 0) {
                    return fail(InlineAsm.REGISTER, at + "expecting register", node);
                }
                if ((mask & (1L << r)) == 0) {
                    return fail(InlineAsm.REGISTER, at + "unknown register", node);
                }
                return null;
            }
            case I -> {
                BigInteger v = asm.intValue(node);
                if (v == null) {
                    return fail(InlineAsm.IMMEDIATE, at + "expecting integer", node);
                }
                long imm = (v.longValue() << shift) & FFFFFFFF;
                if ((kind & U) != 0 ? !unsignedMask(mask, imm) : !signedMask(mask, imm)) {
                    return fail(InlineAsm.IMMEDIATE, at + "out of range", node);
                }
                if ((kind & Z) != 0 && imm == 0) {
                    return fail(InlineAsm.IMMEDIATE, at + "must not be zero", node);
                }
                return null;
            }
            default -> {
                if (!asm.isId(node)) {
                    return fail(InlineAsm.LABEL, at + "expecting label", node);
                }
                String name = asm.idText(node);
                if (!asm.labels.containsKey(name)) {
                    return fail(InlineAsm.LABEL, at + "undefined label '" + name + "'", node);
                }
                if (report && labelsFrom != null && labelsFrom.labelOffsets.containsKey(name)) {
                    long disp = (labelsFrom.labelOffsets.get(name) - layout.offset) & FFFFFFFF;
                    if (!signedMask(mask, disp)) {
                        return fail(InlineAsm.BRANCH_RANGE, at + "out of range", node);
                    }
                }
                return null;
            }
        }
    }

    /** {@code offset(reg)}, {@code -offset(reg)}, {@code +offset(reg)}: argument 2 of a load or store. */
    private String offset(String op, Opcode o, Expression node) {
        boolean negative = false;
        Expression e = node;
        if (e instanceof UnaryOp u && ("-".equals(u.getOp()) || "+".equals(u.getOp()))) {
            negative = "-".equals(u.getOp());
            e = u.getOperand();
            if (!(e instanceof Call) && !(e instanceof Attribute)) {
                return fail(InlineAsm.ADDRESS, "opcode '" + op + "' argument 2: expecting offset", node);
            }
        }
        Expression off;
        Expression regNode = null;
        String regName;
        if (e instanceof Call c && !(c.getFunc() instanceof Call)) {
            off = c.getFunc();
            regNode = c.getArgs().size() == 1 ? c.getArgs().get(0) : null;
            regName = regNode != null && asm.isId(regNode) ? asm.idText(regNode) : null;
        } else if (e instanceof Attribute at) {
            off = at.getValue();
            regName = at.getAttr();
        } else {
            return fail(InlineAsm.ADDRESS, "opcode '" + op + "' argument 2: expecting offset", node);
        }
        BigInteger v = asm.intValue(off);
        if (v == null) {
            return fail(InlineAsm.IMMEDIATE, "opcode '" + op + "' argument 2: expecting integer", off);
        }
        long imm = v.longValue() & FFFFFFFF;
        if (negative) {
            imm = (~imm + 1) & FFFFFFFF;
        }
        imm = (imm << o.shifts()[1]) & FFFFFFFF;
        if (!signedMask(o.masks()[1], imm)) {
            return fail(InlineAsm.IMMEDIATE, "opcode '" + op + "' argument 2: out of range", off);
        }
        int r = regName == null ? -1 : register(regName);
        Expression at3 = regNode != null ? regNode : node;
        if (r < 0) {
            return fail(InlineAsm.REGISTER, "opcode '" + op + "' argument 3: expecting register", at3);
        }
        if ((o.masks()[2] & (1L << r)) == 0) {
            return fail(InlineAsm.REGISTER, "opcode '" + op + "' argument 3: unknown register", at3);
        }
        return null;
    }

    private static boolean unsignedMask(long mask, long value) {
        return (value & ~mask & FFFFFFFF) == 0;
    }

    /** {@code is_in_signed_mask} on 32-bit values. */
    static boolean signedMask(long mask, long value) {
        int lz = Integer.numberOfLeadingZeros((int) mask);
        if (lz == 0 || lz > 32 || mask == 0) {
            return true;
        }
        long positive = ~(mask & ~(1L << (31 - lz))) & FFFFFFFF;
        if ((value & positive) == 0) {
            return true;
        }
        long negative = ~(mask >> 1) & FFFFFFFF;
        int tz = Long.numberOfTrailingZeros(mask);
        if (tz > 0) {
            long trailing = (1L << tz) - 1;
            if ((value & trailing) != 0) {
                return false;
            }
            negative &= ~trailing;
        }
        return (value & negative) == negative;
    }
}
