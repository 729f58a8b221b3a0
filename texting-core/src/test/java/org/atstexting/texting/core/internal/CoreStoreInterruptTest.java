package org.atstexting.texting.core.internal;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Test;

/**
 * A thread interrupted while it writes (an executor's shutdownNow during a poll, a component
 * stopped under a send) must not close the store: with a plain file channel the interrupt
 * closes the channel and every later write of every thread fails with "This store is closed".
 */
public class CoreStoreInterruptTest {

    @Test
    public void aWriteOnAnInterruptedThreadLeavesTheStoreWorking() throws Exception {
        File file = Files.createTempDirectory("core-store").resolve("texting-core.mv").toFile();
        CoreStore store = new CoreStore(file);
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    for (int i = 0; i < 50; i++) {
                        store.cursors().put("zipwhip|acct" + i, "cursor-" + i + "-" + "x".repeat(4096));
                        store.commit();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            interrupted.start();
            interrupted.join();
            assertEquals("the interrupted writer's commits went through", null, failure.get());

            store.cursors().put("twilio|other", "after");
            store.commit();
            assertEquals("after", store.cursors().get("twilio|other"));
        } finally {
            store.close();
        }
        CoreStore reopened = new CoreStore(file);
        try {
            assertEquals("everything committed is on disk", "after", reopened.cursors().get("twilio|other"));
            assertEquals(51, reopened.cursors().size());
        } finally {
            reopened.close();
        }
    }
}
