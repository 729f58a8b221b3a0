package org.atstexting.host.reference.internal;

import java.io.IOException;

import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference host's pages, a small ATS at {@code /ats/}: plain HTML and ES modules that
 * compose texting's UI pieces ({@code /ats/texting/ui/*.js}) with the host's own screens
 * (Security Groups, records). {@code /ats/} itself goes to the index.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("")
@HttpWhiteboardResource(pattern = {"*.html", "*.js", "*.css", "*.svg"}, prefix = "/pages")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class HostPages extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + "/index.html");
    }
}
