package org.atstexting.texting.twilio.internal.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Twilio-Signature}, exactly as Twilio computes it (twilio-api.md; the validators of
 * twilio-java and twilio-node):
 * <ol>
 * <li>the full URL Twilio called (the configured public URL, raw query string as sent);</li>
 * <li>for a form post, every POST parameter sorted by name, each as name then value, no
 * separators; a repeated name contributes each of its values, sorted;</li>
 * <li>HMAC-SHA1 under the account's Auth Token over the UTF-8 bytes, Base64 with padding;</li>
 * <li>compared in constant time, for the URL without any port and with the scheme's default
 * port added (Twilio's own validators accept both);</li>
 * <li>a JSON body: the URL carries {@code bodySHA256}; the signature is over the URL alone,
 * and {@code bodySHA256} must equal the lowercase hex SHA-256 of the raw body.</li>
 * </ol>
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** The signature of a form post (parameters by name, sorted; values in any order). */
    public static String sign(String authToken, String url, SortedMap<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            List<String> values = new ArrayList<>(e.getValue());
            values.sort(null);
            for (String value : values) {
                data.append(e.getKey()).append(value);
            }
        }
        return hmac(authToken, data.toString());
    }

    /** Whether {@code header} is the signature of this form post, for the URL with or without its default port. */
    public static boolean validForm(String authToken, String url, SortedMap<String, List<String>> params,
            String header) {
        boolean valid = false;
        for (String variant : urlVariants(url)) {
            valid |= equal(sign(authToken, variant, params), header); // no early exit: constant in the match
        }
        return valid;
    }

    /** Whether {@code header} signs this JSON post: the URL alone, then its {@code bodySHA256} against the body. */
    public static boolean validJson(String authToken, String url, byte[] body, String header) {
        boolean signed = false;
        for (String variant : urlVariants(url)) {
            signed |= equal(hmac(authToken, variant), header);
        }
        String claimed = queryValue(url, "bodySHA256");
        return signed && claimed != null && equal(sha256Hex(body), claimed);
    }

    /** The URL without a port, and with the scheme's default port (unless it names another port). */
    static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        try {
            URI uri = new URI(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            variants.add(withPort(uri, -1));
            variants.add(withPort(uri, uri.getPort() == -1 ? defaultPort : uri.getPort()));
        } catch (URISyntaxException e) {
            variants.add(url);
        }
        return variants;
    }

    /** The URL with another port; the raw path and query are kept exactly as they were. */
    private static String withPort(URI uri, int port) {
        StringBuilder out = new StringBuilder(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            out.append(uri.getRawUserInfo()).append('@');
        }
        out.append(uri.getHost());
        if (port != -1) {
            out.append(':').append(port);
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            out.append('#').append(uri.getRawFragment());
        }
        return out.toString();
    }

    private static String queryValue(String url, String name) {
        int q = url.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : url.substring(q + 1).split("[&#]")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Constant time in the content (MessageDigest.isEqual); a missing value never matches. */
    private static boolean equal(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }
}
