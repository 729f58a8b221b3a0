package org.atstexting.texting.web.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostHttp;
import org.atstexting.texting.web.internal.JsonBodies.AssignBody;
import org.atstexting.texting.web.internal.JsonBodies.BulkBody;
import org.atstexting.texting.web.internal.JsonBodies.OptOutBody;
import org.atstexting.texting.web.internal.JsonBodies.TemplateBody;
import org.atstexting.texting.web.internal.JsonBodies.TemplateUseBody;
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
 * and reading texts on records, the unmatched list, opt-outs ({@code consent/<number>},
 * {@code records/<ref>/consent}, {@code optouts}), templates ({@code templates/<name>},
 * {@code .../preview}, {@code .../send}) and bulk jobs ({@code bulk}, {@code bulk/<id>},
 * {@code bulk/<id>/recipients}, {@code bulk/<id>/cancel}). Every call acts as the user the
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
    private final transient OptOutService optOuts;
    private final transient TemplateService templates;
    private final transient BulkTextingService bulk;

    @Activate
    public TextingApiServlet(@Reference TextingService texting, @Reference CredentialService credentials,
            @Reference OptOutService optOuts, @Reference TemplateService templates,
            @Reference BulkTextingService bulk) {
        this.texting = texting;
        this.credentials = credentials;
        this.optOuts = optOuts;
        this.templates = templates;
        this.bulk = bulk;
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
        } catch (MissingMergeFieldException e) {
            Map<String, String> body = new java.util.LinkedHashMap<>(error("MISSING_MERGE_FIELD", e.getMessage()));
            body.put("field", e.field());
            if (e.record() != null) {
                body.put("record", e.record().toString());
            }
            write(response, HttpServletResponse.SC_BAD_REQUEST, body);
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
                if (path.length == 3 && path[2].equals("consent") && method.equals("GET")) {
                    return optOuts.status(user, RecordRef.parse(path[1]));
                }
                return path.length == 3 && path[2].equals("messages") && method.equals("GET")
                        ? texting.messages(user, RecordRef.parse(path[1])).stream().map(JsonBodies::message).toList()
                        : null;
            case "consent":
                return path.length == 2 && method.equals("GET") ? optOuts.status(user, path[1]) : null;
            case "optouts":
                return optOutList(method, path, user, request);
            case "templates":
                return templates(method, path, user, request);
            case "bulk":
                return bulk(method, path, user, request);
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

    private Object optOutList(String method, String[] path, String user, HttpServletRequest request)
            throws TextingException, IOException {
        if (path.length != 1) {
            return null;
        }
        if (method.equals("GET")) {
            return optOuts.optedOut(user);
        }
        if (method.equals("POST")) {
            OptOutBody body = read(request, OptOutBody.class);
            return optOuts.optOut(user, body.number(), body.note());
        }
        return null;
    }

    private Object templates(String method, String[] path, String user, HttpServletRequest request)
            throws TextingException, IOException {
        if (path.length == 1) {
            return method.equals("GET") ? templates.templates(user) : null;
        }
        String name = path[1];
        if (path.length == 2) {
            switch (method) {
                case "GET":
                    return templates.template(user, name).orElseThrow(() -> new TextingException(
                            Reason.RECORD_NOT_FOUND, "There is no template '" + name + "'"));
                case "PUT":
                    return templates.save(user, name, read(request, TemplateBody.class).body());
                case "DELETE":
                    return Map.of("removed", templates.remove(user, name));
                default:
                    return null;
            }
        }
        if (path.length == 3 && method.equals("POST")) {
            TemplateUseBody body = read(request, TemplateUseBody.class);
            RecordRef record = RecordRef.parse(body.record());
            switch (path[2]) {
                case "preview":
                    return templates.preview(user, name, record);
                case "send":
                    return JsonBodies.message(templates.send(user, name, record, body.provider()));
                default:
                    return null;
            }
        }
        return null;
    }

    private Object bulk(String method, String[] path, String user, HttpServletRequest request)
            throws TextingException, IOException {
        if (path.length == 1) {
            if (method.equals("GET")) {
                return bulk.jobs(user);
            }
            if (method.equals("POST")) {
                BulkBody body = read(request, BulkBody.class);
                if (body.records() == null) {
                    throw new IllegalArgumentException("records are required, e.g. [\"employee:1001\"]");
                }
                return bulk.start(new BulkRequest(user, body.provider(),
                        body.records().stream().map(RecordRef::parse).toList(), body.body(), body.template()));
            }
            return null;
        }
        String id = path[1];
        if (path.length == 2 && method.equals("GET")) {
            return bulk.job(user, id);
        }
        if (path.length == 3 && path[2].equals("recipients") && method.equals("GET")) {
            return bulk.recipients(user, id);
        }
        if (path.length == 3 && path[2].equals("cancel") && method.equals("POST")) {
            return bulk.cancel(user, id);
        }
        return null;
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
            case NO_SYSTEM_CREDENTIALS, NO_CREDENTIALS, USERNAME_TAKEN, OPTED_OUT -> HttpServletResponse.SC_CONFLICT;
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
