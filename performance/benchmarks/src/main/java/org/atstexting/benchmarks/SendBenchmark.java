package org.atstexting.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.atstexting.testsupport.postgres.TestDatabases;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.TextingProvider;


/**
 * Sends per second through the texting service and the Zipwhip provider against the
 * sandbox ("send path"), and raw HttpClient 5 posting the same {@code message/send}
 * requests to the same sandbox ("raw"), at the same concurrency, in one run. The two are
 * measured in alternating rounds (the sandbox is reset before each) so drift hits both
 * alike. The last line printed is {@code send-path/raw ratio: <number>}.
 *
 * <p>The send path is the real one: the core's {@code DefaultTextingService} (permission
 * check, number normalisation, the credential vault with its AES-GCM decryption, the
 * provider registry, events), the core's send archiver handing pages to the real archive on
 * its H2 store, and the real Zipwhip provider with its session, retry strategy and rate
 * limiter (set to "no limit"). Only the host's services (permissions, records) are
 * stand-ins, because the host is the ATS's. A send-path round ends when everything it sent
 * is archived, inside its measured time.
 *
 * <p>Arguments (all optional): threads (default 1: one sender at a time, each send's own
 * latency), seconds per round (default 1), rounds (default 25), after three warm-up rounds of
 * 5 s each. Short rounds, alternating: on a shared machine the rate drifts by 2x within
 * seconds, and a drift that lasts a 5 s round hits one side only. Each round also prints the
 * JVM's CPU time per send (client, sandbox, archive, GC and JIT together).
 */
public final class SendBenchmark {

    static final String BODY = "Hi Dana, are you free Tuesday at 10?";
    private static final String TO = "+12065550123";
    private static final int WARM_UP_ROUNDS = 3;
    /**
     * How many different numbers the sends cycle through ({@code -Dbench.recipients}, default
     * 1: a conversation). The core remembers numbers it validated; many recipients measure
     * a first text to each (a bulk job).
     */
    private static final int RECIPIENTS = Integer.getInteger("bench.recipients", 1);
    private static final AtomicLong NEXT = new AtomicLong();
    /** Held, so the level stays: the log manager keeps loggers only weakly, and a collected one forgets it. */
    private static final Logger QUIET = Logger.getLogger("org.atstexting");
    /**
     * The shared database of the core and the archive ({@code -Dbench.database}): {@code h2}, the
     * embedded default (a file, pooled as the runtime pools it), or {@code postgresql} (the server
     * {@code test-postgres} starts from Maven's binaries).
     */
    private static final String DATABASE = System.getProperty("bench.database", "h2");

