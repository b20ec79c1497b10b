package dev.mprt.debug.dap;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.services.JsonRequest;

/**
 * The DAP requests mprt adds to the protocol (clients send them as custom requests, e.g. VS Code's
 * {@code session.customRequest("mprt/irqStats")}).
 */
public interface MprtDebugServer extends IDebugProtocolServer {

    /**
     * Per hard-interrupt-handler statistics: {@code handlers} (name, count, minNs, avgNs, maxNs, histogram),
     * {@code buckets} (the histogram's bucket labels), {@code tracepointHits}, {@code tracepointsLost}.
     */
    @JsonRequest("mprt/irqStats")
    CompletableFuture<Map<String, Object>> irqStats(Map<String, Object> args);

    /**
     * The tracepoint hits recorded so far (hard interrupt handlers and log points): {@code hits}, each with
     * breakpointId, hard, timeUs, function, line, lost and locals.
     */
    @JsonRequest("mprt/tracepoints")
    CompletableFuture<Map<String, Object>> tracepoints(Map<String, Object> args);
}
