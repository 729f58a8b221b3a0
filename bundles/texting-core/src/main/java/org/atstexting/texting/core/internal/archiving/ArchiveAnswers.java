package org.atstexting.texting.core.internal.archiving;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.atstexting.texting.TextMessage;
import org.atstexting.texting.archive.ArchiveOutcome;

/** Waiting for the archive's answer, and announcing from it. */
public final class ArchiveAnswers {

    private ArchiveAnswers() {
    }

    /**
     * The archive's answer to a batch of {@code size} items. A failure is thrown: the poll then
     * keeps its cursor and a webhook is answered with an error, so the provider brings the
     * texts again.
     */
    public static List<ArchiveOutcome> await(CompletionStage<List<ArchiveOutcome>> answer, int size, long seconds) {
        try {
            return answer.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The archive could not take " + size + " item(s)", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while archiving", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The archive did not answer within " + seconds + " s", e);
        }
    }

    /** Announces the texts the archive had not seen; how many there were. */
    public static int announceNew(List<ArchiveOutcome> outcomes, Consumer<TextMessage> announce) {
        int fresh = 0;
        for (ArchiveOutcome outcome : outcomes) {
            if (outcome.change() == ArchiveOutcome.Change.NEW) {
                announce.accept(outcome.message());
                fresh++;
            }
        }
        return fresh;
    }
}
