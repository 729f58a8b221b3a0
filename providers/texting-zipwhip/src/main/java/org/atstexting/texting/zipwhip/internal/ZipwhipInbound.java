package org.atstexting.texting.zipwhip.internal;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderSecrets;
import org.atstexting.texting.spi.StatusUpdate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The push side of the provider, shared by the provider and the webhook servlet: the
 * webhook secrets, what has been handed to the core already (so neither the webhook nor
 * polling hands over the same thing twice, as far as it can help it), and the core's
 * {@link ProviderCallback}, which is optional and may come and go.
 */
@Component(service = ZipwhipInbound.class)
public final class ZipwhipInbound {

    private static final Logger LOG = Logger.getLogger(ZipwhipInbound.class.getName());
    private static final int REMEMBERED = 50_000;

    /** What a webhook call came to; {@link #httpStatus} is the answer to Zipwhip. */
    enum Outcome {
        /** Handed to the core. */
        ACCEPTED(200),
        /** Already handed over (Zipwhip retried, or polling was first): answered 200, ignored. */
        DUPLICATE(200),
        /** Nothing for us (a state we do not know, a message without a phone number). */
        IGNORED(200),
        /** Wrong or missing secret. */
        FORBIDDEN(403),
        /** Not a Zipwhip message object. */
        MALFORMED(400),
        /** Zipwhip is disabled, or the core's callback is away: Zipwhip retries, polling catches up. */
        UNAVAILABLE(503),
        /** The core failed to take it: Zipwhip retries. */
        FAILED(500);

        final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    private final WebhookSecrets secrets;
    private final RefusalLog refusals = new RefusalLog(LOG, "Refused a Zipwhip webhook call ");
    /** Message id to the last status handed to the core (RECEIVED for inbound texts); oldest forgotten first. */
    private final Map<String, DeliveryStatus> delivered = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeliveryStatus> eldest) {
            return size() > REMEMBERED;
        }
    };

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProviderCallback callback;

    private volatile ZipwhipMessages messages;

    /**
     * In OSGi the secrets are the core's shared ones: a webhook the balancer sends to any node of
     * a cluster is verified there, and installed once for all nodes.
     */
    @Activate
    public ZipwhipInbound(@Reference ProviderSecrets shared) {
        this.secrets = new WebhookSecrets(SecretTable.shared(shared, ZipwhipProvider.KEY));
    }

    /** Secrets in a file: for tests and for running outside OSGi. */
    ZipwhipInbound(File secretsFile) {
        this.secrets = new WebhookSecrets(secretsFile.toPath());
    }

    /** For tests and for running outside OSGi. */
    void setCallback(ProviderCallback callback) {
        this.callback = callback;
    }

    /** Webhook calls are taken while a client is configured ({@code null}: the provider is disabled). */
    void accept(ZipwhipMessages messagesOrNull) {
        this.messages = messagesOrNull;
    }

    WebhookSecrets secrets() {
        return secrets;
    }

    /** The status last handed to the core for this message, if any. */
    Optional<DeliveryStatus> delivered(String messageId) {
        synchronized (delivered) {
            return Optional.ofNullable(delivered.get(messageId));
        }
    }

    private boolean isNew(String messageId, DeliveryStatus status) {
        synchronized (delivered) {
            DeliveryStatus previous = delivered.get(messageId);
            return previous == null || previous.canMoveTo(status);
        }
    }

    private void remember(String messageId, DeliveryStatus status) {
        synchronized (delivered) {
            DeliveryStatus previous = delivered.get(messageId);
            if (previous == null || previous.canMoveTo(status)) {
                delivered.put(messageId, status);
            }
        }
    }

    /**
     * Handles one webhook call.
     *
     * @param account the account the URL was installed for (its {@code account} parameter)
     * @param secret  the secret the call presented (its {@code secret} parameter)
     * @param body    the request body: one Zipwhip message object
     */
    Outcome onWebhook(String account, String secret, String body) {
        if (!secrets.verify(account, secret)) {
            // neither the secret nor anything derived from it is logged; the account only sanitised
            refusals.refused("for account '" + LogText.sanitize(account) + "': wrong or missing secret");
            return Outcome.FORBIDDEN;
        }
        ZipwhipMessages reader = messages;
        if (reader == null) {
            return Outcome.UNAVAILABLE;
        }
        JsonObject message;
        try {
            JsonElement json = JsonParser.parseString(body);
            if (!json.isJsonObject() || ZipwhipMessages.id(json.getAsJsonObject()) < 0) {
                return Outcome.MALFORMED;
            }
            message = json.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            return Outcome.MALFORMED;
        }
        String number = secrets.entry(account).map(WebhookSecrets.Entry::accountNumber).orElse("");
        if (number.isEmpty() || !reader.concerns(message, number)) {
            // a secret admits its own account's messages only
            refusals.refused("for account '" + LogText.sanitize(account) + "': the message is not that account's");
            return Outcome.FORBIDDEN;
        }
        return switch (reader.direction(message, number)) {
            case OUTBOUND -> status(message);
            case INBOUND -> inbound(reader, message, number);
            case UNKNOWN -> Outcome.IGNORED;
        };
    }

    private Outcome status(JsonObject message) {
        Optional<StatusUpdate> update = ZipwhipStatuses.statusUpdate(message);
        // QUEUED is what the send's receipt already said
        if (update.isEmpty() || update.get().status() == DeliveryStatus.QUEUED) {
            return Outcome.IGNORED;
        }
        StatusUpdate u = update.get();
        if (!isNew(u.providerMessageId(), u.status())) {
            return Outcome.DUPLICATE;
        }
        ProviderCallback target = callback;
        if (target == null) {
            return Outcome.UNAVAILABLE;
        }
        try {
            target.statusChanged(ZipwhipProvider.KEY, u);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The core could not take Zipwhip's status of message " + u.providerMessageId(), e);
            return Outcome.FAILED;
        }
        remember(u.providerMessageId(), u.status());
        return Outcome.ACCEPTED;
    }

    private Outcome inbound(ZipwhipMessages reader, JsonObject message, String number) {
        Optional<InboundText> text = reader.inbound(message, number);
        if (text.isEmpty()) {
            return Outcome.IGNORED;
        }
        InboundText t = text.get();
        if (!isNew(t.providerMessageId(), DeliveryStatus.RECEIVED)) {
            return Outcome.DUPLICATE;
        }
        ProviderCallback target = callback;
        if (target == null) {
            return Outcome.UNAVAILABLE;
        }
        try {
            target.received(ZipwhipProvider.KEY, t);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The core could not take Zipwhip message " + t.providerMessageId(), e);
            return Outcome.FAILED;
        }
        remember(t.providerMessageId(), DeliveryStatus.RECEIVED);
        return Outcome.ACCEPTED;
    }
}
