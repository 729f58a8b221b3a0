package org.atstexting.texting.core.internal.store;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The writer's side of {@link ChangeFeed}'s rule: a change is confirmed only once every node's
 * memory has had to look since it committed, that is {@code freshFor} (plus clock slack) after the
 * commit. A thread may defer its waits to the end of a scope, so it waits once, outside its locks.
 */
final class ConfirmationWaits {

    /** Slack for two nodes' clocks ticking at slightly different rates over one {@code freshFor}. */
    static final long CLOCK_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final ThreadLocal<Deferred> deferred = new ThreadLocal<>();

    /** The changes a scope made, by the thread that opened it. */
    private static final class Deferred {
        boolean any;
        long latest;
    }

    /** Waits until every node has had to look since {@code committedNanos}, or leaves it to the thread's scope. */
    void awaitOrDefer(long committedNanos, long freshForNanos) {
        Deferred scope = deferred.get();
        if (scope != null) {
            scope.latest = scope.any ? Math.max(scope.latest, committedNanos) : committedNanos;
            scope.any = true;
            return; // the scope waits once, for its last change, when it closes
        }
        awaitSince(committedNanos, freshForNanos);
    }

    /** See {@link ChangeFeed#confirmingOnce}; the memory time is read when the scope closes. */
    ChangeFeed.Confirmation confirmingOnce(LongSupplier freshForNanos) {
        if (deferred.get() != null) {
            return () -> { };
        }
        Deferred scope = new Deferred();
        deferred.set(scope);
        return () -> {
            deferred.remove();
            long freshFor = freshForNanos.getAsLong();
            if (scope.any && freshFor > 0) {
                awaitSince(scope.latest, freshFor);
            }
        };
    }

    /**
     * Not cut short by an interrupt: whoever returns from here tells its caller the change is in
     * force on every node, which holds only once the whole wait is over (the interrupt is kept).
     */
    private static void awaitSince(long committedNanos, long freshForNanos) {
        long until = committedNanos + freshForNanos + CLOCK_SLACK_NANOS;
        boolean interrupted = false;
        for (long wait = until - System.nanoTime(); wait > 0; wait = until - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
