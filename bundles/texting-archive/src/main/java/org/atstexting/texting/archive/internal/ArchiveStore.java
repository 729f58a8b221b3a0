package org.atstexting.texting.archive.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.atstexting.texting.DeliveryStatus;

/**
 * Where the archive keeps its texts: those on their way to the host ({@link Place#PENDING}),
 * attached and where ({@link Place#ATTACHED}), and those that matched no record
 * ({@link Place#UNMATCHED}). The shared SQL database ({@link SqlArchiveStore}) when the
 * runtime has it, else a local file ({@link MvArchiveStore}); the archive takes the
 * highest-ranked one.
 */
public interface ArchiveStore {

    /** The most texts one read returns (the unmatched list, a retry's page). */
    int MAX_READ = 10_000;

    /** Where a stored text is. */
    enum Place { PENDING, ATTACHED, UNMATCHED }

    /** A stored text and where it is. */
    record Stored(String key, ArchiveEntry entry, Place place) {
    }

    /**
     * A text's new state for {@link #commit}.
     *
     * @param from where it was, {@code null} if the store has never seen it
     */
    record Move(String key, ArchiveEntry entry, Place from, Place to) {
    }

    /**
     * A change a page is about to make: a text the store has never seen ({@code previous} is
     * {@code null}), written in {@code place}, or a status move from {@code previous} (where
     * the text is stays as it was: {@code place} is not used).
     */
    record Claim(String key, ArchiveEntry entry, DeliveryStatus previous, Place place) {
    }

    /** The texts with those keys that the store has; absent keys are unknown. */
    Map<String, Stored> find(Collection<String> keys);

    /** The text with that key, wherever it is (a text is in one place at a time). */
    default Optional<Stored> find(String key) {
        return Optional.ofNullable(find(List.of(key)).get(key));
    }

    List<String> keys(Place place, int limit);

    List<ArchiveEntry> entries(Place place, int limit);

    /**
     * Runs one page's reads and writes in one transaction ({@link Page}): committed when
     * {@code work} returns, nothing of it recorded when it throws. The work may run again (the
     * database chose it as a deadlock's victim), so it starts from what it reads.
     */
    <T> T inPage(java.util.function.Function<Page, T> work);

    /** What a page does with the store, all in the transaction of {@link #inPage}. */
    interface Page {

        /** As {@link ArchiveStore#find(Collection)}, in this page's transaction. */
        Map<String, Stored> find(Collection<String> keys);

        /**
         * Records a page's changes before the host hears of them, so that of several nodes that
         * read the same news (a webhook delivered twice, a poll and a webhook) exactly one makes
         * each change: new texts are stored where the page expects them to end up (pending when
         * the host is away), status moves only from the status the page read. Another node's
         * claim of the same text waits until this page commits, then finds it made.
         *
         * @return the keys another writer changed first, and the new texts that were stored
         *         already: for those nothing was written
         */
        Set<String> claim(List<Claim> claims);

        /** Records where several texts ended up (and their state). */
        void commit(List<Move> moves);
    }

    void close();
}
