package org.atstexting.sandbox.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class SandboxInternalsTest {

    private static SandboxConfig config(String... accounts) {
        return config(false, "ISO_8601", new String[0], true, accounts);
    }

    private static SandboxConfig config(boolean emptyAddresses, String dateStyle, String[] refused, boolean survive,
            String... accounts) {
        return new SandboxConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SandboxConfig.class;
            }

            @Override
            public String[] accounts() {
                return accounts;
            }

            @Override
            public boolean outboundAddressesEmpty() {
                return emptyAddresses;
            }

            @Override
            public String dateStyle() {
                return dateStyle;
            }

            @Override
            public String[] refusedWebhookEvents() {
                return refused;
            }

            @Override
            public boolean webhooksSurviveSessions() {
                return survive;
            }

            @Override
            public boolean passwordChangeEndsSessions() {
                return false;
            }
        };
    }

    private static String login(SandboxEngine engine, String username, String password) {
        SandboxResponse r = engine.handle("POST", "user/login", FORM_UTF8, form("username=" + username + "&password=" + password));
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(r.body()).getAsJsonObject();
        assertTrue(r.body(), o.get("success").getAsBoolean());
        return o.get("response").getAsString();
    }

    private static final String FORM_UTF8 = "application/x-www-form-urlencoded; charset=UTF-8";

    @Test
    public void configurationAppliesLiveAndKeepsState() {
        SandboxComponent sandbox = new SandboxComponent(config("2065550100:one"));
        String session = login(sandbox, "2065550100", "one");
        String id = sandbox.handle("POST", "message/send", FORM_UTF8,
                form("session=" + session + "&contacts=5551234567&body=hi")).body().replaceAll(".*\"root\":([0-9]+).*", "$1");

        sandbox.modified(config(true, "ZIPWHIP_CLIENT_PATTERN", new String[] { " progress ", "" }, true,
                "2065550100:one", "2065550109:two"));
        String got = sandbox.handle("POST", "message/get", FORM_UTF8, form("session=" + session + "&messages=" + id)).body();
        assertTrue(got, got.contains("\"sourceAddress\":\"\""));
        assertTrue(got, got.matches(".*\"dateCreated\":\"[A-Z][a-z]{2} \\d{1,2}, \\d{4} .*"));
        String refused = sandbox.handle("POST", "webhook/add", FORM_UTF8, form("session=" + session
                + "&type=message&event=progress&url=http%3A%2F%2F127.0.0.1%3A9%2Fh")).body();
        assertTrue(refused, refused.startsWith("{\"success\":false"));
        login(sandbox, "2065550109", "two");
        assertEquals(1, sandbox.sent().size());
    }

    @Test
    public void aBadConfigurationIsRefusedAndChangesNothing() {
        SandboxComponent sandbox = new SandboxComponent(config("2065550100:one"));
        assertThrows(IllegalArgumentException.class, () -> sandbox.modified(config(true, "RFC_1123", new String[0], true,
                "2065550100:changed")));
        assertThrows(IllegalArgumentException.class, () -> sandbox.modified(config("2065550100:changed", "206-555-0101:x")));
        login(sandbox, "2065550100", "one");
    }

    private static byte[] form(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    public void componentCreatesConfiguredAccountsAndServletPathsWork() {
        SandboxComponent sandbox = new SandboxComponent(config("2065550100:pa:ss"));
        // a servlet's pathInfo has a leading slash
        SandboxResponse r = sandbox.handle("POST", "/user/login", "application/x-www-form-urlencoded; charset=UTF-8",
                form("username=2065550100&password=pa%3Ass"));
        assertEquals(200, r.status());
        assertTrue(r.body(), r.body().startsWith("{\"success\":true,\"response\":\""));
        assertEquals(404, sandbox.handle("POST", "", "application/x-www-form-urlencoded", form("")).status());
        assertEquals(404, sandbox.handle("POST", null, "application/x-www-form-urlencoded", form("")).status());
    }

    @Test
    public void duplicateParameterIsRefused() {
        SandboxEngine engine = new SandboxEngine();
        engine.addAccount("2065550100", "pw");
        SandboxResponse r = engine.handle("POST", "user/login", "application/x-www-form-urlencoded",
                form("username=2065550100&password=pw&password=pw"));
        assertEquals(200, r.status());
        assertEquals("{\"success\":false,\"response\":\"Duplicate parameter 'password' for user/login\"}", r.body());
    }

    @Test
    public void normalizesNumbersAsClientsSentThem() {
        assertEquals("5551234567", ContactNumbers.normalize("+15551234567"));
        assertNull("the facts list no 11 digits without +", ContactNumbers.normalize("15551234567"));
        assertEquals("5551234567", ContactNumbers.normalize("5551234567"));
        assertEquals("5551234567", ContactNumbers.normalize("ptn:/5551234567"));
        assertEquals("447700900123", ContactNumbers.normalize("+447700900123"));
        assertNull(ContactNumbers.normalize("447700900123"));
        assertNull(ContactNumbers.normalize("(555) 123-4567"));
        assertNull(ContactNumbers.normalize("+1555123456"));
        assertNull(ContactNumbers.normalize(""));
    }

    @Test
    public void demoGlueReadsThePortOrDefaultsTo8080() {
        assertEquals(8080, org.atstexting.fake.support.DemoConfiguration.port(null));
        assertEquals(8080, org.atstexting.fake.support.DemoConfiguration.port("x"));
        assertEquals(8080, org.atstexting.fake.support.DemoConfiguration.port("-1"));
        assertEquals(8181, org.atstexting.fake.support.DemoConfiguration.port(" 8181 "));
    }
}
