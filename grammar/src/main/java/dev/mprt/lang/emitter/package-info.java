/**
 * MicroPython's code emitters as models the checks can query: {@link dev.mprt.lang.emitter.Emitters} (which
 * emitter compiles each scope: the {@code @micropython.*} decorators and their inheritance),
 * {@link dev.mprt.lang.emitter.ConstTable} (the parser's {@code const()} declarations, substitution and constant
 * folding), {@link dev.mprt.lang.emitter.ViperTypes} (viper's type system, replayed from py/compile.c and
 * py/emitnative.c; per-local types for the editor), and {@link dev.mprt.lang.emitter.InlineAsm} (the Thumb, Xtensa
 * and RV32 inline assemblers). {@link dev.mprt.lang.emitter.Arch} says what each target supports; the board decides
 * the target ({@code dev.mprt.lang.analysis.Boards}). The checks that report from these models live in
 * {@code dev.mprt.lang.check.emitter} and {@code dev.mprt.lang.check.constant}. Nothing here throws on a broken
 * tree: code is analysed while it is typed.
 */
package dev.mprt.lang.emitter;
