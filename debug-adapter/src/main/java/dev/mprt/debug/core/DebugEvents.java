package dev.mprt.debug.core;

import java.util.List;

/** What a debug session tells its front end. Called from the session's threads; implementations must not block. */
public interface DebugEvents {

    /** The program stopped; {@code reason} is one of {@link StopReason}. */
    void stopped(StopReason reason, String description, String text, List<Integer> breakpointIds, int thread);

    /** The program runs again (after a continue or step the front end did not ask for, e.g. a restart). */
    void continued(int thread);

    /** Text for the user: {@code category} is "stdout" (program output), "console" (the debugger) or "stderr". */
    void output(String category, String text);

    /** A breakpoint the session changed on its own (verified, moved, rejected). */
    void breakpointChanged(BreakpointState breakpoint);

    /** A file of the program is known to the session (uploaded, or seen in a stack). */
    void loadedSource(SourceFile file);

    /** The program ended: exit code 0 when it finished normally. */
    void exited(int exitCode);

    /** The session is over (the program ended, the device is gone, or the user asked). Sent once. */
    void terminated();

    enum StopReason {
        ENTRY("entry"), BREAKPOINT("breakpoint"), STEP("step"), PAUSE("pause"), EXCEPTION("exception"),
        FUNCTION_BREAKPOINT("function breakpoint");

        private final String dapName;

        StopReason(String dapName) {
            this.dapName = dapName;
        }

        /** The reason's name in the Debug Adapter Protocol (the core itself has no protocol types). */
        public String wireName() {
            return dapName;
        }
    }
}
