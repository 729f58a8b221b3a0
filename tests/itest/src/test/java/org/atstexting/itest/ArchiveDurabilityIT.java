package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Instant;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.Direction;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingEvents;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The archive's promise under real conditions: bundles and host services come and go,
 * the same text arrives twice, and nothing is lost or attached twice.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ArchiveDurabilityIT extends TextingTestSupport {

    private static final RecordRef ELI = RecordRef.parse("employee:1002");
    private static final String ELI_NUMBER = "+12065550124";
    private static final String ALICE_ACCOUNT = "2065550101";

    private ZipwhipSandbox sandbox;

    @Before
    public void setUp() throws Exception {
        sandbox = useTheSandbox(1);
        CredentialService credentials = service(CredentialService.class);
        if (credentials.systemCredentials("admin", "zipwhip").isEmpty()) {
            credentials.saveSystemCredentials("admin",
                    new CredentialsInput("zipwhip", "2065550100", "2065550100", "sandbox-system"));
            credentials.saveUserCredentials("alice",
                    new CredentialsInput("zipwhip", ALICE_ACCOUNT, ALICE_ACCOUNT, "sandbox-alice"));
        }
    }

    @Test
    public void aReplyArrivingWhileTheArchiveBundleIsStoppedIsOnTheRecordOnceItStarts() throws Exception {
        Bundle archive = bundle("org.atstexting.texting.archive");
        String body = "while the archive was away " + UUID.randomUUID();
        archive.stop();
        try {
            sandbox.deliverReply(ELI_NUMBER, ALICE_ACCOUNT, body);
            Thread.sleep(2_500); // polls would have run
        } finally {
            archive.start();
        }
        HostRecords records = service(HostRecords.class);
        await("the reply on Eli's record", () -> count(records, body) == 1);
        Thread.sleep(2_500);
        assertEquals("attached once", 1, count(records, body));
    }

    @Test
    public void sendsOnTheirWayToTheArchiveWhenItStopsAreOnTheirRecordOnce() throws Exception {
        TextingService texting = service(TextingService.class);
        HostRecords records = service(HostRecords.class);
        // a first send, then polls that list it: the core learns that Zipwhip reports its sent
        // history, so the sends that follow are archived in the background, in pages
        String first = "first " + UUID.randomUUID();
        texting.send(SendRequest.fromRecord("alice", ELI, first));
        await("the first text on Eli's record", () -> sentCount(records, first) == 1);
        Thread.sleep(2_500);
        // polling off: what reaches the record now came through the send archiver, not a poll
        coreSettings(props("pollIntervalSeconds", 0));
        texting = service(TextingService.class);

        String tag = "queued " + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            texting.send(SendRequest.fromRecord("alice", ELI, tag + " #" + i));
        }
        Bundle archive = bundle("org.atstexting.texting.archive");
        archive.stop(); // the texts still queued are handed over before the archive goes
        archive.start();

        HostRecords after = service(HostRecords.class);
        await("all 20 on Eli's record", () -> sentCount(after, tag) == 20);
        coreSettings(props("pollIntervalSeconds", 1));
        Thread.sleep(2_500); // polls that list them must not attach them again
        for (int i = 0; i < 20; i++) {
            assertEquals("text #" + i + " once", 1, sentCount(after, tag + " #" + i + "$"));
        }
        assertEquals(20, sentCount(after, tag));
    }

    @Test
    public void nothingIsLostWhileTheHostsRecordServiceIsAway() throws Exception {
        Bundle host = bundle("org.atstexting.reference.host");
        String body = "while the host was away " + UUID.randomUUID();
        host.stop();
        try {
            sandbox.deliverReply(ELI_NUMBER, ALICE_ACCOUNT, body);
            Thread.sleep(2_500); // polled and waiting in the archive
        } finally {
            host.start();
        }
        HostRecords records = service(HostRecords.class);
        await("the reply on Eli's record", () -> count(records, body) == 1);
        Thread.sleep(2_500);
        assertEquals("attached once", 1, count(records, body));
    }

    @Test
    public void theSameTextDeliveredTwiceIsAttachedOnceAndAnnouncedOnce() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        Hashtable<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, "org/atstexting/message/*");
        ServiceRegistration<EventHandler> listener = context().registerService(EventHandler.class, events::add, topics);
        try {
            String body = "said twice " + UUID.randomUUID();
            SandboxMessage reply = sandbox.deliverReply(ELI_NUMBER, ALICE_ACCOUNT, body);
            // the provider pushes it (as a webhook would) and the poll reads it as well
            InboundText pushed = new InboundText(Long.toString(reply.id()), ELI_NUMBER, "+12065550101", body,
                    Instant.now());
            service(ProviderCallback.class).received("zipwhip", pushed);
            service(ProviderCallback.class).received("zipwhip", pushed);

            HostRecords records = service(HostRecords.class);
            await("the reply on Eli's record", () -> count(records, body) == 1);
            Thread.sleep(2_500);
            assertEquals(1, count(records, body));
            assertEquals(1, events.stream().filter(e -> e.getTopic().equals(TextingEvents.RECEIVED))
                    .filter(e -> e.getProperty(TextingEvents.MESSAGE_KEY).equals("zipwhip:" + reply.id())).count());

            TextMessage sent = service(TextingService.class).send(SendRequest.fromRecord("alice", ELI, "Thanks!"));
            await("the SENT event", () -> events.stream().anyMatch(e -> e.getTopic().equals(TextingEvents.SENT)
                    && e.getProperty(TextingEvents.MESSAGE_KEY).equals(sent.key())));
            assertEquals("alice", events.stream().filter(e -> e.getTopic().equals(TextingEvents.SENT)).findFirst()
                    .orElseThrow().getProperty(TextingEvents.USER_ID));
        } finally {
            listener.unregister();
        }
    }

    @Test
    public void aTextFromAnUnknownNumberIsKeptAndAnAdminAssignsIt() throws Exception {
        String body = "who is this " + UUID.randomUUID();
        SandboxMessage reply = sandbox.deliverReply("+12065550188", ALICE_ACCOUNT, body);
        TextingService texting = service(TextingService.class);
        String key = "zipwhip:" + reply.id();
        await("the unmatched text", () -> {
            try {
                return texting.unmatched("admin").stream().anyMatch(m -> m.key().equals(key));
            } catch (Exception e) {
                return false;
            }
        });
        texting.assignUnmatched("admin", key, ELI);
        HostRecords records = service(HostRecords.class);
        assertEquals(1, count(records, body));
        assertFalse(texting.unmatched("admin").stream().anyMatch(m -> m.key().equals(key)));
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName))
                .findFirst().orElseThrow();
    }

    /** Texts sent to Eli whose body starts with {@code prefix} (a trailing {@code $}: is exactly it). */
    private static long sentCount(HostRecords records, String prefix) {
        return records.messages(ELI).stream().filter(m -> m.direction() == Direction.OUTBOUND)
                .filter(m -> prefix.endsWith("$") ? m.body().equals(prefix.substring(0, prefix.length() - 1))
                        : m.body().startsWith(prefix))
                .count();
    }

    private static long count(HostRecords records, String body) {
        return records.messages(ELI).stream()
                .filter(m -> m.direction() == Direction.INBOUND && m.body().equals(body)).count();
    }
}
