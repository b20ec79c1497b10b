package dev.mprt.debug.transport;

import java.io.IOException;

/** The device answered a request with ERROR. */
public class DeviceException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public DeviceException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** The error's name in {@link Protocol#ERRORS}, e.g. {@code NOT_STOPPED}. */
    public String code() {
        return code;
    }
}
