package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.Fault;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Our own sends recognised by what is certain (ids, type, body, time), never by
 * {@code sourceAddress} alone: each test runs with the outbound addresses present and empty,
 * as the facts allow, and counts what the sandbox stored.
 */
@RunWith(Parameterized.class)
public class ZipwhipOwnSendsTest extends SandboxTestBase {

    @Parameters(name = "outbound addresses empty: {0}")
    public static List<Object[]> addresses() {
        return List.of(new Object[] { false }, new Object[] { true });
    }

    private final boolean addressesEmpty;

    public ZipwhipOwnSendsTest(boolean addressesEmpty) {
        this.addressesEmpty = addressesEmpty;
    }

    @Before
    public void outboundAddresses() {
        sandbox.setOutboundAddressesEmpty(addressesEmpty);
    }

    @Test
    public void aSendStoredThenAnswered500IsFoundAndNotSentAgain() throws Exception {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "Are you free Tuesday?"));
        assertEquals("one send call", 1, sandbox.calls("message/send").size());
        assertEquals("one text", 1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), receipt.providerMessageId());
    }

    @Test
    public void aTimedOutSendIsFoundWhenItLandsAndNeverSentTwice() throws Exception {
        sandbox.injectFault("message/send", Fault.SLOW, 1);
        ProviderReceipt receipt = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "Slow one"));
        assertEquals(1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), receipt.providerMessageId());
    }

    @Test
    public void theLookUpIsNotFooledByABurstAfterTheAttempt() throws Exception {
        sandbox.injectFault("message/send", Fault.SEND_THEN_FAIL, 1);
        // the look-up's first page is slow, so the burst lands between the send and the look-up
        sandbox.injectFault("message/list", Fault.SLOW, 1);
        provider.modified(config("responseTimeoutSeconds", 10, "pageSize", 20));
        CompletableFuture<ProviderReceipt> send = CompletableFuture.supplyAsync(() -> {
            try {
                return provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "Before the burst"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await("the send to be stored", () -> sandbox.sent().size() == 1);
        for (int i = 0; i < 70; i++) {
            sandbox.deliverReply("+1206555" + String.format("%04d", 2000 + i), ALICE, "burst " + i);
        }
        ProviderReceipt receipt = send.get(30, TimeUnit.SECONDS);
        assertEquals("more than a page arrived after the attempt", 71, sandbox.messages(ALICE).size());
        assertEquals(1, sandbox.sent().size());
        assertEquals(Long.toString(sandbox.sent().get(0).id()), receipt.providerMessageId());
    }

    @Test
    public void sendsAndTheirStatusesReachTheRecordFromTheMessageList() throws Exception {
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        // sent by another Zipwhip client (or a send whose answer was lost): only the list tells of it
        provider.modified(config());
        ProviderReceipt ours = provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hello"));
        provider.modified(config()); // a fresh client: it knows nothing of that send's id
        InboundBatch first = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals("our send is not an inbound text", List.of(), first.texts());
        assertEquals(List.of(ours.providerMessageId()), first.sent().stream().map(SentText::providerMessageId)
                .toList());
        assertEquals("hello", first.sent().get(0).body());
        assertEquals(DANA, first.sent().get(0).to());

        sandbox.setStatus(Long.parseLong(ours.providerMessageId()), "DELIVERED");
        InboundBatch second = provider.fetchInbound(ALICE_CREDENTIALS, first.cursor());
        assertEquals(List.of(DeliveryStatus.DELIVERED), second.statusUpdates().stream().map(StatusUpdate::status)
                .toList());
        assertEquals(ours.providerMessageId(), second.statusUpdates().get(0).providerMessageId());
    }

    @Test
    public void repliesStayRepliesWhenOutboundAddressesAreEmpty() throws Exception {
        String cursor = provider.fetchInbound(ALICE_CREDENTIALS, null).cursor();
        provider.send(ALICE_CREDENTIALS, new OutboundText(DANA, "hello"));
        SandboxMessage reply = sandbox.deliverReply(DANA, ALICE, "STOP");
        InboundBatch batch = provider.fetchInbound(ALICE_CREDENTIALS, cursor);
        assertEquals(1, batch.texts().size());
        assertEquals(Long.toString(reply.id()), batch.texts().get(0).providerMessageId());
        assertEquals(DANA, batch.texts().get(0).from());
        assertEquals(ALICE_E164, batch.texts().get(0).to());
        assertTrue(batch.sent().stream().allMatch(s -> s.body().equals("hello")));
    }
}
