package org.atstexting.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference host's authenticated servlet context ({@value HostHttp#CONTEXT_NAME}, at
 * {@code /ats}): a browser signs in on {@code /ats/login.html} (a session cookie), other
 * clients with HTTP Basic; then {@link #REMOTE_USER} names the user for texting's endpoints
 * and the host's pages. Failed logins are throttled. It shows a host what its own login
 * must provide.
 */
@Component(service = ServletContextHelper.class)
@HttpWhiteboardContext(name = HostHttp.CONTEXT_NAME, path = "/ats")
public final class ReferenceHostLogin extends ServletContextHelper {

    /** What anyone may load before signing in: the login page, its script and style, the login call. */
    static final Set<String> PUBLIC = Set.of("/login.html", "/login.js", "/ats.css", "/session");

    private final HostAuthenticator authenticator;

    @Activate
    public ReferenceHostLogin(@Reference HostAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> session = authenticator.sessions().user(cookie(request)).filter(authenticator::known);
        if (session.isPresent()) {
            signIn(request, session.get(), HttpServletRequest.FORM_AUTH);
            return true;
        }
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(header.substring(6).trim());
            int colon = decoded.indexOf(':');
            String user = colon > 0 ? decoded.substring(0, colon) : "";
            HostAuthenticator.Outcome outcome = authenticator.login(user, colon > 0 ? decoded.substring(colon + 1) : "",
                    request.getRemoteAddr());
            if (outcome.ok()) {
                signIn(request, outcome.user(), HttpServletRequest.BASIC_AUTH);
                return true;
            }
            if (outcome.throttled()) {
                SessionServlet.tooManyTries(response, outcome.retryAfter());
                return false;
            }
        }
        if (PUBLIC.contains(pathInContext(request))) {
            return true;
        }
        refuse(request, response);
        return false;
    }

    private static void signIn(HttpServletRequest request, String user, String how) {
        request.setAttribute(REMOTE_USER, user);
        request.setAttribute(AUTHENTICATION_TYPE, how);
    }

    /** A page a browser navigates to goes to the login form; a script's call gets 401; other clients a Basic challenge. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response) {
        String mode = request.getHeader("Sec-Fetch-Mode");
        String accept = request.getHeader("Accept");
        if ("navigate".equals(mode) || (mode == null && accept != null && accept.contains("text/html"))) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + "/login.html");
            return;
        }
        if (mode == null) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"ATS\"");
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    }

    static String pathInContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri != null && context != null && uri.startsWith(context) ? uri.substring(context.length()) : "";
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (Sessions.COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
