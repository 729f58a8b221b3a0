package org.atstexting.texting.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The UI pieces (ES-module web components and their optional stylesheet) in the host's
 * context, next to the JSON endpoints they call: {@code <context>/texting/ui/texting-credentials.js}
 * and so on, behind the host's login like the endpoints. Served from this bundle by this
 * servlet rather than as whiteboard resources, because a whiteboard resource is read
 * through the host's {@code ServletContextHelper}, and a host's helper that is not
 * bundle-scoped cannot see this bundle's files.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/texting/ui/*")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class UiResources extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Every file there is, with its type: nothing else in the bundle can be read through here. */
    static final Map<String, String> FILES = Map.of(
            "texting-api.js", "text/javascript",
            "texting-credentials.js", "text/javascript",
            "texting-conversation.js", "text/javascript",
            "texting-inbox.js", "text/javascript",
            "texting-unmatched.js", "text/javascript",
            "texting-bulk.js", "text/javascript",
            "texting.css", "text/css");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
        String type = FILES.get(name);
        if (type == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = UiResources.class.getResourceAsStream("/ui/" + name)) {
            response.setContentType(type + ";charset=utf-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-cache");
            response.getOutputStream().write(in.readAllBytes());
        }
    }
}
