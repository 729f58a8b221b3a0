package org.atstexting.texting.web.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.servlet.context.ServletContextHelper;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Plain request and response objects for calling the servlet without a server. */
final class FakeHttp {

    /** A request being built. */
    static final class Request {
        final String method;
        final String path;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final Map<String, String> parameters = new HashMap<>();
        InputStream body = new ByteArrayInputStream(new byte[0]);
        long contentLength = -1;
        String user = "alice";
        long bytesRead;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("Host", "127.0.0.1:8080");
        }

        Request json(String json) {
            return body("application/json", json);
        }

        Request body(String contentType, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", contentType);
            body = new ByteArrayInputStream(bytes);
            contentLength = bytes.length;
            return this;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request param(String name, String value) {
            parameters.put(name, value);
            return this;
        }

        HttpServletRequest build() {
            ServletInputStream stream = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    int b = body.read();
                    if (b >= 0) {
                        bytesRead++;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = body.read(b, off, len);
                    if (n > 0) {
                        bytesRead += n;
                    }
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return false;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                }
            };
            return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                        case "getMethod" -> method;
                        case "getPathInfo" -> path;
                        case "getHeader" -> headers.get((String) args[0]);
                        case "getContentType" -> headers.get("Content-Type");
                        case "getContentLengthLong" -> contentLength;
                        case "getContentLength" -> (int) Math.min(Integer.MAX_VALUE, contentLength);
                        case "getInputStream" -> stream;
                        case "getParameter" -> parameters.get((String) args[0]);
                        case "getAttribute" -> ServletContextHelper.REMOTE_USER.equals(args[0]) ? user : null;
                        case "toString" -> method + " " + path;
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }
    }

    /** What the servlet answered. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        final StringWriter body = new StringWriter();

        HttpServletResponse build() {
            PrintWriter writer = new PrintWriter(body);
            return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                    new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                        switch (m.getName()) {
                            case "setStatus" -> status = (Integer) args[0];
                            case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                            case "setContentType" -> headers.put("Content-Type", (String) args[0]);
                            case "getWriter" -> {
                                return writer;
                            }
                            case "setCharacterEncoding", "flushBuffer" -> {
                            }
                            default -> throw new UnsupportedOperationException(m.getName());
                        }
                        return null;
                    });
        }

        String body() {
            return body.toString();
        }
    }

    private FakeHttp() {
    }
}
