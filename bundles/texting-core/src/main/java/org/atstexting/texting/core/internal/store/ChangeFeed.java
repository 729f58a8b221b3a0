package org.atstexting.texting.core.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import org.atstexting.texting.jdbc.TextingDatabase;

/**
 * This node's memory of the state every send consults, kept current from the shared database's
 * {@link ChangeLog}: the numbers that opted out, and a generation of the credential sets (callers
 * keep their own copies of sets and drop them when it moves). A send then needs no round trip to
 * the database, yet a STOP any node took refuses it once that STOP is confirmed.
 *
 * <p>The rule that makes that so (a lease, as in Gray and Cheriton's): this node answers from
 * memory only within {@code freshFor} of the <em>start</em> of its last successful look at the
 * log, and looks again before it answers once that has passed. Every change is confirmed to
 * whoever made it ({@link #confirmed}) only {@code freshFor} after it committed. So once a change
 * is confirmed, any node's answer rests on a look that started after the change committed, and saw
 * it. Until then a node may still answer from before the change: the same window as between a
 * database read and the provider call that follows it, only longer.
 *
 * <p>{@code freshFor} 0 turns the memory off: every send reads the database, as callers do when
 * this answers {@code null} (the database could not be read, or more numbers opted out than this
 * node keeps in memory).
 */
