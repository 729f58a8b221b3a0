package org.atstexting.texting.kit;

import java.util.List;
import java.util.Map;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.TextingProvider;

/**
 * A provider wired to its own fake, as the kit needs it: the provider under test, credentials
 * the fake accepts, and the fake's side of every rule — what it stored, and a switch for each
 * fault. A provider's tests implement it (test scope) and return a fresh one per test from
 * {@link ProviderConformanceKit#newTarget}; {@link #close()} stops the provider and the fake.
 * <p>
 * Everything the kit asserts about the far side it reads here ({@link #sentBodies()}), never
 * from the provider: a provider that claims a text went out once must be contradicted by a fake
 * that stored it twice.
 */
public interface ConformanceTarget extends AutoCloseable {

    /** The provider's key, e.g. {@code zipwhip}; names the report. */
    String providerKey();

    /** The provider, enabled and pointed at the fake, with the kit's {@link ProviderCallback} for its pushes. */
    TextingProvider provider();

    /** Credentials of an account the fake knows. */
    ProviderCredentials credentials();

    /** The same account with a password (token) the fake refuses. */
    ProviderCredentials wrongPassword();

    /** A phone number (E.164) the kit texts and that texts the account. */
    String phone();

    /** Makes the provider's API unreachable (nothing answers at its address any more), e.g. by stopping the fake. */
    void makeUnreachable() throws Exception;

    /** The bodies of every text the fake stored as sent, across accounts, oldest first, exactly as stored. */
    List<String> sentBodies();

    /**
     * The phone texts the account, one text per body, in this order (each dated after the one
     * before), without any push: the kit reads them by polling.
     */
    void deliverInbound(List<String> bodies) throws Exception;

    /**
     * The most inbound texts one {@link TextingProvider#fetchInbound} call reads with the
     * configuration this target gave the provider; the backlog check delivers more than twice that.
     */
    int inboundPerPoll();

    /** The next send is stored at the fake (it goes out), and then its answer is lost (a 5xx, a broken connection). */
    void loseNextSendAnswer();

    /**
     * The next send is refused by the provider's rate limit (HTTP 429 with {@code Retry-After}, or
     * its own words for it) and nothing is stored.
     *
     * @param retryAfterSeconds how long the fake asks to wait; longer than any provider waits on its own
     */
    void throttleNextSend(int retryAfterSeconds);

    /**
     * Whether the fake's refusal in {@link #throttleNextSend} names when to retry (a
     * {@code Retry-After}); {@code true} by default. A provider whose service documents none
     * (Twilio's 429: Retry-After unconfirmed) says {@code false}, and the kit then only checks
     * that a retry time, if given, lies ahead.
     */
    default boolean throttleSaysWhen() {
        return true;
    }

    /**
     * The far side's news about a sent text: the fake moves it to {@code status} in its own words
     * (e.g. Zipwhip's {@code DELIVERED}, Twilio's {@code undelivered} with an error code). For
     * {@link DeliveryStatus#FAILED} it fails with the provider's code that {@link #failure()} describes.
     */
    void moveStatus(String providerMessageId, DeliveryStatus status) throws Exception;

    /** The failure a text moved to FAILED by {@link #moveStatus} must carry: the plain reason and the provider's code. */
    DeliveryFailure failure();

    /**
     * Delivers a push (webhook) about a new inbound text to the provider's endpoint, signed as the
     * provider signs it when {@code genuine}, and with a forged signature or secret otherwise.
     *
     * @return the HTTP status the provider's endpoint answered
     * @throws UnsupportedOperationException if the provider has no push endpoint
     */
    int push(String body, boolean genuine) throws Exception;

    /**
     * The checks this provider cannot honour yet, each with the reason (shown in the report and as
     * the skip message). Empty by default.
     */
    default Map<Check, String> notSupported() {
        return Map.of();
    }

    @Override
    void close() throws Exception;
}
