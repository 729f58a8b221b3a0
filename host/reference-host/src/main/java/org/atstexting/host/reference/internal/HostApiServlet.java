package org.atstexting.host.reference.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.atstexting.texting.host.PermissionDefinition;
import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference host's own JSON behind its pages, under {@code /ats/host/}: {@code me};
 * Security Groups (admins): {@code permissions} (registered), {@code groups} (GET, POST
 * {@code {"name","permissions":[...]}}; unknown permission keys are refused),
 * {@code groups/<name>} (PUT {@code {"permissions":[...]}}), {@code users} (GET),
 * {@code users/<id>/group} (PUT {@code {"group"}}: a user is in one group); records:
 * {@code records?q=&offset=&limit=} and {@code records/<type:id>}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/host/*")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class HostApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int MAX_LIMIT = 200;

    private final transient ReferenceHostAdmin admin;
    private final transient HostSecurityGroups groups;
    private final transient HostUsers users;
    private final transient HostRecords records;
    private final transient HostStore store;

    @Activate
    public HostApiServlet(@Reference ReferenceHostAdmin admin, @Reference HostSecurityGroups groups,
            @Reference HostUsers users, @Reference HostRecords records, @Reference HostStore store) {
        this.admin = admin;
        this.groups = groups;
        this.users = users;
        this.records = records;
        this.store = store;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object who = request.getAttribute(ServletContextHelper.REMOTE_USER);
        String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        String[] parts = path.split("/", -1);
        try {
            if (!(who instanceof String user) || users.user(user).isEmpty()) {
                throw new HostRequests.Refusal(401, "NOT_AUTHENTICATED", "Sign in first");
            }
            Object result = route(request, parts, users.user(user).get());
            HostRequests.write(response, 200, result);
        } catch (HostRequests.Refusal refusal) {
            if (refusal.status == 405) {
                response.setHeader("Allow", refusal.getMessage().replaceFirst("^.*use ", ""));
            }
            HostRequests.refuse(response, refusal);
        } catch (IllegalArgumentException e) {
            // ReferenceHostAdmin's and RecordRef's own refusals: unknown group, user or record form
            HostRequests.refuse(response, HostRequests.bad(e.getMessage()));
        }
    }

    private Object route(HttpServletRequest request, String[] p, HostUser user) throws IOException {
        String method = request.getMethod();
        switch (p[0]) {
            case "me":
                only(method, p.length == 1, "GET");
                return me(user);
            case "permissions":
                only(method, p.length == 1, "GET");
                requireAdmin(user);
                return groups.permissions();
            case "groups":
                requireAdmin(user);
                if (p.length == 1) {
                    only(method, true, "GET", "POST");
                    return method.equals("GET") ? groupList() : createGroup(request);
                }
                only(method, p.length == 2, "PUT");
                return setPermissions(p[1], request);
            case "users":
                requireAdmin(user);
                if (p.length == 1) {
                    only(method, true, "GET");
                    return userList();
                }
                only(method, p.length == 3 && p[2].equals("group"), "PUT");
                String group = HostRequests.string(HostRequests.body(request, Set.of("group")), "group", 100);
                admin.assignGroup(p[1], group);
                return Map.of("user", p[1], "group", group);
            case "records":
                if (p.length == 1) {
                    only(method, true, "GET", "POST");
                    return method.equals("GET") ? recordList(request) : addRecords(request, user);
                }
                only(method, p.length == 2, "GET");
                return records.record(RecordRef.parse(p[1]))
                        .orElseThrow(() -> new HostRequests.Refusal(404, "RECORD_NOT_FOUND", "There is no record " + p[1]));
            default:
                throw new HostRequests.Refusal(404, "NOT_FOUND", "This is not a host endpoint");
        }
    }

    private static void only(String method, boolean pathOk, String... allowed) {
        if (!pathOk) {
            throw new HostRequests.Refusal(404, "NOT_FOUND", "This is not a host endpoint");
        }
        if (!List.of(allowed).contains(method)) {
            throw new HostRequests.Refusal(405, "METHOD_NOT_ALLOWED", method + " is not allowed here; use "
                    + String.join(", ", allowed));
        }
    }

    private static void requireAdmin(HostUser user) {
        if (!user.admin()) {
            throw new HostRequests.Refusal(403, "NOT_PERMITTED", "Only administrators manage security groups, users and records");
        }
    }

    private Map<String, Object> me(HostUser user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", user.id());
        json.put("displayName", user.displayName());
        json.put("admin", user.admin());
        json.put("group", admin.groupOf(user.id()).orElse(null));
        return json;
    }

    private List<Map<String, Object>> groupList() {
        List<Map<String, Object>> result = new ArrayList<>();
        admin.groups().forEach((name, keys) -> result.add(Map.of("name", name, "permissions", new TreeSet<>(keys))));
        return result;
    }

    private Object createGroup(HttpServletRequest request) throws IOException {
        JsonObject body = HostRequests.body(request, Set.of("name", "permissions"));
        String name = HostRequests.string(body, "name", 100).trim();
        if (name.isEmpty()) {
            throw HostRequests.bad("A group needs a name");
        }
        if (admin.groups().containsKey(name)) {
            throw new HostRequests.Refusal(409, "GROUP_EXISTS", "There is already a group named '" + name + "'");
        }
        Set<String> keys = permissionKeys(body);
        store.write(() -> {
            admin.addGroup(name);
            keys.forEach(k -> admin.grant(name, k));
        });
        return Map.of("name", name, "permissions", keys);
    }

    private Object setPermissions(String name, HttpServletRequest request) throws IOException {
        Set<String> keys = permissionKeys(HostRequests.body(request, Set.of("permissions")));
        if (!admin.groups().containsKey(name)) {
            throw new HostRequests.Refusal(404, "NOT_FOUND", "There is no group named '" + name + "'");
        }
        store.write(() -> {
            Set<String> now = admin.groups().get(name);
            now.stream().filter(k -> !keys.contains(k)).forEach(k -> admin.revoke(name, k));
            keys.forEach(k -> admin.grant(name, k));
        });
        return Map.of("name", name, "permissions", keys);
    }

    /** The keys given, each one a registered permission (a typo must not become a silent grant of nothing). */
    private Set<String> permissionKeys(JsonObject body) {
        JsonElement element = body.get("permissions");
        Set<String> keys = new TreeSet<>();
        if (element == null || element.isJsonNull()) {
            return keys;
        }
        if (!(element instanceof JsonArray array) || array.size() > 100) {
            throw HostRequests.bad("'permissions' must be a list of at most 100 permission keys");
        }
        Set<String> registered = new TreeSet<>();
        groups.permissions().stream().map(PermissionDefinition::key).forEach(registered::add);
        for (JsonElement item : array) {
            JsonObject holder = new JsonObject();
            holder.add("key", item);
            String key = HostRequests.string(holder, "key", 200);
            if (!registered.contains(key)) {
                throw HostRequests.bad("Unknown permission '" + key + "'; registered are " + registered);
            }
            keys.add(key);
        }
        return keys;
    }

    private List<Map<String, Object>> userList() {
        List<Map<String, Object>> result = new ArrayList<>();
        for (HostUser u : admin.users()) {
            result.add(me(u));
        }
        return result;
    }

    /** Records whose name, number or reference contains {@code q}, in key order, one page. */
    private Map<String, Object> recordList(HttpServletRequest request) {
        String q = request.getParameter("q") == null ? "" : request.getParameter("q").trim().toLowerCase(Locale.ROOT);
        int offset = number(request.getParameter("offset"), 0, Integer.MAX_VALUE, 0, "offset");
        int limit = number(request.getParameter("limit"), 1, MAX_LIMIT, 50, "limit");
        RecordRows.Page page = store.read(c -> RecordRows.search(c, q, offset, limit));
        List<Map<String, Object>> items = new ArrayList<>();
        for (HostRecord r : page.items()) {
            items.add(Map.of("record", r.ref().toString(), "name", r.displayName(),
                    "phoneNumber", r.phoneNumber() == null ? "" : r.phoneNumber()));
        }
        return Map.of("items", items, "total", page.total(), "offset", offset, "limit", limit);
    }

    /**
     * {@code POST records} {@code {"type":"employee","firstId":100000,"count":10000,"firstNumber":12065550000}}:
     * many numbered records at once (see {@link RecordBatches}), admins only.
     */
    private Map<String, Object> addRecords(HttpServletRequest request, HostUser user) throws IOException {
        requireAdmin(user);
        JsonObject body = HostRequests.body(request, Set.of("type", "firstId", "count", "firstNumber"));
        String type = HostRequests.string(body, "type", 16);
        long firstId = whole(body, "firstId");
        long count = whole(body, "count");
        long firstNumber = whole(body, "firstNumber");
        if (count < 1 || count > RecordBatches.MAX_COUNT) {
            throw HostRequests.bad("'count' must be a whole number from 1 to " + RecordBatches.MAX_COUNT);
        }
        int saved = RecordBatches.add(admin, type, firstId, (int) count, firstNumber);
        return Map.of("saved", saved, "type", type, "firstId", firstId, "firstNumber", firstNumber);
    }

    private static long whole(JsonObject body, String name) {
        JsonElement value = body.get(name);
        try {
            if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
                java.math.BigDecimal n = value.getAsBigDecimal();
                return n.longValueExact();
            }
        } catch (ArithmeticException e) {
            // refused below
        }
        throw HostRequests.bad("'" + name + "' must be a whole number");
    }

    private static int number(String value, int min, int max, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw HostRequests.bad("'" + name + "' must be a whole number from " + min + " to " + max);
    }
}
