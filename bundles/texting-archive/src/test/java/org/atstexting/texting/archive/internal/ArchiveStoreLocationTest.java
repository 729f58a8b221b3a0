package org.atstexting.texting.archive.internal;

import static org.junit.Assert.assertEquals;

import java.io.File;

import org.junit.Test;

/** The archive's store outlives an uninstalled bundle in Karaf and goes where the data directory says. */
public class ArchiveStoreLocationTest {

    private static final File AREA = new File("/bundle-data/texting-archive.mv");

    @Test
    public void inKarafTheStoreLivesUnderKarafData() {
        assertEquals(new File("/opt/karaf/data/ats-texting/archive/texting-archive.mv"),
                MvArchiveStore.location(null, "/opt/karaf/data", AREA));
    }

    @Test
    public void theDataDirectoryPropertyWins() {
        assertEquals(new File("/srv/texting/archive/texting-archive.mv"),
                MvArchiveStore.location("/srv/texting", "/opt/karaf/data", AREA));
    }

    @Test
    public void elsewhereTheBundleDataAreaStaysTheDefault() {
        assertEquals(AREA, MvArchiveStore.location("", null, AREA));
    }
}
