package org.atstexting.fake.twilio;

import static org.atstexting.fake.twilio.FakeForms.encode;
import static org.atstexting.fake.twilio.FakeForms.error;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The message list as Twilio's facts describe it: newest first; {@code To}, {@code From}
 * and the day filters {@code DateSent}, {@code DateSent>} and {@code DateSent<} (sent as
 * {@code DateSent>=YYYY-MM-DD}: whole days in GMT, both ends included; a text not sent yet
 * has no {@code DateSent} and matches none); {@code PageSize} 1..1000, default 50;
 * {@code next_page_uri} (relative) until null. The next page URI carries a {@code PageToken}
 * naming the last message of this page, and a page asked for with one starts right after that
 * message, so new messages arriving on top do not shift the pages below (Twilio's tokens do
 * the same; their format is Twilio's own). {@code Page} without a token counts whole pages.
 */
final class FakeListing {

    private FakeListing() {
    }

    // Just over 50 lines on purpose: the parameters are validated in the order the fact sheet lists
    // them, then one page is cut; splitting it would scatter that list.
    static FakeResponse list(List<FakeMessage> all, String accountSid, Map<String, String> params) {
        int pageSize;
        int page;
        LocalDate[] days;
        try {
            pageSize = intParam(params, "PageSize", 50);
            page = intParam(params, "Page", 0);
            days = new LocalDate[] { day(params, "DateSent"), day(params, "DateSent>"), day(params, "DateSent<") };
        } catch (IllegalArgumentException e) {
            return error(400, 20001, e.getMessage()); // the exact code Twilio uses here is unconfirmed
        }
        if (pageSize < 1 || pageSize > 1000) {
            return error(400, 20001, "PageSize must be between 1 and 1000");
        }
        String to = params.get("To");
        String from = params.get("From");
        List<FakeMessage> matching = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) { // newest first: messages are dated in the order they came
            FakeMessage m = all.get(i);
            if (m.accountSid().equals(accountSid) && (to == null || to.equals(m.to()))
                    && (from == null || from.equals(m.from())) && onDays(m, days)) {
                matching.add(m);
            }
        }
        int start = Math.min(page * pageSize, matching.size());
        String token = params.get("PageToken");
        if (token != null) {
            start = indexAfter(matching, token);
            if (start < 0) {
                return error(400, 20001, "Invalid PageToken " + token);
            }
        }
        int end = Math.min(start + pageSize, matching.size());
        JsonArray array = new JsonArray();
        matching.subList(start, end).forEach(m -> array.add(FakeMessages.json(m)));
        JsonObject json = new JsonObject();
        json.add("messages", array);
        String uri = listUri(accountSid, params, pageSize);
        json.addProperty("uri", uri + "&Page=" + page + (token == null ? "" : "&PageToken=" + encode(token)));
        json.addProperty("first_page_uri", uri + "&Page=0");
        json.addProperty("page", page);
        json.addProperty("page_size", pageSize);
        json.addProperty("start", start);
        json.addProperty("end", Math.max(start, end - 1));
        if (end < matching.size()) {
            json.addProperty("next_page_uri", uri + "&Page=" + (page + 1) + "&PageToken=PA" + matching.get(end - 1).sid());
        } else {
            json.add("next_page_uri", JsonNull.INSTANCE);
        }
        return new FakeResponse(200, json.toString());
    }

    /** The list URI with the request's filters, for the page URIs of the answer. */
    private static String listUri(String accountSid, Map<String, String> params, int pageSize) {
        StringBuilder uri = new StringBuilder("/2010-04-01/Accounts/").append(accountSid).append("/Messages.json?");
        for (String filter : List.of("To", "From", "DateSent", "DateSent>", "DateSent<")) {
            String value = params.get(filter);
            if (value != null) {
                // "DateSent>" + "=" + day reads as Twilio writes it: DateSent>=YYYY-MM-DD
                uri.append(encode(filter)).append('=').append(encode(value)).append('&');
            }
        }
        return uri.append("PageSize=").append(pageSize).toString();
    }

    private static int indexAfter(List<FakeMessage> matching, String token) {
        if (!token.startsWith("PA")) {
            return -1;
        }
        String sid = token.substring(2);
        for (int i = 0; i < matching.size(); i++) {
            if (matching.get(i).sid().equals(sid)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static LocalDate day(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value); // YYYY-MM-DD only: the filters are whole days
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a date YYYY-MM-DD (GMT), not " + value);
        }
    }

    private static boolean onDays(FakeMessage m, LocalDate[] days) {
        if (days[0] == null && days[1] == null && days[2] == null) {
            return true;
        }
        Instant sent = FakeMessages.dateSent(m);
        if (sent == null) {
            return false; // not sent yet: no DateSent to match
        }
        LocalDate day = sent.atOffset(ZoneOffset.UTC).toLocalDate();
        return (days[0] == null || day.equals(days[0])) && (days[1] == null || !day.isBefore(days[1]))
                && (days[2] == null || !day.isAfter(days[2]));
    }

    private static int intParam(Map<String, String> params, String name, int fallback) {
        try {
            return params.containsKey(name) ? Integer.parseInt(params.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + params.get(name));
        }
    }
}
