package org.atstexting.texting.textus.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-TextUs-Signature}: lowercase hex HMAC-SHA256 of the raw request body, keyed with the
 * integration's webhook secret. Compared in constant time (over bytes, whatever the match).
 */
final class WebhookSignature {

    private WebhookSignature() {
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** Whether {@code signature} is the body's signature under any of {@code secrets}; every secret is tried. */
    static boolean verify(List<String> secrets, byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given = signature.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean ok = false;
        for (String secret : secrets) {
            ok |= MessageDigest.isEqual(sign(secret, body).getBytes(StandardCharsets.US_ASCII), given);
        }
        return ok;
    }
}
