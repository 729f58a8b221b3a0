package org.atstexting.texting.core.internal.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.core.internal.archiving.ArchiveAnswers;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.optout.OptOutKeywords;
import org.atstexting.texting.core.internal.optout.OptOutKeywords.Keyword;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.optout.ProviderConsent;
import org.atstexting.texting.core.internal.sending.MessageEventPublisher;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.core.internal.store.ChangeFeed;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Records what providers learn, whether they push it (webhooks, through
 * {@link ProviderCallback}) or the poller reads it: inbound texts go to the archive and
 * status changes move archived texts forward. Whatever path brings a text first wins;
 * the same text or status again changes nothing and is announced once.
 *
 * <p>Every new inbound text passes here once, so this is where consent keywords act: an
 * opt-out keyword opts the number out (recorded before the text is archived, so a crash
 * re-reads rather than loses it) and is answered by exactly one confirmation, which the
 * opt-out itself does not block; an opt-in keyword opts it back in; HELP gets the help reply,
 * at most once per number within {@code helpReplyIntervalMinutes}.
 *
 * <p>One monitor keeps the recording of texts in order; answers are decided under it and
 * sent after it is released, from one reply thread ({@link KeywordReplies}): a provider slow to
 * take a confirmation (a rate limiter, a timeout) holds up no webhook and no poll.
 */
@Component(service = { ProviderCallback.class, InboundRecorder.class }, configurationPid = CoreConfiguration.PID)
public final class InboundRecorder implements ProviderCallback {

    /** How long a webhook or a poll waits for the archive before giving up (the provider brings the text again). */
    private static final long ARCHIVE_WAIT_SECONDS = 60;

    private final CredentialVault vault;
    private final MessageArchive archive;
    private final MessageEventPublisher events;
    private final OptOutRegistry optOuts;
    private final KeywordReplies replies;
    private final Clock clock;
    private final HelpReplyLimiter helpLimiter;
    private final ProviderConsent consent;
    private volatile CoreConfiguration config;

    @Activate
    public InboundRecorder(@Reference CredentialVault vault, @Reference MessageArchive archive,
            @Reference MessageEventPublisher events, @Reference OptOutRegistry optOuts,
            @Reference SendGate sender, @Reference HelpReplyLimiter helpLimiter, CoreConfiguration config) {
        this(vault, archive, events, optOuts, sender, helpLimiter, config, KeywordReplies.replyThread(),
                Clock.systemUTC());
    }

    /**
     * @param replies where confirmations and help replies are sent from: never under the
     *                monitor, so a provider that is slow to answer (a rate limiter, a timeout)
     *                holds up no webhook and no poll
     */
    public InboundRecorder(CredentialVault vault, MessageArchive archive, MessageEventPublisher events,
            OptOutRegistry optOuts, SendGate sender, HelpReplyLimiter helpLimiter, CoreConfiguration config,
            Executor replies, Clock clock) {
        this.vault = vault;
        this.archive = archive;
        this.events = events;
        this.optOuts = optOuts;
        this.helpLimiter = helpLimiter;
        this.config = config;
        this.replies = new KeywordReplies(sender, this::account, replies);
        this.clock = clock;
        this.consent = new ProviderConsent(optOuts, (provider, number) -> account(provider, number), clock);
    }

    @Modified
    void modified(CoreConfiguration newConfig) {
        this.config = newConfig; // reply texts and the help interval apply to the next text
    }

    @Deactivate
    void deactivate() {
        replies.stop();
    }

    @Override
    public void received(String provider, InboundText text) {
        // the account the text came in to tells whose conversation it is
        String owner = account(provider, text.to()).map(StoredCredential::ownerUserId).orElse(null);
        record(provider, text, owner);
    }

    private Optional<StoredCredential> account(String provider, String number) {
        return vault.all().stream().filter(c -> c.provider().equals(provider) && c.phoneNumber().equals(number))
                .findFirst();
    }

    /**
     * Records a poll's page: plain replies go to the archive as one batch (one host
     * transaction for the page), keyword texts (STOP, START, HELP) one by one, in order,
     * because each may change what the next send may do.
     */
    void recordAll(String provider, List<InboundText> texts, String ownerUserId) {
        // opt-outs are confirmed to every node once for the page, after the monitor is released
        try (ChangeFeed.Confirmation everywhere = optOuts.confirmingOnce()) {
            replies.sendAll(recordAllLocked(provider, texts, ownerUserId));
        }
    }

    /** Records what one poll of an account brought: its inbound texts, the account's sent texts, status changes. */
    void recordBatch(StoredCredential account, InboundBatch batch) {
        recordAll(account.provider(), batch.texts(), account.ownerUserId());
        // status changes before the sent texts: a text the archive has moves with its reason and its
        // events (its sent text then changes nothing); one it lacks is archived from the sent text, with
        // the reason the batch gives for it
        Map<String, StatusUpdate> newest = new HashMap<>();
        for (StatusUpdate update : batch.statusUpdates()) {
            statusChanged(account.provider(), update);
            newest.put(update.providerMessageId(), update); // oldest first: the last one stays
        }
        for (SentText text : batch.sent()) {
            reconcileSent(account.provider(), text, account.ownerUserId(), newest.get(text.providerMessageId()));
        }
    }

    private synchronized List<KeywordReplies.Reply> recordAllLocked(String provider, List<InboundText> texts, String ownerUserId) {
        List<KeywordReplies.Reply> answers = new ArrayList<>();
        List<ArchiveItem> plain = new ArrayList<>();
        for (InboundText text : texts) {
            if (OptOutKeywords.classify(text.body()).isPresent()) {
                recordLocked(provider, text, ownerUserId).ifPresent(answers::add);
            } else {
                plain.add(ArchiveItem.text(message(provider, text, ownerUserId), null));
            }
        }
        if (!plain.isEmpty()) {
            ArchiveAnswers.announceNew(archived(plain), events::received);
        }
        return answers;
    }

