package dev.mprt.lang.emitter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;

import dev.mprt.lang.ast.Call;
import dev.mprt.lang.ast.ExprStatement;
import dev.mprt.lang.ast.Expression;
import dev.mprt.lang.ast.FunctionDef;
import dev.mprt.lang.ast.Name;
import dev.mprt.lang.ast.Parameter;
import dev.mprt.lang.ast.Pass;
import dev.mprt.lang.ast.Statement;

/**
 * The inline assemblers ({@code compile_scope_inline_asm} in py/compile.c and py/emitinline*.c): the rules common
 * to {@code asm_thumb}, {@code asm_xtensa} and {@code asm_rv32} (C.0) and the instruction tables of each, with
 * MicroPython's messages. Every instruction is checked, not only the first failing one.
 */
public final class InlineAsm {

    public static final String NOT_A_FUNCTION = "asm-not-a-function";
    public static final String PARAMETERS = "asm-parameters";
    public static final String RETURN_TYPE = "asm-return-type";
    public static final String NOT_AN_INSTRUCTION = "asm-not-an-instruction";
    public static final String DIRECTIVE = "asm-directive";
    public static final String LABEL_REDEFINED = "asm-label-redefined";
    public static final String UNSUPPORTED = "asm-unsupported-instruction";
    public static final String REGISTER = "asm-register";
    public static final String IMMEDIATE = "asm-immediate";
    public static final String ADDRESS = "asm-address";
    public static final String LABEL = "asm-label";
    public static final String BRANCH_RANGE = "asm-branch-range";
    /** N6 in asm_xtensa: a warning, MicroPython only prints it (see {@link #isWarning}). */
    public static final String XTENSA_BRANCH_RANGE = "asm-xtensa-branch-range";

    /** Whether a finding's code is a warning (MicroPython compiles the function) rather than a SyntaxError. */
    public static boolean isWarning(String code) {
        return XTENSA_BRANCH_RANGE.equals(code);
    }

    /** One error, with MicroPython's SyntaxError message. */
    public record Finding(String code, String message, EObject node) {
    }

    /** One instruction statement: its name, arguments and the call node. */
    record Insn(String op, List<Expression> args, Call call, Statement statement) {
    }

    private final ConstTable consts;
    private final Set<String> modules;
    final List<Finding> findings = new ArrayList<>();
    /** Label name to its definition's index among the instructions (first definition wins). */
    final Map<String, Integer> labels = new HashMap<>();

    InlineAsm(ConstTable consts, Set<String> modules) {
        this.consts = consts;
        this.modules = modules;
    }

    /** Checks the scope opened by {@code scopeNode} as inline assembler for {@code arch}. */
    public static List<Finding> check(EObject scopeNode, Arch arch, ConstTable consts) {
        return check(scopeNode, arch, consts, Set.of());
    }

    /**
     * Checks the scope as inline assembler for {@code arch}; {@code module.NAME} of the {@code modules} the board's
     * parser folds counts as an integer constant of unknown value (rule K4).
     */
    public static List<Finding> check(EObject scopeNode, Arch arch, ConstTable consts, Set<String> modules) {
        InlineAsm a = new InlineAsm(consts, modules);
        try {
            a.run(scopeNode, arch);
        } catch (RuntimeException e) {
            // never fail the analysis on a broken tree
        }
        return a.findings;
    }

    void error(String code, String message, EObject node) {
        findings.add(new Finding(code, message, node));
    }

    private void run(EObject scopeNode, Arch arch) {
        if (!(scopeNode instanceof FunctionDef f)) {
            error(NOT_A_FUNCTION, "inline assembler must be a function", scopeNode);
            return;
        }
        Isa isa = switch (arch.inlineAsm()) {
            case THUMB -> new ThumbAsm(this, arch);
            case XTENSA -> new XtensaAsm(this);
            case RV32 -> new Rv32Asm(this);
            default -> null;
        };
        if (isa == null) {
            return;
        }
        parameters(f, isa);
        returnAnnotation(f);
        List<Insn> insns = instructions(f);
        // labels are known for the whole function (branch targets may come later)
        for (int i = 0; i < insns.size(); i++) {
            Insn in = insns.get(i);
            if ("label".equals(in.op()) && in.args().size() == 1 && isId(in.args().get(0))) {
                String name = ((Name) in.args().get(0)).getId();
                if (labels.containsKey(name)) {
                    error(LABEL_REDEFINED, "label redefined", in.statement());
                } else {
                    labels.put(name, i);
                }
            }
        }
        isa.assemble(insns);
    }

    private void parameters(FunctionDef f, Isa isa) {
        List<Parameter> ps = f.getParams();
        if (ps.size() > 4) {
            error(PARAMETERS, isa.tooManyParameters(), f);
            return;
        }
        for (int i = 0; i < ps.size(); i++) {
            Parameter p = ps.get(i);
            boolean plain = p != null && p.getName() != null && !p.isStar() && !p.isDstar()
                    && p.getAnnotation() == null && p.getDefault() == null;
            if (!plain || !isa.parameterOk(p.getName(), i)) {
                error(PARAMETERS, isa.parameterSequence(), p != null ? p : f);
                return;
            }
        }
    }

