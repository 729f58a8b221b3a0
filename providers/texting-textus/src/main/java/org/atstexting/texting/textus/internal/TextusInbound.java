package org.atstexting.texting.textus.internal;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * The push side, shared by the provider and the webhook servlets: the webhook secrets, what was
 * handed to the core already (a retried delivery changes nothing), and the core's optional
 * {@link ProviderCallback}. A call is verified ({@code X-TextUs-Signature}), handed to the core
 * (which stores it) and only then answered 2xx.
 * <p>
 * The delivery ({@code WebhookDelivery}: {@code id}, {@code timestamp}, {@code action},
 * {@code webHook}, {@code conversation{…}}); unconfirmed, chosen here and followed by the fake:
 * the message of a {@code message.*} event is in {@code message} (or {@code conversation.message}),
 * the contact's number in {@code contact.phoneNumber} or {@code conversation.phoneNumber}.
 */
@Component(service = TextusInbound.class)
public final class TextusInbound {

    private static final Logger LOG = Logger.getLogger(TextusInbound.class.getName());
    private static final int REMEMBERED = 50_000;

    /** What a webhook call came to; {@link #httpStatus} is the answer to TextUs. */
    enum Outcome {
        ACCEPTED(200), DUPLICATE(200), IGNORED(200), FORBIDDEN(403), MALFORMED(400), UNAVAILABLE(503), FAILED(500);

        final int httpStatus;

        Outcome(int httpStatus) {
            this.httpStatus = httpStatus;
        }
    }

    /** What the provider's configuration says the webhook may take. */
    record Settings(boolean enabled, String account, String configuredSecret) {
    }

