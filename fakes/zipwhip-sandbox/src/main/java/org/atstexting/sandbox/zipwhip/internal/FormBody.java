package org.atstexting.sandbox.zipwhip.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and decodes an {@code application/x-www-form-urlencoded} body as a servlet container
 * does, which is how the real server would have read it:
 * <ul>
 * <li>the charset is the one the Content-Type declares ({@code ; charset=UTF-8}); with none
 * declared it is ISO-8859-1, the servlet default, so a client that posts UTF-8 without saying
 * so has its accents, emoji and CJK stored mangled, exactly as a real server would store them;</li>
 * <li>{@code %XX} escapes and raw bytes are collected as bytes first and then decoded with that
 * charset; bytes that are not valid in it become U+FFFD;</li>
 * <li>a broken {@code %} escape makes the whole body unreadable (HTTP 400).</li>
 * </ul>
 * Bodies are capped (HTTP 413): a declared length over the cap is refused before a byte is read,
 * and an undeclared (chunked) one is read only up to the cap.
 */
final class FormBody {

    static final String FORM = "application/x-www-form-urlencoded";
    /** Far above any honest call (a 1,600-character body is at most ~19 KB percent-encoded). */
    static final int MAX_BYTES = 64 * 1024;

    /** Why a body could not be taken; {@link #status} is the HTTP status to answer. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Unreadable(int status, String text) {
            super(text, null, false, false);
            this.status = status;
        }
    }

    private FormBody() {
    }

    /** @return true if the Content-Type's media type is the form type (parameters aside) */
    static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        return FORM.equalsIgnoreCase((semi < 0 ? contentType : contentType.substring(0, semi)).trim());
    }

    /**
     * @return the charset the Content-Type declares, or ISO-8859-1 if it declares none
     * @throws Unreadable (415) if it names a charset this JVM does not know
     */
    static Charset charset(String contentType) throws Unreadable {
        for (String part : contentType.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0 || !part.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("charset")) {
                continue;
            }
            String name = part.substring(eq + 1).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            try {
                return Charset.forName(name);
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new Unreadable(415, "Unsupported charset '" + Sanitize.text(name, 40) + "'");
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    /**
     * Reads the body, at most {@link #MAX_BYTES}.
     *
     * @param declaredLength the Content-Length, or -1 if none was sent
     * @throws Unreadable (413) if the body is larger; the rest is left unread
     */
    static byte[] read(InputStream in, long declaredLength) throws Unreadable, IOException {
        if (declaredLength > MAX_BYTES) {
            throw tooLarge();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declaredLength > 0 ? (int) declaredLength : 256);
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer, 0, (int) Math.min(buffer.length, MAX_BYTES + 1L - out.size()))) > 0;) {
            out.write(buffer, 0, n);
            if (out.size() > MAX_BYTES) {
                throw tooLarge();
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads and drops a body the sandbox refused without looking at it, so the connection stays
     * usable and the client reliably reads the answer; nothing is kept. A body over the cap is
     * left unread (the connection is then dropped), so this never costs more than the cap.
     */
    static void discard(InputStream in, long declaredLength) throws IOException {
        if (declaredLength > MAX_BYTES) {
            return;
        }
        byte[] buffer = new byte[8192];
        long left = MAX_BYTES;
        for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0;) {
            left -= n;
        }
    }

    private static Unreadable tooLarge() {
        return new Unreadable(413, "Request body larger than " + MAX_BYTES + " bytes");
    }

    /**
     * Parses the body into {@code into}, in order.
     *
     * @return the name of the first parameter given twice, or null
     * @throws Unreadable (400) if a {@code %} escape is broken
     */
    static String parse(byte[] body, Charset charset, Map<String, String> into) throws Unreadable {
        String duplicate = null;
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start);
                boolean hasValue = eq < end;
                String name = decode(body, start, hasValue ? eq : end, charset);
                String value = hasValue ? decode(body, eq + 1, end, charset) : "";
                if (into.putIfAbsent(name, value) != null && duplicate == null) {
                    duplicate = name;
                }
            }
            start = end + 1;
        }
        return duplicate;
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return b.length;
    }

    private static String decode(byte[] b, int from, int to, Charset charset) throws Unreadable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < to ? Character.digit(b[i + 1], 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(b[i + 2], 16);
                if (lo < 0) {
                    throw new Unreadable(400, "Malformed form body: broken % escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        return new String(bytes.toByteArray(), charset);
    }
}
