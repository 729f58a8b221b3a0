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
 * its polls; inbound texts are added by the test. Polls page as the SPI says when told to
 * ({@link #pageSize}). It can be told to take a text and then
 * fail the call (the outcome-unknown case) or to refuse calls.
 */
public class HistoryProvider implements TextingProvider {

    public final List<SentText> accepted = new ArrayList<>();
    public final List<InboundText> inbound = new ArrayList<>();
    public boolean reportsHistory = true;
    /** The next send is taken, then the call fails as if the connection dropped. */
    public boolean takeThenFail;
    public ProviderException failure;
    int nextId = 1000;
    /** Most items one poll returns; 0: everything at once. */
    public int pageSize;
    /** How many polls were made. */
    public int fetches;
    /** The poll with this number (1 = the first) fails as if the connection dropped; 0: none. */
    public int failFetch;

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

    /**
     * Honours the SPI's paging contract: at most {@link #pageSize} items (sent history first,
     * then inbound texts, each oldest first) per call, a cursor at the oldest item not read
     * ({@code <sent index>:<inbound index>}) and {@code more} while anything is left.
     */
    @Override
    public synchronized InboundBatch fetchInbound(ProviderCredentials credentials, String cursor)
            throws ProviderException {
        if (++fetches == failFetch) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, "connection reset");
        }
        String[] at = cursor == null ? new String[] { "0", "0" } : cursor.split(":");
        int sentFrom = Math.min(Integer.parseInt(at[0]), accepted.size()); // a test may clear what was accepted
        int inboundFrom = at.length > 1 ? Integer.parseInt(at[1]) : 0;
        int budget = pageSize > 0 ? pageSize : Integer.MAX_VALUE;
        List<SentText> sent = new ArrayList<>();
        int sentTo = sentFrom;
        if (reportsHistory) {
            sentTo = (int) Math.min(accepted.size(), (long) sentFrom + budget);
            sent.addAll(accepted.subList(sentFrom, sentTo));
        }
        int inboundTo = (int) Math.min(inbound.size(), (long) inboundFrom + budget - sent.size());
        List<InboundText> texts = new ArrayList<>(inbound.subList(inboundFrom, inboundTo));
        boolean more = (reportsHistory && sentTo < accepted.size()) || inboundTo < inbound.size();
        return new InboundBatch(texts, List.of(), sent, sentTo + ":" + inboundTo, more);
    }

    public synchronized List<String> recipients() {
        return accepted.stream().map(SentText::to).toList();
    }

    public synchronized List<String> bodies() {
        return accepted.stream().map(SentText::body).toList();
    }
}
