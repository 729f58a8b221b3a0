package org.atstexting.texting.core.internal;

import java.util.Optional;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Records what providers learn, whether they push it (webhooks, through
 * {@link ProviderCallback}) or the poller reads it: inbound texts go to the archive and
 * status changes move archived texts forward. Whatever path brings a text first wins;
 * the same text or status again changes nothing and is announced once.
 */
@Component(service = { ProviderCallback.class, InboundRecorder.class })
public final class InboundRecorder implements ProviderCallback {

    private final CredentialVault vault;
    private final MessageArchive archive;
    private final MessageEventPublisher events;

    @Activate
    public InboundRecorder(@Reference CredentialVault vault, @Reference MessageArchive archive,
            @Reference MessageEventPublisher events) {
        this.vault = vault;
        this.archive = archive;
        this.events = events;
    }

    @Override
    public void received(String provider, InboundText text) {
        // the account the text came in to tells whose conversation it is
        String owner = vault.all().stream()
                .filter(c -> c.provider().equals(provider) && c.phoneNumber().equals(text.to()))
                .map(StoredCredential::ownerUserId).filter(o -> o != null).findFirst().orElse(null);
        record(provider, text, owner);
    }

    synchronized void record(String provider, InboundText text, String ownerUserId) {
        TextMessage message = new TextMessage(provider, text.providerMessageId(), Direction.INBOUND, text.from(),
                text.to(), text.body(), text.receivedAt(), ownerUserId, DeliveryStatus.RECEIVED);
        if (archive.find(message.key()).isPresent()) {
            return;
        }
        archive.archive(message, null);
        events.received(message);
    }

    /**
     * Archives a text the account sent that the archive does not know: the core crashed
     * between the provider's answer and the archive. Without its origin record, it goes on
     * every record with the recipient's number.
     */
    synchronized void reconcileSent(String provider, SentText text, String ownerUserId) {
        TextMessage message = new TextMessage(provider, text.providerMessageId(), Direction.OUTBOUND, text.from(),
                text.to(), text.body(), text.sentAt(), ownerUserId, text.status());
        if (archive.find(message.key()).isPresent()) {
            return;
        }
        archive.archive(message, null);
        events.sent(message);
    }

    @Override
    public synchronized void statusChanged(String provider, StatusUpdate update) {
        String key = provider + ":" + update.providerMessageId();
        Optional<TextMessage> before = archive.find(key);
        if (before.isEmpty() || !before.get().status().canMoveTo(update.status())) {
            return;
        }
        archive.updateStatus(key, update.status());
        TextMessage after = before.get().withStatus(update.status());
        events.statusChanged(after, update.reason());
        if (update.status() == DeliveryStatus.FAILED) {
            events.failed(after, update.reason());
        }
    }
}
