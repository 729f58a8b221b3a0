package org.atstexting.texting.zipwhip.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Finds a text Zipwhip stored although its {@code message/send} answer was lost, so that a lost
 * answer never becomes a second text: in the account's {@code message/list}, an outbound message
 * to that number with that body, dated from the attempt on, not already the receipt of another send.
 */
final class ZipwhipSendLookUp {

    private static final Logger LOG = Logger.getLogger(ZipwhipSendLookUp.class.getName());

    /** How far before a send attempt a message found by the look-up may be dated (clock skew, whole seconds). */
    static final Duration LOOKUP_SKEW = Duration.ofSeconds(5);
    /** How far before the attempt the core's {@code notBefore} lies (the bulk worker's clock slack). */
    static final Duration CORE_CLOCK_SLACK = Duration.ofMinutes(2);
    /** The fewest messages the declared look-up may read once its attempt has settled (see the configuration). */
    static final int MIN_LOOKUP_MESSAGES = 1_000;
    /** After a time-out, the look-up is repeated this often, {@link #lateLookupMillis} apart. */
    static final int LATE_LOOKUPS = 3;

    private final ZipwhipMessages messages;
    private final ZipwhipMessageList list;
    private final int maxPages;
    /** Pages the declared look-up reads at most once its attempt settled: the configured messages, in pages. */
    private final int settledPages;
    private final long lateLookupMillis;
    /** How long after an attempt "not in the list" is not yet "not sent" (see {@link #findSent}). */
    private final Duration settle;

    ZipwhipSendLookUp(ZipwhipConfiguration config, ZipwhipMessages messages, ZipwhipMessageList list) {
        this.messages = messages;
        this.list = list;
        this.maxPages = Math.max(1, config.maxPagesPerPoll());
        int messagesAtMost = Math.max(MIN_LOOKUP_MESSAGES, config.sentLookupMaxMessages());
        this.settledPages = Math.max(maxPages, (messagesAtMost + list.pageSize() - 1) / list.pageSize());
        // a timed-out send may still be stored: look again a response time-out later (at most 5 s)
        this.lateLookupMillis = Math.min(5_000L, Math.max(1, config.responseTimeoutSeconds()) * 1000L);
        // counted from the core's notBefore, which is the attempt less the core's clock slack: that
        // slack, then the send's own wait for a late text (its time-outs, then the late look-ups)
        this.settle = CORE_CLOCK_SLACK.plusSeconds(Math.max(0, config.connectTimeoutSeconds())
                + Math.max(0, config.responseTimeoutSeconds()) + lateSeconds());
    }

    /** How long the late look-ups wait in all, in seconds (for the message that gives up). */
    long lateSeconds() {
        return LATE_LOOKUPS * lateLookupMillis / 1000;
    }

