package org.atstexting.host.reference.internal;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.TextingPermissions;

/** The demo groups, users and records an empty reference host starts with. */
final class DemoData {

    static final String ADMINISTRATORS = "Administrators";
    static final String RECRUITERS = "Recruiters";
    static final String STAFF = "Staff";

    private DemoData() {
    }

    /**
     * Seeds the demo data, as one transaction, unless any node seeded it before or the store holds
     * groups, users or records already. Two nodes starting at once: the unique key of the seed's
     * row in {@code host_seed} lets one seed; the other waits for it, sees the row and does nothing.
     *
     * @return whether it seeded
     */
    static boolean seedOnce(HostStore store) {
        return store.write(() -> {
            if (!store.claimSeed(HostStore.DEMO_SEED) || !store.isEmpty()) {
                return false;
            }
            seed(new ReferenceHostAdminImpl(store));
            return true;
        });
    }

    private static void seed(ReferenceHostAdmin admin) {
        // Grants work before the texting plugin registers the permission's definition.
        admin.addGroup(ADMINISTRATORS);
        admin.grant(ADMINISTRATORS, TextingPermissions.CAN_TEXT);
        admin.grant(ADMINISTRATORS, TextingPermissions.VIEW_MESSAGES);
        admin.addGroup(RECRUITERS);
        admin.grant(RECRUITERS, TextingPermissions.CAN_TEXT);
        admin.grant(RECRUITERS, TextingPermissions.VIEW_MESSAGES);
        admin.addGroup(STAFF);

        admin.addUser("admin", "Ada Admin", true, ADMINISTRATORS);
        admin.addUser("alice", "Alice Recruiter", false, RECRUITERS);
        admin.addUser("bob", "Bob Staff", false, STAFF);

        admin.addRecord(new RecordRef(RecordType.EMPLOYEE, "1001"), "Dana Candidate", "+12065550123");
        admin.addRecord(new RecordRef(RecordType.EMPLOYEE, "1002"), "Eli Candidate", "+12065550124");
        admin.addRecord(new RecordRef(RecordType.CONTACT, "2001"), "Fran Employer", "+12065550125");
        // Gus shares Dana's number on purpose: a text to or from it lands on both records.
        admin.addRecord(new RecordRef(RecordType.CONTACT, "2002"), "Gus Employer", "+12065550123");
    }
}
