package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.ServerSocket;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.ProviderCredentials;
import org.junit.Test;

import com.google.gson.JsonPrimitive;

public class ZipwhipCredentialTest extends SandboxTestBase {

    @Test
    public void goodCredentials() {
        CredentialCheck check = provider.test(ALICE_CREDENTIALS);
        assertEquals(Outcome.OK, check.outcome());
        assertEquals("Zipwhip accepted the credentials of 2065550101 for the number +12065550101.", check.message());
    }

    @Test
    public void aNumberThatIsNotTheAccountsIsRefusedByTest() {
        CredentialCheck check = provider.test(new ProviderCredentials(ALICE, "+12065550199", "sandbox-alice"));
        assertEquals(check.message(), Outcome.BAD_CREDENTIALS, check.outcome());
        assertTrue(check.message(), check.message().contains("that account's number is 2065550101, not +12065550199"));
    }

    @Test
    public void testEndsTheSessionItMade() {
        provider.test(ALICE_CREDENTIALS);
        await("Test's session to be logged out", () -> sandbox.calls("user/logout").size() == 1);
    }

    @Test
    public void wrongPassword() {
        CredentialCheck check = provider.test(new ProviderCredentials(ALICE, ALICE_E164, "wrong"));
        assertEquals(Outcome.BAD_CREDENTIALS, check.outcome());
        assertTrue(check.message(), check.message().startsWith("Zipwhip refused the username or password"));
        assertFalse("the password is not repeated", check.message().contains("wrong"));
    }

    @Test
    public void zipwhipUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        provider.modified(config("apiBaseUrl", "http://127.0.0.1:" + closedPort + "/"));
        CredentialCheck check = provider.test(ALICE_CREDENTIALS);
        assertEquals(Outcome.UNREACHABLE, check.outcome());
        assertTrue(check.message(), check.message().startsWith("Zipwhip could not be reached"));
    }

    @Test
    public void zipwhipTooSlow() {
        sandbox.injectFault("user/login", Fault.SLOW, 1);
        CredentialCheck check = provider.test(ALICE_CREDENTIALS);
        assertEquals(Outcome.UNREACHABLE, check.outcome());
        assertTrue(check.message(), check.message().contains("did not answer user/login within 1 s"));
    }

    @Test
    public void zipwhipError() {
        sandbox.injectFault("user/login", Fault.SERVER_ERROR, 3);
        CredentialCheck check = provider.test(ALICE_CREDENTIALS);
        assertEquals(Outcome.PROVIDER_ERROR, check.outcome());
        assertTrue(check.message(), check.message().contains("HTTP 500"));
        assertEquals("three attempts", 3, sandbox.calls("user/login").size());
    }

    @Test
    public void zipwhipMalformed() {
        sandbox.injectFault("user/login", Fault.MALFORMED_JSON, 1);
        CredentialCheck check = provider.test(ALICE_CREDENTIALS);
        assertEquals(Outcome.PROVIDER_ERROR, check.outcome());
        assertTrue(check.message(), check.message().contains("not its JSON envelope"));
    }

    @Test
    public void loginIsRetriedThroughTransientErrors() {
        sandbox.injectFault("user/login", Fault.SERVER_ERROR, 1);
        sandbox.injectFault("user/login", Fault.RATE_LIMITED, 1);
        assertEquals(Outcome.OK, provider.test(ALICE_CREDENTIALS).outcome());
        assertEquals(3, sandbox.calls("user/login").size());
    }

    @Test
    public void disabled() throws Exception {
        provider.modified(config("enabled", false));
        CredentialCheck check = provider.test(ALICE_CREDENTIALS);
        assertEquals(Outcome.PROVIDER_UNAVAILABLE, check.outcome());
        assertEquals("Zipwhip is disabled", check.message());
    }

    @Test
    public void sessionKeysAreHiddenInErrorTexts() {
        ZipwhipReply reply = new ZipwhipReply(false,
                new JsonPrimitive("Invalid session 3f2b8c1e-9a4d-4e7f-8b1a-2c3d4e5f6a7b:2065550101 expired"));
        assertEquals("Invalid session *** expired", reply.errorText());
        assertTrue(reply.sessionInvalid());
    }

    @Test
    public void backoffGrowsWithJitterAndIsCapped() {
        ZipwhipRetryStrategy strategy = new ZipwhipRetryStrategy(5, 100);
        for (int i = 0; i < 50; i++) {
            long first = strategy.backoff(1);
            long third = strategy.backoff(3);
            assertTrue(first >= 50 && first <= 100);
            assertTrue(third >= 200 && third <= 400);
            assertTrue(strategy.backoff(30) <= ZipwhipRetryStrategy.MAX_WAIT_MILLIS);
        }
    }
}
