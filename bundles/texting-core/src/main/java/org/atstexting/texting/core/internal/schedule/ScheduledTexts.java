package org.atstexting.texting.core.internal.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.BulkRequest;
import org.atstexting.texting.ScheduleRequest;
import org.atstexting.texting.ScheduledText;
import org.atstexting.texting.ScheduledTextService;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.bulk.BulkConfiguration;
import org.atstexting.texting.core.internal.bulk.BulkTexting;
import org.atstexting.texting.core.internal.bulk.QuietHours;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Scheduled texts and bulk jobs: stored at once ({@link ScheduleStore}), and when due sent
 * by whichever node claims them first, through the same services as a text sent then. A
 * single text due in quiet hours (the bulk settings) waits for the recipient's window. A node
 * that dies while sending leaves its claim to run out: its bulk job is started again under the
 * same id (a no-op if it had started), its single text is marked failed rather than resent.
 */
@Component(service = { ScheduledTextService.class, ScheduledTexts.class }, configurationPid = BulkConfiguration.PID,
        immediate = true)
public final class ScheduledTexts implements ScheduledTextService {

    private static final Logger LOG = Logger.getLogger(ScheduledTexts.class.getName());
    static final Duration TICK = Duration.ofSeconds(5);
    static final Duration FURTHEST = Duration.ofDays(366);

    private final ScheduleStore store;
    private final SendGate gate;
    private final org.atstexting.texting.TextingService texting;
    private final BulkTexting bulk;
    private final org.atstexting.texting.host.HostRecords records;
    private final Clock clock;
    private final String node;
    private volatile QuietHours quietHours;
    private volatile int leaseSeconds;
    private volatile boolean stopped;
    private final Thread thread;

    @Activate
    public ScheduledTexts(@Reference TextingDatabase database, @Reference SendGate gate,
            @Reference org.atstexting.texting.TextingService texting, @Reference BulkTexting bulk,
            @Reference org.atstexting.texting.host.HostRecords records, BulkConfiguration config,
            BundleContext context) {
        this(database, gate, texting, bulk, records, config, Clock.systemUTC(), BulkTexting.nodeId(config, context),
                true);
    }