    private void returnAnnotation(FunctionDef f) {
        Expression a = f.getReturnAnnotation();
        if (a == null) {
            return;
        }
        if (isId(a)) {
            String t = ((Name) a).getId();
            if (!t.equals("object") && !t.equals("bool") && !t.equals("int") && !t.equals("uint")) {
                error(RETURN_TYPE, "unknown type", a);
            }
        } else {
            error(RETURN_TYPE, "return annotation must be an identifier", a);
        }
    }

    /** The body as MicroPython reads it: pass, lone constants (dropped by the parser) and instruction calls. */
    private List<Insn> instructions(FunctionDef f) {
        List<Insn> out = new ArrayList<>();
        if (f.getBody() == null) {
            return out;
        }
        List<Statement> stmts = f.getBody().getStatements();
        Map<Integer, List<Statement>> byLine = new LinkedHashMap<>();
        for (Statement s : stmts) {
            if (s != null) {
                byLine.computeIfAbsent(Syntax.line(s), k -> new ArrayList<>()).add(s);
            }
        }
        for (List<Statement> line : byLine.values()) {
            if (line.size() > 1) {
                // `a(); b()` is one simple_stmt_2 node, which is not an instruction
                error(NOT_AN_INSTRUCTION, "expecting an assembler instruction", line.get(0));
                continue;
            }
            Statement s = line.get(0);
            if (s instanceof Pass) {
                continue;
            }
            if (s instanceof ExprStatement e && e.getAugOp() == null && e.getAnnotation() == null
                    && e.getValues().isEmpty()) {
                ConstValue c = consts.fold(e.getExpression(), modules);
                if (c != null && c != ConstValue.EMPTY_TUPLE) {
                    continue; // the parser turned the lone constant into `pass`
                }
                if (e.getExpression() instanceof Call call && isId(call.getFunc())) {
                    out.add(new Insn(((Name) call.getFunc()).getId(), call.getArgs(), call, s));
                    continue;
                }
            }
            error(NOT_AN_INSTRUCTION, "expecting an assembler instruction", s);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** {@code MP_PARSE_NODE_IS_ID}: a name the parser did not replace by a constant. */
    boolean isId(Expression e) {
        return e instanceof Name n && n.getId() != null && consts.substitution(n) == null;
    }

    /** The identifier text of an argument, or "" ({@code get_arg_str}). */
    String idText(Expression e) {
        return isId(e) ? ((Name) e).getId() : "";
    }

    /** {@code mp_parse_node_get_int_maybe}: the integer constant an argument folds to, or null. */
    BigInteger intValue(Expression e) {
        ConstValue c = consts.fold(e, modules);
        if (c == null || !c.isInt()) {
            return null;
        }
        return c.integer() != null ? c.integer() : BigInteger.ZERO;
    }

    /** {@code MP_PARSE_NODE_IS_SMALL_INT} for the board's small-int width. */
    boolean isSmallInt(Expression e) {
        ConstValue c = consts.fold(e, modules);
        return c != null && c.isSmallInt(consts.smallIntBits());
    }

    /** Handles the directives common to all three assemblers; true when {@code in} was one. */
    boolean directive(Insn in, Layout layout) {
        switch (in.op()) {
            case "label" -> {
                if (!(in.args().size() == 1 && isId(in.args().get(0)))) {
                    error(DIRECTIVE, "'label' requires 1 argument", in.statement());
                } else if (layout != null) {
                    layout.label(((Name) in.args().get(0)).getId());
                }
                return true;
            }
            case "align" -> {
                if (!(in.args().size() == 1 && isSmallInt(in.args().get(0)))) {
                    error(DIRECTIVE, "'align' requires 1 argument", in.statement());
                } else if (layout != null) {
                    layout.align(intValue(in.args().get(0)).longValue());
                }
                return true;
            }
            case "data" -> {
                if (!(in.args().size() >= 2 && isSmallInt(in.args().get(0)))) {
                    error(DIRECTIVE, "'data' requires at least 2 arguments", in.statement());
                    return true;
                }
                long size = intValue(in.args().get(0)).longValue();
                for (int j = 1; j < in.args().size(); j++) {
                    if (intValue(in.args().get(j)) == null) {
                        error(DIRECTIVE, "'data' requires integer arguments", in.statement());
                        return true;
                    }
                    if (layout != null) {
                        layout.add(size);
                    }
                }
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Code offsets of the instructions and labels, for branch ranges ({@code mp_asm_base_t}). */
    static final class Layout {
        long offset;
        final Map<String, Long> labelOffsets = new HashMap<>();

        Layout(long entry) {
            this.offset = entry;
        }

        void label(String name) {
            labelOffsets.putIfAbsent(name, offset);
        }

        void align(long n) {
            long mask = (n - 1) & 0xffffffffL;
            offset = (offset + mask) & ~mask & 0xffffffffL;
        }

        void add(long bytes) {
            offset += bytes;
        }
    }

    /** One instruction set. */
    interface Isa {
        String tooManyParameters();

        String parameterSequence();

        boolean parameterOk(String name, int index);

        void assemble(List<Insn> insns);
    }
}
