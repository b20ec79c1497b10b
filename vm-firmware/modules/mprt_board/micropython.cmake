# mprt_board: board support for mprt's qemu-mps2-an385 firmware (MicroPython user C module).
# Only the qemu port's Makefile build uses this module (see micropython.mk); this file keeps
# the module loadable by CMake-based ports as MicroPython's user C module layout expects. The
# sources compile to nothing there unless the board defines MICROPY_PY_MPRT.
add_library(usermod_mprt_board INTERFACE)

target_sources(usermod_mprt_board INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}/mprt_board.c
    ${CMAKE_CURRENT_LIST_DIR}/mprt_uart.c
    ${CMAKE_CURRENT_LIST_DIR}/mprt_timer.c
    ${CMAKE_CURRENT_LIST_DIR}/mprt_pin.c
)

target_include_directories(usermod_mprt_board INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}
)

target_link_libraries(usermod INTERFACE usermod_mprt_board)
