package org.atstexting.texting.textus.internal;

import static org.atstexting.texting.textus.internal.Fixture.ALICE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.util.Map;

import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.SentTextLookup;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The declared look-up ({@link SentTextLookup}) against the fake: found in the conversation on
 * any page, "not found" only after every page and the settle time.
 */
public class TextusSentLookupTest {

    private static final String DANA = "+12065550123";
    private static final OutboundText TEXT = new OutboundText(DANA, "Entrevista mañana 9h — 面接 ✅ {ok} €");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Fixture f;

    @Before
    public void start() throws Exception {
        f = new Fixture(tmp.getRoot().toPath(), Map.of("connectTimeoutSeconds", 1, "responseTimeoutSeconds", 1));
        f.fake.engine().setPageSize(1); // every member on a page of its own
    }

    @After
    public void stop() {
        f.close();
    }

    @Test
    public void theProviderDeclaresTheLookUp() {
        assertTrue(f.provider instanceof SentTextLookup);
    }

    @Test
    public void aTextOnALaterPageIsFoundAndTheFakeHoldsItOnce() throws Exception {
        Instant attempt = Instant.now().minusSeconds(1);
        String id = f.provider.send(ALICE, TEXT).providerMessageId();
        f.provider.send(ALICE, new OutboundText(DANA, "a later text, listed first"));
        f.fake.engine().receive(Fixture.ACCOUNT, DANA, "and a reply");

        assertEquals(id, f.provider.findSent(ALICE, TEXT, attempt).orElseThrow().providerMessageId());
        assertEquals(1, f.fake.engine().sent().stream().filter(m -> m.body().equals(TEXT.body())).count());
    }

    @Test
    public void notFoundAfterEveryPageAndTheSettleTime() throws Exception {
        f.provider.send(ALICE, new OutboundText(DANA, "another text"));
        assertFalse(f.provider.findSent(ALICE, TEXT, Instant.now().minusSeconds(600)).isPresent());
        assertEquals(1, f.fake.engine().sent().size());
    }

    @Test
    public void withinTheSettleTimeNotFoundIsCannotTellYet() {
        try {
            f.provider.findSent(ALICE, TEXT, Instant.now());
            fail("a text that timed out may still be stored");
        } catch (ProviderException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("ask again later"));
        }
    }
}
