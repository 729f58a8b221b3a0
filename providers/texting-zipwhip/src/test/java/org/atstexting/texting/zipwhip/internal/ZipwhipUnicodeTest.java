package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;

import java.util.List;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderReceipt;
import org.junit.Test;

/** Bodies reach Zipwhip exactly as written: the form is UTF-8 and says so. */
public class ZipwhipUnicodeTest extends SandboxTestBase {

    static final List<String> BODIES = List.of(
            "Ünïcode € 😀",
            "Crème brûlée à la carte, señor Müller",
            "GSM-7 extension: ^ { } \\ [ ] ~ | €",
            "Emoji 👍🏽 and a family 👨‍👩‍👧",
            "日本語のテキスト、中文短信、한국어 문자");

    @Test
    public void everyBodyIsStoredByZipwhipExactlyAsSent() throws Exception {
        for (String body : BODIES) {
            ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, body));
            SandboxMessage stored = sandbox.sent().get(sandbox.sent().size() - 1);
            assertEquals(Long.toString(stored.id()), receipt.providerMessageId());
            assertEquals("the text Zipwhip stored", body, stored.body());
        }
        assertEquals("one text per send", BODIES.size(), sandbox.sent().size());
        assertEquals(BODIES, sandbox.calls("message/send").stream().map(c -> c.params().get("body")).toList());
    }
}
