package org.atstexting.host.reference.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostUser;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sets up the reference host's groups, users and records in its tables. Every call checks its
 * input (blank, too long, unknown group or user, invalid number) before it changes anything, and
 * each runs as one transaction.
 */
@Component(service = ReferenceHostAdmin.class)
public final class ReferenceHostAdminImpl implements ReferenceHostAdmin {

    private final HostStore store;

    @Activate
    public ReferenceHostAdminImpl(@Reference HostStore store) {
        this.store = store;
    }

    @Override
    public void addGroup(String name) {
        String group = required(name, "group name", GroupRows.MAX_NAME);
        store.write(c -> GroupRows.insert(c, group));
    }

    @Override
    public void grant(String group, String permissionKey) {
        String key = required(permissionKey, "permission key", GroupRows.MAX_KEY);
        store.write(c -> {
            requireGroup(c, group);
            GroupRows.grant(c, group, key);
            return null;
        });
    }

    @Override
    public void revoke(String group, String permissionKey) {
        String key = required(permissionKey, "permission key", GroupRows.MAX_KEY);
        store.write(c -> {
            requireGroup(c, group);
            GroupRows.revoke(c, group, key);
            return null;
        });
    }

    @Override
    public void addUser(String userId, String displayName, boolean admin, String group) {
        String id = required(userId, "user id", UserRows.MAX_ID);
        String name = required(displayName, "display name", UserRows.MAX_NAME);
        store.write(c -> {
            requireGroup(c, group);
            UserRows.put(c, new StoredUser(id, name, admin, group));
            return null;
        });
    }

    @Override
    public void assignGroup(String userId, String group) {
        store.write(c -> {
            StoredUser user = (userId == null ? Optional.<StoredUser>empty() : UserRows.get(c, userId))
                    .orElseThrow(() -> new IllegalArgumentException("unknown user '" + userId + "'"));
            requireGroup(c, group);
            UserRows.put(c, user.inGroup(group));
            return null;
        });
    }

    @Override
    public Optional<String> groupOf(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return store.read(c -> UserRows.get(c, userId)).map(StoredUser::group);
    }

    @Override
    public Map<String, Set<String>> groups() {
        return store.read(GroupRows::all);
    }

    @Override
    public List<HostUser> users() {
        List<HostUser> result = new ArrayList<>();
        store.read(UserRows::all).forEach(u -> result.add(u.toHostUser()));
        return List.copyOf(result);
    }

    @Override
    public HostRecord addRecord(RecordRef ref, String displayName, String phoneNumber) {
        return addRecord(ref, displayName, phoneNumber, Map.of());
    }

    @Override
    public int addRecords(List<HostRecord> batch) {
        // check everything first: a bad number refuses the batch before anything is written
        List<HostRecord> checked = new ArrayList<>();
        for (HostRecord r : batch) {
            checked.add(checked(r.ref(), r.displayName(), r.phoneNumber(), r.fields()));
        }
        return store.write(c -> {
            RecordRows.putAll(c, checked);
            return checked.size();
        });
    }

    @Override
    public HostRecord addRecord(RecordRef ref, String displayName, String phoneNumber, Map<String, String> fields) {
        HostRecord record = checked(ref, displayName, phoneNumber, fields);
        store.write(c -> {
            RecordRows.put(c, record);
            return null;
        });
        return record;
    }

    /** The record as it will be stored (number in E.164), or a refusal naming what is wrong. */
    private static HostRecord checked(RecordRef ref, String displayName, String phoneNumber,
            Map<String, String> fields) {
        Objects.requireNonNull(ref, "ref");
        required(ref.id(), "record id", RecordRows.MAX_ID);
        String name = required(displayName, "display name", RecordRows.MAX_NAME);
        String number = phoneNumber == null || phoneNumber.isBlank() ? null : PhoneNumbers.toE164(phoneNumber);
        Map<String, String> given = fields == null ? Map.of() : fields;
        if (given.size() > RecordRows.MAX_FIELDS) {
            throw new IllegalArgumentException("a record has at most " + RecordRows.MAX_FIELDS + " merge fields");
        }
        given.forEach((key, value) -> {
            required(key, "merge field name", RecordRows.MAX_FIELD_NAME);
            if (value == null || value.length() > RecordRows.MAX_FIELD_VALUE) {
                throw new IllegalArgumentException("merge field '" + key + "' needs a value of at most "
                        + RecordRows.MAX_FIELD_VALUE + " characters");
            }
        });
        return new HostRecord(ref, name, number, given);
    }

    @Override
    public boolean deleteRecord(RecordRef ref) {
        if (ref == null) {
            return false;
        }
        // its merge fields and attached texts go with it (ON DELETE CASCADE)
        return store.write(c -> RecordRows.delete(c, ref));
    }

    @Override
    public int recordCount() {
        return (int) Math.min(Integer.MAX_VALUE, store.read(RecordRows::count));
    }

    /** Runs {@code change} as one transaction (its admin calls join it): all or nothing. */
    <T> T inOneTransaction(java.util.function.Supplier<T> change) {
        return store.write(change);
    }

    private static void requireGroup(java.sql.Connection c, String group) throws java.sql.SQLException {
        if (group == null || !GroupRows.exists(c, group)) {
            throw new IllegalArgumentException("unknown group '" + group + "'");
        }
    }

    private static String required(String value, String what, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
