package org.atstexting.sandbox.zipwhip.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves the sandbox on the Http Whiteboard (2.0, jakarta) under {@code /zipwhip-sandbox/*}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(ZipwhipSandbox.BASE_PATH + "*")
@HttpWhiteboardServletName("zipwhip-sandbox")
public class SandboxServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient SandboxEngine engine;

    @Activate
    public SandboxServlet(@Reference SandboxEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        // pathInfo is what follows /zipwhip-sandbox, e.g. "/user/login". The engine reads the raw
        // body itself (at most its cap) and decodes it by the declared charset, as the container would.
        String pathInfo = req.getPathInfo();
        SandboxResponse r = engine.handle(req.getMethod(), pathInfo == null ? "" : pathInfo, req.getContentType(),
                req.getContentLengthLong(), req.getInputStream());
        if (r.status() == 413) {
            resp.setHeader("Connection", "close"); // the rest of the body is not read
        }
        resp.setStatus(r.status());
        resp.setContentType(r.contentType());
        r.headers().forEach(resp::setHeader);
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(out.length);
        try {
            resp.getOutputStream().write(out);
        } catch (IOException clientGone) {
            // the client stopped waiting (a SLOW fault outlasting its timeout): nobody to answer
        }
    }
}