public final class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    /** Opted-out numbers kept in memory at most (about 100 bytes each); beyond, every send reads the database. */
    static final int MAX_OPTED_OUT = 500_000;
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** Longer than any wait: the longest memory time and the slack (a console change cannot outrun it). */
    private static final long RECENT_NANOS = TimeUnit.MILLISECONDS.toNanos(5_000) + ConfirmationWaits.CLOCK_SLACK_NANOS;

    private final TextingDatabase database;
    private final int maxOptedOut;
    private final ReentrantLock looking = new ReentrantLock();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final ConfirmationWaits waits = new ConfirmationWaits();
    private volatile long freshForNanos;
    /** {@code System.nanoTime()} at the start of the last successful look; valid only while {@link #looked}. */
    private volatile long lookedAt;
    private volatile boolean looked;
    private final AtomicLong credentialsGeneration = new AtomicLong();
    /** When this node applied each item's last change, kept while a wait may follow it (see {@link #alreadyInForce}). */
    private final Map<String, Long> appliedAt = new ConcurrentHashMap<>();
    /** {@code System.nanoTime()} of the last whole read of the numbers; written under {@link #looking}. */
    private volatile long reloadedAt;
    private volatile boolean tooMany;
    /** The last version applied; written under {@link #looking}. */
    private long applied;
    private long lastFailureLog = System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS;

    public ChangeFeed(TextingDatabase database, long freshForMillis) {
        this(database, freshForMillis, MAX_OPTED_OUT);
    }

    ChangeFeed(TextingDatabase database, long freshForMillis, int maxOptedOut) {
        this.database = database;
        this.maxOptedOut = maxOptedOut;
        freshFor(freshForMillis);
    }

    /** A new {@code freshFor} applies to the next answer (0: memory off; at most 5,000 ms). */
    public void freshFor(long millis) {
        long clamped = Math.max(0, Math.min(5_000, millis));
        freshForNanos = TimeUnit.MILLISECONDS.toNanos(clamped);
    }

    /**
     * Whether {@code number} (E.164) opted out, from memory, looking at the log first if the last
     * look is too old; {@code null} when memory cannot answer (off, the log unreadable, too many
     * numbers): the caller then asks the database.
     */
    public Boolean optedOut(String number) {
        if (!fresh()) {
            return null;
        }
        boolean found = optedOut.contains(number);
        // tooMany is set before the set is cleared: seen unset now, the set was whole when read
        return tooMany ? null : found;
    }

    /**
     * The credential sets' generation: it moves whenever any set may have changed. Read it after
     * {@link #optedOut} answered, and before reading sets from the database: a copy is good while
     * the generation read before it was made is the current one.
     */
    public long credentialsGeneration() {
        return credentialsGeneration.get();
    }

    /**
     * Called by a writer after its change committed (at {@code committedNanos}, taken after the
     * commit returned): this node takes the change in at once, then the call waits until every
     * node's memory has had to look since the change.
     */
    public void confirmed(long committedNanos) {
        long freshFor = freshForNanos;
        if (freshFor == 0) {
            return;
        }
        if (!tooMany) {
            looking.lock();
            try {
                look();
            } finally {
                looking.unlock();
            }
        }
        waits.awaitOrDefer(committedNanos, freshFor);
    }

    /**
     * Called by a writer that found the change it came to make made already (the same STOP at a
     * second node, a STOP again): it returns no sooner than the change's own writer does, since its
     * caller too is told the change is in force everywhere. This node takes in every change
     * committed so far, then waits out what is left of the wait that follows the last change of
     * {@code item} it applied; a change older than any wait returns at once.
     */
    public void alreadyInForce(String item) {
        long freshFor = freshForNanos;
        if (freshFor == 0) {
            return;
        }
        long since = System.nanoTime(); // if this node cannot tell when the change came: a whole wait
        if (!tooMany) {
            looking.lock();
            try {
                if (look()) {
                    Long applied = appliedAt.get(item);
                    long reloaded = reloadedAt;
                    boolean reloadRecent = since - reloaded < RECENT_NANOS;
                    since = applied != null && reloadRecent ? Math.max(applied, reloaded)
                            : applied != null ? applied : reloadRecent ? reloaded : Long.MIN_VALUE;
                }
            } finally {
                looking.unlock();
            }
        }
        if (since != Long.MIN_VALUE) {
            waits.awaitOrDefer(since, freshFor);
        }
    }

    /**
     * A scope in which this thread's {@link #confirmed} calls do not wait: closing it waits once,
     * for the last change made in it. For whoever records several changes in a row (a poll's page
     * of STOPs) or under a lock that others need (the inbound recorder's): the wait comes after,
     * outside. A scope opened inside another changes nothing.
     */
    public Confirmation confirmingOnce() {
        return waits.confirmingOnce(() -> freshForNanos);
    }

    /** The end of a {@link #confirmingOnce} scope. */
    @FunctionalInterface
    public interface Confirmation extends AutoCloseable {
        @Override
        void close();
    }

    private boolean fresh() {
        long freshFor = freshForNanos;
        if (freshFor == 0 || tooMany) {
            return false;
        }
        if (isFresh(freshFor)) {
            return true;
        }
        looking.lock();
        try {
            return isFresh(freshFor) || look() && isFresh(freshFor);
        } finally {
            looking.unlock();
        }
    }

    private boolean isFresh(long freshFor) {
        return looked && System.nanoTime() - lookedAt < freshFor;
    }

    /** Under {@link #looking}: brings the memory up to the log; whether it could. */
    private boolean look() {
        long start = System.nanoTime();
        try (Connection c = database.connection()) {
            long counter = ChangeLog.counter(c);
            if (!looked || counter - applied > ChangeLog.KEPT) {
                reload(c, counter);
            } else if (counter != applied && !apply(ChangeLog.since(c, applied))) {
                reload(c, ChangeLog.counter(c)); // the rows after ours were pruned: this node fell behind
            }
            lookedAt = start; // published after the changes: a reader that sees it sees them
            looked = !tooMany;
            return looked;
        } catch (SQLException | RuntimeException e) {
            long now = System.nanoTime();
            if (now - lastFailureLog >= FAILURE_LOG_INTERVAL_NANOS) {
                lastFailureLog = now;
                LOG.warning(() -> "ats-texting cannot read the shared change log; sends read the database until it "
                        + "can: " + e);
            }
            return false;
        }
    }

    /** Applies changes that follow {@link #applied} without a gap; false (nothing applied) if a gap. */
    private boolean apply(List<ChangeLog.Change> changes) {
        long expected = applied + 1;
        for (ChangeLog.Change change : changes) {
            if (change.version() != expected++) {
                return false;
            }
        }
        boolean credentials = false;
        long now = System.nanoTime();
        appliedAt.values().removeIf(at -> now - at >= RECENT_NANOS);
        for (ChangeLog.Change change : changes) {
            switch (change.kind()) {
                case OPT_OUT -> optedOut.add(change.item());
                case OPT_IN -> optedOut.remove(change.item());
                case CREDENTIALS -> credentials = true;
            }
            appliedAt.put(change.item(), now);
        }
        if (credentials) {
            credentialsGeneration.incrementAndGet();
        }
        if (optedOut.size() > maxOptedOut) {
            tooMany();
        }
        if (!changes.isEmpty()) {
            applied = changes.get(changes.size() - 1).version();
        }
        return true;
    }

    /** Until a restart: every send reads the database, and no memory of numbers is kept. */
    private void tooMany() {
        tooMany = true;
        optedOut.clear();
        LOG.warning(() -> "ats-texting: more than " + maxOptedOut + " numbers opted out; this node keeps none "
                + "in memory and every send reads the database until it restarts");
    }

    /**
     * Reads the opted-out numbers whole. Changes committed after {@code version} was read may be
     * in what is read already; applying them again from the log is harmless, and it ends on
     * their last state.
     */
    private void reload(Connection c, long version) throws SQLException {
        Set<String> numbers = ConcurrentHashMap.newKeySet();
        try (PreparedStatement select = c.prepareStatement(
                "SELECT number FROM core_opt_out WHERE opted_out = TRUE")) {
            select.setMaxRows(maxOptedOut + 1);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    numbers.add(row.getString(1));
                }
            }
        }
        if (numbers.size() > maxOptedOut) {
            tooMany();
            return;
        }
        optedOut.retainAll(numbers);
        optedOut.addAll(numbers);
        credentialsGeneration.incrementAndGet();
        applied = version;
        reloadedAt = System.nanoTime(); // any number may have changed just before: see alreadyInForce
        appliedAt.clear();
    }
}
