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
        CoreStore store = TestStores.core(file.toPath());
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                Thread.currentThread().interrupt();
                try {
                    for (int i = 0; i < 50; i++) {
                        store.bulkJobs().put("job-" + i, "job-" + i + "-" + "x".repeat(4096));
                        store.commit();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            interrupted.start();
            interrupted.join();
            assertEquals("the interrupted writer's commits went through", null, failure.get());

            store.bulkJobs().put("other-job", "after");
            store.commit();
            assertEquals("after", store.bulkJobs().get("other-job"));
        } finally {
            store.close();
        }
        CoreStore reopened = TestStores.core(file.toPath());
        try {
            assertEquals("everything committed is on disk", "after", reopened.bulkJobs().get("other-job"));
            assertEquals(51, reopened.bulkJobs().size());
        } finally {
            reopened.close();
        }
    }
}
