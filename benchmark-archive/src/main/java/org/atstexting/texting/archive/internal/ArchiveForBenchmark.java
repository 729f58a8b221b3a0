package org.atstexting.texting.archive.internal;

import java.io.File;

import org.atstexting.texting.MessageArchive;
import org.atstexting.texting.host.HostRecords;

/**
 * Builds the archive component outside OSGi, the way SCR would: same package as the
 * component, so the benchmark runs the production classes unchanged.
 */
public final class ArchiveForBenchmark implements AutoCloseable {

    private final ArchiveStore store;
    private final RecordMessageArchive archive;

    public ArchiveForBenchmark(File file, HostRecords host) {
        store = new ArchiveStore(file);
        archive = new RecordMessageArchive(store);
        archive.bindRecords(host);
    }

    public MessageArchive archive() {
        return archive;
    }

    @Override
    public void close() {
        archive.stop();
        store.close();
    }
}
