package org.atstexting.fake.twilio;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * The fake's behaviour, independent of any HTTP server: the whiteboard servlet and
 * {@link StandaloneTwilioFake} hand it requests. Modelled on Twilio's 2010-04-01 REST API:
 * HTTP Basic auth with AccountSid:AuthToken, {@code .json} resources, snake_case fields,
 * dates in RFC 2822, errors as {@code {code, message, more_info, status}}.
 */
public class TwilioFakeEngine implements TwilioFake {

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern ACCOUNT = Pattern.compile("/2010-04-01/Accounts/([^/]+)\\.json");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    /** RFC 2822, as Twilio writes {@code date_created}: {@code Wed, 18 Aug 2010 20:01:40 +0000}. */
    public static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            Locale.US).withZone(ZoneOffset.UTC);
    private static final int MAX_BODY = 1600;

    /** Sids need only be unique, not secret: a fast generator lets bursts of thousands arrive quickly. */
    private final SplittableRandom random = new SplittableRandom();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final List<FakeMessage> messages = new ArrayList<>();
    private final List<FakeCall> calls = new ArrayList<>();
    /** When the newest message is dated. */
    private Instant latest;
    private int failStatus;
    private int sendThenFailTimes;
    private int failTimes;

    @Override
    public void addAccount(String accountSid, String authToken) {
        accounts.put(accountSid, authToken);
    }

    /**
     * Answers one request.
     *
     * @param method        HTTP method
     * @param path          the path below the fake's base, starting with {@code /}
     * @param query         the raw query string, or {@code null}
     * @param authorization the Authorization header, or {@code null}
     * @param body          the raw request body ({@code application/x-www-form-urlencoded} for POST)
     */
    public FakeResponse handle(String method, String path, String query, String authorization, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>(parseForm(query));
        if ("POST".equals(method)) {
            params.putAll(parseForm(new String(body, StandardCharsets.UTF_8)));
        }
        String[] basic = basicAuth(authorization);
        synchronized (this) {
            calls.add(new FakeCall(method, path, params, basic == null ? null : basic[0]));
            if (failTimes > 0) {
                failTimes--;
                return error(failStatus, failStatus == 429 ? 20429 : 20500,
                        failStatus == 429 ? "Too Many Requests" : "Internal Server Error (fake fault)");
            }
        }
        Matcher account = ACCOUNT.matcher(path);
        Matcher list = MESSAGES.matcher(path);
        String sid = account.matches() ? account.group(1) : list.matches() ? list.group(1) : null;
        if (sid == null) {
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
        if (basic == null || !basic[1].equals(accounts.get(basic[0])) || !basic[0].equals(sid)) {
            return error(401, 20003, "Authenticate");
        }
        if (account.matches() && "GET".equals(method)) {
            JsonObject json = new JsonObject();
            json.addProperty("sid", sid);
            json.addProperty("friendly_name", "Fake account " + sid);
            json.addProperty("status", "active");
            json.addProperty("type", "Full");
            return new FakeResponse(200, json.toString());
        }
        if (list.matches() && "POST".equals(method)) {
            return create(sid, params);
        }
        if (list.matches() && "GET".equals(method)) {
            return list(sid, params);
        }
        return error(405, 20004, "Method not allowed");
    }

    private FakeResponse create(String accountSid, Map<String, String> params) {
        String to = params.get("To");
        String from = params.get("From");
        String body = params.get("Body");
        if (to == null || to.isBlank()) {
            return error(400, 21604, "A 'To' phone number is required.");
        }
        if (!E164.matcher(to).matches()) {
            return error(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        if (from == null || !E164.matcher(from).matches()) {
            return error(400, 21212, "The 'From' number " + from + " is not a valid phone number, shortcode, "
                    + "or alphanumeric sender ID.");
        }
        if (body == null || body.isEmpty()) {
            return error(400, 21602, "Message body is required.");
        }
        if (body.length() > MAX_BODY) {
            return error(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        FakeMessage message = add(accountSid, "outbound-api", from, to, body, "queued");
        synchronized (this) {
            if (sendThenFailTimes > 0) {
                sendThenFailTimes--;
                return error(500, 20500, "Internal Server Error (fake fault, after the message was created)");
            }
        }
        return new FakeResponse(201, json(message).toString());
    }

    /**
     * The message list as Twilio's facts describe it: newest first; {@code To}, {@code From}
     * and the day filters {@code DateSent}, {@code DateSent>} and {@code DateSent<} (sent as
     * {@code DateSent>=YYYY-MM-DD}: whole days in GMT, both ends included); {@code PageSize}
     * 1..1000, default 50; {@code next_page_uri} (relative) until null. The next page URI
     * carries a {@code PageToken} naming the last message of this page, and a page asked for
     * with one starts right after that message, so new messages arriving on top do not shift
     * the pages below (Twilio's tokens do the same; their format is Twilio's own). {@code Page}
     * without a token counts whole pages from the top.
     */
    private FakeResponse list(String accountSid, Map<String, String> params) {
        int pageSize;
        int page;
        LocalDate[] days;
        try {
            pageSize = intParam(params, "PageSize", 50);
            page = intParam(params, "Page", 0);
            days = dayFilters(params);
        } catch (IllegalArgumentException e) {
            return error(400, 20001, e.getMessage()); // the exact code Twilio uses here is unconfirmed
        }
        if (pageSize < 1 || pageSize > 1000) {
            return error(400, 20001, "PageSize must be between 1 and 1000");
        }
        String to = params.get("To");
        String from = params.get("From");
        List<FakeMessage> matching = new ArrayList<>();
        synchronized (this) {
            for (int i = messages.size() - 1; i >= 0; i--) { // newest first: messages are dated in the order they came
                FakeMessage m = messages.get(i);
                if (m.accountSid().equals(accountSid) && (to == null || to.equals(m.to()))
                        && (from == null || from.equals(m.from())) && onDays(m, days)) {
                    matching.add(m);
                }
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
        matching.subList(start, end).forEach(m -> array.add(json(m)));
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

    /** {@code [on, from, until]}, each {@code null} when not given. */
    private static LocalDate[] dayFilters(Map<String, String> params) {
        return new LocalDate[] { day(params, "DateSent"), day(params, "DateSent>"), day(params, "DateSent<") };
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
        Instant sent = dateSent(m);
        if (sent == null) {
            return false; // not sent yet: no DateSent to match
        }
        LocalDate day = sent.atOffset(ZoneOffset.UTC).toLocalDate();
        return (days[0] == null || day.equals(days[0])) && (days[1] == null || !day.isBefore(days[1]))
                && (days[2] == null || !day.isAfter(days[2]));
    }

    /** When a message was sent (received, for inbound); {@code null} while an outbound one is still queued. */
    private static Instant dateSent(FakeMessage m) {
        return "outbound-api".equals(m.direction()) && ("queued".equals(m.status()) || "accepted".equals(m.status()))
                ? null : m.created();
    }

    private static int intParam(Map<String, String> params, String name, int fallback) {
        try {
            return params.containsKey(name) ? Integer.parseInt(params.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not " + params.get(name));
        }
    }

    private synchronized FakeMessage add(String accountSid, String direction, String from, String to, String body,
            String status) {
        return add(accountSid, direction, from, to, body, status, now());
    }

    private synchronized FakeMessage add(String accountSid, String direction, String from, String to, String body,
            String status, Instant created) {
        FakeMessage message = new FakeMessage("SM" + HexFormat.of().formatHex(randomBytes()), accountSid, direction,
                from, to, body, status, null, created);
        messages.add(message);
        latest = created;
        return message;
    }

    /** The fake's present, to the second: never before the newest message (a burst may be dated ahead). */
    private synchronized Instant now() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return latest != null && latest.isAfter(now) ? latest : now;
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The message resource as Twilio writes it (the fields the provider reads, and a few more). */
    public static JsonObject json(FakeMessage m) {
        JsonObject json = new JsonObject();
        json.addProperty("sid", m.sid());
        json.addProperty("account_sid", m.accountSid());
        json.addProperty("api_version", "2010-04-01");
        json.addProperty("direction", m.direction());
        json.addProperty("from", m.from());
        json.addProperty("to", m.to());
        json.addProperty("body", m.body());
        json.addProperty("status", m.status());
        json.addProperty("num_segments", "1");
        if (m.errorCode() == null) {
            json.add("error_code", JsonNull.INSTANCE);
            json.add("error_message", JsonNull.INSTANCE);
        } else {
            json.addProperty("error_code", m.errorCode());
            json.addProperty("error_message", "Fake error " + m.errorCode());
        }
        String date = RFC_2822.format(m.created());
        json.addProperty("date_created", date);
        json.addProperty("date_updated", date);
        Instant sent = dateSent(m);
        json.addProperty("date_sent", sent == null ? null : RFC_2822.format(sent));
        json.addProperty("uri", "/2010-04-01/Accounts/" + m.accountSid() + "/Messages/" + m.sid() + ".json");
        return json;
    }

    private static FakeResponse error(int status, int code, String message) {
        JsonObject json = new JsonObject();
        json.addProperty("code", code);
        json.addProperty("message", message);
        json.addProperty("more_info", "https://www.twilio.com/docs/errors/" + code);
        json.addProperty("status", status);
        return new FakeResponse(status, json.toString());
    }

    private static String[] basicAuth(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Map<String, String> parseForm(String form) {
        Map<String, String> params = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return params;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String deliverInbound(String accountSid, String from, String to, String body) {
        return add(accountSid, "inbound", from, to, body, "received").sid();
    }

    @Override
    public synchronized List<String> deliverInbound(String accountSid, List<FakeInbound> texts, int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        Instant start = now();
        List<String> sids = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            FakeInbound text = texts.get(i);
            sids.add(add(accountSid, "inbound", text.from(), text.to(), text.body(), "received",
                    start.plusSeconds(i / perSecond)).sid());
        }
        return sids;
    }

    @Override
    public synchronized void setStatus(String messageSid, String status, Integer errorCode) {
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).sid().equals(messageSid)) {
                messages.set(i, messages.get(i).withStatus(status, errorCode));
                return;
            }
        }
        throw new IllegalArgumentException("no message " + messageSid);
    }

    @Override
    public synchronized void failNext(int status, int times) {
        failStatus = status;
        failTimes = times;
    }

    @Override
    public synchronized void sendThenFail(int times) {
        sendThenFailTimes = times;
    }

    @Override
    public synchronized List<FakeMessage> messages(String accountSid) {
        return messages.stream().filter(m -> m.accountSid().equals(accountSid)).toList();
    }

    @Override
    public synchronized List<FakeMessage> sent() {
        return messages.stream().filter(m -> m.direction().equals("outbound-api")).toList();
    }

    @Override
    public synchronized List<FakeCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public synchronized void reset() {
        messages.clear();
        calls.clear();
        // latest stays: messages after a reset are not dated before earlier ones a client has seen
        failTimes = 0;
        sendThenFailTimes = 0;
    }
}