    private final WebhookSecrets secrets;
    private final RefusalLog refusals = new RefusalLog(LOG);
    /** Message id (or delivery id) to the last status handed over; oldest forgotten first. */
    private final Map<String, DeliveryStatus> handed = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, DeliveryStatus> eldest) {
            return size() > REMEMBERED;
        }
    };

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProviderCallback callback;

    private volatile Settings settings = new Settings(false, "", "");
    private volatile String accountNumber;

    /** In OSGi the secrets are the core's shared ones, so every node of a cluster verifies a webhook. */
    @Activate
    public TextusInbound(@Reference ProviderSecrets shared) {
        this.secrets = new WebhookSecrets(shared);
    }

    /** Secrets in a file: for tests and for running outside OSGi. */
    TextusInbound(File secretsFile) {
        this.secrets = new WebhookSecrets(secretsFile.toPath());
    }

    void setCallback(ProviderCallback callback) {
        this.callback = callback;
    }

    void configure(Settings newSettings) {
        this.settings = newSettings;
    }

    WebhookSecrets secrets() {
        return secrets;
    }

    /** The account's texting number, learned from the credentials of any call (not a secret). */
    void learnAccountNumber(String number) {
        this.accountNumber = number;
    }

    /** An opt-out TextUs told us of outside a webhook (a refused send, the opt-out list). */
    void optedOut(String number, String cause) {
        ProviderCallback core = callback;
        if (core != null) {
            core.optedOut(TextusProvider.KEY, number, accountNumber, cause);
        }
    }

    /**
     * Handles one webhook call.
     *
     * @param signature the {@code X-TextUs-Signature} header, or {@code null}
     * @param body      the raw request body
     */
    Outcome onWebhook(String signature, byte[] body) {
        Settings now = settings;
        if (!now.enabled() || now.account().isBlank()) {
            return Outcome.UNAVAILABLE;
        }
        List<String> known = new ArrayList<>(secrets.of(now.account()));
        if (!now.configuredSecret().isEmpty()) {
            known.add(now.configuredSecret());
        }
        if (known.isEmpty()) {
            // a configuration fault, not the caller's: TextUs retries later, polling reads it anyway
            refusals.refused("no webhook secret is known for account " + now.account()
                    + " (the integration is not registered yet)");
            return Outcome.UNAVAILABLE;
        }
        if (!WebhookSignature.verify(known, body, signature)) {
            refusals.refused(signature == null ? "no X-TextUs-Signature" : "wrong X-TextUs-Signature");
            return Outcome.FORBIDDEN;
        }
        JsonObject delivery;
        try {
            JsonElement parsed = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                return Outcome.MALFORMED;
            }
            delivery = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            return Outcome.MALFORMED;
        }
        ProviderCallback core = callback;
        if (core == null) {
            return Outcome.UNAVAILABLE;
        }
        try {
            return dispatch(core, delivery);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The core failed to take a TextUs webhook call; TextUs may retry it", e);
            return Outcome.FAILED;
        }
    }

    private Outcome dispatch(ProviderCallback core, JsonObject delivery) {
        String action = Optional.ofNullable(TextusJson.string(delivery, "action")).orElse("");
        JsonObject conversation = TextusJson.object(delivery, "conversation");
        String deliveryId = TextusJson.string(delivery, "id");
        if (deliveryId != null && remembered("delivery:" + deliveryId)) {
            return Outcome.DUPLICATE;
        }
        Outcome outcome = switch (action) {
            case "message.received" -> received(core, delivery, conversation);
            case "message.delivered", "message.failed", "message.unknown" -> status(core, delivery, conversation);
            case "contact.opted_out", "contact.opted_in" -> consent(core, action, delivery, conversation);
            default -> Outcome.IGNORED;
        };
        if (deliveryId != null && outcome != Outcome.MALFORMED && outcome != Outcome.UNAVAILABLE) {
            remember("delivery:" + deliveryId, DeliveryStatus.RECEIVED);
        }
        return outcome;
    }

    private static JsonObject message(JsonObject delivery, JsonObject conversation) {
        JsonObject m = TextusJson.object(delivery, "message");
        return m != null ? m : TextusJson.object(conversation, "message");
    }

    private Outcome received(ProviderCallback core, JsonObject delivery, JsonObject conversation) {
        JsonObject m = message(delivery, conversation);
        if (m == null) {
            return Outcome.MALFORMED;
        }
        String number = accountNumber;
        if (number == null) {
            return Outcome.UNAVAILABLE; // not known until a credential was used; TextUs retries, polling reads it
        }
        Instant at = TextusJson.instant(m, "latestEventAt")
                .or(() -> TextusJson.instant(delivery, "timestamp")).orElseGet(Instant::now);
        Optional<InboundText> text = TextusMessages.inbound(m, TextusJson.string(conversation, "phoneNumber"),
                number, at);
        if (text.isEmpty()) {
            return Outcome.IGNORED;
        }
        if (!isNew(text.get().providerMessageId(), DeliveryStatus.RECEIVED)) {
            return Outcome.DUPLICATE;
        }
        core.received(TextusProvider.KEY, text.get());
        remember(text.get().providerMessageId(), DeliveryStatus.RECEIVED);
        return Outcome.ACCEPTED;
    }

    private Outcome status(ProviderCallback core, JsonObject delivery, JsonObject conversation) {
        JsonObject m = message(delivery, conversation);
        if (m == null) {
            return Outcome.MALFORMED;
        }
        Instant at = TextusJson.instant(m, "latestEventAt")
                .or(() -> TextusJson.instant(delivery, "timestamp")).orElseGet(Instant::now);
        Optional<StatusUpdate> update = TextusMessages.statusUpdate(m, at);
        if (update.isEmpty() || update.get().status() == DeliveryStatus.QUEUED) {
            return Outcome.IGNORED;
        }
        if (!isNew(update.get().providerMessageId(), update.get().status())) {
            return Outcome.DUPLICATE; // the same news again, or older news than what was handed over
        }
        core.statusChanged(TextusProvider.KEY, update.get());
        remember(update.get().providerMessageId(), update.get().status());
        return Outcome.ACCEPTED;
    }

    private Outcome consent(ProviderCallback core, String action, JsonObject delivery, JsonObject conversation) {
        String number = Optional.ofNullable(TextusJson.string(TextusJson.object(delivery, "contact"), "phoneNumber"))
                .orElse(TextusJson.string(conversation, "phoneNumber"));
        if (number == null) {
            return Outcome.MALFORMED;
        }
        if ("contact.opted_out".equals(action)) {
            core.optedOut(TextusProvider.KEY, number, accountNumber, action);
        } else {
            core.optedIn(TextusProvider.KEY, number, accountNumber, action);
        }
        return Outcome.ACCEPTED;
    }

    private boolean remembered(String key) {
        synchronized (handed) {
            return handed.containsKey(key);
        }
    }

    private boolean isNew(String messageId, DeliveryStatus status) {
        synchronized (handed) {
            DeliveryStatus previous = handed.get(messageId);
            return previous == null || previous.canMoveTo(status);
        }
    }

    private void remember(String messageId, DeliveryStatus status) {
        synchronized (handed) {
            DeliveryStatus previous = handed.get(messageId);
            if (previous == null || previous.canMoveTo(status)) {
                handed.put(messageId, status);
            }
        }
    }
}
