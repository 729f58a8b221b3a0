package org.atstexting.host.reference.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostUser;
import org.h2.mvstore.Cursor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sets up the reference host's groups, users and records, and keeps the phone index
 * current as records are added, renumbered and deleted. Every call checks its input
 * before it changes anything, and each runs as one committed write.
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
        String group = required(name, "group name");
        store.write(() -> store.groups().putIfAbsent(group, Json.writeSet(Set.of())));
    }

    @Override
    public void grant(String group, String permissionKey) {
        String key = required(permissionKey, "permission key");
        store.write(() -> {
            TreeSet<String> grants = grantsOf(group);
            if (grants.add(key)) {
                store.groups().put(group, Json.writeSet(grants));
            }
        });
    }

    @Override
    public void revoke(String group, String permissionKey) {
        String key = required(permissionKey, "permission key");
        store.write(() -> {
            TreeSet<String> grants = grantsOf(group);
            if (grants.remove(key)) {
                store.groups().put(group, Json.writeSet(grants));
            }
        });
    }

    @Override
    public void addUser(String userId, String displayName, boolean admin, String group) {
        String id = required(userId, "user id");
        String name = required(displayName, "display name");
        store.write(() -> {
            grantsOf(group); // the group must exist
            store.users().put(id, Json.write(new StoredUser(id, name, admin, group)));
        });
    }

    @Override
    public void assignGroup(String userId, String group) {
        store.write(() -> {
            StoredUser user = userOf(userId);
            grantsOf(group);
            store.users().put(user.id(), Json.write(user.inGroup(group)));
        });
    }

    @Override
    public Optional<String> groupOf(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Json.read(store.users().get(userId), StoredUser.class)).map(StoredUser::group);
    }

    @Override
    public Map<String, Set<String>> groups() {
        Map<String, Set<String>> result = new LinkedHashMap<>();
        store.groups().forEach((name, json) -> result.put(name, Set.copyOf(Json.readSet(json))));
        return result;
    }

    @Override
    public List<HostUser> users() {
        List<HostUser> result = new ArrayList<>();
        for (String json : store.users().values()) {
            result.add(Json.read(json, StoredUser.class).toHostUser());
        }
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
            String number = r.phoneNumber() == null || r.phoneNumber().isBlank() ? null
                    : PhoneNumbers.toE164(r.phoneNumber());
            checked.add(new HostRecord(r.ref(), required(r.displayName(), "display name"), number, r.fields()));
        }
        return store.write(() -> {
            checked.forEach(r -> addRecord(r.ref(), r.displayName(), r.phoneNumber(), r.fields()));
            return checked.size();
        });
    }

    @Override
    public HostRecord addRecord(RecordRef ref, String displayName, String phoneNumber, Map<String, String> fields) {
        Objects.requireNonNull(ref, "ref");
        String name = required(displayName, "display name");
        String number = phoneNumber == null || phoneNumber.isBlank() ? null : PhoneNumbers.toE164(phoneNumber);
        HostRecord record = new HostRecord(ref, name, number, fields);
        String key = ref.toString();
        return store.write(() -> {
            HostRecord previous = Json.read(store.records().put(key, Json.write(record)), HostRecord.class);
            String previousNumber = previous == null ? null : previous.phoneNumber();
            if (!Objects.equals(previousNumber, number)) {
                unindex(previousNumber, key);
                index(number, key);
            }
            return record;
        });
    }

    @Override
    public boolean deleteRecord(RecordRef ref) {
        if (ref == null) {
            return false;
        }
        String key = ref.toString();
        return store.write(() -> {
            HostRecord removed = Json.read(store.records().remove(key), HostRecord.class);
            if (removed == null) {
                return false;
            }
            unindex(removed.phoneNumber(), key);
            removeAttachments(ref);
            return true;
        });
    }

    @Override
    public int recordCount() {
        return (int) Math.min(Integer.MAX_VALUE, store.records().sizeAsLong());
    }

    private void index(String number, String recordKey) {
        if (number == null) {
            return;
        }
        TreeSet<String> refs = Json.readSet(store.phoneIndex().get(number));
        if (refs.add(recordKey)) {
            store.phoneIndex().put(number, Json.writeSet(refs));
        }
    }

    private void unindex(String number, String recordKey) {
        if (number == null) {
            return;
        }
        TreeSet<String> refs = Json.readSet(store.phoneIndex().get(number));
        if (refs.remove(recordKey)) {
            if (refs.isEmpty()) {
                store.phoneIndex().remove(number);
            } else {
                store.phoneIndex().put(number, Json.writeSet(refs));
            }
        }
    }

    private void removeAttachments(RecordRef ref) {
        String prefix = ReferenceRecords.attachmentPrefix(ref);
        List<String> keys = new ArrayList<>();
        Cursor<String, String> cursor = store.attachments().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            keys.add(key);
        }
        keys.forEach(store.attachments()::remove);
    }

    private TreeSet<String> grantsOf(String group) {
        String json = group == null ? null : store.groups().get(group);
        if (json == null) {
            throw new IllegalArgumentException("unknown group '" + group + "'");
        }
        return Json.readSet(json);
    }

    private StoredUser userOf(String userId) {
        StoredUser user = userId == null ? null : Json.read(store.users().get(userId), StoredUser.class);
        if (user == null) {
            throw new IllegalArgumentException("unknown user '" + userId + "'");
        }
        return user;
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }
}
