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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;

/**
 * The archive's one writer thread and the batches waiting for it. Each batch joins a
 * bounded queue; the writer takes as many as have gathered (up to {@value PageWriter#PAGE}
 * items) and writes them as one page. A batch that finds the writer idle for a while is
 * written at once; one that comes within {@link #DEFAULT_LINGER_MICROS} µs of the last page
 * (texts sent one after another) waits until then, so a stream of texts shares pages instead
 * of waking the writer, and paying a commit, for each. An empty batch (someone waits on what
 * came before it) and a full page are written at once. Batches are written in the order they
 * were submitted, so a status never overtakes its text.
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

    /**
     * How long a page waits for more after the last one, at most. A sender that does not wait
     * for the archive (its provider keeps a sent history) then wakes the writer about once a
     * page rather than once a text. On two cores, one text per page cost the sender about 12 µs
     * per send to wake the writer, and the writer 37 µs of CPU per text; with 2 ms it is about
     * 1 µs and 16 µs (5 ms saved little more: 12.5 µs). docs/benchmarks.md, sixth session.
     */
    static final long DEFAULT_LINGER_MICROS = 2_000;

    private record Batch(List<ArchiveItem> items, CompletableFuture<List<ArchiveOutcome>> answer) {
    }

    private final BlockingQueue<Batch> waiting = new LinkedBlockingQueue<>(MAX_WAITING);
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ats-texting archive writer");
        t.setDaemon(true);
        return t;
    });
    private final Function<List<ArchiveItem>, List<ArchiveOutcome>> pages;
    private final long lingerNanos;
    /** Whether a page is due: set by the batch that asked for it, cleared when the writer starts it. */
    private final AtomicBoolean pageDue = new AtomicBoolean();
    /** When the writer last finished a page ({@link System#nanoTime}), long ago at first. */
    private volatile long lastPageEnded = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    ArchiveQueue(Function<List<ArchiveItem>, List<ArchiveOutcome>> pages) {
        this(pages, DEFAULT_LINGER_MICROS);
    }

    ArchiveQueue(Function<List<ArchiveItem>, List<ArchiveOutcome>> pages, long lingerMicros) {
        this.pages = pages;
        this.lingerNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, lingerMicros));
    }

    CompletableFuture<List<ArchiveOutcome>> submit(List<ArchiveItem> items) {
        Batch batch = new Batch(List.copyOf(items), new CompletableFuture<>());
        try {
            if (!waiting.offer(batch, OFFER_SECONDS, TimeUnit.SECONDS)) {
                batch.answer().completeExceptionally(new IllegalStateException(
                        MAX_WAITING + " batches are waiting for the archive's store; try again later"));
                return batch.answer();
            }
            askForPage(items.isEmpty());
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

    /**
     * Has the writer start a page: now when someone waits ({@code now}), the page is full or the
     * writer was idle for the linger time; else when the linger time since the last page is up.
     * One page is asked for at a time, so a stream of batches wakes the writer once per page.
     */
    private void askForPage(boolean now) {
        long wait = lingerNanos - (System.nanoTime() - lastPageEnded);
        if (now || wait <= 0 || waiting.size() >= PageWriter.PAGE) {
            writer.execute(this::drain);
        } else if (pageDue.compareAndSet(false, true)) {
            writer.schedule(this::drain, wait, TimeUnit.NANOSECONDS);
        }
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
        pageDue.set(false); // before taking: a batch that comes after this asks for the next page
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
            lastPageEnded = System.nanoTime();
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
