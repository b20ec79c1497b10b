// mprt variant of MicroPython 1.25's unix port (the host firmware).
//
// Used out of tree via `make -C ports/unix VARIANT_DIR=<this folder>`
// (vm-firmware/build.sh does this); the variant name is the folder name, "mprt".
// Same as the stock "standard" variant, plus sys.settrace.

// Feature level of the standard variant.
#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)

// Extra unix features shared by the stock variants. Included relative to the
// port directory (ports/unix is on the include path as "."), because this
// folder lives outside the MicroPython tree.
#include "variants/mpconfigvariant_common.h"

// sys.settrace() for the mprt debugger (py/mpconfig.h then turns on
// MICROPY_PERSISTENT_CODE_SAVE, which py/profile.c requires).
// Native/viper need no option here: ports/unix/mpconfigport.h enables
// MICROPY_EMIT_X64 (or X86/THUMB/ARM) for the host CPU, and the unix port
// allocates executable memory for native code with mmap (alloc.c).
#define MICROPY_PY_SYS_SETTRACE (1)

// The on-device debug monitor (vm-firmware/modules/mprt_debug, issue 7): the module `mprt_debug`.
// Its link is stdin/stdout (mprt_debug_unix.c): run the build on a pty (vm-firmware/run.sh --board
// unix) and a host debugs it as it debugs the board. mprt_debug.attach(loopback=True) and
// mprt_debug.feed() drive it from Python (the firmware tests do).
#define MICROPY_PY_MPRT_DEBUG (1)
#define MICROPY_SCHEDULER_STATIC_NODES (1)
