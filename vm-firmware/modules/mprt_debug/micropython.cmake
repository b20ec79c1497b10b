# mprt_debug: the on-device debug monitor, for CMake-based ports (rp2, esp32). See
# docs/monitor.md ("Adding the monitor to your own board") for the board's part: the C options,
# the link wraps below, and a link (the mprt_debug_port_* functions and the receive hook).
add_library(usermod_mprt_debug INTERFACE)

target_sources(usermod_mprt_debug INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}/mprt_debug.c
    ${CMAKE_CURRENT_LIST_DIR}/mprt_debug_port.c
)

target_include_directories(usermod_mprt_debug INTERFACE
    ${CMAKE_CURRENT_LIST_DIR}
)

target_link_options(usermod_mprt_debug INTERFACE
    -Wl,--wrap=mp_prof_frame_enter
    -Wl,--wrap=mp_prof_frame_update
    -Wl,--wrap=mp_prof_instr_tick
    -Wl,--wrap=mp_obj_exception_add_traceback
    -Wl,--wrap=gc_collect
    -Wl,--wrap=mp_vfs_import_stat
    -Wl,--wrap=mp_lexer_new_from_file
)

target_link_libraries(usermod INTERFACE usermod_mprt_debug)
