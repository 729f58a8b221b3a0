package org.atstexting.texting.core.internal.bulk;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.atstexting.texting.core.internal.CoreStore;
import org.h2.mvstore.Cursor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * Bulk jobs and their recipients in the core's store, with the one codec they are written in.
 * Every write is committed before it returns: a recipient is SENDING on disk before its
 * text goes, and SENT on disk after.
 */
final class BulkStore {

    private static final Gson GSON = new GsonBuilder().registerTypeAdapter(Instant.class, new TypeAdapter<Instant>() {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return Instant.parse(in.nextString());
        }
    }).create();

    private final CoreStore store;

    BulkStore(CoreStore store) {
        this.store = store;
    }

    private static String key(String jobId, int index) {
        return jobId + "|" + String.format("%09d", index);
    }

    /** Stores a job with all its recipients, in one commit. */
    synchronized void create(StoredJob job, List<StoredRecipient> recipients) {
        store.bulkJobs().put(job.id(), GSON.toJson(job));
        for (StoredRecipient r : recipients) {
            store.bulkRecipients().put(key(job.id(), r.index()), GSON.toJson(r));
        }
        store.commit();
    }

    synchronized void put(StoredJob job) {
        store.bulkJobs().put(job.id(), GSON.toJson(job));
        store.commit();
    }

    synchronized void put(String jobId, StoredRecipient r) {
        store.bulkRecipients().put(key(jobId, r.index()), GSON.toJson(r));
        store.commit();
    }

    StoredJob job(String jobId) {
        String json = jobId == null ? null : store.bulkJobs().get(jobId);
        return json == null ? null : GSON.fromJson(json, StoredJob.class);
    }

    List<StoredJob> jobs() {
        return store.bulkJobs().values().stream().map(json -> GSON.fromJson(json, StoredJob.class)).toList();
    }

    StoredRecipient recipient(String jobId, int index) {
        return GSON.fromJson(store.bulkRecipients().get(key(jobId, index)), StoredRecipient.class);
    }

    List<StoredRecipient> recipients(String jobId) {
        List<StoredRecipient> result = new ArrayList<>();
        String prefix = jobId + "|";
        Cursor<String, String> cursor = store.bulkRecipients().cursor(prefix);
        while (cursor.hasNext()) {
            String key = cursor.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            result.add(GSON.fromJson(cursor.getValue(), StoredRecipient.class));
        }
        return result;
    }

    Counts count(String jobId) {
        Counts counts = new Counts();
        recipients(jobId).forEach(r -> counts.count(r.state(), 1));
        return counts;
    }
}