    public void record(String provider, InboundText text, String ownerUserId) {
        // an opt-out is confirmed to every node after the monitor is released: other texts need not wait
        try (ChangeFeed.Confirmation everywhere = optOuts.confirmingOnce()) {
            replies.sendAll(recordLocked(provider, text, ownerUserId).stream().toList());
        }
    }

    /**
     * Records one text (a consent keyword first acts on the registry, which records a message
     * once, so a crash after it re-reads rather than loses the text) and decides what to
     * answer; the answer is sent by the caller once the monitor is released.
     */
    private synchronized Optional<KeywordReplies.Reply> recordLocked(String provider, InboundText text, String ownerUserId) {
        TextMessage message = message(provider, text, ownerUserId);
        Optional<Keyword> keyword = OptOutKeywords.classify(text.body());
        boolean changed = false;
        if (keyword.isPresent() && keyword.get() != Keyword.HELP) {
            OptOutEvent.Kind kind = keyword.get() == Keyword.OPT_OUT ? OptOutEvent.Kind.OPT_OUT : OptOutEvent.Kind.OPT_IN;
            changed = optOuts.record(new OptOutEvent(text.from(), kind, text.receivedAt(), text.body().strip(),
                    OptOutEvent.INBOUND_TEXT, message.key(), ownerUserId));
        }
        boolean fresh = ArchiveAnswers.announceNew(archived(List.of(ArchiveItem.text(message, null))), events::received) > 0;
        if (keyword.isEmpty() || !fresh && !changed) {
            return Optional.empty(); // the same text again: recorded and answered the first time
        }
        CoreConfiguration current = config;
        String body = switch (keyword.get()) {
            // one confirmation per opt-out, none for a repeated STOP
            case OPT_OUT -> changed ? current.optOutConfirmation() : null;
            case OPT_IN -> changed ? current.optInConfirmation() : null;
            case HELP -> helpLimiter.tryAcquire(text.from(), clock.instant(),
                    Duration.ofMinutes(Math.max(0, current.helpReplyIntervalMinutes()))) ? current.helpReply() : null;
        };
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new KeywordReplies.Reply(provider, text, ownerUserId, body));
    }

    private static TextMessage message(String provider, InboundText text, String ownerUserId) {
        return new TextMessage(provider, text.providerMessageId(), Direction.INBOUND, text.from(), text.to(),
                text.body(), text.receivedAt(), ownerUserId, DeliveryStatus.RECEIVED, null, text.media());
    }

    /** Archives a batch and waits for the answer; a failure is thrown, so the provider brings the texts again. */
    private List<ArchiveOutcome> archived(List<ArchiveItem> items) {
        return ArchiveAnswers.await(archive.archive(items), items.size(), ARCHIVE_WAIT_SECONDS);
    }

    /**
     * Archives a text the account sent that the archive may not know: the core crashed
     * between the provider's answer and the archive, or someone texted from the provider's own
     * app. Without its origin record, it goes on every record with the recipient's number; a
     * send still on its way to the archive was submitted before this and is found there.
     */
    synchronized void reconcileSent(String provider, SentText text, String ownerUserId) {
        reconcileSent(provider, text, ownerUserId, null);
    }

    /** As above, with the failure {@code update} (the same message's status, if any) gives its state. */
    synchronized void reconcileSent(String provider, SentText text, String ownerUserId, StatusUpdate update) {
        TextMessage message = new TextMessage(provider, text.providerMessageId(), Direction.OUTBOUND, text.from(),
                text.to(), text.body(), text.sentAt(), ownerUserId, text.status());
        if (update != null && update.status() == text.status()) {
            message = message.withStatus(text.status(), failure(update));
        }
        ArchiveAnswers.announceNew(archived(List.of(ArchiveItem.text(message, null))), events::sent);
    }

    /**
     * Moves an archived text's status forward, with the reason it failed. The archive decides
     * whether it moved (a send still on its way there was submitted first and is found).
     */
    @Override
    public synchronized void statusChanged(String provider, StatusUpdate update) {
        String key = TextMessage.keyOf(provider, update.providerMessageId());
        ArchiveOutcome outcome = archived(List.of(ArchiveItem.status(key, update.status(), failure(update)))).get(0);
        if (outcome.change() != ArchiveOutcome.Change.STATUS_MOVED) {
            return;
        }
        TextMessage after = outcome.message();
        String reason = update.failure() != null ? update.failure().describe() : update.reason();
        events.statusChanged(after, reason);
        if (update.status() == DeliveryStatus.FAILED) {
            events.failed(after, reason);
        }
    }

    /**
     * The failure to archive: a provider written before typed failures (SPI 1.3) names only its
     * words, which are kept as the detail, so the record shows why on every node.
     */
    private static DeliveryFailure failure(StatusUpdate update) {
        if (update.failure() != null || update.status() != DeliveryStatus.FAILED) {
            return update.failure();
        }
        return new DeliveryFailure(DeliveryFailure.Reason.UNKNOWN, null,
                update.reason() == null || update.reason().isBlank() ? null : update.reason());
    }

    @Override
    public void optedOut(String provider, String number, String account, String cause) {
        consent.record(provider, number, account, cause, OptOutEvent.Kind.OPT_OUT);
    }

    @Override
    public void optedIn(String provider, String number, String account, String cause) {
        consent.record(provider, number, account, cause, OptOutEvent.Kind.OPT_IN);
    }
}
