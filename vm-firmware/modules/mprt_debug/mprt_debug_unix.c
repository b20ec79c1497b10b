// mprt_debug: the debug link of mprt's unix build (ports/unix, variant mprt).
//
// The monitor shares the process's stdin and stdout (the terminal or pty the REPL runs on) with the
// REPL, as it shares UART0 on the emulated board. While the link listens (from mprt_debug.attach()
// until mprt_debug.detach() or the end of the process), a reader thread does what the board's UART
// receive interrupt does: it reads stdin, feeds the bytes of every frame (from MPRT_DEBUG_SYNC on)
// to the monitor's parser, turns the REPL's interrupt character (Ctrl-C while code runs) into a
// KeyboardInterrupt, and puts every other byte into a ring. The port's stdin read is linked to
// __wrap_mp_hal_stdin_rx_chr (-Wl,--wrap, micropython.mk), which takes the bytes from that ring
// while the link listens, so the REPL and input() read what they would have read.
//
// The terminal: the port switches stdin between raw mode (while the REPL reads a line) and the
// original mode (while code runs: there the terminal turns Ctrl-C into SIGINT and buffers lines).
// The link needs raw input all the time, so while it listens it keeps the port's raw mode
// (mp_hal_stdio_mode_raw/orig are wrapped) and restores the original mode when it stops or the
// process exits. Output processing (ONLCR) stays on for the REPL and the program; a frame goes out
// with it switched off, so that its bytes arrive unchanged.
//
// A stop waits in mprt_debug_port_wait() until the reader thread has received a request. The reader
// thread never touches the heap: it runs the parser, which writes only the monitor's static
// buffers, and schedules the monitor's static node. A KeyboardInterrupt is scheduled like the
// port's SIGINT handler does, and a signal wakes the main thread from a blocking system call
// (time.sleep), which then raises it.

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "py/runtime.h"
#include "py/mphal.h"
#include "mprt_debug.h"

#if MICROPY_PY_MPRT_DEBUG

// A power of two; more than the REPL's paste window.
#define UNIX_RING_SIZE (4096)
#define UNIX_WAKE_SIGNAL (SIGRTMIN + 6) // SIGRTMIN + 5 is the port's GC signal

static uint8_t unix_ring[UNIX_RING_SIZE];
static uint32_t unix_head; // written by the reader thread
static uint32_t unix_tail; // written by the main thread
static volatile bool unix_eof;
static volatile bool unix_stopping; // the link is being turned off: the reader must not wait
static volatile int unix_interrupt_char = -1; // what the REPL asked for: Ctrl-C while code runs
static bool unix_listening;
static bool unix_exit_hook;
static pthread_t unix_reader;
static pthread_t unix_main;
static int unix_wake[2] = { -1, -1 }; // reader -> main: bytes, a request or the end of stdin
static int unix_stop[2] = { -1, -1 }; // main -> reader: stop
static bool unix_tty_in;
static struct termios unix_orig;

static uint32_t unix_used(void) {
    return __atomic_load_n(&unix_head, __ATOMIC_ACQUIRE) - __atomic_load_n(&unix_tail, __ATOMIC_ACQUIRE);
}

static void unix_notify(void) {
    uint8_t b = 0;
    (void)!write(unix_wake[1], &b, 1);
}

// Waits up to timeout_ms for the reader thread (main thread).
static void unix_wait(int timeout_ms) {
    struct pollfd p = { unix_wake[0], POLLIN, 0 };
    poll(&p, 1, timeout_ms);
    uint8_t buf[64];
    while (read(unix_wake[0], buf, sizeof(buf)) > 0) {
    }
}

static void unix_interrupt(void) {
    mp_sched_keyboard_interrupt();
    pthread_kill(unix_main, UNIX_WAKE_SIGNAL);
}

static void unix_wake_handler(int signum) {
    (void)signum; // only there to interrupt a blocking system call (EINTR)
}

static void unix_ring_put(uint8_t c) {
    while (unix_used() == UNIX_RING_SIZE) {
        if (unix_interrupt_char >= 0 || unix_stopping) {
            return; // full while a program runs and does not read stdin: drop, as a UART overrun would
        }
        usleep(1000); // full while the REPL reads: wait for room
    }
    uint32_t head = unix_head;
    unix_ring[head & (UNIX_RING_SIZE - 1)] = c;
    __atomic_store_n(&unix_head, head + 1, __ATOMIC_RELEASE);
}

