package dev.mprt.debug.transport;

import java.io.IOException;

/** The link to the device is gone (the device was reset or unplugged, or QEMU was killed). */
public class LinkClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    public LinkClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
