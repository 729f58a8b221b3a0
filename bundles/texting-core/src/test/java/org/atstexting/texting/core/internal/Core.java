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

import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The core's components wired by hand on one store in a folder, as SCR would wire them,
 * with a clock the test moves. {@link #restart()} builds them anew on the same files, as
 * after a crash (nothing is closed first).
 */
final class Core {

    /** A clock the test sets. */
    static final class MutableClock extends Clock {
        Instant now;

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

    final Path dir;
    final Fixtures.Config config = new Fixtures.Config();
    final Fixtures.Permissions permissions = new Fixtures.Permissions();
    final Fixtures.Archive archive = new Fixtures.Archive();
    final Fixtures.Records records = new Fixtures.Records();
    final List<Event> events = new ArrayList<>();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T15:00:00Z")); // a Monday, 15:00 UTC
    final HistoryProvider provider;
    ProviderRegistry registry;

    CoreStore store;
    CredentialVault vault;
    MessageEventPublisher publisher;
    OptOutRegistry optOuts;
    SentLedger ledger;
    OutboundSender sender;
    DefaultTextingService texting;
    InboundRecorder recorder;
    InboundPoller poller;
    DefaultTemplateService templates;
    SendGate gate;
    org.atstexting.texting.core.internal.bulk.BulkTexting bulk;

    /** The tables' database; null: an embedded H2 database in {@code dir}. */
    private final TextingDatabase database;

    Core(Path dir) throws IOException, org.atstexting.texting.TextingException {
        this(dir, null);
    }

    /** A node on a database shared with other nodes (each node its own folder for what is still local). */
    Core(Path dir, TextingDatabase database) throws IOException, org.atstexting.texting.TextingException {
        this(dir, database, new HistoryProvider());
    }

    /** A core whose provider is {@code provider} (a subclass that can do more). */
    Core(Path dir, TextingDatabase database, HistoryProvider provider)
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
        publisher.eventAdmin = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                events.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                events.add(event);
            }
        };
        registry = Fixtures.registry("zipwhip", provider);
        optOuts = new OptOutRegistry(store, permissions, records, config, clock);
        ledger = new SentLedger(store);
        sender = new OutboundSender(vault, registry, new OutboundArchiver(archive, ledger), publisher, optOuts);
        gate = new SendGate(permissions, vault, optOuts, sender, config);
        texting = new DefaultTextingService(permissions, archive, records, gate, sender);
        // answers sent on the caller's thread (after the monitor): tests count them at once
        recorder = new InboundRecorder(vault, archive, publisher, optOuts, gate, ledger,
                TestStores.helpLimiter(store), config, Runnable::run, clock);
        poller = new InboundPoller(vault, registry, recorder, store, config);
        templates = new DefaultTemplateService(store, permissions, records, new Users(), texting, clock);
        bulk = newBulk();
    }

    org.atstexting.texting.core.internal.bulk.BulkTexting newBulk() {
        return newBulk("node-a", clock, false);
    }

    /** A bulk service on this core's database, as a node with this id would run it. */
    org.atstexting.texting.core.internal.bulk.BulkTexting newBulk(String node, java.time.Clock onClock,
            boolean thread) {
        return new org.atstexting.texting.core.internal.bulk.BulkTexting(
                database != null ? database : TestStores.h2(dir), gate,
                new SentTextFinder(vault, registry, poller, ledger), records, templates, () -> publisher.eventAdmin,
                config, onClock, node, thread);
    }

    /** Builds every component anew on the same files, without closing anything: a crash and a restart. */
    void restart() throws IOException {
        poller.stop();
        build();
    }

    /** Runs the bulk worker until it has nothing to do now; returns how many steps did something. */
    int drain() {
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

    List<Event> events(String topic) {
        return events.stream().filter(e -> e.getTopic().equals(topic)).toList();
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
