package org.atstexting.sandbox.zipwhip.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A candidate's phone in the browser, for the demo: {@code /zipwhip-sandbox-ui/} shows what a
 * sandbox account sent to a number and lets the person at the keyboard reply as that number
 * ({@link ZipwhipSandbox#deliverReply}), so the set-up guide can be walked without Gogo.
 * The reply is sent as JSON from this page only (same rules as the ATS's own calls).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/zipwhip-sandbox-ui/*")
@HttpWhiteboardServletName("zipwhip-sandbox-phone")
public final class SandboxPhonePage extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY = 8 * 1024;
    private static final Gson GSON = new Gson();

    private final transient ZipwhipSandbox sandbox;

    @Activate
    public SandboxPhonePage(@Reference ZipwhipSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
        if (path.equals("/") || path.equals("/index.html")) {
            try (InputStream page = SandboxPhonePage.class.getResourceAsStream("/sandbox-ui/phone.html")) {
                response.setContentType("text/html;charset=utf-8");
                response.setHeader("Cache-Control", "no-store");
                response.getOutputStream().write(page.readAllBytes());
            }
        } else if (path.equals("/messages")) {
            String account = request.getParameter("account");
            List<Map<String, Object>> items = new ArrayList<>();
            for (SandboxMessage m : account == null ? List.<SandboxMessage>of() : sandbox.messages(account)) {
                items.add(view(m));
            }
            json(response, 200, items.size() > 200 ? items.subList(items.size() - 200, items.size()) : items);
        } else {
            json(response, 404, Map.of("error", "NOT_FOUND", "message", "No such page"));
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/reply".equals(request.getPathInfo())) {
            json(response, 404, Map.of("error", "NOT_FOUND", "message", "No such page"));
            return;
        }
        String refusal = refusal(request);
        if (refusal != null) {
            json(response, refusal.startsWith("Send") ? 415 : 403, Map.of("error", "REFUSED", "message", refusal));
            return;
        }
        try {
            JsonObject body = read(request);
            SandboxMessage reply = sandbox.deliverReply(string(body, "from"), string(body, "account"),
                    string(body, "body"));
            json(response, 200, view(reply));
        } catch (IllegalArgumentException e) {
            json(response, 400, Map.of("error", "INVALID_INPUT", "message", String.valueOf(e.getMessage())));
        }
    }

    /** Why a POST is refused: not JSON, another site, or too large; {@code null} if it may go on. */
    private static String refusal(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.split(";", 2)[0].trim().equalsIgnoreCase("application/json")) {
            return "Send the reply as Content-Type: application/json";
        }
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.toLowerCase(Locale.ROOT).equals("same-origin") && !site.equals("none")) {
            return "Replies from another site are refused";
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            try {
                if (!String.valueOf(request.getHeader("Host")).equalsIgnoreCase(URI.create(origin).getRawAuthority())) {
                    return "Replies from another site are refused";
                }
            } catch (IllegalArgumentException e) {
                return "Replies from another site are refused";
            }
        }
        return request.getContentLengthLong() > MAX_BODY ? "The reply is too large" : null;
    }

    private static JsonObject read(HttpServletRequest request) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
            throw new IllegalArgumentException("The reply is too large");
        }
        try (JsonReader reader = new JsonReader(new java.io.StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = GSON.getAdapter(JsonElement.class).read(reader);
            if (!element.isJsonObject()) {
                throw new IllegalArgumentException("The body must be a JSON object");
            }
            return element.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException bad) {
                throw bad;
            }
            throw new IllegalArgumentException("The body is not strict JSON");
        }
    }

    private static String string(JsonObject body, String name) {
        if (body.get(name) instanceof JsonPrimitive p && p.isString()) {
            return p.getAsString();
        }
        throw new IllegalArgumentException("'" + name + "' is required and must be a JSON string");
    }

    private static Map<String, Object> view(SandboxMessage m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", m.id());
        json.put("inbound", m.inbound());
        json.put("from", m.sourceAddress());
        json.put("to", m.destAddress());
        json.put("body", m.body());
        json.put("state", m.transmissionState());
        Instant at = m.dateCreated();
        json.put("at", at == null ? null : at.toString());
        return json;
    }

    private static void json(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(GSON.toJson(body));
    }
}
