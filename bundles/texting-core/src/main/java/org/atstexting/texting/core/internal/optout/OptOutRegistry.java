package org.atstexting.texting.core.internal.optout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.atstexting.texting.OptOutEvent;
import org.atstexting.texting.OptOutService;
import org.atstexting.texting.OptOutStatus;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.core.internal.sending.PermissionGuard;
import org.atstexting.texting.core.internal.sending.PhoneNumbers;
import org.atstexting.texting.core.internal.store.ChangeFeed;
import org.atstexting.texting.core.internal.store.ChangeLog;
import org.atstexting.texting.core.internal.store.CoreConfiguration;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.InstantJson;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.jdbc.TextingDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * Who opted out, kept in the shared database ({@code core_opt_out}, {@code core_opt_out_event}):
 * the current state per number and every opt-out and opt-in with its time and cause. Opt-outs
 * apply across accounts, providers and nodes: a candidate who texts STOP to one recruiter hears
 * from nobody. A change of a number's state is also written to the change log in its
 * transaction, and {@link #record} returns only when every node's memory of opt-outs
 * ({@link org.atstexting.texting.core.internal.store.ChangeFeed}) has had to read it: from then on
 * every node refuses the number.
 */
@Component(service = { OptOutService.class, OptOutRegistry.class }, configurationPid = CoreConfiguration.PID)
public final class OptOutRegistry implements OptOutService {

    private static final Logger LOG = Logger.getLogger(OptOutRegistry.class.getName());
    /** JSON for the bulk jobs' MVStore maps only, until they move to tables (opt-outs are typed rows, {@link OptOutRows}). */
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

    public OptOutRegistry(CoreStore store, TextingPermissions permissions, HostRecords records, CoreConfiguration config,
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

    /** Whether an E.164 number opted out, asked of the database (sends ask the node's memory first: {@code CredentialVault#readiness}). */
    public boolean isOptedOut(String e164) {
        State state = state(e164);
        return state != null && state.optedOut();
    }

    /** The refusal for a send to an opted-out number. */
    public TextingException refusal(String e164) {
        State state = state(e164);
        return new TextingException(Reason.OPTED_OUT, e164 + " opted out of texts"
                + (state == null || state.since() == null ? "" : " on " + state.since())
                + "; nothing was sent. The number receives texts again only after it texts START.");
    }

    /** Refuses if the number opted out. */
    public void requireNotOptedOut(String e164) throws TextingException {
        if (isOptedOut(e164)) {
            throw refusal(e164);
        }
    }

    /**
     * Records an opt-out or opt-in, in one transaction that holds the number's row: the event
     * and the state change together, and two nodes recording for one number queue. The same
     * message (same key) twice is recorded once, whichever node sees it. A change returns only
     * after the core's "send checks from memory" time has passed since it committed.
     *
     * @return whether the number's state changed (an opt-out of an opted-out number keeps
     *         the event but changes nothing)
     */
    public boolean record(OptOutEvent event) {
        boolean optingOut = event.kind() == OptOutEvent.Kind.OPT_OUT;
        Boolean changed;
        try {
            changed = store.database().inTransaction(c -> {
                State before = lockState(c, event.number());
                try (PreparedStatement insert = c.prepareStatement(OptOutRows.INSERT_EVENT)) {
                    OptOutRows.bindEvent(insert, event);
                    if (insert.executeUpdate() == 0) {
                        return null; // this message was recorded already
                    }
                }
                boolean change = before.optedOut() != optingOut;
                if (change) {
                    try (PreparedStatement update = c.prepareStatement(
                            "UPDATE core_opt_out SET opted_out = ?, since = ? WHERE number = ?")) {
                        update.setBoolean(1, optingOut);
                        update.setObject(2, TextingDatabase.timestamp(event.at()));
                        update.setString(3, event.number());
                        update.executeUpdate();
                    }
                    ChangeLog.record(c, optingOut ? ChangeLog.Kind.OPT_OUT : ChangeLog.Kind.OPT_IN, event.number());
                }
                return change;
            });
        } catch (SQLException e) {
            throw new StoreException("recording " + (optingOut ? "an opt-out" : "an opt-in") + " of " + event.number(), e);
        }
        if (changed == null || !changed) {
            // made already, perhaps a moment ago at another node: returns no sooner than that writer
            store.changes().alreadyInForce(event.number());
        } else {
            // returns once every node's memory of opt-outs has had to read this change
            store.changes().confirmed(System.nanoTime());
        }
        if (changed == null) {
            return false; // this message was recorded already
        }
        LOG.info(() -> event.number() + (optingOut ? " opted out" : " opted in") + " (" + event.source() + ")");
        if (changed) {
            tellChangeListeners(event);
        }
        return changed;
    }

    /**
     * A scope in which this thread's {@link #record} calls return without waiting for every node;
     * closing it waits once, for the last change (see {@link ChangeFeed#confirmingOnce}).
     */
    public ChangeFeed.Confirmation confirmingOnce() {
        return store.changes().confirmingOnce();
    }

    /** The number's state row, created (opted in) if missing, and locked until the transaction ends. */
    private static State lockState(Connection c, String number) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO core_opt_out (number, opted_out) VALUES (?, FALSE) ON CONFLICT DO NOTHING")) {
            insert.setString(1, number);
            insert.executeUpdate();
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT opted_out, since FROM core_opt_out WHERE number = ? FOR UPDATE")) {
            select.setString(1, number);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return OptOutRows.readState(row);
            }
        }
    }

    private State state(String e164) {
        try (Connection c = store.database().connection(); PreparedStatement select = c.prepareStatement(
                "SELECT opted_out, since FROM core_opt_out WHERE number = ?")) {
            select.setString(1, e164);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? OptOutRows.readState(row) : null;
            }
        } catch (SQLException e) {
            throw new StoreException("reading the opt-out state of " + e164, e);
        }
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

    public List<OptOutEvent> history(String number) {
        try (Connection c = store.database().connection(); PreparedStatement select = c.prepareStatement(
                OptOutRows.SELECT_EVENTS + " WHERE number = ? ORDER BY id")) {
            select.setString(1, number);
            List<OptOutEvent> events = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    events.add(OptOutRows.readEvent(row));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new StoreException("reading the opt-out history of " + number, e);
        }
    }

    public OptOutStatus statusOf(String e164) {
        State state = state(e164);
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
        List<String> numbers = new ArrayList<>();
        try (Connection c = store.database().connection(); PreparedStatement select = c.prepareStatement(
                "SELECT number FROM core_opt_out WHERE opted_out = TRUE ORDER BY number");
                ResultSet row = select.executeQuery()) {
            while (row.next()) {
                numbers.add(row.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("listing opted-out numbers", e);
        }
        List<OptOutStatus> result = new ArrayList<>();
        for (String number : numbers) {
            result.add(statusOf(number));
        }
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