static void *unix_reader_main(void *arg) {
    (void)arg;
    bool in_frame = false;
    struct pollfd fds[2] = { { STDIN_FILENO, POLLIN, 0 }, { unix_stop[0], POLLIN, 0 } };
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[1].revents != 0) {
            break;
        }
        uint8_t buf[256];
        ssize_t n = read(STDIN_FILENO, buf, sizeof(buf));
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        }
        if (n <= 0) {
            unix_eof = true; // the terminal or pipe is gone: the REPL reads Ctrl-D
            unix_notify();
            break;
        }
        for (ssize_t i = 0; i < n; ++i) {
            uint8_t c = buf[i];
            if (in_frame) {
                in_frame = mprt_debug_rx_feed(c);
            } else if (c == MPRT_DEBUG_SYNC) {
                mprt_debug_rx_begin();
                in_frame = true;
            } else if (c == unix_interrupt_char) {
                unix_interrupt();
            } else {
                unix_ring_put(c);
            }
        }
        unix_notify();
    }
    return NULL;
}

static void unix_tty_restore(void) {
    if (unix_tty_in) {
        tcsetattr(STDIN_FILENO, TCSANOW, &unix_orig);
    }
}

static void unix_at_exit(void) {
    if (unix_listening) {
        unix_tty_restore();
    }
}

void mprt_debug_port_listen(bool on) {
    if (on == unix_listening) {
        return;
    }
    if (on) {
        unix_main = pthread_self();
        if (pipe(unix_wake) != 0 || pipe(unix_stop) != 0) {
            mp_raise_OSError(errno);
        }
        for (int i = 0; i < 2; ++i) {
            fcntl(unix_wake[i], F_SETFL, O_NONBLOCK);
            fcntl(unix_wake[i], F_SETFD, FD_CLOEXEC);
            fcntl(unix_stop[i], F_SETFD, FD_CLOEXEC);
        }
        struct sigaction sa = { 0 };
        sa.sa_handler = unix_wake_handler;
        sigemptyset(&sa.sa_mask);
        sigaction(UNIX_WAKE_SIGNAL, &sa, NULL);
        // The port's raw mode (as mp_hal_stdio_mode_raw sets it), without discarding typed-ahead input.
        unix_tty_in = tcgetattr(STDIN_FILENO, &unix_orig) == 0;
        if (unix_tty_in) {
            struct termios t = unix_orig;
            t.c_iflag &= ~(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
            t.c_cflag = (t.c_cflag & ~(CSIZE | PARENB)) | CS8;
            t.c_lflag = 0;
            t.c_cc[VMIN] = 1;
            t.c_cc[VTIME] = 0;
            tcsetattr(STDIN_FILENO, TCSANOW, &t);
        }
        if (!unix_exit_hook) {
            atexit(unix_at_exit);
            unix_exit_hook = true;
        }
        unix_eof = false;
        unix_stopping = false;
        // The reader takes no signal: SIGINT and the wake signal are for the main thread.
        sigset_t all, old;
        sigfillset(&all);
        pthread_sigmask(SIG_SETMASK, &all, &old);
        int err = pthread_create(&unix_reader, NULL, unix_reader_main, NULL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        if (err != 0) {
            unix_tty_restore();
            mp_raise_OSError(err);
        }
        unix_listening = true;
    } else {
        unix_listening = false;
        unix_stopping = true;
        uint8_t b = 0;
        (void)!write(unix_stop[1], &b, 1);
        pthread_join(unix_reader, NULL);
        for (int i = 0; i < 2; ++i) {
            close(unix_wake[i]);
            close(unix_stop[i]);
            unix_wake[i] = unix_stop[i] = -1;
        }
        unix_tty_restore(); // what was received and not read yet stays in the ring for the REPL
    }
}

void mprt_debug_port_tx(const uint8_t *data, size_t len) {
    // A frame is binary: no output processing (ONLCR would turn each 0x0a into 0x0d 0x0a). Linux
    // processes output when it is written, so the mode only needs to be off during the write.
    struct termios t;
    bool cooked = tcgetattr(STDOUT_FILENO, &t) == 0 && (t.c_oflag & OPOST);
    if (cooked) {
        t.c_oflag &= ~OPOST;
        tcsetattr(STDOUT_FILENO, TCSANOW, &t);
    }
    while (len > 0) {
        ssize_t n = write(STDOUT_FILENO, data, len);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) {
                continue;
            }
            break;
        }
        data += n;
        len -= n;
    }
    if (cooked) {
        t.c_oflag |= OPOST;
        tcsetattr(STDOUT_FILENO, TCSANOW, &t);
    }
}

