package org.atstexting.host.reference;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostUser;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sets up the reference host: security groups and their grants, users, and employee and
 * contact records. Every change is persisted before the call returns.
 *
 * <p>Unknown groups or users are refused with an {@link IllegalArgumentException} and
 * change nothing.
 */
@ProviderType
public interface ReferenceHostAdmin {

    /** Adds a security group with no permissions; does nothing if it exists. */
    void addGroup(String name);

    /** Grants a permission key to a group. The key need not be registered yet. */
    void grant(String group, String permissionKey);

    /** Takes a permission key away from a group; does nothing if it was not granted. */
    void revoke(String group, String permissionKey);

    /** Adds a user in {@code group}, or replaces the user with that id. */
    void addUser(String userId, String displayName, boolean admin, String group);

    /** Moves a user to another group (a user is in exactly one group). */
    void assignGroup(String userId, String group);

    /** The user's group, or empty if the user is unknown. */
    Optional<String> groupOf(String userId);

    /** Every group and the permission keys it grants, by group name. */
    Map<String, Set<String>> groups();

    /** Every user, by id. */
    List<HostUser> users();

    /**
     * Creates or updates a record. The number is normalised to E.164 (default region US);
     * {@code null} or blank means the record has no number.
     *
     * @return the record as stored
     * @throws IllegalArgumentException if the number is not a valid phone number
     */
    HostRecord addRecord(RecordRef ref, String displayName, String phoneNumber);

    /**
     * Creates or updates a record with merge fields for templates (e.g. {@code firstName},
     * {@code jobTitle}); see {@link #addRecord(RecordRef, String, String)}.
     */
    HostRecord addRecord(RecordRef ref, String displayName, String phoneNumber, Map<String, String> fields);

    /**
     * Creates or updates many records in one committed write (imports, benchmarks): all
     * or none. Numbers are normalised as by {@link #addRecord(RecordRef, String, String)}.
     *
     * @return how many records were saved
     */
    int addRecords(List<HostRecord> records);

    /**
     * Deletes a record and its attached texts.
     *
     * @return {@code false} if there was no such record
     */
    boolean deleteRecord(RecordRef ref);

    /** How many records exist. */
    int recordCount();
}
