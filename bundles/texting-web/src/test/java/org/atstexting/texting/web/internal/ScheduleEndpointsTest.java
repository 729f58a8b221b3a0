package org.atstexting.texting.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;

import org.junit.Test;

/** The scheduled-text endpoints: what reaches the service, and what is refused before it. */
public class ScheduleEndpointsTest {

    private final FakeServices services = new FakeServices();

    private static FakeHttp.Request post(String path) {
        return new FakeHttp.Request("POST", path);
    }

    @Test
    public void aTextIsScheduledForItsTimeAsTheCaller() throws Exception {
        FakeHttp.Response response = services.call(post("/scheduled").json(
                "{\"sendAt\":\"2026-12-03T15:00:00Z\",\"record\":\"employee:1001\",\"body\":\"See you at 10\"}"));
        assertEquals(response.body(), 200, response.status);
        assertEquals(1, services.scheduled.size());
        assertEquals(Instant.parse("2026-12-03T15:00:00Z"), services.scheduled.get(0).sendAt());
        assertEquals("See you at 10", services.scheduled.get(0).text().body());
        assertTrue(response.body(), response.body().contains("SCHEDULED"));
    }

    @Test
    public void aBulkJobIsScheduledFromRecords() throws Exception {
        FakeHttp.Response response = services.call(post("/scheduled").json(
                "{\"sendAt\":\"2026-12-03T15:00:00Z\",\"records\":[\"employee:1\",\"contact:2\"],\"body\":\"Open day\"}"));
        assertEquals(response.body(), 200, response.status);
        assertEquals(2, services.scheduled.get(0).bulk().records().size());
    }

    @Test
    public void aMissingOrUnreadableTimeIsRefusedAndNothingIsScheduled() throws Exception {
        FakeHttp.Response missing = services.call(post("/scheduled").json("{\"to\":\"+12065550123\",\"body\":\"Hi\"}"));
        FakeHttp.Response unreadable = services.call(post("/scheduled").json(
                "{\"sendAt\":\"tomorrow\",\"to\":\"+12065550123\",\"body\":\"Hi\"}"));
        assertEquals(400, missing.status);
        assertEquals(400, unreadable.status);
        assertTrue(unreadable.body(), unreadable.body().contains("sendAt"));
        assertEquals(0, services.scheduled.size());
    }

    @Test
    public void aCrossSitePostSchedulesNothing() throws Exception {
        FakeHttp.Response response = services.call(post("/scheduled").body("text/plain",
                "{\"sendAt\":\"2026-12-03T15:00:00Z\",\"to\":\"+12065550123\",\"body\":\"Hi\"}")
                .header("Origin", "http://evil.example").header("Sec-Fetch-Site", "cross-site"));
        assertEquals(403, response.status);
        assertEquals(0, services.scheduled.size());
    }
}
