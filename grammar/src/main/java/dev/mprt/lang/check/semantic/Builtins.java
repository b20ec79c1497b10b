package dev.mprt.lang.check.semantic;

import java.util.Set;

/**
 * Every name MicroPython 1.25's builtins module can hold ({@code mp_module_builtins_globals_table} in
 * py/modbuiltins.c, with all optional features on), plus what the compiler and module loader provide: {@code const}
 * (handled by the parser), {@code __file__}, {@code __doc__} and the viper types. A superset on purpose: a name is
 * only reported as undefined when no port could define it.
 */
final class Builtins {

    static final Set<String> NAMES = Set.of(
            "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "EOFError", "Ellipsis",
            "Exception", "GeneratorExit", "ImportError", "IndentationError", "IndexError", "KeyError",
            "KeyboardInterrupt", "LookupError", "MemoryError", "NameError", "NotImplemented", "NotImplementedError",
            "OSError", "OverflowError", "RuntimeError", "StopAsyncIteration", "StopIteration", "SyntaxError",
            "SystemExit", "TypeError", "UnicodeError", "ValueError", "ViperTypeError", "ZeroDivisionError",
            "__build_class__", "__import__", "__name__", "__repl_print__", "abs", "all", "any", "bin", "bool",
            "builtins", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "delattr",
            "dict", "dir", "divmod", "enumerate", "eval", "exec", "execfile", "filter", "float", "frozenset",
            "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance",
            "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview", "min", "next", "object",
            "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed", "round", "set",
            "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "zip",
            // the compiler and the module loader
            "const", "__file__", "__doc__", "__path__", "__class__", "__module__", "__qualname__",
            // viper types (names the viper emitter treats as casts)
            "ptr", "ptr8", "ptr16", "ptr32", "uint");

    private Builtins() {
    }
}
