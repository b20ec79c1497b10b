package dev.mprt.debug.core;

import java.io.IOException;

/** A request the session cannot carry out, with a message for the user (never a stack trace). */
public class DebugException extends IOException {
    private static final long serialVersionUID = 1L;

    public DebugException(String message) {
        super(message);
    }

    public DebugException(String message, Throwable cause) {
        super(message, cause);
    }
}