    /** The next recipient, the same sequence for both sides: +1 206 200-0000 onwards. */
    static String recipient() {
        return RECIPIENTS <= 1 ? TO : "+1206" + (2_000_000 + NEXT.getAndIncrement() % RECIPIENTS);
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        QUIET.setLevel(Level.WARNING);
        File dir = Files.createTempDirectory("ats-texting-bench").toFile();
        System.setProperty("user.home", dir.getAbsolutePath()); // the credential key file goes here

        try (StandaloneSandboxServer sandbox = StandaloneSandboxServer.start();
                CloseableHttpClient raw = RawZipwhipSend.client(threads)) {
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String account = "20655502" + String.format("%02d", i);
                sandbox.addAccount(account, "pw-" + i);
                accounts.add(account);
            }
            TextingService texting = sendPath(dir, sandbox, accounts, threads);

            System.out.printf("threads %d, %d s per round, %d rounds, database %s, sandbox %s%n", threads, seconds,
                    rounds, DATABASE, sandbox.baseUri());
            // warm-up: pools, sessions, and the JIT, which compiles the send path's larger code base for
            // longer; a round that still compiles would count a compiler thread's CPU against it
            for (int w = 0; w < WARM_UP_ROUNDS; w++) {
                run(threads, 5, i -> sendPathTask(texting, i), sandbox, awaitArchived);
                run(threads, 5, i -> RawZipwhipSend.task(raw, sandbox, accounts.get(i), "pw-" + i), sandbox, () -> { });
            }

            long pathSends = 0, rawSends = 0;
            double pathSeconds = 0, rawSeconds = 0;
            for (int r = 1; r <= rounds; r++) {
                Result path = run(threads, seconds, i -> sendPathTask(texting, i), sandbox, awaitArchived);
                Result direct = run(threads, seconds, i -> RawZipwhipSend.task(raw, sandbox, accounts.get(i), "pw-" + i), sandbox,
                        () -> { });
                System.out.printf("round %d: send path %.0f sends/s (%.0f us CPU each), raw %.0f sends/s (%.0f us CPU"
                        + " each)%n", r, path.perSecond(), path.cpuMicrosPerSend(), direct.perSecond(),
                        direct.cpuMicrosPerSend());
                pathSends += path.sends;
                pathSeconds += path.seconds;
                rawSends += direct.sends;
                rawSeconds += direct.seconds;
            }
            double pathRate = pathSends / pathSeconds;
            double rawRate = rawSends / rawSeconds;
            System.out.printf("send path: %d sends in %.1f s = %.0f sends/s%n", pathSends, pathSeconds, pathRate);
            System.out.printf("raw HttpClient 5: %d sends in %.1f s = %.0f sends/s%n", rawSends, rawSeconds, rawRate);
            System.out.printf("send-path/raw ratio: %.3f%s%n", pathRate / rawRate,
                    DATABASE.equals("h2") ? "" : " (" + DATABASE + ")");
        }
        System.exit(0); // the core's and archive's daemon threads need not be waited for
    }

    /** The core, the archive and the Zipwhip provider, wired by hand as SCR would wire them. */
    static TextingService sendPath(File dir, StandaloneSandboxServer sandbox, List<String> accounts,
            int threads) throws Exception {
        TextingPermissions permissions = Components.permissive(TextingPermissions.class);
        HostRecords records = Components.permissive(HostRecords.class);

        Object coreConfig = Components.config(Components.core("CoreConfiguration"),
                Map.of("pollIntervalSeconds", 0, "keyFile", new File(dir, "credentials.key").getPath()));
        // the core's and the archive's tables in one pooled database, as the runtime keeps them
        TextingDatabase database = DATABASE.equals("postgresql")
                ? TestDatabases.create(TestDatabases.Kind.POSTGRESQL, dir.toPath())
                : TestDatabases.create(TestDatabases.Kind.H2, new File(dir, "db").toPath());
        Object coreStore = Components.create(Components.core("CoreStore"), database);
        Object vault = Components.create(Components.core("CredentialVault"), coreStore, coreConfig,
                Components.dataArea(new File(dir, "core")));
        Object registry = Components.create(Components.core("ProviderRegistry"));
        Object events = Components.create(Components.core("MessageEventPublisher"));

        MessageArchive archive = archive(database, records);

        Object zipwhipConfig = Components.config("org.atstexting.texting.zipwhip.internal.ZipwhipConfiguration",
                Map.of("enabled", true, "apiBaseUrl", sandbox.baseUri().toString(), "sendRatePerSecond", 0));
        // the provider's webhook secrets are the core's shared ones, as in OSGi
        Object providerSecrets = Components.create(Components.core("ProviderSecretStore"),
                coreStore, vault);
        Object inbound = Components.create("org.atstexting.texting.zipwhip.internal.ZipwhipInbound", providerSecrets);
        TextingProvider zipwhip = (TextingProvider) Components.create(
                "org.atstexting.texting.zipwhip.internal.ZipwhipProvider", zipwhipConfig, inbound);
        provider = zipwhip;
        Components.call(registry, "bindProvider", zipwhip, Map.of(TextingProvider.PROVIDER_PROPERTY, "zipwhip"));

        for (int i = 0; i < threads; i++) {
            String account = accounts.get(i);
            Components.call(vault, "save", "zipwhip", account, "+1" + account, "user" + i, "pw-" + i);
        }
        Object optOuts = Components.create(Components.core("OptOutRegistry"), coreStore,
                permissions, records, coreConfig);
        // Zipwhip declares its look-up of sent texts (SentTextLookup), so its sends are archived off the
        // sender's thread
        Object archiver = Components.create(Components.core("OutboundArchiver"), archive, registry);
        Object sender = Components.create(Components.core("OutboundSender"), vault, registry,
                archiver, events, optOuts);
        awaitArchived = () -> Components.call(sender, "awaitArchived");
        Object gate = Components.create(Components.core("SendGate"), permissions, vault, optOuts,
                sender, coreConfig);
        return (TextingService) Components.create(Components.core("DefaultTextingService"),
                permissions, archive, records, gate, sender);
    }

    /** The archive on the shared database, as the runtime has it; none with {@code -Dbench.noArchive}. */
    private static MessageArchive archive(TextingDatabase database, HostRecords records) throws Exception {
        if (Boolean.getBoolean("bench.noArchive")) {
            return Components.permissive(MessageArchive.class);
        }
        // the shared database's store outranks the local file whenever the database is there
        Object archiveStore = Components.create("org.atstexting.texting.archive.internal.SqlArchiveStore", database);
        MessageArchive archive = (MessageArchive) Components.create(
                "org.atstexting.texting.archive.internal.RecordMessageArchive", archiveStore);
        Components.call(archive, "bindRecords", records);
        return archive;
    }

    interface Task {
        void sendOne() throws Exception;
    }

    interface TaskFactory {
        Task forThread(int i) throws Exception;
    }

    /** What a round waits for after its last send, inside its measured time. */
    interface Settle {
        void await() throws Exception;
    }

    /** The send path's round ends when everything it sent is archived: no backlog runs into the next round. */
    static volatile Settle awaitArchived = () -> { };

    static volatile TextingProvider provider;

    private static Task sendPathTask(TextingService texting, int i) {
        if (Boolean.getBoolean("bench.providerOnly")) {
            // the provider alone, without the core: to tell the two apart
            String account = "20655502" + String.format("%02d", i);
            org.atstexting.texting.spi.ProviderCredentials c = new org.atstexting.texting.spi.ProviderCredentials(
                    account, "+1" + account, "pw-" + i);
            return () -> provider.send(c, new org.atstexting.texting.spi.OutboundText(recipient(), BODY));
        }
        return () -> texting.send(SendRequest.toNumber("user" + i, recipient(), BODY));
    }

    record Result(long sends, double seconds, double cpuSeconds) {
        double perSecond() {
            return sends / seconds;
        }

        /** CPU time of the whole JVM (client, sandbox, archive, GC) per send, in microseconds. */
        double cpuMicrosPerSend() {
            return cpuSeconds * 1e6 / sends;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Result run(int threads, int seconds, TaskFactory factory, StandaloneSandboxServer sandbox,
            Settle settle) throws Exception {
        sandbox.reset(); // frees what the last round stored; sessions go too (both sides log in again)
        // the garbage of the last round (the sandbox's stored texts among it) is collected before this
        // one starts, so neither side pays for the other's: alternating rounds would otherwise hand it on
        System.gc();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            tasks.add(factory.forThread(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        List<Future<Long>> counts = new ArrayList<>();
        for (Task task : tasks) {
            counts.add(pool.submit((Callable<Long>) () -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    task.sendOne();
                    n++;
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        settle.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (processCpuNanos() - cpuStart) / 1e9;
        // a send counted is a text the sandbox stored: a side that counted more than it sent is broken
        int stored = sandbox.sent().size();
        if (stored != total) {
            throw new IllegalStateException("counted " + total + " sends but the sandbox stored " + stored
                    + " texts: the benchmark is broken");
        }
        pool.shutdown();
        return new Result(total, elapsed, cpu);
    }
}
