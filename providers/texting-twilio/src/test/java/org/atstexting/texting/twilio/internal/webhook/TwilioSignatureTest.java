package org.atstexting.texting.twilio.internal.webhook;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The signature code against values computed independently of it (Twilio's documented
 * example, and HMACs computed by hand with openssl: see {@code signatures.properties}), not
 * against the fake's signer.
 */
public class TwilioSignatureTest {

    private static final Properties KNOWN = new Properties();

    @BeforeClass
    public static void load() throws IOException {
        try (InputStream in = TwilioSignatureTest.class.getResourceAsStream("signatures.properties")) {
            KNOWN.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    private static String known(String key) {
        return KNOWN.getProperty(key);
    }

    private static SortedMap<String, List<String>> params(String... namesAndValues) {
        SortedMap<String, List<String>> params = new TreeMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.computeIfAbsent(namesAndValues[i], k -> new ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return params;
    }

    private static SortedMap<String, List<String>> docsParams() {
        // given in another order than sorted: the signature sorts them
        return params("To", "+18005551212", "Digits", "1234", "From", "+14158675310", "Caller", "+14158675310",
                "CallSid", "CA1234567890ABCDE");
    }

    @Test
    public void twiliosDocumentedExampleSigns() {
        assertEquals(known("docs.signature"), TwilioSignature.sign(known("docs.token"), known("docs.url"), docsParams()));
        assertTrue(TwilioSignature.validForm(known("docs.token"), known("docs.url"), docsParams(), known("docs.signature")));
    }

    @Test
    public void aUrlSignedWithTheDefaultPortAndOneSignedWithoutBothVerify() {
        String withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        assertTrue("configured without port, Twilio signed with :443", TwilioSignature.validForm(known("docs.token"),
                known("docs.url"), docsParams(), known("docs.signatureWithPort")));
        assertTrue("configured with :443, Twilio signed without", TwilioSignature.validForm(known("docs.token"),
                withPort, docsParams(), known("docs.signature")));
    }

    @Test
    public void repeatedNamesRawQueryAndUtf8AreSignedAsTwilioDoes() {
        SortedMap<String, List<String>> p = params("MediaUrl", "https://a/2", "Body", "hé", "MediaUrl", "https://a/1",
                "AccountSid", "AC1");
        assertEquals(known("repeated.signature"), TwilioSignature.sign(known("repeated.token"), known("repeated.url"), p));
        assertTrue(TwilioSignature.validForm(known("repeated.token"), known("repeated.url"), p,
                known("repeated.signatureWithPort")));
    }

    @Test
    public void everyParameterCountsAndTheTokenAndUrlMatter() {
        SortedMap<String, List<String>> extra = docsParams();
        extra.put("FromCity", List.of("SEATTLE")); // a parameter Twilio added: it is signed too
        assertFalse(TwilioSignature.validForm(known("docs.token"), known("docs.url"), extra, known("docs.signature")));
        assertFalse(TwilioSignature.validForm("54321", known("docs.url"), docsParams(), known("docs.signature")));
        assertFalse("another host (a proxy's Host header) does not verify", TwilioSignature.validForm(known("docs.token"),
                "https://internal-node:8080/myapp.php?foo=1&bar=2", docsParams(), known("docs.signature")));
        assertFalse(TwilioSignature.validForm(known("docs.token"), known("docs.url"), docsParams(), null));
        assertFalse(TwilioSignature.validForm(known("docs.token"), known("docs.url"), docsParams(), ""));
    }

    @Test
    public void aJsonBodyIsCheckedByItsBodySha256() {
        byte[] body = known("json.body").getBytes(StandardCharsets.UTF_8);
        assertTrue(TwilioSignature.validJson(known("json.token"), known("json.url"), body, known("json.signature")));
        byte[] changed = known("json.body").replace("+12349013030", "+12349013031").getBytes(StandardCharsets.UTF_8);
        assertFalse("a changed body no longer matches bodySHA256",
                TwilioSignature.validJson(known("json.token"), known("json.url"), changed, known("json.signature")));
    }
}
