package org.atstexting.texting.host;

/**
 * How texting's HTTP endpoints learn who is calling: the host registers an HTTP whiteboard
 * servlet context helper with {@code osgi.http.whiteboard.context.name} =
 * {@value #CONTEXT_NAME}, authenticating each request and setting
 * {@code ServletContextHelper.REMOTE_USER} to the host user id.
 */
public final class HostHttp {

    /** The name of the host's authenticated servlet context. */
    public static final String CONTEXT_NAME = "org.atstexting.host";

    /** The whiteboard filter that selects the host's authenticated context. */
    public static final String CONTEXT_SELECT = "(osgi.http.whiteboard.context.name=" + CONTEXT_NAME + ")";

    private HostHttp() {
    }
}
