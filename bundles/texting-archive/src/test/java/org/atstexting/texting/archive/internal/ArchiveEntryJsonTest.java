package org.atstexting.texting.archive.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.junit.Test;

/** The local store's JSON form of an entry: its time as ISO-8601 text, as entries were always stored. */
public class ArchiveEntryJsonTest {

    private static final Instant SENT_AT = Instant.parse("2026-12-02T10:15:30.123456Z");

    @Test
    public void theTimeIsWrittenAsItsIsoTextAndReadBackExactly() {
        TextMessage sent = new TextMessage("zipwhip", "1", Direction.OUTBOUND, "+12065550101", "+12065550123", "Hi",
                SENT_AT, "alice", DeliveryStatus.SENT);
        ArchiveEntry entry = ArchiveEntry.of(sent, null, List.of(RecordRef.parse("employee:1")));
        String json = MvArchiveStore.GSON.toJson(entry);
        assertTrue(json, json.contains("\"timestamp\":\"2026-12-02T10:15:30.123456Z\""));
        assertEquals(entry, MvArchiveStore.GSON.fromJson(json, ArchiveEntry.class));
        assertEquals(sent, entry.message());
    }

    @Test
    public void anEntryStoredByTheEarlierFormIsRead() {
        String stored = "{\"provider\":\"zipwhip\",\"providerMessageId\":\"1\",\"direction\":\"OUTBOUND\","
                + "\"from\":\"+12065550101\",\"to\":\"+12065550123\",\"body\":\"Hi\","
                + "\"timestamp\":\"2026-12-02T10:15:30.123456Z\",\"userId\":\"alice\",\"status\":\"SENT\","
                + "\"records\":[\"employee:1\"]}";
        ArchiveEntry entry = MvArchiveStore.GSON.fromJson(stored, ArchiveEntry.class);
        assertEquals(SENT_AT, entry.timestamp());
        assertEquals(List.of(RecordRef.parse("employee:1")), entry.recordRefs());
    }
}
