package org.atstexting.host.reference.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference host's pages, a small ATS at {@code /ats/}: plain HTML and ES modules that
 * compose texting's UI pieces ({@code /ats/texting/ui/*.js}) with the host's own screens
 * (Security Groups, records). {@code /ats/} itself goes to the index; any other path that
 * no other servlet of the context takes is 404.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class HostPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    static final Set<String> PAGES = Set.of("index.html", "login.html", "settings-system.html", "settings-user.html",
            "groups.html", "records.html", "record.html", "inbox.html", "bulk.html", "ats.css", "ats.js", "login.js",
            "records-page.js", "record-page.js", "bulk-page.js", "groups-page.js");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (path.isEmpty() || path.equals("/")) {
            response.sendRedirect(request.getContextPath() + "/index.html");
            return;
        }
        String name = path.substring(1);
        if (!PAGES.contains(name)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = HostPages.class.getResourceAsStream("/pages/" + name)) {
            response.setContentType(type(name) + ";charset=utf-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-cache");
            // the pages are only ever framed by themselves
            response.setHeader("X-Frame-Options", "SAMEORIGIN");
            response.getOutputStream().write(in.readAllBytes());
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) {
            return "text/html";
        }
        return name.endsWith(".css") ? "text/css" : "text/javascript";
    }
}
