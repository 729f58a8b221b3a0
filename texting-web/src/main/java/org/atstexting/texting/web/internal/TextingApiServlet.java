package org.atstexting.texting.web.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostHttp;
import org.atstexting.texting.web.internal.JsonBodies.AssignBody;
import org.atstexting.texting.web.internal.JsonBodies.CredentialsBody;
import org.atstexting.texting.web.internal.JsonBodies.PreviewBody;
import org.atstexting.texting.web.internal.JsonBodies.SendBody;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonParseException;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The JSON endpoints behind the host's pages, in the host's authenticated context (so
 * {@code /ats/texting/...}): System Settings &gt; External Services &gt; Texting
 * ({@code system/<provider>}), User Settings &gt; Texting ({@code user/<provider>}), sending
 * and reading texts on records, and the unmatched list. Every call acts as the user the
 * host authenticated; the services behind it check that user's permissions. Passwords are
 * accepted, never returned.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/texting/*")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class TextingApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient TextingService texting;
    private final transient CredentialService credentials;

    @Activate
    public TextingApiServlet(@Reference TextingService texting, @Reference CredentialService credentials) {
        this.texting = texting;
        this.credentials = credentials;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object user = request.getAttribute(ServletContextHelper.REMOTE_USER);
        if (!(user instanceof String userId)) {
            write(response, HttpServletResponse.SC_UNAUTHORIZED, error("NOT_AUTHENTICATED", "Sign in to the host first"));
            return;
        }
        String[] path = segments(request.getPathInfo());
        try {
            Object result = route(request.getMethod(), path, userId, request);
            if (result == null) {
                write(response, HttpServletResponse.SC_NOT_FOUND,
                        error("NOT_FOUND", request.getMethod() + " " + request.getPathInfo() + " is not a texting endpoint"));
            } else {
                write(response, HttpServletResponse.SC_OK, result);
            }
        } catch (TextingException e) {
            write(response, status(e.reason()), error(e.reason().name(), e.getMessage()));
        } catch (JsonParseException | IllegalArgumentException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST, error(Reason.INVALID_INPUT.name(),
                    "The request is not valid: " + e.getMessage()));
        }
    }

    private Object route(String method, String[] path, String user, HttpServletRequest request)
            throws TextingException, IOException {
        String first = path.length > 0 ? path[0] : "";
        switch (first) {
            case "system":
            case "user":
                return path.length >= 2 ? credentials(method, first.equals("system"), path, user, request) : null;
            case "credentials":
                return method.equals("GET") ? credentials.allCredentials(user) : null;
            case "messages":
                return method.equals("POST") ? send(user, read(request, SendBody.class)) : null;
            case "records":
                return path.length == 3 && path[2].equals("messages") && method.equals("GET")
                        ? texting.messages(user, RecordRef.parse(path[1])).stream().map(JsonBodies::message).toList()
                        : null;
            case "preview":
                return method.equals("POST") ? texting.preview(user, read(request, PreviewBody.class).body()) : null;
            case "unmatched":
                return unmatched(method, path, user, request);
            default:
                return null;
        }
    }

    private Object credentials(String method, boolean system, String[] path, String user, HttpServletRequest request)
            throws TextingException, IOException {
        String provider = path[1];
        if (path.length == 3 && path[2].equals("test") && method.equals("POST")) {
            return system ? credentials.testSystemCredentials(user, provider)
                    : credentials.testUserCredentials(user, provider);
        }
        if (path.length != 2) {
            return null;
        }
        switch (method) {
            case "GET":
                return Collections.singletonMap("credentials", optional(system
                        ? credentials.systemCredentials(user, provider) : credentials.userCredentials(user, provider)));
            case "PUT":
                CredentialsBody body = read(request, CredentialsBody.class);
                CredentialsInput input = new CredentialsInput(provider, body.username(), body.phoneNumber(),
                        body.password());
                return system ? credentials.saveSystemCredentials(user, input)
                        : credentials.saveUserCredentials(user, input);
            case "DELETE":
                return Map.of("removed", system ? credentials.removeSystemCredentials(user, provider)
                        : credentials.removeUserCredentials(user, provider));
            default:
                return null;
        }
    }

    private Object send(String user, SendBody body) throws TextingException {
        SendRequest request = new SendRequest(user, body.provider(),
                body.record() == null ? null : RecordRef.parse(body.record()), body.to(), body.body());
        return JsonBodies.message(texting.send(request));
    }

    private Object unmatched(String method, String[] path, String user, HttpServletRequest request)
            throws TextingException, IOException {
        if (path.length == 1 && method.equals("GET")) {
            return texting.unmatched(user).stream().map(JsonBodies::message).toList();
        }
        if (path.length == 3 && path[2].equals("assign") && method.equals("POST")) {
            texting.assignUnmatched(user, path[1], RecordRef.parse(read(request, AssignBody.class).record()));
            return Map.of("assigned", path[1]);
        }
        return null;
    }

    private static Object optional(Optional<?> value) {
        return value.orElse(null);
    }

    private static <T> T read(HttpServletRequest request, Class<T> type) throws IOException {
        T body = JsonBodies.GSON.fromJson(request.getReader(), type);
        if (body == null) {
            throw new IllegalArgumentException("a JSON body is required");
        }
        return body;
    }

    private static String[] segments(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return new String[0];
        }
        return (pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo).split("/");
    }

    static int status(Reason reason) {
        return switch (reason) {
            case NOT_PERMITTED -> HttpServletResponse.SC_FORBIDDEN;
            case UNKNOWN_USER -> HttpServletResponse.SC_UNAUTHORIZED;
            case INVALID_INPUT -> HttpServletResponse.SC_BAD_REQUEST;
            case NO_SYSTEM_CREDENTIALS, NO_CREDENTIALS, USERNAME_TAKEN -> HttpServletResponse.SC_CONFLICT;
            case RECORD_NOT_FOUND -> HttpServletResponse.SC_NOT_FOUND;
            case BAD_CREDENTIALS, PROVIDER_ERROR -> HttpServletResponse.SC_BAD_GATEWAY;
            case PROVIDER_UNAVAILABLE, SERVICE_UNAVAILABLE -> HttpServletResponse.SC_SERVICE_UNAVAILABLE;
        };
    }

    private static Map<String, String> error(String code, String message) {
        return Map.of("error", code, "message", message == null ? "" : message);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JsonBodies.GSON.toJson(body, response.getWriter());
    }
}
