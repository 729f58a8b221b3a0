package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;

import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.junit.Test;

/** A session belongs to the whole credentials: replaced credentials never send on the old session. */
public class ZipwhipSessionsTest extends SandboxTestBase {

    private static final ProviderCredentials WRONG = new ProviderCredentials(ALICE, ALICE_E164, "wrong");

    @Test
    public void replacedCredentialsWithAWrongPasswordSendNothingAndEndTheOldSession() throws Exception {
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "first"));
        assertEquals(Outcome.BAD_CREDENTIALS, provider.test(WRONG).outcome());
        ProviderException e = expectFailure(() -> provider.send(WRONG, new OutboundText(DANA, "second")));
        assertEquals(Kind.BAD_CREDENTIALS, e.kind());
        assertEquals("only the first text reached Zipwhip", 1, sandbox.sent().size());
        await("the old session to be logged out", () -> sandbox.calls("user/logout").size() == 1);
    }

    @Test
    public void aNewPasswordLogsInAnewAndSends() throws Exception {
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "first"));
        sandbox.addAccount(ALICE, "changed-at-zipwhip");
        provider.send(new ProviderCredentials(ALICE, ALICE_E164, "changed-at-zipwhip"), new OutboundText(DANA, "x"));
        assertEquals(2, sandbox.sent().size());
        assertEquals("a login per set of credentials", 2, sandbox.calls("user/login").size());
    }

    @Test
    public void theSameCredentialsKeepTheirSession() throws Exception {
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "first"));
        provider.send(new ProviderCredentials(ALICE, ALICE_E164, "sandbox-alice"), new OutboundText(DANA, "again"));
        assertEquals(1, sandbox.calls("user/login").size());
    }
}
