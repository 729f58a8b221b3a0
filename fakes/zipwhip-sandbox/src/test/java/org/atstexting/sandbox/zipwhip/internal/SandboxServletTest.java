package org.atstexting.sandbox.zipwhip.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The whiteboard servlet (the demo's sandbox) hands the raw body to the engine and never reads past the cap. */
public class SandboxServletTest {

    private static final String FORM_UTF8 = "application/x-www-form-urlencoded; charset=UTF-8";

    /** A body that counts what was read from it; {@code size} bytes of 'a' after {@code prefix}. */
    private static final class CountingBody extends ServletInputStream {
        final AtomicLong read = new AtomicLong();
        private final byte[] prefix;
        private final long size;

        CountingBody(byte[] prefix, long size) {
            this.prefix = prefix;
            this.size = size;
        }

        @Override
        public int read() {
            long i = read.get();
            if (i >= size) {
                return -1;
            }
            read.incrementAndGet();
            return i < prefix.length ? prefix[(int) i] & 0xff : 'a';
        }

        @Override
        public boolean isFinished() {
            return read.get() >= size;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener l) {
        }
    }

    private static final class Answer {
        int status;
        final Map<String, String> headers = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
    }

    private static Answer serve(SandboxEngine engine, String path, String contentType, long length, InputStream in)
            throws Exception {
        HttpServletRequest req = (HttpServletRequest) Proxy.newProxyInstance(SandboxServletTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (p, m, a) -> switch (m.getName()) {
                    case "getMethod" -> "POST";
                    case "getPathInfo" -> path;
                    case "getContentType" -> contentType;
                    case "getQueryString" -> null;
                    case "getHeader" -> "Content-Type".equalsIgnoreCase((String) a[0]) ? contentType : null;
                    case "getContentLengthLong" -> length;
                    case "getContentLength" -> (int) Math.min(length, Integer.MAX_VALUE);
                    case "getInputStream" -> in;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Answer answer = new Answer();
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                answer.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener l) {
            }
        };
        HttpServletResponse resp = (HttpServletResponse) Proxy.newProxyInstance(SandboxServletTest.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (p, m, a) -> {
                    switch (m.getName()) {
                        case "setStatus" -> answer.status = (Integer) a[0];
                        case "setHeader" -> answer.headers.put((String) a[0], (String) a[1]);
                        case "setContentType" -> answer.headers.put("Content-Type", (String) a[0]);
                        case "setContentLength" -> answer.headers.put("Content-Length", a[0].toString());
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
        new SandboxServlet(engine).service(req, resp);
        return answer;
    }

    private static String session(SandboxEngine engine) throws Exception {
        byte[] login = "username=2065550100&password=pw".getBytes(UTF_8);
        Answer a = serve(engine, "/user/login", FORM_UTF8, login.length, new CountingBody(login, login.length));
        return com.google.gson.JsonParser.parseString(a.body.toString(UTF_8)).getAsJsonObject().get("response").getAsString();
    }

    @Test
    public void decodesByTheDeclaredCharset() throws Exception {
        SandboxEngine engine = new SandboxEngine();
        engine.addAccount("2065550100", "pw");
        byte[] form = ("session=" + URLEncoder.encode(session(engine), UTF_8) + "&contacts=%2B12065550123&body="
                + URLEncoder.encode("Zoë € 👍🏽 面接", UTF_8)).getBytes(UTF_8);
        Answer a = serve(engine, "/message/send", FORM_UTF8, form.length, new CountingBody(form, form.length));
        assertEquals(200, a.status);
        assertEquals("application/json; charset=UTF-8", a.headers.get("Content-Type"));
        assertEquals("Zoë € 👍🏽 面接", engine.sent().get(0).body());
    }

    @Test
    public void declaredHugeBodyIs413WithoutReadingAByte() throws Exception {
        SandboxEngine engine = new SandboxEngine();
        engine.addAccount("2065550100", "pw");
        CountingBody body = new CountingBody("session=x&body=".getBytes(UTF_8), 50L * 1024 * 1024);
        Answer a = serve(engine, "/message/send", FORM_UTF8, body.size, body);
        assertEquals(413, a.status);
        assertEquals("close", a.headers.get("Connection"));
        assertEquals(0, body.read.get());
        assertEquals(0, engine.calls().get(0).params().size());
    }

    @Test
    public void undeclaredHugeBodyIsReadOnlyUpToTheCap() throws Exception {
        SandboxEngine engine = new SandboxEngine();
        CountingBody body = new CountingBody("session=x&body=".getBytes(UTF_8), 50L * 1024 * 1024);
        Answer a = serve(engine, "/message/send", FORM_UTF8, -1, body);
        assertEquals(413, a.status);
        assertTrue("read " + body.read.get(), body.read.get() <= FormBody.MAX_BYTES + 1);
        assertTrue(engine.sent().isEmpty());
    }
}
