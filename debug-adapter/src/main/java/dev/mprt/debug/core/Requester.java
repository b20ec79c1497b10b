package dev.mprt.debug.core;

import java.io.IOException;

import dev.mprt.debug.transport.Message;

/** Sends one request to the monitor and waits for its reply (one request at a time, see docs/protocol.md). */
@FunctionalInterface
interface Requester {
    Message request(String name, Object... values) throws IOException;
}
