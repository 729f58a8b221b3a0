package org.atstexting.texting.textus.internal;

import static org.atstexting.texting.textus.internal.Fixture.ACCOUNT;
import static org.atstexting.texting.textus.internal.Fixture.ALICE;
import static org.atstexting.texting.textus.internal.Fixture.NUMBER;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.atstexting.fake.textus.FakeMessage;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TextusProviderTest {

    private static final String DANA = "+12065550123";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture f;

    @Before
    public void setUp() throws Exception {
        f = new Fixture(tmp.getRoot().toPath(), Map.of());
    }

    @After
    public void tearDown() {
        f.close();
    }

    private List<FakeMessage> sent() {
        return f.fake.engine().sent();
    }

    @Test
    public void aSendIsStoredWithExactlyItsBodyAndAnswersTheMessageId() throws Exception {
        String body = "Café, crème brûlée: 5 € ^{}[]~|\\ 😀👍🏽 中文テキスト";
        ProviderReceipt receipt = f.provider.send(ALICE, new OutboundText(DANA, body));

        assertEquals(1, sent().size());
        FakeMessage stored = sent().get(0);
        assertEquals(body, stored.body());
        assertEquals(DANA, stored.contact());
        assertEquals("alice_r", stored.sender());
        assertEquals(stored.id(), "/messages/" + receipt.providerMessageId());
        assertEquals(DeliveryStatus.QUEUED, receipt.status());
    }

    @Test
    public void aLostAnswerIsLookedUpInTheConversationAndNotSentAgain() throws Exception {
        f.provider.send(ALICE, new OutboundText(DANA, "An earlier text"));
        f.fake.engine().faults().sendThenFail(1);

        ProviderReceipt receipt = f.provider.send(ALICE, new OutboundText(DANA, "Are you free at 3?"));

        assertEquals("stored once, never resent", 2, sent().size());
        assertEquals("/messages/" + receipt.providerMessageId(), sent().get(1).id());
        assertEquals("Are you free at 3?", sent().get(1).body());
    }

    @Test
    public void anAnswerThatComesTooLateIsLookedUpAndNotSentAgain() throws Exception {
        f.fake.engine().faults().slowNext(4_000, 1); // beyond the 2 s response timeout

        ProviderReceipt receipt = f.provider.send(ALICE, new OutboundText(DANA, "Slow network today"));

        assertEquals(1, sent().size());
        assertEquals("/messages/" + receipt.providerMessageId(), sent().get(0).id());
    }

    @Test
    public void aMalformedAnswerIsLookedUpAndNotSentAgain() throws Exception {
        f.fake.engine().faults().malformedNext(1);

        ProviderReceipt receipt = f.provider.send(ALICE, new OutboundText(DANA, "Hello"));

        assertEquals(1, sent().size());
        assertEquals("/messages/" + receipt.providerMessageId(), sent().get(0).id());
    }

    @Test
    public void aServerErrorThatStoredNothingIsReportedNotSentAfterTheLookUp() throws Exception {
        f.fake.engine().faults().failNext(503, 1);
        try {
            f.provider.send(ALICE, new OutboundText(DANA, "Hello"));
            fail("a 503 that stored nothing reported as sent");
        } catch (ProviderException e) {
            assertEquals(Kind.ERROR, e.kind());
            assertTrue(e.getMessage(), e.getMessage().contains("not sent"));
        }
        assertEquals(0, sent().size());
    }

    @Test
    public void testSaysPlainlyWhetherTheTokenWorks() throws Exception {
        assertEquals(Outcome.OK, f.provider.test(ALICE).outcome());

        CredentialCheck wrong = f.provider.test(new ProviderCredentials("alice_r", NUMBER, "tok-wrong"));
        assertEquals(Outcome.BAD_CREDENTIALS, wrong.outcome());
        assertTrue(wrong.message(), wrong.message().contains("alice_r"));
        assertTrue("never shows the token", !wrong.message().contains("tok-wrong"));

        CredentialCheck otherAccount = f.provider.test(new ProviderCredentials("olga", NUMBER, "tok-olga"));
        assertEquals(Outcome.BAD_CREDENTIALS, otherAccount.outcome());

        CredentialCheck wrongNumber = f.provider.test(new ProviderCredentials("alice_r", "+12065559999", "tok-alice"));
        assertEquals(Outcome.PROVIDER_ERROR, wrongNumber.outcome());

        f.fake.engine().faults().failNext(500, 1);
        assertEquals(Outcome.PROVIDER_ERROR, f.provider.test(ALICE).outcome());
    }

    @Test
    public void testReportsAnUnreachableServiceAndADisabledProvider() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        f.provider.modified(Fixture.config(Map.of("enabled", true, "accountSlug", ACCOUNT,
                "apiBaseUrl", "http://127.0.0.1:" + closedPort + "/textus-fake/", "connectTimeoutSeconds", 2)));
        assertEquals(Outcome.UNREACHABLE, f.provider.test(ALICE).outcome());

        f.provider.modified(Fixture.config(Map.of("enabled", false)));
        assertEquals(Outcome.PROVIDER_UNAVAILABLE, f.provider.test(ALICE).outcome());
        try {
            f.provider.send(ALICE, new OutboundText(DANA, "Hi"));
            fail("sent while disabled");
        } catch (ProviderException e) {
            assertEquals(Kind.DISABLED, e.kind());
        }
    }

    @Test
    public void aSettingChangedLiveAppliesToTheNextCall() throws Exception {
        f.provider.modified(Fixture.config(Map.of("enabled", true, "accountSlug", "other",
                "apiBaseUrl", f.fake.baseUri().toString())));
        assertEquals("alice is not in account 'other'", Outcome.BAD_CREDENTIALS, f.provider.test(ALICE).outcome());
        f.provider.modified(Fixture.config(Map.of("enabled", true, "accountSlug", ACCOUNT,
                "apiBaseUrl", f.fake.baseUri().toString())));
        assertEquals(Outcome.OK, f.provider.test(ALICE).outcome());
    }

    @Test
    public void aRateLimitedSendIsNotSentAndSaysWhenToTryAgain() throws Exception {
        f.fake.engine().setRateLimit(2);
        f.provider.send(ALICE, new OutboundText(DANA, "one"));
        f.provider.send(ALICE, new OutboundText(DANA, "two"));
        try {
            // the same token under another name: the provider has no headers for it, so TextUs answers 429
            f.provider.send(new ProviderCredentials("alice_again", NUMBER, "tok-alice"), new OutboundText(DANA, "three"));
            fail("sent over the rate limit");
        } catch (ProviderException e) {
            assertEquals("not sent, retry later", Kind.THROTTLED, e.kind());
            assertTrue("when to retry", e.retryAfter().isPresent());
            assertTrue(e.getMessage(), e.getMessage().contains("was not sent"));
            assertTrue(e.getMessage(), e.getMessage().matches(".*retry after \\d+.*"));
        }
        assertEquals("neither sent nor looked up", 2, sent().size());
    }

    @Test
    public void aSendStopsBeforeTheCallWhenTheHeadersSayNothingIsLeft() throws Exception {
        f.fake.engine().setRateLimit(1);
        f.provider.send(ALICE, new OutboundText(DANA, "one")); // X-RateLimit-Remaining: 0
        f.fake.engine().setRateLimit(1_000); // TextUs would now allow it, but the headers said none were left
        try {
            f.provider.send(ALICE, new OutboundText(DANA, "two"));
            fail("called TextUs although it said no requests were left");
        } catch (ProviderException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("was not sent"));
        }
        assertEquals(1, sent().size());
    }

    @Test
    public void aSendTextUsRefusesAsOptedOutIsReportedAsAnOptOut() throws Exception {
        f.fake.engine().contactOptsOut(ACCOUNT, DANA);
        try {
            f.provider.send(ALICE, new OutboundText(DANA, "Hi"));
            fail("sent to an opted-out number");
        } catch (ProviderException e) {
            assertEquals("the recipient opted out at TextUs", Kind.OPTED_OUT, e.kind());
            assertEquals("opted_out", e.failure().orElseThrow().providerCode());
            assertTrue(e.getMessage(), e.getMessage().contains("opted_out"));
        }
        assertEquals(0, sent().size());
        assertTrue(f.callback.consent.contains("out " + DANA));
    }

    @Test
    public void anOptOutRecordedHereIsWrittenToTextUsList() throws Exception {
        f.provider.mirrorOptOut(ALICE, DANA, "STOP");
        f.provider.mirrorOptOut(ALICE, DANA, "STOP"); // twice: still one entry
        assertEquals(Set.of(DANA), f.fake.engine().optedOut(ACCOUNT));
        try {
            f.provider.mirrorOptIn(ALICE, DANA, "START");
            fail("TextUs has no documented opt-in call");
        } catch (ProviderException e) {
            assertEquals(Kind.REJECTED, e.kind());
        }
    }

    @Test
    public void textUsOptOutListEntersTheRegistryOnThePollSafetyNet() throws Exception {
        f.fake.engine().contactOptsOut(ACCOUNT, DANA); // its webhook is lost: nothing registered yet
        f.callback.consent.clear();
        f.provider.fetchInbound(ALICE, null);
        assertEquals(List.of("out " + DANA), f.callback.consent);
    }

    @Test
    public void anAccountWithoutSlugIsNotConfigured() throws Exception {
        f.provider.modified(Fixture.config(Map.of("enabled", true, "apiBaseUrl", f.fake.baseUri().toString())));
        try {
            f.provider.send(ALICE, new OutboundText(DANA, "Hi"));
            fail("sent without an account");
        } catch (ProviderException e) {
            assertEquals(Kind.NOT_CONFIGURED, e.kind());
        }
        assertEquals(Outcome.PROVIDER_UNAVAILABLE, f.provider.test(ALICE).outcome());
    }
}
