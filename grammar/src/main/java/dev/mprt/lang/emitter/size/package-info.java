/**
 * The size of the machine code MicroPython's native emitter generates
 * ({@link dev.mprt.lang.emitter.size.NativeCodeSize}): a replay of py/compile.c through a port of py/emitnative.c
 * onto the instruction sizes of py/asmthumb.c and py/asmxtensa.c, which locates every branch of limited reach.
 * Calibrated against mpy-cross (see docs/native-branch-ranges.md).
 */
package dev.mprt.lang.emitter.size;
