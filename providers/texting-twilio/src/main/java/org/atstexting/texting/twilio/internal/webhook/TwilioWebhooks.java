package org.atstexting.texting.twilio.internal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.StatusUpdate;
import org.atstexting.texting.twilio.internal.KnownAccounts;
import org.atstexting.texting.twilio.internal.TwilioErrors;
import org.atstexting.texting.twilio.internal.TwilioStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import com.google.gson.JsonParseException;

/**
 * Takes Twilio's webhook calls: verifies each ({@link TwilioSignature}, with the Auth Token
 * of the account named by {@code AccountSid}), hands what it says to the core's
 * {@link ProviderCallback} (store first), then answers 200 with empty TwiML.
 * <ul>
 * <li>not POST: 405; over 64 KiB: 413; unreadable: 400; webhooks off (provider disabled, no
 * callback base URL): 503;</li>
 * <li>no signature or a wrong one: 403, nothing changes; an account this node has not seen
 * since it started: 503 (it cannot be verified; polling reads the news);</li>
 * <li>the core's callback away: 503; the core failing: 500 (Twilio probably does not retry
 * either, polling is the safety net).</li>
 * </ul>
 * <b>Replays.</b> Twilio's signature has no time in it, so a signed call can be sent again.
 * The rule: a call only ever moves a message forward. An inbound text is keyed on its
 * {@code MessageSid} (the core stores it once), a status on ({@code MessageSid}, the status's
 * rank), which only goes up ({@link ReplayGuard}); so a replayed or duplicated call is
 * answered 200 and ignored. The one call that could undo something, an opt-in or opt-out
 * ({@code OptOutType}), is applied only for a {@code MessageSid} new to this node and only
 * when Twilio's own record of that message (fetched with the account's credentials) is an
 * inbound text from that number created less than {@link #OPT_CHANGE_WINDOW} ago: a replay
 * after a restart, once the window has passed, changes nothing.
 */
@Component(service = TwilioWebhooks.class)
public final class TwilioWebhooks {

    private static final Logger LOG = Logger.getLogger(TwilioWebhooks.class.getName());
    static final Duration OPT_CHANGE_WINDOW = Duration.ofHours(1);
    public static final String PROVIDER = "twilio";

    /** Looks up when Twilio created an inbound message from {@code from}, for the opt-change rule. */
    public interface InboundAges {
        Optional<Instant> created(String accountSid, String to, String from, String messageSid);
    }

    /** What a configured provider lends the webhooks; {@code null} while webhooks are off. */
    public record Settings(String callbackBaseUrl, KnownAccounts accounts, InboundAges ages) {
    }

    private final ReplayGuard guard = new ReplayGuard();
    private final Clock clock;
    private volatile Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ProviderCallback callback;

    public TwilioWebhooks() {
        this(Clock.systemUTC());
    }

    TwilioWebhooks(Clock clock) {
        this.clock = clock;
    }

    /** Webhooks are taken with these settings; {@code null}: answered 503. */
    public void accept(Settings settingsOrNull) {
        this.settings = settingsOrNull;
    }

    /** For tests and for running outside OSGi. */
    public void setCallback(ProviderCallback callback) {
        this.callback = callback;
    }

    public WebhookAnswer handle(WebhookCall call) {
        if (!"POST".equals(call.method())) {
            return WebhookAnswer.refused(405, "only POST");
        }
        if (call.body() == null) {
            return WebhookAnswer.refused(413, "too large");
        }
        Settings current = settings;
        if (current == null) {
            return WebhookAnswer.refused(503, "webhooks off");
        }
        if (call.signature() == null || call.signature().isEmpty()) {
            LOG.warning(() -> "Refused an unsigned call to " + call.endpoint().path);
            return WebhookAnswer.refused(403, "forbidden");
        }
        SortedMap<String, List<String>> params;
        try {
            params = call.params();
        } catch (IllegalArgumentException | JsonParseException | IllegalStateException e) {
            return WebhookAnswer.refused(400, "malformed");
        }
        String accountSid = first(params, "AccountSid");
        List<String> tokens = current.accounts().tokens(accountSid);
        if (tokens.isEmpty()) {
            LOG.warning(() -> "A Twilio call to " + call.endpoint().path + " names account " + LogSafe.of(accountSid)
                    + ", which this node has not used since it started: it cannot be verified; polling reads it");
            return WebhookAnswer.refused(503, "account not known here");
        }
        String url = current.callbackBaseUrl() + call.endpoint().path
                + (call.rawQuery() == null ? "" : "?" + call.rawQuery());
        boolean valid = false;
        for (String token : tokens) {
            valid |= call.json() ? TwilioSignature.validJson(token, url, call.body(), call.signature())
                    : TwilioSignature.validForm(token, url, params, call.signature());
        }
        if (!valid) {
            // neither the signature nor the token is logged
            LOG.warning(() -> "Refused a Twilio call to " + call.endpoint().path + " for account "
                    + LogSafe.of(accountSid) + ": its X-Twilio-Signature does not match " + url);
            return WebhookAnswer.refused(403, "forbidden");
        }
        return call.endpoint() == WebhookCall.Endpoint.INBOUND ? inbound(params, current, accountSid)
                : status(params, call.queryParam("o"));
    }