void mprt_debug_port_wait(void) {
    if (!mprt_debug_has_work()) {
        unix_wait(100);
    }
}

void mprt_debug_port_interrupt(void) {
    if (unix_interrupt_char >= 0) {
        unix_interrupt();
    }
}

const char *mprt_debug_port_board(void) {
    return "unix";
}

bool mprt_debug_port_has_link(void) {
    return true;
}

bool mprt_debug_port_program_running(void) {
    return unix_interrupt_char >= 0; // the REPL turns Ctrl-C on while code runs
}

// ---- the port's stdin and terminal, while the link listens -------------------------------------

static int unix_read_byte(void) {
    uint8_t c;
    ssize_t n;
    MP_HAL_RETRY_SYSCALL(n, read(STDIN_FILENO, &c, 1), {});
    return n == 1 ? c : -1;
}

// While the link is off, a frame that reaches the REPL is dropped whole: a host that probes with
// HELLO must not type into the REPL (the length byte of HELLO is 4, Ctrl-D, which ends the unix
// build at an empty prompt). Returns the first byte that turned out not to belong to a frame, or -1.
static int unix_skip_frame(void) {
    uint8_t hdr[4];
    for (size_t i = 0; i < 4; ++i) {
        int c = unix_read_byte();
        if (c < 0 || (i == 0 && c != MPRT_DEBUG_MAGIC)
            || (i == 3 && c != (0xff ^ hdr[1] ^ hdr[2]))) {
            return c;
        }
        hdr[i] = c;
    }
    for (size_t n = (hdr[1] | hdr[2] << 8) + MPRT_DEBUG_CRC_SIZE; n > 0; --n) {
        if (unix_read_byte() < 0) {
            return -1;
        }
    }
    return -1;
}

int __real_mp_hal_stdin_rx_chr(void);
int __wrap_mp_hal_stdin_rx_chr(void);
int __wrap_mp_hal_stdin_rx_chr(void) {
    for (;;) {
        if (unix_used() > 0) {
            int c = unix_ring[unix_tail & (UNIX_RING_SIZE - 1)];
            __atomic_store_n(&unix_tail, unix_tail + 1, __ATOMIC_RELEASE);
            return c == '\n' ? '\r' : c; // as the port's own read does
        }
        if (!unix_listening) {
            int c = __real_mp_hal_stdin_rx_chr();
            if (c == MPRT_DEBUG_SYNC) {
                c = unix_skip_frame();
                if (c < 0) {
                    continue;
                }
            }
            return c == '\n' ? '\r' : c;
        }
        if (unix_eof) {
            return CHAR_CTRL_D;
        }
        // Serve the monitor (its scheduled node) and scheduled callbacks while waiting, as the board does.
        mp_event_handle_nowait();
        if (unix_used() == 0 && !unix_eof) {
            unix_wait(100);
        }
    }
}

void __real_mp_hal_set_interrupt_char(char c);
void __wrap_mp_hal_set_interrupt_char(char c);
void __wrap_mp_hal_set_interrupt_char(char c) {
    unix_interrupt_char = c == CHAR_CTRL_C ? CHAR_CTRL_C : -1;
    __real_mp_hal_set_interrupt_char(c);
}

void __real_mp_hal_stdio_mode_raw(void);
void __wrap_mp_hal_stdio_mode_raw(void);
void __wrap_mp_hal_stdio_mode_raw(void) {
    if (!unix_listening) {
        __real_mp_hal_stdio_mode_raw();
    }
}

void __real_mp_hal_stdio_mode_orig(void);
void __wrap_mp_hal_stdio_mode_orig(void);
void __wrap_mp_hal_stdio_mode_orig(void) {
    if (!unix_listening) {
        __real_mp_hal_stdio_mode_orig();
    }
}

#endif // MICROPY_PY_MPRT_DEBUG
