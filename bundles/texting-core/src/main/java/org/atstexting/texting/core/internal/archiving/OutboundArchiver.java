package org.atstexting.texting.core.internal.archiving;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.spi.SentTextLookup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Archives what the core sent. The archive batches and writes on its own thread; this only
 * decides whether the sender waits, and it decides on what the provider declares, never on
 * what its polls were seen to do. A provider that declares a look-up of its sent texts
 * ({@link SentTextLookup}) keeps the account's sent history and can be asked for it: its sends
 * do not wait. Should the JVM die before the archive wrote one, the text is not lost for the
 * never-twice rule (a bulk recipient under way is looked up, not sent again), and a provider
 * whose polls report its sent texts ({@code InboundBatch.sent}, as Zipwhip's and Twilio's do)
 * brings it back to the archive with the next poll (on every record with the recipient's
 * number, its origin record being forgotten); one whose polls report no sent texts leaves
 * such a text out of the archive (the window is one page write of the archive). A provider
 * without the look-up declares nothing the core could rely on after a crash, so its sender
 * waits until its text is archived. Why not always wait: every send would then also wait for
 * the archive's page write and the host's records, a database transaction each.
 */
@Component(service = OutboundArchiver.class)
public final class OutboundArchiver {

    private static final Logger LOG = Logger.getLogger(OutboundArchiver.class.getName());

    /** How long a reader or a sender waits for the archive before going on without it. */
    private static final long AWAIT_MILLIS = 5_000;

    private final MessageArchive archive;
    private final ProviderRegistry providers;

    @Activate
    public OutboundArchiver(@Reference MessageArchive archive, @Reference ProviderRegistry providers) {
        this.archive = archive;
        this.providers = providers;
    }

    /** Archives a text that was just sent, now or shortly. */
    public void archive(TextMessage sent, RecordRef origin) {
        CompletionStage<List<ArchiveOutcome>> answer = archive.archive(List.of(ArchiveItem.text(sent, origin)));
        if (providers.lookup(sent.provider()).isPresent()) {
            answer.whenComplete((outcomes, failure) -> {
                if (failure != null) {
                    notArchived(sent, failure);
                }
            });
        } else {
            await(answer, "the text " + sent.key()).ifPresent(failure -> notArchived(sent, failure));
        }
    }

    private static void notArchived(TextMessage sent, Throwable failure) {
        // the text is out and must not be sent again: report it; a poll of the sent history may bring it back
        LOG.log(Level.WARNING, "Sent " + sent.key() + " but could not archive it", failure);
    }

    /**
     * Waits until every text handed to the archive before this call is archived, so a reader
     * sees what was sent (at most {@value #AWAIT_MILLIS} ms; then it reads what is there).
     */
    public void awaitArchived() {
        await(archive.archive(List.of()), "the texts sent so far").ifPresent(failure -> LOG.warning(
                () -> "Reading without the texts still on their way to the archive: " + failure.getMessage()));
    }

    /** Waits for an answer of the archive; the failure, if it did not come. */
    static java.util.Optional<Throwable> await(CompletionStage<?> answer, String what) {
        try {
            answer.toCompletableFuture().get(AWAIT_MILLIS, TimeUnit.MILLISECONDS);
            return java.util.Optional.empty();
        } catch (ExecutionException e) {
            return java.util.Optional.of(e.getCause());
        } catch (TimeoutException e) {
            return java.util.Optional.of(new TimeoutException("The archive did not answer for " + what + " within "
                    + AWAIT_MILLIS + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of(e);
        }
    }
}
