package org.atstexting.texting.web.internal;

import java.io.IOException;
import java.util.Map;

import org.atstexting.texting.BulkTextingService;
import org.atstexting.texting.ScheduledTextService;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.InboxService;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.host.HostHttp;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The JSON endpoints behind the host's pages, in the host's authenticated context (so
 * {@code /ats/texting/...}); each resource's routes are in its own class
 * ({@link CredentialEndpoints}, {@link MessageEndpoints}, {@link ConsentEndpoints},
 * {@link TemplateEndpoints}, {@link BulkEndpoints}). Every call acts as the user the host
 * authenticated and first passes the {@link RequestGuard}; every failure goes through the
 * {@link ErrorMapper}. Passwords are accepted, never returned.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/texting/*")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class TextingApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Router router = new Router();

    /** The services behind the endpoints (constructor injection keeps the component's references in one place). */
    record Services(TextingService texting, CredentialService credentials, OptOutService optOuts,
            TemplateService templates, BulkTextingService bulk, MessageArchive archive, TextingPermissions permissions,
            HostUsers users, HostRecords records, ScheduledTextService scheduled, InboxService inbox) {
    }

    @Activate
    public TextingApiServlet(@Reference TextingService texting, @Reference CredentialService credentials,
            @Reference OptOutService optOuts, @Reference TemplateService templates,
            @Reference BulkTextingService bulk, @Reference MessageArchive archive,
            @Reference TextingPermissions permissions, @Reference HostUsers users, @Reference HostRecords records,
            @Reference InstalledProviders providers, @Reference ScheduledTextService scheduled,
            @Reference InboxService inbox) {
        this(new Services(texting, credentials, optOuts, templates, bulk, archive, permissions, users, records,
                scheduled, inbox), providers);
    }

    TextingApiServlet(Services s, InstalledProviders providers) {
        new CredentialEndpoints(s.credentials(), s.permissions(), providers).register(router);
        new MessageEndpoints(s.texting(), s.archive(), s.users(), s.records(), s.inbox()).register(router);
        new ConsentEndpoints(s.optOuts()).register(router);
        new TemplateEndpoints(s.templates()).register(router);
        new BulkEndpoints(s.bulk()).register(router);
        new ScheduleEndpoints(s.scheduled()).register(router);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object user = request.getAttribute(ServletContextHelper.REMOTE_USER);
        if (!(user instanceof String userId)) {
            write(response, 401, ErrorMapper.error("NOT_AUTHENTICATED", "Sign in to the host first"));
            return;
        }
        String[] path = segments(request.getPathInfo());
        try {
            RequestGuard.checkStateChange(request);
            Router.Match match = router.match(request.getMethod(), path);
            Object result = match.endpoint().handle(new Call(userId, match.variables(), request));
            if (result instanceof PagedList<?> page) {
                response.setHeader("X-Total-Count", Integer.toString(page.total));
                response.setHeader("X-Offset", Integer.toString(page.paging.offset()));
                response.setHeader("X-Limit", Integer.toString(page.paging.limit()));
            }
            write(response, 200, result);
        } catch (Exception | LinkageError e) {
            ErrorMapper.Mapped mapped = ErrorMapper.map(e);
            if (mapped.status() == 405) {
                response.setHeader("Allow", String.join(", ", router.allowed(path)));
            }
            if (mapped.status() == 413) {
                // the rest of the body is not read: do not keep the connection for it
                response.setHeader("Connection", "close");
            }
            write(response, mapped.status(), mapped.body());
        }
    }

    private static String[] segments(String pathInfo) {
        if (pathInfo == null || pathInfo.equals("/")) {
            return new String[] {""};
        }
        return (pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo).split("/", -1);
    }

    private static void write(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        JsonBodies.GSON.toJson(body == null ? Map.of() : body, response.getWriter());
    }
}
