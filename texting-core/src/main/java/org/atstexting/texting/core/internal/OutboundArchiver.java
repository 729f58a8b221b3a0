package org.atstexting.texting.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.ArchiveItem;
import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Archives what the core sent. A send through a provider whose polls report its sent
 * history is archived off the sender's thread, a page at a time
 * ({@link MessageArchive#archiveItems}): one hand-over to the host and one commit for many
 * texts, and the recruiter's send does not wait for either. Should the JVM die before a
 * queued text is archived, the next poll finds it in the provider's sent history and
 * archives it (on every record with the recipient's number, its origin record being
 * forgotten). A provider that reports no sent history could not bring such a text back, so
 * its sends are archived before the send returns, as is every send while the queue is full.
 */
@Component(service = OutboundArchiver.class, immediate = true) // its queue and thread outlive any one user
public final class OutboundArchiver {

    private static final Logger LOG = Logger.getLogger(OutboundArchiver.class.getName());

    /** At most this many texts per hand-over: one host transaction stays short. */
    static final int PAGE = 500;
    /**
     * How long the first text of a page waits for more: under load, pages fill and every
     * hand-over and commit serves many texts; alone, a text waits no longer than this.
     */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /** Beyond this many queued texts, senders archive their own text: the queue never grows without bound. */
    static final int MAX_QUEUED = 10_000;
    /** How long a reader waits for queued sends before reading what is there. */
    private static final long AWAIT_MILLIS = 5_000;
    /** How long stopping waits for the queue to be archived; the rest comes back with the next poll. */
    private static final long STOP_MILLIS = 10_000;

    private final MessageArchive archive;
    private final SentLedger ledger;
    private final boolean background;
    private final ArrayDeque<ArchiveItem> queue = new ArrayDeque<>();
    private final Thread worker;
    private long queued;
    private long archived;
    private boolean workerWaiting;
    private int awaiting;
    private boolean stopping;

    @Activate
    public OutboundArchiver(@Reference MessageArchive archive, @Reference SentLedger ledger) {
        this(archive, ledger, true);
    }

    /** {@code background=false} archives every send before it returns (tests that read the archive at once). */
    OutboundArchiver(MessageArchive archive, SentLedger ledger, boolean background) {
        this.archive = archive;
        this.ledger = ledger;
        this.background = background;
        if (background) {
            worker = new Thread(this::archiveQueued, "ats-texting send archiver");
            worker.setDaemon(true);
            worker.start();
        } else {
            worker = null;
        }
    }

    /** Archives a text that was just sent, now or shortly. */
    void archive(TextMessage sent, RecordRef origin) {
        ArchiveItem item = new ArchiveItem(sent, origin);
        if (background && ledger.reportsSentHistory(sent.provider())) {
            synchronized (this) {
                if (!stopping && queue.size() < MAX_QUEUED) {
                    queue.add(item);
                    queued++;
                    if (workerWaiting && (queue.size() == 1 || queue.size() >= PAGE)) {
                        notifyAll();
                    }
                    return;
                }
            }
        }
        archiveNow(List.of(item));
    }

    /**
     * Waits until every text queued before this call is archived, so a reader sees what was
     * sent (at most {@value #AWAIT_MILLIS} ms; then it reads what is there).
     */
    void awaitArchived() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AWAIT_MILLIS);
        synchronized (this) {
            long target = queued;
            awaiting++;
            notifyAll(); // a page that is filling goes now
            try {
                while (archived < target && !stopping) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0 || worker == null || !worker.isAlive()) {
                        LOG.warning(() -> (target - archived) + " sent texts are not archived yet; reading without them");
                        return;
                    }
                    wait(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                awaiting--;
            }
        }
    }

    private void archiveQueued() {
        while (true) {
            List<ArchiveItem> page;
            synchronized (this) {
                while (queue.isEmpty() && !stopping) {
                    waitForWork(0);
                }
                if (queue.isEmpty()) {
                    return;
                }
                long until = System.nanoTime() + LINGER_NANOS;
                while (queue.size() < PAGE && !stopping && awaiting == 0) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    waitForWork(left);
                }
                page = new ArrayList<>(Math.min(queue.size(), PAGE));
                while (!queue.isEmpty() && page.size() < PAGE) {
                    page.add(queue.poll());
                }
            }
            archiveNow(page);
            synchronized (this) {
                archived += page.size();
                notifyAll();
            }
        }
    }

    /** Waits (at most {@code nanos}; 0: until woken) for more texts, a reader or the stop. */
    private void waitForWork(long nanos) {
        workerWaiting = true;
        try {
            if (nanos == 0) {
                wait();
            } else {
                TimeUnit.NANOSECONDS.timedWait(this, nanos);
            }
        } catch (InterruptedException e) {
            stopping = true; // archive what is queued, then end
        } finally {
            workerWaiting = false;
        }
    }

    private void archiveNow(List<ArchiveItem> items) {
        try {
            archive.archiveItems(items);
        } catch (RuntimeException e) {
            // the texts are out and must not be sent again: report it; a poll of the sent history brings them back
            LOG.log(Level.WARNING, "Sent " + items.size() + " text(s) (" + items.get(0).message().key()
                    + (items.size() > 1 ? ", ..." : "") + ") but could not archive them", e);
        }
    }

    /** Archives everything still queued before the archive can go away. */
    @Deactivate
    void stop() {
        if (worker == null) {
            return;
        }
        synchronized (this) {
            stopping = true;
            notifyAll();
        }
        try {
            worker.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (!queue.isEmpty()) {
                LOG.warning(() -> queue.size() + " sent texts were not archived at shutdown; the next poll of the "
                        + "provider's sent history brings them back");
            }
        }
    }
}
