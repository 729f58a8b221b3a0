package org.atstexting.texting.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.OptOutStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.h2.mvstore.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/**
 * Who opted out, kept in the core store: the current state per number and every opt-out
 * and opt-in with its time and cause. Opt-outs apply across accounts and providers: a
 * candidate who texts STOP to one recruiter hears from nobody.
 */
@Component(service = { OptOutService.class, OptOutRegistry.class }, configurationPid = CoreConfiguration.PID)
public final class OptOutRegistry implements OptOutService {

    private static final Logger LOG = Logger.getLogger(OptOutRegistry.class.getName());
    static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new InstantJson()).create();

    /** The stored state of a number. */
    record State(boolean optedOut, Instant since) {
    }

    private final CoreStore store;
    private final PermissionGuard guard;
    private final HostRecords records;
    private volatile PhoneNumbers phoneNumbers;
    private final Clock clock;
    private final List<Consumer<OptOutEvent>> changeListeners = new CopyOnWriteArrayList<>();

    @Activate
    public OptOutRegistry(@Reference CoreStore store, @Reference TextingPermissions permissions,
            @Reference HostRecords records, CoreConfiguration config) {
        this(store, permissions, records, config, Clock.systemUTC());
    }

    OptOutRegistry(CoreStore store, TextingPermissions permissions, HostRecords records, CoreConfiguration config,
            Clock clock) {
        this.store = store;
        this.guard = new PermissionGuard(permissions);
        this.records = records;
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
        this.clock = clock;
    }

    /** The default region applies live: a console edit must not restart every part that uses opt-outs. */
    @Modified
    void modified(CoreConfiguration config) {
        this.phoneNumbers = new PhoneNumbers(config.defaultRegion());
    }

    /** Whether an E.164 number opted out. */
    boolean isOptedOut(String e164) {
        String json = store.optOuts().get(e164);
        return json != null && GSON.fromJson(json, State.class).optedOut();
    }

    /** The refusal for a send to an opted-out number. */
    TextingException refusal(String e164) {
        State state = GSON.fromJson(store.optOuts().get(e164), State.class);
        return new TextingException(Reason.OPTED_OUT, e164 + " opted out of texts"
                + (state == null || state.since() == null ? "" : " on " + state.since())
                + "; nothing was sent. The number receives texts again only after it texts START.");
    }

    /** Refuses if the number opted out. */
    void requireNotOptedOut(String e164) throws TextingException {
        if (isOptedOut(e164)) {
            throw refusal(e164);
        }
    }

    /**
     * Records an opt-out or opt-in. The same message (same key) twice is recorded once.
     *
     * @return whether the number's state changed (an opt-out of an opted-out number keeps
     *         the event but changes nothing)
     */
    synchronized boolean record(OptOutEvent event) {
        if (event.messageKey() != null && hasEventFor(event.number(), event.messageKey())) {
            return false;
        }
        boolean optingOut = event.kind() == OptOutEvent.Kind.OPT_OUT;
        boolean changed = isOptedOut(event.number()) != optingOut;
        String prefix = event.number() + "|";
        long seq = 0;
        String last = store.optOutEvents().lowerKey(event.number() + "|~");
        if (last != null && last.startsWith(prefix)) {
            seq = Long.parseLong(last.substring(prefix.length())) + 1;
        }
        store.optOutEvents().put(prefix + String.format("%012d", seq), GSON.toJson(event));
        if (changed) {
            store.optOuts().put(event.number(), GSON.toJson(new State(optingOut, event.at())));
        }
        store.commit();
        LOG.info(() -> event.number() + (optingOut ? " opted out" : " opted in") + " (" + event.source() + ")");
        if (changed) {
            tellChangeListeners(event);
        }
        return changed;
    }

    /** Who hears of every change of a number's state, after it is committed (the providers' opt-out mirrors). */
    void addChangeListener(Consumer<OptOutEvent> listener) {
        changeListeners.add(listener);
    }

    void removeChangeListener(Consumer<OptOutEvent> listener) {
        changeListeners.remove(listener);
    }

    /** Listeners must not block (they hand the news to their own thread); one failing keeps nothing from the others. */
    private void tellChangeListeners(OptOutEvent event) {
        for (Consumer<OptOutEvent> listener : changeListeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warning(() -> "An opt-out listener failed on " + event.number() + ": " + e);
            }
        }
    }

    private boolean hasEventFor(String number, String messageKey) {
        return history(number).stream().anyMatch(e -> messageKey.equals(e.messageKey()));
    }

    List<OptOutEvent> history(String number) {
        List<OptOutEvent> events = new ArrayList<>();
        String prefix = number + "|";
        Cursor<String, String> cursor = store.optOutEvents().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            events.add(GSON.fromJson(cursor.getValue(), OptOutEvent.class));
        }
        return events;
    }

    OptOutStatus statusOf(String e164) {
        State state = GSON.fromJson(store.optOuts().get(e164), State.class);
        return new OptOutStatus(e164, state != null && state.optedOut(), state == null ? null : state.since(),
                history(e164));
    }

    @Override
    public OptOutStatus status(String actingUserId, String number) throws TextingException {
        requireCanSee(actingUserId);
        return statusOf(phoneNumbers.toE164(number));
    }

    @Override
    public OptOutStatus status(String actingUserId, RecordRef record) throws TextingException {
        requireCanSee(actingUserId);
        HostRecord found = records.record(record).orElseThrow(() -> new TextingException(Reason.RECORD_NOT_FOUND,
                "There is no record " + record));
        if (found.phoneNumber() == null) {
            throw new TextingException(Reason.INVALID_INPUT, found.displayName() + " (" + record
                    + ") has no phone number");
        }
        return statusOf(phoneNumbers.toE164(found.phoneNumber()));
    }

    @Override
    public List<OptOutStatus> optedOut(String actingUserId) throws TextingException {
        guard.requireAdmin(actingUserId);
        List<OptOutStatus> result = new ArrayList<>();
        store.optOuts().forEach((number, json) -> {
            if (GSON.fromJson(json, State.class).optedOut()) {
                result.add(statusOf(number));
            }
        });
        return result;
    }

    @Override
    public OptOutStatus optOut(String actingUserId, String number, String note) throws TextingException {
        guard.requireAdmin(actingUserId);
        String e164 = phoneNumbers.toE164(number);
        String cause = note == null || note.isBlank() ? "recorded by an admin" : note.strip();
        record(new OptOutEvent(e164, OptOutEvent.Kind.OPT_OUT, clock.instant(), cause, OptOutEvent.ADMIN, null,
                actingUserId));
        return statusOf(e164);
    }

    private void requireCanSee(String userId) throws TextingException {
        if (!guard.canText(userId) && !guard.canViewMessages(userId)) {
            guard.requireViewMessages(userId);
        }
    }
}
