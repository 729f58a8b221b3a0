package org.atstexting.texting.core.internal.sending;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Fixtures;
import org.atstexting.texting.core.internal.TestStores;
import org.atstexting.texting.core.internal.archiving.OutboundArchiver;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DefaultTextingServiceTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Fixtures.Permissions permissions = new Fixtures.Permissions();
    private final Fixtures.RecordingProvider provider = new Fixtures.RecordingProvider();
    private final Fixtures.Archive archive = new Fixtures.Archive();
    private final Fixtures.Records records = new Fixtures.Records()
            .with("employee:1", "Dana", "+12065550123")
            .with("employee:2", "No Phone", null);
    private CredentialVault vault;
    private DefaultTextingService texting;

    @Before
    public void setUp() throws Exception {
        Path dir = tmp.getRoot().toPath();
        vault = Fixtures.vault(dir);
        CoreConfiguration config = Fixtures.config(dir.resolve("k.key"), 0);
        CoreStore store = TestStores.core(dir.resolve("other.mv"));
        OptOutRegistry optOuts = new OptOutRegistry(store, permissions, records, config);
        MessageEventPublisher publisher = new MessageEventPublisher();
        ProviderRegistry registry = Fixtures.registry("zipwhip", provider);
        OutboundSender sender = new OutboundSender(vault, registry, new OutboundArchiver(archive, registry), publisher,
                optOuts);
        texting = new DefaultTextingService(permissions, archive, records,
                new SendGate(permissions, vault, optOuts, sender, config), sender);
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "alice-pw");
    }

    @Test
    public void sendsWithTheUsersOwnCredentialsAndArchivesOnTheRecord() throws Exception {
        TextMessage sent = texting.send(SendRequest.fromRecord("alice", RecordRef.parse("employee:1"), "Hi Dana"));

        assertEquals(1, provider.sent.size());
        assertEquals("+12065550123", provider.sent.get(0).to());
        assertEquals("2065550101", provider.usedCredentials.get(0).username());
        assertEquals("alice-pw", provider.usedCredentials.get(0).password());
        assertEquals("zipwhip:500", sent.key());
        assertEquals("+12065550101", sent.from());
        assertEquals("alice", sent.userId());
        assertEquals(sent, archive.archived.get(0));
        assertEquals(RecordRef.parse("employee:1"), archive.origins.get(0));
    }

    @Test
    public void normalisesATypedNumberToE164() throws Exception {
        texting.send(SendRequest.toNumber("alice", "(206) 555-0124", "Hello"));
        assertEquals("+12065550124", provider.sent.get(0).to());
        assertEquals(null, archive.origins.get(0));
    }

    @Test
    public void refusesWithoutCanTextBeforeAnythingElse() {
        assertRefused(SendRequest.toNumber("bob", "+12065550124", "Hello"), Reason.NOT_PERMITTED);
    }

    @Test
    public void refusesBadInputWithoutCallingTheProvider() {
        assertRefused(SendRequest.toNumber("alice", "+12065550124", "   "), Reason.INVALID_INPUT);
        assertRefused(SendRequest.toNumber("alice", "+12065550124", "x".repeat(1601)), Reason.INVALID_INPUT);
        assertRefused(SendRequest.toNumber("alice", "12345", "Hello"), Reason.INVALID_INPUT);
        assertRefused(SendRequest.fromRecord("alice", RecordRef.parse("employee:404"), "Hi"), Reason.RECORD_NOT_FOUND);
        assertRefused(SendRequest.fromRecord("alice", RecordRef.parse("employee:2"), "Hi"), Reason.INVALID_INPUT);
    }

    @Test
    public void refusesARecordAndAnotherNumberSoNoStrangersTextLandsOnTheRecord() throws Exception {
        assertRefused(new SendRequest("alice", null, RecordRef.parse("employee:1"), "+12065550199", "Hi"),
                Reason.INVALID_INPUT);
        assertEquals(0, provider.sent.size());
        assertEquals(0, archive.archived.size());

        // the record's own number, in any format, agrees with the record
        texting.send(new SendRequest("alice", null, RecordRef.parse("employee:1"), "(206) 555-0123", "Hi"));
        assertEquals("+12065550123", provider.sent.get(0).to());
    }

    @Test
    public void refusesAUserWithoutCredentials() {
        permissions.canText.add("carol");
        assertRefused(SendRequest.toNumber("carol", "+12065550124", "Hello"), Reason.NO_CREDENTIALS);
        assertRefused(SendRequest.toNumber("alice", "+12065550124", "Hello").via("twilio"), Reason.NO_CREDENTIALS);
    }

    @Test
    public void aProviderFailureBecomesAPlainReasonAndNothingIsArchived() {
        provider.failure = new ProviderException(Kind.DISABLED, "Zipwhip is disabled");
        TextingException e = assertRefused(SendRequest.toNumber("alice", "+12065550124", "Hello"),
                Reason.PROVIDER_UNAVAILABLE);
        assertEquals("Zipwhip is disabled", e.getMessage());
    }

    private TextingException assertRefused(SendRequest request, Reason reason) {
        try {
            texting.send(request);
            fail("expected " + reason);
            return null;
        } catch (TextingException e) {
            assertEquals(e.getMessage(), reason, e.reason());
            assertTrue("nothing sent", provider.sent.isEmpty());
            assertTrue("nothing archived", archive.archived.isEmpty());
            return e;
        }
    }
}
