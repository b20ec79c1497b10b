package dev.mprt.debug.transport;

/** A message that does not follow the protocol (wrong layout, unknown code). */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
