package org.atstexting.texting.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.core.internal.archiving.OutboundArchiver;
import org.atstexting.texting.core.internal.bulk.BulkTexting;
import org.atstexting.texting.core.internal.credentials.CredentialCipher;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.inbound.InboundPoller;
import org.atstexting.texting.core.internal.inbound.InboundRecorder;
import org.atstexting.texting.core.internal.optout.OptOutRegistry;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.providers.SentTextFinder;
import org.atstexting.texting.core.internal.sending.DefaultTextingService;
import org.atstexting.texting.core.internal.sending.MessageEventPublisher;
import org.atstexting.texting.core.internal.sending.OutboundSender;
import org.atstexting.texting.core.internal.sending.SendGate;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.templates.DefaultTemplateService;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.event.Event;

/**
 * The core's components wired by hand on one store in a folder, as SCR would wire them,
 * with a clock the test moves. {@link #restart()} builds them anew on the same files, as
 * after a crash (nothing is closed first).
 */
public final class Core {

    /** A clock the test sets. */
    public static final class MutableClock extends Clock {
        public Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final class Users implements HostUsers {
        @Override
        public Optional<HostUser> user(String userId) {
            return switch (userId) {
                case "alice" -> Optional.of(new HostUser("alice", "Alice Recruiter", false));
                case "admin" -> Optional.of(new HostUser("admin", "Ada Admin", true));
                case "nameless" -> Optional.of(new HostUser("nameless", " ", false));
                default -> Optional.empty();
            };
        }
    }

    public final Path dir;
    public final Fixtures.Config config = new Fixtures.Config();
    public final Fixtures.Permissions permissions = new Fixtures.Permissions();
    public final Fixtures.Archive archive = new Fixtures.Archive();
    public final Fixtures.Records records = new Fixtures.Records();
    public final List<Event> events = new ArrayList<>();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z")); // a Monday, 15:00 UTC
    public final HistoryProvider provider;
    public ProviderRegistry registry;

    public CoreStore store;
    public CredentialVault vault;
    public MessageEventPublisher publisher;
    public OptOutRegistry optOuts;
    OutboundSender sender;
    public DefaultTextingService texting;
    public InboundRecorder recorder;
    public InboundPoller poller;
    public DefaultTemplateService templates;
    public SendGate gate;
    public org.atstexting.texting.core.internal.bulk.BulkTexting bulk;

    /** The tables' database; null: an embedded H2 database in {@code dir}. */
    private final TextingDatabase database;

    public Core(Path dir) throws IOException, org.atstexting.texting.TextingException {
        this(dir, null);
    }

    /** A node on a database shared with other nodes (each node its own folder for what is still local). */
    public Core(Path dir, TextingDatabase database) throws IOException, org.atstexting.texting.TextingException {
        this(dir, database, new LookupProvider());
    }

    /** A core whose provider is {@code provider} (a subclass that can do more). */
    public Core(Path dir, TextingDatabase database, HistoryProvider provider)
            throws IOException, org.atstexting.texting.TextingException {
        this.dir = dir;
        this.database = database;
        this.provider = provider;
        // nodes on one database share one key (every node must have the same), kept beside their folders
        Path keys = database == null ? dir.resolve("keys") : dir.toAbsolutePath().getParent().resolve("keys");
        config.keyFile = keys.resolve("credentials.key").toString();
        build();
        vault.save("zipwhip", "2065550101", "+12065550101", "alice", "alice-pw");
    }

    private void build() throws IOException {
        Files.createDirectories(dir);
        store = database == null ? TestStores.core(dir.resolve("core.mv"))
                : TestStores.on(dir.resolve("core.mv"), database);
        vault = new CredentialVault(store, CredentialCipher.fromKeyFile(Path.of(config.keyFile)));
        publisher = new MessageEventPublisher();
        publisher.eventAdmin(Fixtures.events(events));
        registry = Fixtures.registry("zipwhip", provider);
        optOuts = new OptOutRegistry(store, permissions, records, config, clock);
        sender = new OutboundSender(vault, registry, new OutboundArchiver(archive, registry), publisher, optOuts);
        gate = new SendGate(permissions, vault, optOuts, sender, config);
        texting = new DefaultTextingService(permissions, archive, records, gate, sender);
        // answers sent on the caller's thread (after the monitor): tests count them at once
        recorder = new InboundRecorder(vault, archive, publisher, optOuts, gate, TestStores.helpLimiter(store),
                config, Runnable::run, clock);
        poller = new InboundPoller(vault, registry, recorder, store, config);
        templates = new DefaultTemplateService(store, permissions, records, new Users(), texting, clock);
        bulk = newBulk();
    }

    public org.atstexting.texting.core.internal.bulk.BulkTexting newBulk() {
        return newBulk("node-a", clock, false);
    }

    /** A bulk service on this core's database, as a node with this id would run it. */
    public org.atstexting.texting.core.internal.bulk.BulkTexting newBulk(String node, java.time.Clock onClock,
            boolean thread) {
        return new org.atstexting.texting.core.internal.bulk.BulkTexting(
                database != null ? database : TestStores.h2(dir), gate,
                new SentTextFinder(vault, registry), records, templates, publisher::eventAdmin,
                config, onClock, node, thread);
    }

    /** Builds every component anew on the same files, without closing anything: a crash and a restart. */
    public void restart() throws IOException {
        poller.stop();
        build();
    }

    /** Runs the bulk worker until it has nothing to do now; returns how many steps did something. */
    public int drain() {
        int steps = 0;
        while (true) {
            Instant next = bulk.step();
            if (next != null) {
                if (!next.isAfter(clock.now.plusMillis(10))) {
                    clock.now = next;
                    continue;
                }
                return steps;
            }
            steps++;
            if (steps > 1_000_000) {
                throw new AssertionError("the bulk worker does not settle");
            }
        }
    }

    List<String> topics() {
        return events.stream().map(Event::getTopic).toList();
    }

    public List<Event> events(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
