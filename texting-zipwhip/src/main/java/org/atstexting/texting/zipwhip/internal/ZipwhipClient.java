package org.atstexting.texting.zipwhip.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialCheck.Outcome;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentText;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/** Zipwhip's methods for one configuration: send, test a login, read new inbound texts and statuses. */
final class ZipwhipClient implements Closeable {

    private static final Logger LOG = Logger.getLogger(ZipwhipClient.class.getName());

    /**
     * Zipwhip's body limit is not documented (zipwhip-api.md): we assume the SMS
     * concatenation practice of 1600 characters (Unicode code points, as the sandbox counts).
     */
    static final int MAX_BODY = 1600;
    /** The webhook servlet's path under the public callback base URL. */
    static final String WEBHOOK_PATH = "/zipwhip/webhook";
    /** Events the webhook is installed for: replies, and delivery progress of sent texts. */
    static final List<String> WEBHOOK_EVENTS = List.of("receive", "progress");
    /** How far before a send attempt a message found by the look-up may be dated (clock skew, whole seconds). */
    static final Duration LOOKUP_SKEW = Duration.ofSeconds(5);

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final int CLAIMED = 10_000;

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;
    private final ZipwhipMessages messages;
    private final ZipwhipInbound inbound;
    private final int pageSize;
    private final int maxPages;
    private final int maxAttempts;
    private final String webhookUrl;
    private final RateLimiter rateLimiter;
    private final int ratePerSecond;
    /** Message ids already returned as receipts, so a look-up never answers two sends with one message. */
    private final Set<Long> claimed = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > CLAIMED;
        }
    });

    ZipwhipClient(ZipwhipConfiguration config, ZipwhipInbound inbound) {
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.api = new ZipwhipApi(URI.create(withSlash(config.apiBaseUrl().trim())), config.connectTimeoutSeconds(),
                config.responseTimeoutSeconds(), maxAttempts, config.backoffMillis());
        this.sessions = new ZipwhipSessions(api, this::installWebhook);
        this.messages = new ZipwhipMessages(new ZipwhipAddresses(config.defaultRegion()));
        this.inbound = inbound;
        // Zipwhip's page limit is not documented; the sandbox takes 1..100
        this.pageSize = Math.min(100, Math.max(1, config.pageSize()));
        this.maxPages = Math.max(1, config.maxPagesPerPoll());
        String base = config.callbackBaseUrl() == null ? "" : config.callbackBaseUrl().trim();
        this.webhookUrl = base.isEmpty() ? null : withoutSlash(base) + WEBHOOK_PATH;
        this.ratePerSecond = Math.max(0, config.sendRatePerSecond());
        this.rateLimiter = ratePerSecond == 0 ? null : RateLimiter.of("zipwhip-send", RateLimiterConfig.custom()
                .limitForPeriod(ratePerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMillis(Math.max(0, config.sendRateWaitMillis())))
                .build());
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    ZipwhipMessages messages() {
        return messages;
    }

    // ------------------------------------------------------------------ send

    /**
     * Sends one text. Never sends it twice: when the outcome of {@code message/send} is
     * unknown (the connection broke after the request was written, Zipwhip answered 5xx or
     * something unreadable), the account's {@code message/list} is searched for a message to
     * that number with that body dated from the attempt on; if there is one, it is the
     * receipt. If there is none and Zipwhip had answered (5xx, unreadable answer: it is done
     * with the request), the text was not taken, and it is sent once more (a second unknown
     * outcome is looked up again and then given up). If there is none after a time-out or a
     * broken connection, Zipwhip may still be storing it: it is not sent again and the error
     * says its fate is unknown. If the look-up itself fails,
     * the text is not sent again and the error says its fate is unknown. A 429 (nothing was
     * taken) is retried after Retry-After within the configured attempts.
     */
    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        check(text);
        if (rateLimiter != null && !rateLimiter.acquirePermission()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's send rate limit of " + ratePerSecond
                    + " texts per second is reached; the text to " + text.to() + " was not sent, try again shortly");
        }
        boolean resent = false;
        int rateLimitedAttempts = 0;
        while (true) {
            Instant started = Instant.now();
            try {
                ZipwhipReply reply = sessions.withSession(credentials, session -> {
                    try {
                        return api.call(ZipwhipApi.SEND,
                                // Zipwhip's clients sent +1..., 10-digit and ptn:/ forms; E.164 is unambiguous
                                Map.of("session", session, "contacts", text.to(), "body", text.body()));
                    } catch (ZipwhipCallException e) {
                        throw new SendAttemptFailed(e);
                    }
                });
                if (reply.sessionInvalid()) {
                    throw new ProviderException(Kind.ERROR, "Zipwhip refused a fresh session for the text to "
                            + text.to() + " (" + reply.errorText() + "); the text was not sent");
                }
                if (!reply.success()) {
                    throw new ProviderException(Kind.REJECTED, "Zipwhip refused the text to " + text.to() + ": "
                            + reply.errorText());
                }
                Optional<ProviderReceipt> receipt = receipt(reply.response());
                if (receipt.isPresent()) {
                    return receipt.get();
                }
                // success, but no message id: it went out; find it rather than send it again
                return lookUp(credentials, text, started, "its answer carried no message id")
                        .orElseThrow(() -> new ProviderException(Kind.ERROR, "Zipwhip accepted the text to "
                                + text.to() + " but named no message id, and it is not in the message list yet; "
                                + "it was not sent again"));
            } catch (ZipwhipCallException loginFailed) {
                // the login before the send failed: nothing was sent
                throw new ProviderException(loginFailed.kind(), loginFailed.getMessage() + "; the text to " + text.to()
                        + " was not sent");
            } catch (SendAttemptFailed failed) {
                ZipwhipCallException e = failed.failure;
                if (e.rateLimited() && ++rateLimitedAttempts < maxAttempts
                        && e.retryAfterMillis() <= ZipwhipRetryStrategy.MAX_WAIT_MILLIS) {
                    pause(Math.max(e.retryAfterMillis(), 100));
                    continue;
                }
                if (!e.mayHaveArrived()) {
                    throw new ProviderException(e.kind(), e.getMessage() + "; the text to " + text.to()
                            + " was not sent");
                }
                Optional<ProviderReceipt> found = lookUp(credentials, text, started, e.getMessage());
                if (found.isPresent()) {
                    LOG.info(() -> "The answer to a Zipwhip send was lost (" + e.getMessage() + "); the text is "
                            + "message " + found.get().providerMessageId() + ", not sent again");
                    return found.get();
                }
                if (!e.answered()) {
                    // a time-out or broken connection: Zipwhip may still be storing it; sending again could
                    // make two, so the text is left as it is
                    throw new ProviderException(Kind.UNREACHABLE, "Zipwhip did not confirm the text to " + text.to()
                            + " (" + e.getMessage() + ") and it is not in the message list yet; it was NOT sent "
                            + "again, so it cannot arrive twice. Check the conversation before sending it again.");
                }
                if (resent) {
                    throw new ProviderException(Kind.ERROR, "Zipwhip failed twice to take the text to " + text.to()
                            + " (" + e.getMessage() + "); it is not in the message list, so it was not sent");
                }
                LOG.info(() -> "A Zipwhip send failed (" + e.getMessage() + ") and the text is not in the message "
                        + "list; sending it once more");
                resent = true;
            }
        }
    }

    /** A failed {@code message/send} itself (not the login before it). */
    private static final class SendAttemptFailed extends ProviderException {
        private static final long serialVersionUID = 1L;
        final transient ZipwhipCallException failure;

        SendAttemptFailed(ZipwhipCallException failure) {
            super(failure.kind(), failure.getMessage());
            this.failure = failure;
        }
    }

    private static void check(OutboundText text) throws ProviderException {
        if (!E164.matcher(text.to()).matches()) {
            throw new ProviderException(Kind.REJECTED, "Zipwhip needs the recipient in E.164 (+ and up to 15 "
                    + "digits), not '" + text.to() + "'");
        }
        if (text.body().isBlank()) {
            throw new ProviderException(Kind.REJECTED, "The text is empty; Zipwhip sends no empty texts");
        }
        int length = text.body().codePointCount(0, text.body().length());
        if (length > MAX_BODY) {
            throw new ProviderException(Kind.REJECTED, "The text has " + length + " characters; Zipwhip takes at most "
                    + MAX_BODY);
        }
    }

    private static void pause(long millis) throws ProviderException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.ERROR, "Interrupted while waiting for Zipwhip's rate limit; "
                    + "the text was not sent");
        }
    }

    /**
     * The receipt from {@code message/send}'s answer: {@code tokens[0].message} is the new
     * message's id, {@code tokens[0].fingerprint} (else the top-level {@code fingerprint}) its
     * conversation fingerprint. Empty if the answer names no id.
     */
    private Optional<ProviderReceipt> receipt(JsonElement response) {
        if (response == null || !response.isJsonObject()) {
            return Optional.empty();
        }
        JsonObject o = response.getAsJsonObject();
        JsonElement tokens = o.get("tokens");
        if (tokens == null || !tokens.isJsonArray() || tokens.getAsJsonArray().isEmpty()
                || !tokens.getAsJsonArray().get(0).isJsonObject()) {
            return Optional.empty();
        }
        JsonObject token = tokens.getAsJsonArray().get(0).getAsJsonObject();
        long id = ZipwhipMessages.id(renamed(token, "message"));
        if (id < 0) {
            return Optional.empty();
        }
        String fingerprint = Optional.ofNullable(ZipwhipMessages.text(token, "fingerprint"))
                .orElse(ZipwhipMessages.text(o, "fingerprint"));
        claim(id);
        return Optional.of(new ProviderReceipt(Long.toString(id), DeliveryStatus.QUEUED, Instant.now(), fingerprint));
    }

    private static JsonObject renamed(JsonObject token, String idField) {
        JsonObject o = new JsonObject();
        o.add("id", token.get(idField));
        return o;
    }

    private boolean claim(long id) {
        synchronized (claimed) {
            return claimed.add(id);
        }
    }

    /**
     * Searches the account's recent messages (newest first) for this text, sent from the
     * attempt on, and not already the receipt of another send.
     */
    private Optional<ProviderReceipt> lookUp(ProviderCredentials credentials, OutboundText text, Instant started,
            String why) throws ProviderException {
        Instant since = started.truncatedTo(ChronoUnit.SECONDS).minus(LOOKUP_SKEW);
        try {
            List<JsonObject> matches = new ArrayList<>();
            boolean older = false;
            for (int page = 0; page < maxPages && !older; page++) {
                JsonArray list = list(credentials, page * pageSize);
                for (JsonElement e : list) {
                    JsonObject m = e.getAsJsonObject();
                    if (ZipwhipMessages.created(m).isBefore(since)) {
                        older = true;
                        continue;
                    }
                    if (messages.outbound(m, credentials.phoneNumber())
                            && messages.counterpart(m).map(text.to()::equals).orElse(false)
                            && text.body().equals(ZipwhipMessages.text(m, "body"))) {
                        matches.add(m);
                    }
                }
                if (list.size() < pageSize) {
                    break;
                }
            }
            matches.sort(Comparator.comparingLong(ZipwhipMessages::id));
            for (JsonObject m : matches) {
                long id = ZipwhipMessages.id(m);
                if (claim(id)) {
                    return Optional.of(new ProviderReceipt(Long.toString(id), DeliveryStatus.QUEUED,
                            ZipwhipMessages.created(m), ZipwhipMessages.text(m, "fingerprint")));
                }
            }
            return Optional.empty();
        } catch (ProviderException e) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's answer to the text to " + text.to() + " was lost ("
                    + why + ") and looking it up failed (" + e.getMessage() + "); it was NOT sent again, so it "
                    + "cannot arrive twice. Check the conversation before sending it again.");
        }
    }

    private JsonArray list(ProviderCredentials credentials, int start) throws ProviderException {
        ZipwhipReply reply = sessions.withSession(credentials, session -> api.call("message/list", Map.of(
                "session", session, "start", Integer.toString(start), "limit", Integer.toString(pageSize))));
        if (!reply.success()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip refused message/list: " + reply.errorText());
        }
        if (reply.response() == null || !reply.response().isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "Zipwhip's message/list answer was not a list of messages");
        }
        for (JsonElement element : reply.response().getAsJsonArray()) {
            if (!element.isJsonObject() || ZipwhipMessages.id(element.getAsJsonObject()) < 0) {
                throw new ProviderException(Kind.ERROR, "Zipwhip's message/list held a message without an id");
            }
        }
        return reply.response().getAsJsonArray();
    }

    // ------------------------------------------------------------------ test

    CredentialCheck test(ProviderCredentials credentials) {
        try {
            sessions.login(credentials);
            return new CredentialCheck(Outcome.OK, "Zipwhip accepted the credentials of " + credentials.username()
                    + ".");
        } catch (ProviderException e) {
            return switch (e.kind()) {
                case BAD_CREDENTIALS -> new CredentialCheck(Outcome.BAD_CREDENTIALS, e.getMessage() + ".");
                case UNREACHABLE -> new CredentialCheck(Outcome.UNREACHABLE, "Zipwhip could not be reached: "
                        + e.getMessage() + ".");
                case DISABLED, NOT_CONFIGURED -> new CredentialCheck(Outcome.PROVIDER_UNAVAILABLE, e.getMessage());
                case REJECTED, ERROR -> new CredentialCheck(Outcome.PROVIDER_ERROR, "Zipwhip answered with an error, "
                        + "so the credentials could not be checked: " + e.getMessage() + ".");
            };
        }
    }

    // ------------------------------------------------------------------ inbound

    /**
     * Reads {@code message/list} pages (newest first) until it reaches the cursor's highest
     * id and its oldest pending sent message. New inbound texts become the batch's texts
     * (except those the webhook already handed to the core); sent messages whose
     * {@code transmissionState} moved on become status updates, each reported once. The
     * first read of an account, or a gap wider than the page budget, imports only the
     * newest pages; older texts are then left out, and logged.
     */
    InboundBatch fetchInbound(ProviderCredentials credentials, String cursorText) throws ProviderException {
        PollCursor cursor = PollCursor.parse(cursorText);
        long lowestNeeded = cursor.lowestNeeded();
        String account = credentials.phoneNumber();
        List<JsonObject> fresh = new ArrayList<>();
        Map<Long, JsonObject> pendingSeen = new LinkedHashMap<>();
        boolean reachedNeeded = false;
        boolean reachedEnd = false;
        for (int page = 0; page < maxPages && !reachedNeeded && !reachedEnd; page++) {
            JsonArray list = list(credentials, page * pageSize);
            for (JsonElement element : list) {
                JsonObject message = element.getAsJsonObject();
                long id = ZipwhipMessages.id(message);
                if (id > cursor.highest) {
                    fresh.add(message);
                }
                if (cursor.pending.containsKey(id)) {
                    pendingSeen.put(id, message);
                }
                if (id <= lowestNeeded) {
                    reachedNeeded = true;
                }
            }
            reachedEnd = list.size() < pageSize;
        }
        if (!reachedNeeded && !reachedEnd && cursor.highest > 0) {
            LOG.warning(() -> "More than " + maxPages * pageSize + " new Zipwhip messages for "
                    + credentials.username() + " since the last poll; older ones were not read. Raise 'Inbound pages "
                    + "per poll'.");
        }
        fresh.sort(Comparator.comparingLong(ZipwhipMessages::id));
        List<InboundText> texts = new ArrayList<>();
        List<StatusUpdate> statuses = new ArrayList<>();
        List<SentText> sent = new ArrayList<>();
        long highest = cursor.highest;
        for (JsonObject message : fresh) {
            long id = ZipwhipMessages.id(message);
            highest = Math.max(highest, id);
            if (messages.outbound(message, account)) {
                messages.sent(message, account).ifPresent(sent::add);
                follow(cursor, id, DeliveryStatus.QUEUED, message, statuses);
            } else {
                messages.inbound(message, account)
                        .filter(t -> inbound.delivered(t.providerMessageId()).isEmpty())
                        .ifPresent(texts::add);
            }
        }
        for (Map.Entry<Long, JsonObject> seen : pendingSeen.entrySet()) {
            follow(cursor, seen.getKey(), cursor.pending.get(seen.getKey()), seen.getValue(), statuses);
        }
        if (reachedNeeded || reachedEnd) {
            // pending messages the scan went past without seeing are gone (deleted): stop following them
            cursor.pending.keySet().removeIf(id -> id <= cursor.highest && !pendingSeen.containsKey(id));
        }
        cursor.highest = highest;
        statuses.sort(Comparator.comparing(StatusUpdate::at));
        return new InboundBatch(texts, statuses, sent, cursor.toString());
    }

    /** Reports a sent message's status if it moved on from {@code known}, and follows it while it is not final. */
    private void follow(PollCursor cursor, long id, DeliveryStatus known, JsonObject message,
            List<StatusUpdate> statuses) {
        Optional<StatusUpdate> update = ZipwhipMessages.statusUpdate(message);
        DeliveryStatus now = update.map(StatusUpdate::status).orElse(known); // an unknown state changes nothing
        if (update.isPresent() && known.canMoveTo(now)) {
            Optional<DeliveryStatus> pushed = inbound.delivered(Long.toString(id));
            if (pushed.isEmpty() || pushed.get().canMoveTo(now)) {
                statuses.add(update.get());
            }
        }
        if (now == DeliveryStatus.DELIVERED || now == DeliveryStatus.FAILED) {
            cursor.pending.remove(id);
        } else {
            cursor.pending.put(id, now);
        }
    }

    // ------------------------------------------------------------------ webhook

    /**
     * Installs the account's webhook once a session exists, unless it is installed for
     * the current callback URL already. Webhooks are kept per account (Zipwhip's guide says
     * "installed per session"; whether they outlive the session is not confirmed): a new
     * secret is made when the callback URL changes or nothing is stored. Failing to install
     * is logged, not thrown: polling still reads everything.
     */
    private void installWebhook(ProviderCredentials credentials, String session) {
        if (webhookUrl == null) {
            return;
        }
        String username = credentials.username();
        WebhookSecrets secrets = inbound.secrets();
        Optional<WebhookSecrets.Entry> installed = secrets.entry(username);
        if (installed.isPresent() && installed.get().callbackUrl().equals(webhookUrl)
                && installed.get().accountNumber().equals(credentials.phoneNumber())) {
            return;
        }
        String secret = WebhookSecrets.newSecret();
        String url = webhookUrl + "?account=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&secret="
                + secret;
        secrets.put(username, credentials.phoneNumber(), webhookUrl, secret);
        try {
            for (String event : WEBHOOK_EVENTS) {
                ZipwhipReply reply = api.call("webhook/add", Map.of("session", session, "type", "message",
                        "event", event, "url", url, "method", "POST"));
                if (!reply.success()) {
                    throw new ProviderException(Kind.ERROR, "Zipwhip refused webhook/add for '" + event + "': "
                            + reply.errorText());
                }
            }
            LOG.info(() -> "Installed the Zipwhip webhook of " + username + " at " + webhookUrl);
        } catch (ProviderException | RuntimeException e) {
            secrets.remove(username);
            LOG.warning(() -> "Could not install the Zipwhip webhook of " + username + " (" + e.getMessage()
                    + "); its replies and statuses are read by polling");
        }
    }

    @Override
    public void close() throws IOException {
        api.close();
    }
}
