package org.atstexting.texting.textus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;

/** The signature against a value computed apart from our code (openssl dgst -sha256 -hmac). */
public class WebhookSignatureTest {

    private static final String SECRET = "whsec-test-0123456789";
    private static final byte[] BODY = "{\"id\":\"/webhook_deliveries/D1\",\"action\":\"message.received\",\"body\":\"Café € ^ 😀 中文\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'whsec-test-0123456789' */
    private static final String EXPECTED = "7d01aa733ca62386c7f1e787ac1f1efb42a63d5f35cc42e9c2196b1beb49ee40";

    @Test
    public void signsAsLowercaseHexHmacSha256OfTheRawBody() {
        assertEquals(EXPECTED, WebhookSignature.sign(SECRET, BODY));
    }

    @Test
    public void verifiesTheRightSignatureUnderAnyKnownSecretAndNothingElse() {
        assertTrue(WebhookSignature.verify(List.of(SECRET), BODY, EXPECTED));
        assertTrue(WebhookSignature.verify(List.of("an-older-secret", SECRET), BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(List.of("another-secret"), BODY, EXPECTED));
        assertFalse(WebhookSignature.verify(List.of(SECRET), BODY, EXPECTED.substring(1) + "0"));
        assertFalse(WebhookSignature.verify(List.of(SECRET), BODY, null));
        assertFalse(WebhookSignature.verify(List.of(SECRET), BODY, ""));
        assertFalse(WebhookSignature.verify(List.of(), BODY, EXPECTED));
        byte[] changed = BODY.clone();
        changed[changed.length - 2] ^= 1;
        assertFalse(WebhookSignature.verify(List.of(SECRET), changed, EXPECTED));
    }
}
