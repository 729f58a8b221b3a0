package org.atstexting.host.reference.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.atstexting.host.reference.ReferenceHostAdmin;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RecordType;
import org.atstexting.texting.host.HostRecord;

/**
 * Many numbered records at once, for tests, benchmarks and demo admins ({@code host:addrecords},
 * {@code POST /ats/host/records}): record {@code <type>:<firstId+i>}, name {@code Bulk Candidate <i>},
 * number {@code +<firstNumber+i>}, merge field {@code firstName=Candidate<i>}. Every number is checked
 * (libphonenumber) before anything is written, and all are saved or none.
 */
final class RecordBatches {

    /** The most records one call adds. */
    static final int MAX_COUNT = 100_000;
    /** Records per statement batch inside the one transaction. */
    private static final int CHUNK = 10_000;

    private RecordBatches() {
    }

    /**
     * Adds the records.
     *
     * @return how many were saved
     * @throws IllegalArgumentException naming the bad input (type, count, ids, a number); nothing saved
     */
    static int add(ReferenceHostAdmin admin, String type, long firstId, int count, long firstNumber) {
        RecordType recordType = recordType(type);
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT + ", not " + count);
        }
        if (firstId < 0 || firstId > Long.MAX_VALUE - count) {
            throw new IllegalArgumentException("firstId must be 0 or more (and leave room for " + count + " ids)");
        }
        if (firstNumber < 1 || firstNumber > 999_999_999_999_999L - count) {
            throw new IllegalArgumentException("firstNumber must be the digits of a phone number with its country code");
        }
        List<HostRecord> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String number = "+" + (firstNumber + i);
            if (PhoneNumbers.tryE164(number).filter(number::equals).isEmpty()) {
                throw new IllegalArgumentException(number + " (record " + i + ") is not a valid phone number; nothing saved");
            }
            all.add(new HostRecord(new RecordRef(recordType, Long.toString(firstId + i)), "Bulk Candidate " + i,
                    number, Map.of("firstName", "Candidate" + i)));
        }
        if (admin instanceof ReferenceHostAdminImpl impl) {
            return impl.inOneTransaction(() -> addInChunks(admin, all));
        }
        return addInChunks(admin, all);
    }

    private static int addInChunks(ReferenceHostAdmin admin, List<HostRecord> all) {
        int saved = 0;
        for (int from = 0; from < all.size(); from += CHUNK) {
            saved += admin.addRecords(all.subList(from, Math.min(all.size(), from + CHUNK)));
        }
        return saved;
    }

    private static RecordType recordType(String type) {
        try {
            return RecordType.valueOf(type == null ? "" : type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record type must be employee or contact, not '" + type + "'");
        }
    }
}