    public ScheduledTexts(TextingDatabase database, SendGate gate, org.atstexting.texting.TextingService texting,
            BulkTexting bulk, org.atstexting.texting.host.HostRecords records, BulkConfiguration config, Clock clock,
            String node, boolean startThread) {
        this.store = new ScheduleStore(database);
        this.gate = gate;
        this.texting = texting;
        this.bulk = bulk;
        this.records = records;
        this.clock = clock;
        this.node = node;
        modified(config);
        if (startThread) {
            thread = new Thread(this::work, "ats-texting scheduled texts");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    @Modified
    void modified(BulkConfiguration config) {
        quietHours = QuietHours.of(config);
        leaseSeconds = Math.max(10, config.claimSeconds());
    }

    @Deactivate
    public void stop() {
        stopped = true;
        if (thread != null) {
            thread.interrupt(); // only its sleep: a send under way is not interruptible here
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------ API

    @Override
    public ScheduledText schedule(ScheduleRequest request) throws TextingException {
        String user = request.actingUserId();
        gate.requireCanText(user);
        Instant now = clock.instant();
        if (request.sendAt().isAfter(now.plus(FURTHEST))) {
            throw new TextingException(Reason.INVALID_INPUT, "A text can be scheduled at most a year ahead");
        }
        String description;
        if (request.text() != null) {
            SendRequest text = request.text();
            gate.checkBody(text.body());
            if (text.record() == null) {
                gate.toE164(text.to());
            }
            description = (text.record() != null ? text.record().toString() : text.to()) + ": " + shorten(text.body());
        } else {
            BulkRequest b = request.bulk();
            if (b.records().isEmpty()) {
                throw new TextingException(Reason.INVALID_INPUT, "A bulk text needs at least one record");
            }
            description = b.records().size() + " records: " + (b.templateName() != null ? "template "
                    + b.templateName() : shorten(gate.checkBody(b.body())));
        }
        ScheduledText item = new ScheduledText(UUID.randomUUID().toString(), user,
                request.text() != null ? ScheduledText.Kind.TEXT : ScheduledText.Kind.BULK, request.sendAt(),
                ScheduledText.State.SCHEDULED, description, null, null, now);
        store.create(item, ScheduleCodec.write(request));
        LOG.info(() -> "Scheduled " + item.kind() + " " + item.id() + " of " + user + " for " + item.sendAt());
        return item;
    }

    @Override
    public List<ScheduledText> scheduled(String actingUserId) throws TextingException {
        gate.requireCanText(actingUserId);
        return store.items(gate.isAdmin(actingUserId) ? null : actingUserId).stream()
                .map(ScheduleStore.Item::view).toList();
    }

    @Override
    public ScheduledText cancel(String actingUserId, String id) throws TextingException {
        gate.requireCanText(actingUserId);
        ScheduledText item = store.item(id).map(ScheduleStore.Item::view).orElseThrow(() -> new TextingException(
                Reason.RECORD_NOT_FOUND, "There is no scheduled text " + id));
        if (!item.userId().equals(actingUserId) && !gate.isAdmin(actingUserId)) {
            throw new TextingException(Reason.NOT_PERMITTED, "Scheduled text " + id + " belongs to " + item.userId()
                    + "; only they or an admin may cancel it");
        }
        if (!store.cancel(id)) {
            throw new TextingException(Reason.INVALID_INPUT, "Scheduled text " + id + " is " + store.item(id)
                    .map(i -> i.view().state().name().toLowerCase()).orElse("gone") + " and can no longer be cancelled");
        }
        return store.item(id).orElseThrow().view();
    }

    // ------------------------------------------------------------------ sending

    /** Sends what is due now and settles what a dead node left; public for tests that drive it with their clock. */
    public int tick() {
        int done = 0;
        for (ScheduleStore.Item item : store.claimAbandoned(node, leaseSeconds)) {
            settleAbandoned(item);
            done++;
        }
        for (ScheduleStore.Item item : store.claimDue(node, clock.instant(), leaseSeconds, 20)) {
            send(item);
            done++;
        }
        return done;
    }

    private void send(ScheduleStore.Item item) {
        ScheduledText view = item.view();
        ScheduleRequest request = ScheduleCodec.read(item.request());
        try {
            if (request.bulk() != null) {
                String job = bulk.startAs(view.id(), request.bulk()).id();
                store.settle(view.id(), node, ScheduledText.State.SENT, view.sendAt(), job, null);
                return;
            }
            Instant now = clock.instant();
            Instant allowed = quietHours.nextAllowed(now, zoneOf(request.text()));
            if (allowed.isAfter(now)) {
                store.settle(view.id(), node, ScheduledText.State.SCHEDULED, allowed, null,
                        "Waits for quiet hours (" + quietHours + ") to end");
                return;
            }
            String key = texting.send(request.text()).key();
            store.settle(view.id(), node, ScheduledText.State.SENT, view.sendAt(), key, null);
        } catch (TextingException e) {
            store.settle(view.id(), node, ScheduledText.State.FAILED, view.sendAt(), null,
                    e.reason() + ": " + e.getMessage());
        }
    }

    /** What a node that died while sending left: a bulk job starts (again, at most once), a text is not resent. */
    private void settleAbandoned(ScheduleStore.Item item) {
        ScheduledText view = item.view();
        if (view.kind() == ScheduledText.Kind.BULK) {
            send(item); // the job id is the item's: starting it again is a no-op if it had started
            return;
        }
        store.settle(view.id(), node, ScheduledText.State.FAILED, view.sendAt(), null, "The node sending it stopped "
                + "in the middle; it may have gone out, so it was not sent again (nobody is texted twice): check "
                + "the conversation");
    }

    private ZoneId zoneOf(SendRequest text) {
        if (text.record() != null) {
            java.util.Optional<ZoneId> zone = records.record(text.record()).flatMap(QuietHours::zoneOf);
            return zone.orElse(quietHours.zone(null));
        }
        return quietHours.zone(null);
    }

    private static String shorten(String body) {
        return body.length() > 40 ? body.substring(0, 40) + "..." : body;
    }

    private void work() {
        while (!stopped) {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Sending scheduled texts failed; trying again shortly", e);
            }
            try {
                Thread.sleep(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
