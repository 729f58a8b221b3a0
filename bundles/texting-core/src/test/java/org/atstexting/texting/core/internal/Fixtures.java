package org.atstexting.texting.core.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.archive.ArchiveItem;
import org.atstexting.texting.archive.ArchiveOutcome;
import org.atstexting.texting.archive.MessageArchive;
import org.atstexting.texting.core.internal.bulk.BulkConfiguration;
import org.atstexting.texting.core.internal.credentials.CredentialCipher;
import org.atstexting.texting.core.internal.credentials.CredentialVault;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.TextingProvider;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/** Small in-memory stand-ins for the services the core components are built with. */
public final class Fixtures {

    private Fixtures() {
    }

    public static CoreConfiguration config(Path keyFile, int pollSeconds) {
        Config config = new Config();
        config.keyFile = keyFile.toString();
        config.pollIntervalSeconds = pollSeconds;
        return config;
    }

    /** The core's configuration with every value settable. */
    public static final class Config implements CoreConfiguration, org.atstexting.texting.core.internal.bulk.BulkConfiguration {
        String defaultRegion = "US";
        int maxBodyLength = 1600;
        public int pollIntervalSeconds;
        String keyFile = "";
        public String credentialKey = "";
        public String previousCredentialKey = "";
        String previousKeyFile = "";
        public String helpReply = "HELP reply";
        String optOutConfirmation = "You are unsubscribed";
        String optInConfirmation = "You are subscribed again";
        public double bulkSendsPerSecond = 1000;
        public String sendWindowStart = "08:00";
        public String sendWindowEnd = "20:00";
        String sendWindowZone = "UTC";
        public int pollBatchesPerRound = 5;
        public int helpReplyIntervalMinutes = 10;

        public int claimSeconds = 120;
        public int sendCheckMemoryMillis = 250;

        @Override
        public int sendCheckMemoryMillis() {
            return sendCheckMemoryMillis;
        }

        @Override
        public int claimSeconds() {
            return claimSeconds;
        }

        @Override
        public String nodeId() {
            return "";
        }

        @Override
        public int pollBatchesPerRound() {
            return pollBatchesPerRound;
        }

        @Override
        public int helpReplyIntervalMinutes() {
            return helpReplyIntervalMinutes;
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return CoreConfiguration.class;
        }

        @Override
        public String defaultRegion() {
            return defaultRegion;
        }

        @Override
        public int maxBodyLength() {
            return maxBodyLength;
        }

        @Override
        public int pollIntervalSeconds() {
            return pollIntervalSeconds;
        }

        @Override
        public String keyFile() {
            return keyFile;
        }

        @Override
        public String credentialKey() {
            return credentialKey;
        }

        @Override
        public String previousCredentialKey() {
            return previousCredentialKey;
        }

        @Override
        public String previousKeyFile() {
            return previousKeyFile;
        }

        @Override
        public String helpReply() {
            return helpReply;
        }

        @Override
        public String optOutConfirmation() {
            return optOutConfirmation;
        }

        @Override
        public String optInConfirmation() {
            return optInConfirmation;
        }

        @Override
        public double bulkSendsPerSecond() {
            return bulkSendsPerSecond;
        }

        @Override
        public String sendWindowStart() {
            return sendWindowStart;
        }

        @Override
        public String sendWindowEnd() {
            return sendWindowEnd;
        }

        @Override
        public String sendWindowZone() {
            return sendWindowZone;
        }
    }

    public static CredentialVault vault(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new CredentialVault(TestStores.core(dir.resolve("core.mv")),
                CredentialCipher.fromKeyFile(dir.resolve("keys").resolve("credentials.key")));
    }

    /** admin is an administrator; alice and admin hold Can Text; bob holds nothing. */
    public static final class Permissions implements TextingPermissions {
        public final Set<String> canText = new java.util.HashSet<>(Set.of("alice", "admin"));

        @Override
        public boolean canText(String userId) {
            return canText.contains(userId);
        }

        final Set<String> canView = new java.util.HashSet<>(Set.of("alice", "admin"));

        @Override
        public boolean canViewMessages(String userId) {
            return canView.contains(userId);
        }

        @Override
        public boolean isAdmin(String userId) {
            return "admin".equals(userId);
        }
    }

    public static final class RecordingProvider implements TextingProvider {
        public final List<OutboundText> sent = new ArrayList<>();
        public final List<ProviderCredentials> usedCredentials = new ArrayList<>();
        public ProviderException failure;
        int nextId = 500;

