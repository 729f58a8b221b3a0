package org.atstexting.texting.archive.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;

/**
 * The archive's one writer thread and the batches waiting for it. Each batch joins a
 * bounded queue; the writer takes as many as have gathered (up to {@value PageWriter#PAGE}
 * items) and writes them as one page: under load pages fill by themselves while the previous
 * one commits, and a lone text waits for nothing (no lingering timer). Batches are written
 * in the order they were submitted, so a status never overtakes its text.
 *
 * <p>Retries of texts waiting for the host run on the same thread, so no page ever races a
 * retry. Stopping writes every batch already waiting before the store can close.
 */
final class ArchiveQueue {

    private static final Logger LOG = Logger.getLogger(ArchiveQueue.class.getName());

    /** Beyond this many waiting batches a caller waits for room: the queue never grows without bound. */
    static final int MAX_WAITING = 10_000;
    /** How long a caller waits for room before its batch is refused. */
    private static final long OFFER_SECONDS = 30;
    /** How long stopping waits for the waiting batches to be written. */
    private static final long STOP_SECONDS = 10;

    private record Batch(List<ArchiveItem> items, CompletableFuture<List<ArchiveOutcome>> answer) {
    }

    private final BlockingQueue<Batch> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting archive writer");
        t.setDaemon(true);
        return t;
    });
    private final Function<List<ArchiveItem>, List<ArchiveOutcome>> pages;

    ArchiveQueue(Function<List<ArchiveItem>, List<ArchiveOutcome>> pages) {
        this.pages = pages;
    }

    CompletableFuture<List<ArchiveOutcome>> submit(List<ArchiveItem> items) {
        Batch batch = new Batch(List.copyOf(items), new CompletableFuture<>());
        try {
            if (!waiting.offer(batch, OFFER_SECONDS, TimeUnit.SECONDS)) {
                batch.answer().completeExceptionally(new IllegalStateException(
                        MAX_WAITING + " batches are waiting for the archive's store; try again later"));
                return batch.answer();
            }
            writer.execute(this::drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            batch.answer().completeExceptionally(e);
        } catch (RejectedExecutionException e) {
            if (waiting.remove(batch)) { // else a drain still under way took it and answers it
                batch.answer().completeExceptionally(new IllegalStateException("The archive is stopping", e));
            }
        }
        return batch.answer();
    }

    /** Runs a task on the writer thread, now and then every {@code seconds}. */
    void every(long seconds, Runnable task) {
        writer.scheduleWithFixedDelay(quietly(task), seconds, seconds, TimeUnit.SECONDS);
    }

    /** Runs a task on the writer thread after the batches waiting now. */
    void soon(Runnable task) {
        try {
            writer.execute(quietly(task));
        } catch (RejectedExecutionException e) {
            LOG.fine("The archive is stopping; not running a retry");
        }
    }

    private static Runnable quietly(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The archive's retry failed; it runs again later", e);
            }
        };
    }

    private void drain() {
        List<Batch> page = new ArrayList<>();
        while (true) {
            page.clear();
            int items = 0;
            Batch next;
            while (items < PageWriter.PAGE && (next = waiting.poll()) != null) {
                page.add(next);
                items += next.items().size();
            }
            if (page.isEmpty()) {
                return;
            }
            write(page, items);
        }
    }

    private void write(List<Batch> page, int size) {
        List<ArchiveItem> items = new ArrayList<>(size);
        page.forEach(b -> items.addAll(b.items()));
        List<ArchiveOutcome> outcomes;
        try {
            outcomes = items.isEmpty() ? List.of() : pages.apply(items);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The archive's store could not take " + size + " item(s); nothing of them is "
                    + "recorded", e);
            page.forEach(b -> b.answer().completeExceptionally(e));
            return;
        }
        int at = 0;
        for (Batch b : page) {
            int n = b.items().size();
            b.answer().complete(List.copyOf(outcomes.subList(at, at + n)));
            at += n;
        }
    }

    /** Writes what is waiting (for at most {@value #STOP_SECONDS} s), then ends the writer. */
    void stop() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
        Batch left;
        while ((left = waiting.poll()) != null) {
            left.answer().completeExceptionally(new IllegalStateException("The archive stopped before this batch"));
        }
    }
}