    /** The look-up repeated {@link #LATE_LOOKUPS} times: a timed-out send may be stored after a while. */
    Optional<ProviderReceipt> lookUpLate(ProviderCredentials credentials, OutboundText text, Instant started,
            String why) throws ProviderException {
        for (int i = 0; i < LATE_LOOKUPS; i++) {
            ZipwhipSender.pause(lateLookupMillis);
            Optional<ProviderReceipt> found = lookUp(credentials, text, started, why);
            if (found.isPresent()) {
                LOG.info(() -> "A Zipwhip send timed out (" + why + "); the text arrived late as message "
                        + found.get().providerMessageId() + ", not sent again");
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Searches the account's recent messages (newest first) for this text: outbound (by
     * {@link ZipwhipMessages#direction}, never by {@code sourceAddress} alone), to that number,
     * with that body, dated from the attempt on, and not already the receipt of another send.
     * The scan stops at the first message dated before the attempt (a message whose date does
     * not read bounds nothing) or after the page budget. Pages are read by offset, and each
     * next page starts one message early, so messages arriving meanwhile (which push older ones
     * to later offsets) can repeat a message, never hide one.
     *
     * @throws ProviderException {@link Kind#OUTCOME_UNKNOWN} if the look-up itself failed
     */
    Optional<ProviderReceipt> lookUp(ProviderCredentials credentials, OutboundText text, Instant started,
            String why) throws ProviderException {
        try {
            for (JsonObject m : matches(credentials, text, started).values()) {
                long id = ZipwhipMessages.id(m);
                if (messages.claimSent(id)) {
                    return Optional.of(new ProviderReceipt(Long.toString(id), DeliveryStatus.QUEUED,
                            ZipwhipDates.createdOrRead(m), ZipwhipMessages.text(m, "fingerprint")));
                }
            }
            return Optional.empty();
        } catch (ProviderException e) {
            throw new ProviderException(Kind.OUTCOME_UNKNOWN, "Zipwhip's answer to the text to " + text.to()
                    + " was lost (" + why + ") and looking it up failed (" + e.getMessage() + "); it was NOT sent "
                    + "again, so it cannot arrive twice. Check the conversation before sending it again.", e);
        }
    }

    /**
     * The declared look-up ({@link org.atstexting.texting.spi.SentTextLookup}): the account's
     * text to that number with that body, created from {@code notBefore} on. "Not found" must
     * mean "not sent", so it is said only when nothing was left out: a message whose direction
     * nothing tells ({@link ZipwhipMessages.Direction#UNKNOWN}: the addresses may be empty) or
     * whose date does not read counts as a match; the attempt must be longer ago than the settle
     * time (a timed-out send may still be stored for a while, the reason for {@link #lookUpLate});
     * and the scan must reach a message older than {@code notBefore}, or the end of the list.
     * <p>
     * Zipwhip's list cannot be filtered by recipient, so what a look-up costs grows with the
     * account's traffic since the attempt. Within the settle time only a poll's worth of pages is
     * read: it can find the text early, but not-found is only "ask again later" then, so the core's
     * repeated asking costs little. Once settled, the scan may read up to the configured number of
     * messages; a list with more than that since the attempt will never be read back to it (the
     * list only grows), so that is {@link Kind#OUTCOME_UNKNOWN}: the core stops asking and reports
     * the text's outcome unknown instead of waiting forever. Nothing is claimed: asking twice finds
     * the same text.
     */
    Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text, Instant notBefore)
            throws ProviderException {
        boolean settled = !Instant.now().isBefore(notBefore.plus(settle));
        int pages = settled ? settledPages : maxPages;
        Scan scan = scan(credentials, text, notBefore.truncatedTo(ChronoUnit.SECONDS), true, pages);
        if (!scan.matches.isEmpty()) {
            JsonObject m = scan.matches.values().iterator().next();
            return Optional.of(new ProviderReceipt(Long.toString(ZipwhipMessages.id(m)), DeliveryStatus.QUEUED,
                    ZipwhipDates.createdOrRead(m), ZipwhipMessages.text(m, "fingerprint")));
        }
        if (!settled) {
            throw new ProviderException(Kind.ERROR, "The text to " + text.to() + " is not in Zipwhip's newest "
                    + "messages yet, but its attempt was less than " + settle.toSeconds() + " s ago and Zipwhip may "
                    + "still store it: ask again later");
        }
        if (!scan.complete) {
            throw new ProviderException(Kind.OUTCOME_UNKNOWN, "The text to " + text.to() + " is not in the newest "
                    + pages * list.pageSize() + " messages of Zipwhip's message list, which do not reach back to its "
                    + "attempt (more were sent or received since than the look-up reads: see 'Sent look-up: most "
                    + "messages read'), so whether it went out cannot be told. It is not sent again: check the "
                    + "conversation");
        }
        return Optional.empty();
    }

    private Map<Long, JsonObject> matches(ProviderCredentials credentials, OutboundText text, Instant started)
            throws ProviderException {
        return scan(credentials, text, started.truncatedTo(ChronoUnit.SECONDS).minus(LOOKUP_SKEW), false, maxPages)
                .matches;
    }

    /** What a scan found, and whether it reached a message older than the attempt or the list's end. */
    private record Scan(Map<Long, JsonObject> matches, boolean complete) {
    }

    private Scan scan(ProviderCredentials credentials, OutboundText text, Instant since, boolean unknownDirection,
            int pages) throws ProviderException {
        Map<Long, JsonObject> matches = new TreeMap<>();
        boolean older = false;
        boolean end = false;
        int start = 0;
        for (int page = 0; page < pages && !older && !end; page++) {
            JsonArray found = list.page(credentials, start, list.pageSize());
            for (JsonElement e : found) {
                JsonObject m = e.getAsJsonObject();
                Optional<Instant> created = ZipwhipDates.created(m);
                if (created.isPresent() && created.get().isBefore(since)) {
                    older = true;
                    continue;
                }
                ZipwhipMessages.Direction direction = messages.direction(m, credentials.phoneNumber());
                boolean ours = direction == ZipwhipMessages.Direction.OUTBOUND
                        || (unknownDirection && direction == ZipwhipMessages.Direction.UNKNOWN);
                if (ours && messages.counterpart(m).map(text.to()::equals).orElse(false)
                        && text.body().equals(ZipwhipMessages.text(m, "body"))) {
                    matches.put(ZipwhipMessages.id(m), m);
                }
            }
            end = found.size() < list.pageSize();
            start += list.pageSize() - 1;
        }
        return new Scan(matches, older || end);
    }
}
