package org.atstexting.fake.twilio.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.atstexting.fake.twilio.FakeResponse;
import org.atstexting.fake.twilio.TwilioFake;
import org.atstexting.fake.twilio.TwilioFakeEngine;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Serves the fake on the Http Whiteboard (2.0, jakarta) under {@code /twilio-fake/*}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(TwilioFake.BASE_PATH + "*")
@HttpWhiteboardServletName("twilio-fake")
public class FakeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TwilioFakeEngine engine;

    @Activate
    public FakeServlet(@Reference TwilioFakeEngine engine) {
        this.engine = engine;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] body = req.getInputStream().readAllBytes();
        String pathInfo = req.getPathInfo(); // e.g. "/2010-04-01/Accounts/AC.../Messages.json"
        FakeResponse r = engine.handle(req.getMethod(), pathInfo == null ? "" : pathInfo, req.getQueryString(),
                req.getHeader("Authorization"), body);
        resp.setStatus(r.status());
        resp.setContentType("application/json; charset=utf-8");
        byte[] out = r.body().getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(out.length);
        resp.getOutputStream().write(out);
    }
}
