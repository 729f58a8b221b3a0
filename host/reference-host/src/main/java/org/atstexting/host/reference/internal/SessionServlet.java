package org.atstexting.host.reference.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The form login of the reference host's pages: POST {@code /ats/session}
 * {@code {"user","password"}} sets the session cookie; DELETE signs out. Failed tries are
 * throttled like HTTP Basic (429 with {@code Retry-After}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/session")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient HostAuthenticator authenticator;

    @Activate
    public SessionServlet(@Reference HostAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            JsonObject body = HostRequests.body(request, Set.of("user", "password"));
            HostAuthenticator.Outcome outcome = authenticator.login(HostRequests.string(body, "user", 100),
                    HostRequests.string(body, "password", 256), request.getRemoteAddr());
            if (outcome.throttled()) {
                tooManyTries(response, outcome.retryAfter());
            } else if (!outcome.ok()) {
                HostRequests.write(response, 401, Map.of("error", "NOT_AUTHENTICATED",
                        "message", "The user name or password is wrong"));
            } else {
                String token = authenticator.sessions().open(outcome.user());
                response.addHeader("Set-Cookie", Sessions.COOKIE + "=" + token + "; Path=" + request.getContextPath()
                        + "; HttpOnly; SameSite=Strict");
                HostRequests.write(response, 200, Map.of("user", outcome.user()));
            }
        } catch (HostRequests.Refusal refusal) {
            HostRequests.refuse(response, refusal);
        }
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            HostRequests.body(request, Set.of());
            authenticator.sessions().close(ReferenceHostLogin.cookie(request));
            response.addHeader("Set-Cookie", Sessions.COOKIE + "=; Path=" + request.getContextPath()
                    + "; Max-Age=0; HttpOnly; SameSite=Strict");
            HostRequests.write(response, 200, Map.of("signedOut", true));
        } catch (HostRequests.Refusal refusal) {
            HostRequests.refuse(response, refusal);
        }
    }

    static void tooManyTries(HttpServletResponse response, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toMillisPart() > 0 ? 1 : 0));
        response.setHeader("Retry-After", Long.toString(seconds));
        try {
            HostRequests.write(response, 429, Map.of("error", "TOO_MANY_TRIES",
                    "message", "Too many failed logins; try again in " + seconds + " seconds"));
        } catch (IOException e) {
            response.setStatus(429);
        }
    }
}
