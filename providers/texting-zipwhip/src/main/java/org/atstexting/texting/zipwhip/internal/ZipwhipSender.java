package org.atstexting.texting.zipwhip.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.ProviderReceipt;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Zipwhip's {@code message/send} for one configuration, with the look-up that keeps a lost
 * answer from becoming a second text, and the send rate limit.
 */
final class ZipwhipSender {

    private static final Logger LOG = Logger.getLogger(ZipwhipSender.class.getName());

    /**
     * Zipwhip's body limit is not documented (zipwhip-api.md): we assume the SMS
     * concatenation practice of 1600 characters (Unicode code points, as the sandbox counts).
     */
    static final int MAX_BODY = 1600;

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final ZipwhipApi api;
    private final ZipwhipSessions sessions;
    private final ZipwhipMessages messages;
    private final ZipwhipSendLookUp lookUp;
    private final int maxAttempts;
    private final RateLimiter rateLimiter;
    private final int ratePerSecond;

    ZipwhipSender(ZipwhipConfiguration config, ZipwhipApi api, ZipwhipSessions sessions, ZipwhipMessages messages,
            ZipwhipMessageList list) {
        this.api = api;
        this.sessions = sessions;
        this.messages = messages;
        this.lookUp = new ZipwhipSendLookUp(config, messages, list);
        this.maxAttempts = Math.max(1, config.maxAttempts());
        this.ratePerSecond = Math.max(0, config.sendRatePerSecond());
        this.rateLimiter = ratePerSecond == 0 ? null : RateLimiter.of("zipwhip-send", RateLimiterConfig.custom()
                .limitForPeriod(ratePerSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofMillis(Math.max(0, config.sendRateWaitMillis())))
                .build());
    }

    /** The look-up of a sent text, for the look-up after a crash as well. */
    ZipwhipSendLookUp lookUp() {
        return lookUp;
    }

    /**
     * Sends one text. Never sends it twice: when the outcome of {@code message/send} is
     * unknown (the connection broke after the request was written, Zipwhip answered 5xx or
     * something unreadable), the account's {@code message/list} is searched for a message to
     * that number with that body dated from the attempt on; if there is one, it is the
     * receipt. If there is none and Zipwhip had answered (5xx, unreadable answer: it is done
     * with the request), the text was not taken, and it is sent once more (a second unknown
     * outcome is looked up again and then given up). If there is none after a time-out or a
     * broken connection, Zipwhip may still be storing it: it is not sent again and the error
     * is {@link Kind#OUTCOME_UNKNOWN}, as it is when the look-up itself fails. A 429 (nothing
     * was taken) is retried after Retry-After within the configured attempts, and otherwise is
     * {@link Kind#THROTTLED} with Zipwhip's Retry-After, like a refusal of our own rate limit.
     */
    ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
        check(text);
        if (rateLimiter != null && !rateLimiter.acquirePermission()) {
            throw ProviderException.throttled("Zipwhip's send rate limit of " + ratePerSecond + " texts per second "
                    + "is reached; the text to " + text.to() + " was not sent, try again shortly",
                    Instant.now().plusSeconds(1));
        }
        boolean resent = false;
        int rateLimitedAttempts = 0;
        while (true) {
            Instant started = Instant.now();
            try {
                return attempt(credentials, text, started);
            } catch (ZipwhipCallException loginFailed) {
                // the login before the send failed: nothing was sent
                throw notSent(loginFailed, text);
            } catch (SendAttemptFailed failed) {
                ZipwhipCallException e = failed.failure;
                if (e.rateLimited() && ++rateLimitedAttempts < maxAttempts
                        && e.retryAfterMillis() <= ZipwhipRetryStrategy.MAX_WAIT_MILLIS) {
                    pause(Math.max(e.retryAfterMillis(), 100));
                    continue;
                }
                if (!e.mayHaveArrived()) {
                    throw notSent(e, text);
                }
                Optional<ProviderReceipt> found = afterLostAnswer(credentials, text, started, e);
                if (found.isPresent()) {
                    return found.get();
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

    /** One {@code message/send} on a session: the receipt, or the look-up when the answer named no id. */
    private ProviderReceipt attempt(ProviderCredentials credentials, OutboundText text, Instant started)
            throws ProviderException {
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
        return lookUp.lookUp(credentials, text, started, "its answer carried no message id")
                .orElseThrow(() -> new ProviderException(Kind.OUTCOME_UNKNOWN, "Zipwhip accepted the text to "
                        + text.to() + " but named no message id, and it is not in the message list yet; "
                        + "it was not sent again"));
    }

    /**
     * The answer was lost: the stored text if the look-up finds it; empty if Zipwhip had answered
     * (it is done with the request, so the text was not taken); {@link Kind#OUTCOME_UNKNOWN} after
     * a time-out or broken connection that the late look-ups do not resolve either.
     */
    private Optional<ProviderReceipt> afterLostAnswer(ProviderCredentials credentials, OutboundText text,
            Instant started, ZipwhipCallException e) throws ProviderException {
        Optional<ProviderReceipt> found = lookUp.lookUp(credentials, text, started, e.getMessage());
        if (found.isPresent()) {
            LOG.info(() -> "The answer to a Zipwhip send was lost (" + e.getMessage() + "); the text is "
                    + "message " + found.get().providerMessageId() + ", not sent again");
            return found;
        }
        if (e.answered()) {
            return Optional.empty();
        }
        // a time-out or broken connection: Zipwhip may still be storing it; sending again could
        // make two, so it is looked up a few times more, and then left as it is
        Optional<ProviderReceipt> late = lookUp.lookUpLate(credentials, text, started, e.getMessage());
        if (late.isPresent()) {
            return late;
        }
        throw new ProviderException(Kind.OUTCOME_UNKNOWN, "Zipwhip did not confirm the text to " + text.to()
                + " (" + e.getMessage() + ") and it is not in the message list after " + lookUp.lateSeconds()
                + " s more; it was NOT sent again, so it cannot arrive twice. If Zipwhip did send it, it comes to "
                + "the conversation with the next poll; check the conversation before sending it again.");
    }

    /** A failure before anything reached Zipwhip: the same kind (and retry time), saying the text was not sent. */
    private static ProviderException notSent(ZipwhipCallException e, OutboundText text) {
        return new ProviderException(e.kind(), e.getMessage() + "; the text to " + text.to() + " was not sent", null,
                e.retryAfter().orElse(null), null);
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

    static void pause(long millis) throws ProviderException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(Kind.ERROR, "Interrupted while waiting for Zipwhip; the text was not "
                    + "sent again");
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
        messages.claimSent(id);
        return Optional.of(new ProviderReceipt(Long.toString(id), DeliveryStatus.QUEUED, Instant.now(), fingerprint));
    }

    private static JsonObject renamed(JsonObject token, String idField) {
        JsonObject o = new JsonObject();
        o.add("id", token.get(idField));
        return o;
    }
}
