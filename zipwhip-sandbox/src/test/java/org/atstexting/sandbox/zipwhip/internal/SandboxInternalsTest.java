package org.atstexting.sandbox.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;

import org.junit.Test;

public class SandboxInternalsTest {

    private static SandboxConfig config(String... accounts) {
        return new SandboxConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SandboxConfig.class;
            }

            @Override
            public String[] accounts() {
                return accounts;
            }
        };
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
        assertEquals(8080, DemoProviderConfigurer.port(null));
        assertEquals(8080, DemoProviderConfigurer.port("x"));
        assertEquals(8080, DemoProviderConfigurer.port("-1"));
        assertEquals(8181, DemoProviderConfigurer.port(" 8181 "));
    }
}
