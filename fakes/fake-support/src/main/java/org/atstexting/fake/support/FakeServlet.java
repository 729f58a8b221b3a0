package org.atstexting.fake.support;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A fake on the Http Whiteboard (2.0, jakarta): a fake's servlet component extends this, names
 * its pattern ({@code /<fake>/*}) and hands each request to its {@link FakeHandler}. The path
 * handed over is the servlet's path info, e.g. {@code /user/login}.
 */
public abstract class FakeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The fake that answers. */
    protected abstract FakeHandler handler();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String pathInfo = req.getPathInfo();
        FakeAnswer answer = handler().handle(new FakeRequest(req.getMethod(), pathInfo == null ? "/" : pathInfo,
                req.getQueryString(), req::getHeader, req.getContentLengthLong(), req.getInputStream()));
        LoopbackServer.pause(answer.delayMillis());
        if (answer.close()) {
            resp.setHeader("Connection", "close");
        }
        resp.setStatus(answer.status());
        answer.headers().forEach(resp::setHeader);
        if (answer.body() == null) {
            return;
        }
        resp.setContentType(answer.contentType());
        resp.setContentLength(answer.body().length);
        try {
            resp.getOutputStream().write(answer.body());
        } catch (IOException clientGone) {
            // the client stopped waiting (a slow fault outlasting its timeout): nobody to answer
        }
    }
}
