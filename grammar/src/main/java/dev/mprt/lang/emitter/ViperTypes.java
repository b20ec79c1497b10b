package dev.mprt.lang.emitter;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;

import dev.mprt.lang.analysis.AnalysisOptions;
import dev.mprt.lang.analysis.Boards;
import dev.mprt.lang.ast.PyFile;
import dev.mprt.lang.diagnostics.Severity;
import dev.mprt.lang.scope.ScopeBuilder;
import dev.mprt.lang.scope.ScopeTree;

/**
 * Viper's type system as MicroPython's compiler applies it: {@link #infer} replays what py/compile.c emits for one
 * scope through a model of py/emitnative.c's typed value stack, so every local gets the type of its first store in
 * code order, every operation is checked as the emitter checks it, and each {@code ViperTypeError} (and the related
 * SyntaxError, NotImplementedError and assertion cases) is found with MicroPython's message on the expression that
 * causes it. The result can be queried per local (for inlay hints) as well as for its findings.
 */
public final class ViperTypes {

    // ------------------------------------------------------------------------------ codes (stable; see Codes)
    /** V0 */
    public static final String UNKNOWN_TYPE = "viper-unknown-type";
    /** S1 */
    public static final String ANNOTATION_NOT_IDENTIFIER = "viper-annotation-not-identifier";
    /** V1 */
    public static final String USED_BEFORE_TYPE_KNOWN = "viper-local-used-before-type-known";
    /** V2 */
    public static final String LOCAL_TYPE_MISMATCH = "viper-local-type-mismatch";
    /** V3 */
    public static final String CANT_LOAD_FROM = "viper-cant-load-from";
    /** V4 */
    public static final String CANT_LOAD_WITH_INDEX = "viper-cant-load-with-index";
    /** V5 */
    public static final String CANT_STORE_TO = "viper-cant-store-to";
    /** V6 */
    public static final String CANT_STORE_WITH_INDEX = "viper-cant-store-with-index";
    /** V7 */
    public static final String CANT_STORE_VALUE = "viper-cant-store-value";
    /** V8 */
    public static final String CANT_CONVERT_TO_BOOL = "viper-cant-convert-to-bool";
    /** V9 */
    public static final String INT_UINT_COMPARISON = "viper-int-uint-comparison";
    /** V10 */
    public static final String UINT_DIV_MOD = "viper-uint-div-mod";
    /** V11 */
    public static final String BINARY_OP_NOT_IMPLEMENTED = "viper-binary-op-not-implemented";
    /** V12 */
    public static final String BINARY_OP_TYPES = "viper-binary-op-types";
    /** V13 */
    public static final String NOT_NOT_IMPLEMENTED = "viper-not-not-implemented";
    /** V14 */
    public static final String UNARY_OP_TYPE = "viper-unary-op-type";
    /** V15 */
    public static final String RETURN_TYPE = "viper-return-type";
    /** V16 */
    public static final String MUST_RAISE_OBJECT = "viper-must-raise-object";
    /** N1 */
    public static final String NATIVE_YIELD = "viper-native-yield";
    /** N2 */
    public static final String CONVERSION_TO_OBJECT = "viper-conversion-to-object";
    /** N3 */
    public static final String CASTING = "viper-casting";
    /** U1-U4: attribute load, method call, attribute store, attribute delete on a native value. */
    public static final String NATIVE_ATTRIBUTE = "viper-native-attribute";
    /** U5 */
    public static final String NATIVE_DELETE_SUBSCRIPT = "viper-native-delete-subscript";
    /** U6 */
    public static final String NATIVE_SLICE = "viper-native-slice";
    /** U7 */
    public static final String NATIVE_ITERATION = "viper-native-iteration";
    /** U8 */
    public static final String NATIVE_UNPACK = "viper-native-unpack";
    /** U9 */
    public static final String NATIVE_CONTEXT_MANAGER = "viper-native-context-manager";
    /** U10 */
    public static final String NATIVE_DICT_ITEM = "viper-native-dict-item";
    /** U11 */
    public static final String NATIVE_COMPREHENSION_ITEM = "viper-native-comprehension-item";
    /** U12 (A5.3) */
    public static final String CAST_ARGUMENTS = "viper-cast-arguments";
    /** U13, and calling a native value */
    public static final String NATIVE_CALL = "viper-native-call";
    /** U14 */
    public static final String NATIVE_NAME_STORE = "viper-native-name-store";
    /** U16 */
    public static final String ASYNC_DEF = "viper-async-def";
    /** U17 */
    public static final String CAPTURED_PARAMETER = "viper-captured-parameter";
    /** A4.3 */
    public static final String STAR_PARAMETER = "viper-star-parameter";
    /** A4.2 (warning) */
    public static final String DEFAULT_DROPPED = "viper-default-dropped";
    /** A5.5 */
    public static final String CAST_AS_VALUE = "viper-cast-as-value";
    /** A.11 Xtensa literal-index store bug (warning) */
    public static final String XTENSA_STORE = "viper-xtensa-store";
    /** A.11 integer literal that is an object, not an int, on this target (warning, only where it changes a type) */
    public static final String BIG_LITERAL = "viper-big-literal";

    /** One finding of the viper emulation. */
    public record Finding(String code, Severity severity, String message, EObject node) {
    }

    /** A local's inferred type and the store that fixed it (null for parameters and unassigned locals). */
    public record Local(String name, ViperType type, EObject firstStore, boolean parameter) {
    }

    /** What {@link #infer} found for one viper scope. */
    public static final class Result {

        private final Map<String, Local> locals;
        private final ViperType returnType;
        private final List<Finding> findings;

        Result(Map<String, Local> locals, ViperType returnType, List<Finding> findings) {
            this.locals = Collections.unmodifiableMap(new LinkedHashMap<>(locals));
            this.returnType = returnType;
            this.findings = List.copyOf(findings);
        }

        /** Every local of the scope (parameters first), in MicroPython's order of first occurrence. */
        public Map<String, Local> locals() {
            return locals;
        }

        /** The viper type of local {@code name}, or null if it is not a local of the scope. */
        public ViperType typeOf(String name) {
            Local l = locals.get(name);
            return l == null ? null : l.type();
        }

        /** The declared return type ({@code object} without an annotation). */
        public ViperType returnType() {
            return returnType;
        }

        public List<Finding> findings() {
            return findings;
        }
    }

    private ViperTypes() {
    }

    /**
     * Infers and checks one scope (a def, lambda, comprehension or class) as viper code for the default board.
     * Builds the file's scopes and constants; in a check, use {@link #infer(EObject, Context)} to share them.
     */
    public static Result infer(EObject scopeNode) {
        return infer(scopeNode, AnalysisOptions.defaults());
    }

    public static Result infer(EObject scopeNode, AnalysisOptions options) {
        EObject root = EcoreUtil.getRootContainer(scopeNode);
        PyFile file = root instanceof PyFile f ? f : null;
        ScopeTree scopes = file == null ? null : ScopeBuilder.build(file);
        int bits = Boards.smallIntBits(options.board());
        ConstTable consts = file == null ? ConstTable.empty(bits)
                : ConstTable.build(file, bits, Syntax.documentText(file).contains("const"));
        return infer(scopeNode, new Context(scopes, consts, Boards.arch(options.board())));
    }

    /** What the emulation needs from the rest of the analysis. */
    public record Context(ScopeTree scopes, ConstTable consts, Arch arch) {
    }

    public static Result infer(EObject scopeNode, Context context) {
        return new ViperCompiler(scopeNode, context).run();
    }
}
