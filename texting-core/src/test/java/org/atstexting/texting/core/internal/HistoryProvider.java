package org.atstexting.texting.core.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.TextingProvider;

/**
 * A provider that keeps what it accepted and, like Zipwhip, reports it as sent history in
 * its polls; inbound texts are queued by the test. It can be told to take a text and then
 * fail the call (the outcome-unknown case) or to refuse calls.
 */
final class HistoryProvider implements TextingProvider {

    final List<SentText> accepted = new ArrayList<>();
    final List<InboundText> inbound = new ArrayList<>();
    boolean reportsHistory = true;
    /** The next send is taken, then the call fails as if the connection dropped. */
    boolean takeThenFail;
    ProviderException failure;
    int nextId = 1000;

    @Override
    public synchronized ProviderReceipt send(ProviderCredentials credentials, OutboundText text)
            throws ProviderException {
        if (failure != null) {
            throw failure;
        }
        String id = Integer.toString(nextId++);
        Instant at = Instant.now();
        accepted.add(new SentText(id, credentials.phoneNumber(), text.to(), text.body(), at, DeliveryStatus.QUEUED));
        if (takeThenFail) {
            takeThenFail = false;
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "connection reset");
        }
        return new ProviderReceipt(id, DeliveryStatus.QUEUED, at);
    }

    @Override
    public CredentialCheck test(ProviderCredentials credentials) {
        return new CredentialCheck(CredentialCheck.Outcome.OK, "ok");
    }

    @Override
    public synchronized InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) {
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        List<SentText> sent = new ArrayList<>();
        if (reportsHistory) {
            for (int i = from; i < accepted.size(); i++) {
                sent.add(accepted.get(i));
            }
        }
        List<InboundText> texts = new ArrayList<>(inbound);
        inbound.clear();
        return new InboundBatch(texts, List.of(), sent, Integer.toString(reportsHistory ? accepted.size() : from));
    }

    synchronized List<String> recipients() {
        return accepted.stream().map(SentText::to).toList();
    }

    synchronized List<String> bodies() {
        return accepted.stream().map(SentText::body).toList();
    }
}