        @Override
        public ProviderReceipt send(ProviderCredentials credentials, OutboundText text) throws ProviderException {
            if (failure != null) {
                throw failure;
            }
            usedCredentials.add(credentials);
            sent.add(text);
            return new ProviderReceipt(Integer.toString(nextId++), DeliveryStatus.QUEUED, Instant.now());
        }

        @Override
        public CredentialCheck test(ProviderCredentials credentials) {
            return credentials.password().equals("right")
                    ? new CredentialCheck(CredentialCheck.Outcome.OK, "ok")
                    : new CredentialCheck(CredentialCheck.Outcome.BAD_CREDENTIALS, "wrong password");
        }

        @Override
        public InboundBatch fetchInbound(ProviderCredentials credentials, String cursor) {
            return new InboundBatch(List.of(), cursor);
        }
    }

    /** An event service that keeps every event posted or sent, in order. */
    public static EventAdmin events(List<Event> into) {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                into.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                into.add(event);
            }
        };
    }

    public static ProviderRegistry registry(String key, TextingProvider provider) {
        ProviderRegistry registry = new ProviderRegistry();
        registry.bindProvider(provider, Map.of(TextingProvider.PROVIDER_PROPERTY, key));
        return registry;
    }

    /**
     * The archive's contract in memory, answered at once: a text once, a status forward
     * only, each item answered with what it changed.
     */
    public static final class Archive implements MessageArchive {
        public final List<TextMessage> archived = new ArrayList<>();
        public final List<RecordRef> origins = new ArrayList<>();
        /** The keys of each batch of more than one item. */
        public final List<List<String>> pages = new ArrayList<>();

        /** Archives a text directly (a test's set-up). */
        public synchronized ArchiveOutcome archive(TextMessage message, RecordRef origin) {
            return write(ArchiveItem.text(message, origin));
        }

        @Override
        public synchronized CompletionStage<List<ArchiveOutcome>> archive(List<ArchiveItem> items) {
            if (items.size() > 1) {
                pages.add(items.stream().map(ArchiveItem::messageKey).toList());
            }
            return CompletableFuture.completedFuture(items.stream().map(this::write).toList());
        }

        private ArchiveOutcome write(ArchiveItem item) {
            Optional<TextMessage> known = find(item.messageKey());
            if (item instanceof ArchiveItem.Text text && known.isEmpty()) {
                archived.add(text.message());
                origins.add(text.origin());
                return new ArchiveOutcome(ArchiveOutcome.Change.NEW, text.message(), records(text.origin()));
            }
            if (known.isEmpty()) {
                return new ArchiveOutcome(ArchiveOutcome.Change.UNKNOWN, null, List.of());
            }
            int at = archived.indexOf(known.get());
            DeliveryStatus status = item instanceof ArchiveItem.Text text ? text.message().status()
                    : ((ArchiveItem.Status) item).status();
            org.atstexting.texting.DeliveryFailure failure = item instanceof ArchiveItem.Text text
                    ? text.message().failure() : ((ArchiveItem.Status) item).failure();
            if (!known.get().status().canMoveTo(status)) {
                return new ArchiveOutcome(ArchiveOutcome.Change.UNCHANGED, known.get(), records(origins.get(at)));
            }
            archived.set(at, known.get().withStatus(status, failure));
            return new ArchiveOutcome(ArchiveOutcome.Change.STATUS_MOVED, archived.get(at), records(origins.get(at)));
        }

        private static List<RecordRef> records(RecordRef origin) {
            return origin == null ? List.of() : List.of(origin);
        }

        @Override
        public boolean assign(String messageKey, RecordRef record) {
            return false;
        }

        @Override
        public synchronized Optional<TextMessage> find(String messageKey) {
            return archived.stream().filter(m -> m.key().equals(messageKey)).findFirst();
        }

        @Override
        public List<TextMessage> unmatched() {
            return List.of();
        }
    }

    public static final class Records implements HostRecords {
        public final Map<RecordRef, HostRecord> records = new HashMap<>();

        public Records with(String ref, String name, String phone) {
            RecordRef r = RecordRef.parse(ref);
            records.put(r, new HostRecord(r, name, phone));
            return this;
        }

        @Override
        public Optional<HostRecord> record(RecordRef ref) {
            return Optional.ofNullable(records.get(ref));
        }

        @Override
        public List<HostRecord> findByPhone(String e164) {
            return records.values().stream().filter(r -> e164.equals(r.phoneNumber())).toList();
        }

        @Override
        public boolean attach(RecordRef ref, TextMessage message) {
            return records.containsKey(ref);
        }

        @Override
        public List<TextMessage> messages(RecordRef ref) {
            return List.of();
        }
    }
}
