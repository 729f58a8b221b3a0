package org.atstexting.sandbox.zipwhip.internal;

import org.atstexting.fake.support.FakeHandler;
import org.atstexting.fake.support.FakeServlet;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;

/**
 * Serves the sandbox on the Http Whiteboard (2.0, jakarta) under {@code /zipwhip-sandbox/*}. The
 * engine reads the raw body itself (at most its cap) and decodes it by the declared charset, as
 * the container would.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(ZipwhipSandbox.BASE_PATH + "*")
@HttpWhiteboardServletName("zipwhip-sandbox")
public class SandboxServlet extends FakeServlet {

    private static final long serialVersionUID = 1L;

    private final transient SandboxEngine engine;

    @Activate
    public SandboxServlet(@Reference SandboxEngine engine) {
        this.engine = engine;
    }

    @Override
    protected FakeHandler handler() {
        return engine;
    }
}
