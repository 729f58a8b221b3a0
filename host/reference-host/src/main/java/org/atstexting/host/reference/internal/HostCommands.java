package org.atstexting.host.reference.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostSecurityGroups;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.PermissionDefinition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands ({@code host:users}, {@code host:grant}, ...) to look at and set up the
 * reference host from the console. Gogo is optional: without it this service is simply
 * never called.
 */
@Component(service = HostCommands.class, property = {
        "osgi.command.scope=host",
        "osgi.command.function=users",
        "osgi.command.function=groups",
        "osgi.command.function=permissions",
        "osgi.command.function=grant",
        "osgi.command.function=revoke",
        "osgi.command.function=assign",
        "osgi.command.function=adduser",
        "osgi.command.function=records",
        "osgi.command.function=addrecord",
        "osgi.command.function=addrecords",
        "osgi.command.function=deleterecord",
        "osgi.command.function=messages"
})
public final class HostCommands {

    /** How many records {@code records} lists when no limit is given. */
    static final int DEFAULT_RECORD_LIMIT = 50;
    /** The most records one {@code addrecords} call adds. */
    static final int MAX_ADD_RECORDS = RecordBatches.MAX_COUNT;

    private final ReferenceHostAdmin admin;
    private final HostSecurityGroups securityGroups;
    private final HostRecords records;
    private final HostStore store;

    @Activate
    public HostCommands(@Reference ReferenceHostAdmin admin, @Reference HostSecurityGroups securityGroups,
            @Reference HostRecords records, @Reference HostStore store) {
        this.admin = admin;
        this.securityGroups = securityGroups;
        this.records = records;
        this.store = store;
    }

    @Descriptor("lists the users with their group")
    public String users() {
        List<HostUser> users = admin.users();
        if (users.isEmpty()) {
            return "no users";
        }
        StringBuilder out = new StringBuilder(String.format("%-16s %-24s %-6s %s%n", "ID", "NAME", "ADMIN", "GROUP"));
        for (HostUser user : users) {
            out.append(String.format("%-16s %-24s %-6s %s%n", user.id(), user.displayName(),
                    user.admin() ? "yes" : "no", admin.groupOf(user.id()).orElse("-")));
        }
        return out.toString().stripTrailing();
    }

    @Descriptor("lists the security groups and the permissions each grants")
    public String groups() {
        Map<String, Set<String>> groups = admin.groups();
        if (groups.isEmpty()) {
            return "no groups";
        }
        StringJoiner out = new StringJoiner(System.lineSeparator());
        groups.forEach((name, keys) -> out.add(name + ": "
                + (keys.isEmpty() ? "(no permissions)" : String.join(", ", new TreeSet<>(keys)))));
        return out.toString();
    }

    @Descriptor("lists the registered permissions and the groups that grant them")
    public String permissions() {
        Map<String, Set<String>> holders = new TreeMap<>();
        admin.groups().forEach((group, keys) ->
                keys.forEach(key -> holders.computeIfAbsent(key, k -> new TreeSet<>()).add(group)));
        List<PermissionDefinition> definitions = securityGroups.permissions();
        StringJoiner out = new StringJoiner(System.lineSeparator());
        for (PermissionDefinition definition : definitions) {
            Set<String> groups = holders.remove(definition.key());
            out.add(String.format("%s [%s] %s: %s%n    granted to: %s", definition.label(), definition.category(),
                    definition.key(), definition.description(),
                    groups == null ? "(no group)" : String.join(", ", groups)));
        }
        holders.forEach((key, groups) ->
                out.add(key + " (not registered yet)" + System.lineSeparator() + "    granted to: " + String.join(", ", groups)));
        return out.length() == 0 ? "no permissions" : out.toString();
    }

    @Descriptor("grants a permission to a security group")
    public String grant(@Descriptor("group name") String group,
            @Descriptor("permission key, e.g. texting.canText") String permissionKey) {
        admin.grant(group, permissionKey);
        return "granted " + permissionKey + " to " + group;
    }

    @Descriptor("takes a permission away from a security group")
    public String revoke(@Descriptor("group name") String group,
            @Descriptor("permission key, e.g. texting.canText") String permissionKey) {
        admin.revoke(group, permissionKey);
        return "revoked " + permissionKey + " from " + group;
    }