    private WebhookAnswer status(SortedMap<String, List<String>> params, String ours) {
        String sid = first(params, "MessageSid");
        String word = first(params, "MessageStatus");
        int rank = TwilioStatus.rank(word);
        DeliveryStatus status = TwilioStatus.of(word);
        if (sid == null || rank < 0 || status == DeliveryStatus.QUEUED) {
            return WebhookAnswer.taken(); // the first status came with the create answer; an unknown word moves nothing
        }
        if (!guard.isNew(sid, rank)) {
            return WebhookAnswer.taken();
        }
        StatusUpdate update;
        if (status == DeliveryStatus.FAILED) {
            DeliveryFailure failure = TwilioErrors.failure(TwilioErrors.code(first(params, "ErrorCode")),
                    first(params, "ErrorMessage"), false);
            update = new StatusUpdate(sid, status, failure.describe(), clock.instant(), failure);
        } else {
            update = new StatusUpdate(sid, status, null, clock.instant());
        }
        ProviderCallback target = callback;
        if (target == null) {
            return WebhookAnswer.refused(503, "core away");
        }
        try {
            target.statusChanged(PROVIDER, update);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The core could not take Twilio's status " + LogSafe.of(word) + " of " + LogSafe.of(sid)
                    + " (callback o=" + LogSafe.of(ours) + ")", e);
            return WebhookAnswer.refused(500, "failed");
        }
        guard.handed(sid, rank);
        return WebhookAnswer.taken();
    }

    private WebhookAnswer inbound(SortedMap<String, List<String>> params, Settings current, String accountSid) {
        String sid = first(params, "MessageSid");
        String from = first(params, "From");
        String to = first(params, "To");
        if (sid == null || from == null || to == null || !from.matches("\\+[1-9]\\d{1,14}")) {
            return WebhookAnswer.taken(); // not a text from a phone (another channel): nothing for us
        }
        if (!guard.isNew(sid, ReplayGuard.RECEIVED)) {
            return WebhookAnswer.taken();
        }
        ProviderCallback target = callback;
        if (target == null) {
            return WebhookAnswer.refused(503, "core away");
        }
        InboundText text = new InboundText(sid, from, to, Optional.ofNullable(first(params, "Body")).orElse(""),
                clock.instant(), org.atstexting.texting.twilio.internal.TwilioMedia.of(name -> first(params, name)));
        try {
            target.received(PROVIDER, text);
            optChange(target, first(params, "OptOutType"), current, accountSid, sid, from, to);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The core could not take Twilio message " + LogSafe.of(sid), e);
            return WebhookAnswer.refused(500, "failed");
        }
        guard.handed(sid, ReplayGuard.RECEIVED);
        return WebhookAnswer.taken();
    }

    /** Twilio's Advanced Opt-Out says the sender opted out (STOP) or back in (START); HELP changes nothing. */
    private void optChange(ProviderCallback target, String type, Settings current, String accountSid, String sid,
            String from, String to) {
        if (type == null || !(type.equalsIgnoreCase("STOP") || type.equalsIgnoreCase("START"))) {
            return;
        }
        Optional<Instant> created = current.ages().created(accountSid, to, from, sid);
        if (created.isEmpty() || created.get().isBefore(clock.instant().minus(OPT_CHANGE_WINDOW))) {
            LOG.warning(() -> "Twilio OptOutType=" + LogSafe.of(type) + " of message " + LogSafe.of(sid)
                    + " was not applied: Twilio has no such recent inbound text from " + LogSafe.of(from)
                    + " (a replayed call, or the look-up failed)");
            return;
        }
        String cause = "Twilio OptOutType=" + type.toUpperCase(java.util.Locale.ROOT) + " (" + sid + ")";
        if (type.equalsIgnoreCase("STOP")) {
            target.optedOut(PROVIDER, from, to, cause);
        } else {
            target.optedIn(PROVIDER, from, to, cause);
        }
    }

    private static String first(SortedMap<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
