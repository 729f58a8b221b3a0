package org.atstexting.texting.textus.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.atstexting.texting.DeliveryStatus;
import org.atstexting.texting.spi.InboundBatch;
import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderException.Kind;
import org.atstexting.texting.spi.StatusUpdate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Polling, the safety net under the webhooks: the account's conversations by latest activity,
 * newest first, down to the cursor, and in each the messages newest first down to the cursor.
 * Incoming texts after the cursor are handed over oldest first, at most {@code maxTexts} a
 * poll; a poll that stops there says {@code more} with the cursor on the last text it handed
 * over, so the next poll goes on from the oldest one it did not. Outgoing messages seen on the
 * way report their state ({@link StatusUpdate}s; the core ignores any that would go backwards).
 * <p>
 * Why stopping is safe: messages are listed by when they were made, and a message's
 * {@code latestEventAt} is never before that, so the first message older than the cursor means
 * every message after it in the list was made before the cursor too. Unconfirmed (chosen, and
 * followed by the fake): collections are newest first, paged by {@code view.next};
 * conversations carry {@code latestMessageAt} (when missing, the conversation is read).
 */
final class TextusPoll {

    /** One text still to hand over. */
    private record Candidate(Instant at, String id, InboundText text) {
    }

    private final TextusApi api;
    private final int maxTexts;
    private final int maxPages;
    private int pages;

    TextusPoll(TextusApi api, int maxTexts, int maxPages) {
        this.api = api;
        this.maxTexts = Math.max(1, maxTexts);
        this.maxPages = Math.max(1, maxPages);
    }

    InboundBatch next(ProviderCredentials credentials, String account, PollCursor cursor) throws ProviderException {
        List<Candidate> found = new ArrayList<>();
        List<StatusUpdate> updates = new ArrayList<>();
        String next = "/" + enc(account) + "/conversations";
        boolean older = false;
        while (next != null && !older) {
            JsonObject page = page(credentials, next, "the conversation list");
            for (JsonObject conversation : members(page)) {
                Optional<Instant> latest = TextusJson.instant(conversation, "latestMessageAt");
                if (latest.isPresent() && latest.get().isBefore(cursor.at())) {
                    older = true; // by latest activity, newest first: the rest are older still
                    break;
                }
                read(credentials, conversation, cursor, found, updates);
            }
            next = TextusJson.string(TextusJson.object(page, "view"), "next");
        }
        found.sort(Comparator.comparing(Candidate::at).thenComparing(Candidate::id));
        boolean more = found.size() > maxTexts;
        List<Candidate> handed = more ? found.subList(0, maxTexts) : found;
        return new InboundBatch(handed.stream().map(Candidate::text).toList(), updates, List.of(),
                after(cursor, handed).toString(), more);
    }

    /** The cursor after the texts handed over: the last one's time, with every id handed over at that time. */
    private static PollCursor after(PollCursor cursor, List<Candidate> handed) {
        if (handed.isEmpty()) {
            return cursor;
        }
        Instant last = handed.get(handed.size() - 1).at();
        Set<String> ids = new HashSet<>();
        if (last.equals(cursor.at())) {
            ids.addAll(cursor.idsAt());
        }
        handed.stream().filter(c -> c.at().equals(last)).forEach(c -> ids.add(c.id()));
        return new PollCursor(last, ids);
    }

    private void read(ProviderCredentials credentials, JsonObject conversation, PollCursor cursor,
            List<Candidate> found, List<StatusUpdate> updates) throws ProviderException {
        String id = TextusJson.string(conversation, "id");
        if (id == null) {
            throw new ProviderException(Kind.ERROR, "TextUs listed a conversation without an id");
        }
        String contact = TextusJson.string(conversation, "phoneNumber");
        String next = Optional.ofNullable(TextusJson.ref(conversation, "messages")).orElse(id + "/messages");
        while (next != null) {
            JsonObject page = page(credentials, next, "the messages of a conversation");
            for (JsonObject message : members(page)) {
                Optional<Instant> at = TextusJson.instant(message, "latestEventAt");
                if (at.isEmpty()) {
                    continue; // unconfirmed fields may be empty: without a time it cannot be placed
                }
                if (at.get().isBefore(cursor.at())) {
                    return;
                }
                TextusMessages.inbound(message, contact, credentials.phoneNumber(), at.get())
                        .filter(text -> cursor.isNew(at.get(), text.providerMessageId()))
                        .ifPresent(text -> found.add(new Candidate(at.get(), text.providerMessageId(), text)));
                TextusMessages.statusUpdate(message, at.get()).filter(u -> u.status() != DeliveryStatus.QUEUED)
                        .ifPresent(updates::add);
            }
            next = TextusJson.string(TextusJson.object(page, "view"), "next");
        }
    }

    private JsonObject page(ProviderCredentials credentials, String path, String what) throws ProviderException {
        if (++pages > maxPages) {
            throw new ProviderException(Kind.ERROR, "TextUs has more than " + maxPages + " pages to read for one poll "
                    + "of account " + credentials.username() + "; nothing was skipped, the next poll tries again "
                    + "(raise 'Pages per poll' if this repeats)");
        }
        TextusApi.Reply reply = api.get(credentials, path, what);
        if (!reply.ok()) {
            throw TextusFailures.of(reply, credentials, what);
        }
        return reply.json();
    }

    static List<JsonObject> members(JsonObject page) throws ProviderException {
        JsonElement members = page.get("members");
        if (members == null || !members.isJsonArray()) {
            throw new ProviderException(Kind.ERROR, "TextUs answered a collection without 'members'");
        }
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : members.getAsJsonArray()) {
            if (!e.isJsonObject()) {
                throw new ProviderException(Kind.ERROR, "TextUs listed something that is not an object");
            }
            out.add(e.getAsJsonObject());
        }
        return out;
    }

    static String enc(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