    @Descriptor("moves a user to another security group")
    public String assign(@Descriptor("user id") String userId, @Descriptor("group name") String group) {
        admin.assignGroup(userId, group);
        return userId + " is now in " + group;
    }

    @Descriptor("adds a user (or replaces the user with that id)")
    public String adduser(@Descriptor("user id") String userId,
            @Descriptor("display name (quote it if it has spaces)") String displayName,
            @Descriptor("true if the user administers the host") boolean isAdmin,
            @Descriptor("group name") String group) {
        admin.addUser(userId, displayName, isAdmin, group);
        return "added " + userId + " (" + displayName + ") to " + group + (isAdmin ? " as an admin" : "");
    }

    @Descriptor("lists the first " + DEFAULT_RECORD_LIMIT + " employee and contact records")
    public String records() {
        return records(DEFAULT_RECORD_LIMIT);
    }

    @Descriptor("lists employee and contact records")
    public String records(@Descriptor("how many to list at most") int limit) {
        int total = admin.recordCount();
        if (total == 0) {
            return "no records";
        }
        StringJoiner out = new StringJoiner(System.lineSeparator());
        int page = Math.max(0, Math.min(limit, HostApiServlet.MAX_LIMIT * 50));
        for (HostRecord record : store.read(c -> RecordRows.search(c, "", 0, page)).items()) {
            out.add(describe(record));
        }
        out.add(total > limit ? "(" + limit + " of " + total + " records)" : "(" + total + " records)");
        return out.toString();
    }

    @Descriptor("adds or updates an employee or contact record")
    public String addrecord(@Descriptor("record, e.g. employee:1003 or contact:2003") String ref,
            @Descriptor("display name (quote it if it has spaces)") String displayName,
            @Descriptor("phone number; without +country code it is read as a US number") String phoneNumber) {
        return "saved " + describe(admin.addRecord(RecordRef.parse(ref), displayName, phoneNumber));
    }

    @Descriptor("adds many numbered employee records (imports, tests, benchmarks): employee:<firstId+i>, "
            + "'Bulk Candidate <i>', number +<firstNumber+i>, merge field firstName")
    public String addrecords(@Descriptor("id of the first record, e.g. 100000") long firstId,
            @Descriptor("how many records, 1 to " + MAX_ADD_RECORDS) int count,
            @Descriptor("number of the first record, digits with country code, e.g. 12065550000") long firstNumber) {
        return addrecords("employee", firstId, count, firstNumber);
    }

    @Descriptor("adds many numbered records of a type (imports, tests, benchmarks): <type>:<firstId+i>, "
            + "'Bulk Candidate <i>', number +<firstNumber+i>, merge field firstName; all or none")
    public String addrecords(@Descriptor("employee or contact") String type,
            @Descriptor("id of the first record, e.g. 100000") long firstId,
            @Descriptor("how many records, 1 to " + MAX_ADD_RECORDS) int count,
            @Descriptor("number of the first record, digits with country code, e.g. 12065550000") long firstNumber) {
        return "saved " + RecordBatches.add(admin, type, firstId, count, firstNumber) + " records";
    }

    @Descriptor("deletes a record and its texts")
    public String deleterecord(@Descriptor("record, e.g. employee:1003") String ref) {
        RecordRef record = RecordRef.parse(ref);
        return admin.deleteRecord(record) ? "deleted " + record : "no record " + record;
    }

    @Descriptor("lists the texts attached to a record, oldest first")
    public String messages(@Descriptor("record, e.g. employee:1001") String ref) {
        RecordRef record = RecordRef.parse(ref);
        if (records.record(record).isEmpty()) {
            return "no record " + record;
        }
        List<TextMessage> messages = records.messages(record);
        if (messages.isEmpty()) {
            return "no texts on " + record;
        }
        StringJoiner out = new StringJoiner(System.lineSeparator());
        for (TextMessage m : messages) {
            out.add(String.format("%s %-8s %s -> %s [%s]%s: %s", m.timestamp(), m.direction(), m.from(), m.to(),
                    m.status(), m.userId() == null ? "" : " by " + m.userId(), m.body()));
        }
        return out.toString();
    }

    private static String describe(HostRecord record) {
        return String.format("%-16s %-24s %s", record.ref(), record.displayName(),
                record.phoneNumber() == null ? "(no number)" : record.phoneNumber());
    }
}
