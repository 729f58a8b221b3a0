package org.atstexting.fake.textus;

import java.io.IOException;
import java.net.URI;

import org.atstexting.fake.support.LoopbackServer;

/**
 * The fake outside OSGi: the JDK's HTTP server on 127.0.0.1 with an ephemeral port, for unit
 * tests; the API lives under {@link #baseUri()}, e.g. {@code http://127.0.0.1:54321/textus-fake/}.
 * {@link #engine()} sets it up and looks inside. In OSGi the whiteboard servlet serves it.
 */
public final class StandaloneTextusFake implements AutoCloseable {

    public static final String BASE_PATH = "/textus-fake/";

    private final TextusFakeEngine engine = new TextusFakeEngine();
    private final LoopbackServer server;

    private StandaloneTextusFake() throws IOException {
        server = LoopbackServer.start(BASE_PATH, "textus-fake", engine);
    }

    /** Starts a fake on 127.0.0.1 with an ephemeral port and no accounts. */
    public static StandaloneTextusFake start() throws IOException {
        return new StandaloneTextusFake();
    }

    /** The API base, ending with {@code /}. */
    public URI baseUri() {
        return server.baseUri();
    }

    public TextusFakeEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        server.close();
    }
}
