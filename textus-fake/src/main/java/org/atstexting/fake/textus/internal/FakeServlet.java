package org.atstexting.fake.textus.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.atstexting.fake.textus.FakeResponse;
import org.atstexting.fake.textus.StandaloneTextusFake;
import org.atstexting.fake.textus.TextusFakeEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves the fake on the Http Whiteboard (2.0, jakarta) under {@code /textus-fake/*}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(StandaloneTextusFake.BASE_PATH + "*")
@HttpWhiteboardServletName("textus-fake")
public class FakeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TextusFakeEngine engine;

    @Activate
    public FakeServlet(@Reference TextusFakeEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readNBytes(64 * 1024 + 1);
        String pathInfo = req.getPathInfo();
        FakeResponse r = engine.handle(req.getMethod(), pathInfo == null ? "" : pathInfo, req.getQueryString(),
                req.getHeader("Authorization"), req.getHeader("Accept"), req.getHeader("Content-Type"), body);
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        r.headers().forEach(resp::setHeader);
        resp.setStatus(r.status());
        if (r.body() != null) {
            resp.setContentType(TextusFakeEngine.MEDIA_TYPE + "; charset=utf-8");
            byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
            resp.setContentLength(out.length);
            resp.getOutputStream().write(out);
        }
    }
}
