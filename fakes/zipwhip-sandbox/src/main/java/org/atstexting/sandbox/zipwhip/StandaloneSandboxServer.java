package org.atstexting.sandbox.zipwhip;

import java.io.IOException;
import java.net.URI;

import org.atstexting.fake.support.LoopbackServer;
import org.atstexting.sandbox.zipwhip.internal.SandboxEngine;

/**
 * The sandbox outside OSGi: the JDK's HTTP server on 127.0.0.1 with an ephemeral port, for
 * unit tests and benchmarks. The API lives under {@link #baseUri()}, e.g.
 * {@code http://127.0.0.1:54321/zipwhip-sandbox/}; POST {@code baseUri().resolve("user/login")}.
 * Starts with no accounts: call {@link #addAccount(String, String)}.
 * <p>
 * In OSGi the whiteboard servlet serves the sandbox instead; this class needs the
 * {@code com.sun.net.httpserver} package, which the bundle imports optionally.
 */
public final class StandaloneSandboxServer extends SandboxEngine implements AutoCloseable {

    private final LoopbackServer server;

    private StandaloneSandboxServer() throws IOException {
        // unbounded threads (LoopbackServer): SLOW faults park a thread for 3 s and must not starve other requests
        server = LoopbackServer.start(BASE_PATH, "zipwhip-sandbox", this);
    }

    /**
     * Starts a sandbox server on 127.0.0.1 with an ephemeral port.
     *
     * @return the running server; {@link #close()} it
     * @throws IOException if the server cannot bind
     */
    public static StandaloneSandboxServer start() throws IOException {
        return new StandaloneSandboxServer();
    }

    /** @return where the API methods live, e.g. {@code http://127.0.0.1:54321/zipwhip-sandbox/} */
    public URI baseUri() {
        return server.baseUri();
    }

    /** Stops the server at once; requests in progress are cut off. */
    @Override
    public void close() {
        server.close();
        shutdown();
    }
}
