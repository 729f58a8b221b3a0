package org.atstexting.texting.core.internal.inbound;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.core.internal.credentials.StoredCredential;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.spi.InboundText;

/**
 * Sends the confirmations and help replies the recorder decided on, from one reply thread
 * (so a number's confirmations go out in the order its texts came in), never under the
 * recorder's monitor: a provider slow to take a reply (a rate limiter, a timeout) holds up no
 * webhook and no poll. A failed answer is logged; the opt-out it confirms is already recorded.
 */
final class KeywordReplies {

    private static final Logger LOG = Logger.getLogger(KeywordReplies.class.getName());

    /** Most confirmations and help replies waiting to be sent; beyond it they are dropped (and logged). */
    static final int MAX_WAITING_REPLIES = 1_000;

    /** A confirmation or help reply, decided under the recorder's monitor and sent after it is released. */
    record Reply(String provider, InboundText text, String ownerUserId, String body) {
    }

    private final SendGate sender;
    private final BiFunction<String, String, Optional<StoredCredential>> accounts;
    private final Executor replies;
    private final ExecutorService ownReplies;

    /**
     * @param accounts the account of a provider and number
     * @param replies  where replies are sent from; an {@link ExecutorService} is shut down by {@link #stop}
     */
    KeywordReplies(SendGate sender, BiFunction<String, String, Optional<StoredCredential>> accounts,
            Executor replies) {
        this.sender = sender;
        this.accounts = accounts;
        this.replies = replies;
        this.ownReplies = replies instanceof ExecutorService own ? own : null;
    }

    /** One thread, so a number's confirmations go out in the order its texts came in. */
    static ExecutorService replyThread() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(MAX_WAITING_REPLIES),
                r -> {
                    Thread t = new Thread(r, "ats-texting inbound replies");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Replies already decided still go out, for a while. */
    void stop() {
        if (ownReplies != null) {
            ownReplies.shutdown();
            try {
                if (!ownReplies.awaitTermination(5, TimeUnit.SECONDS)) {
                    ownReplies.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownReplies.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Hands the answers to the reply thread; a full queue drops one (logged) rather than hold anyone up. */
    void sendAll(List<Reply> answers) {
        for (Reply answer : answers) {
            try {
                replies.execute(() -> reply(answer));
            } catch (RejectedExecutionException e) {
                LOG.warning(() -> "Not answering " + answer.text().from() + ": " + MAX_WAITING_REPLIES
                        + " replies are already waiting for the provider, or the core is stopping");
            }
        }
    }

    /** Answers from the account the text came in to; never blocked by the number's opt-out. */
    private void reply(Reply answer) {
        InboundText text = answer.text();
        Optional<StoredCredential> account = accounts.apply(answer.provider(), text.to());
        if (account.isEmpty()) {
            LOG.warning(() -> "No credentials for " + answer.provider() + " account " + text.to()
                    + "; cannot answer " + text.from());
            return;
        }
        try {
            sender.clearReply(account.get(), answer.ownerUserId(), text.from(), answer.body()).send(null);
        } catch (TextingException e) {
            LOG.warning(() -> "Could not answer " + text.from() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not answer " + text.from(), e);
        }
    }
}
