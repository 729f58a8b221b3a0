package org.atstexting.fake.twilio;

import static org.atstexting.fake.twilio.FakeForms.error;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

/**
 * The fake's behaviour, independent of any HTTP server: the whiteboard servlet and
 * {@link StandaloneTwilioFake} hand it requests. Modelled on Twilio's 2010-04-01 REST API
 * (twilio-api.md): HTTP Basic auth with AccountSid:AuthToken, {@code .json} resources,
 * snake_case fields, dates in RFC 2822, errors as {@code {code, message, more_info, status}}.
 * The parts: {@link FakeCreate} (strict create), {@link FakeListing} (list and paging),
 * {@link FakeMessages} (store and JSON), {@link FakeWebhooks} (signed callbacks).
 */
public class TwilioFakeEngine implements TwilioFake {

    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final Pattern MESSAGE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
    private static final Pattern ACCOUNT = Pattern.compile("/2010-04-01/Accounts/([^/]+)\\.json");
    /** RFC 2822, as Twilio writes {@code date_created}: {@code Wed, 18 Aug 2010 20:01:40 +0000}. */
    public static final DateTimeFormatter RFC_2822 = FakeMessages.RFC_2822;

    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final Map<String, String[]> services = new ConcurrentHashMap<>();
    private final Map<String, String> incomingUrls = new ConcurrentHashMap<>();
    private final Set<String> optedOut = ConcurrentHashMap.newKeySet();
    private final FakeMessages messages = new FakeMessages();
    private final FakeWebhooks webhooks = new FakeWebhooks();
    private final List<FakeCall> calls = new ArrayList<>();
    private final ScheduledExecutorService advancer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "twilio-fake statuses");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean autoAdvance;
    private volatile java.time.Duration listLag = java.time.Duration.ZERO;
    private int failStatus;
    private int failCode;
    private int failTimes;
    private int sendThenFailTimes;

    @Override
    public void addAccount(String accountSid, String authToken) {
        accounts.put(accountSid, authToken);
    }

    @Override
    public void addMessagingService(String accountSid, String serviceSid, String senderNumber) {
        services.put(serviceSid, new String[] { accountSid, senderNumber });
    }

    @Override
    public void setIncomingUrl(String number, String url) {
        if (url == null) {
            incomingUrls.remove(number);
        } else {
            incomingUrls.put(number, url);
        }
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
        Map<String, List<String>> params = new LinkedHashMap<>(FakeForms.parse(query));
        if ("POST".equals(method)) {
            FakeForms.parse(new String(body, StandardCharsets.UTF_8))
                    .forEach((k, v) -> params.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
        String[] basic = FakeForms.basicAuth(authorization);
        synchronized (this) {
            calls.add(new FakeCall(method, path, FakeForms.firsts(params), basic == null ? null : basic[0]));
            if (failTimes > 0) {
                failTimes--;
                return error(failStatus, failCode, failStatus == 429 ? "Too Many Requests" : "Fake fault " + failCode);
            }
        }
        Matcher account = ACCOUNT.matcher(path);
        Matcher list = MESSAGES.matcher(path);
        Matcher one = MESSAGE.matcher(path);
        String sid = account.matches() ? account.group(1) : list.matches() ? list.group(1)
                : one.matches() ? one.group(1) : null;
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
            Instant listedBefore = Instant.now().minus(listLag);
            List<FakeMessage> listed = messages.all().stream().filter(m -> listLag.isZero() || !m.created().isAfter(listedBefore)).toList();
            return FakeListing.list(listed, sid, FakeForms.firsts(params));
        }
        if (one.matches() && "GET".equals(method)) {
            return messages.find(one.group(2)).filter(m -> m.accountSid().equals(sid))
                    .map(m -> new FakeResponse(200, FakeMessages.json(m).toString()))
                    .orElseGet(() -> error(404, 20404, "The requested resource " + path + " was not found"));
        }
        return error(405, 20004, "Method not allowed");
    }

    private FakeResponse create(String accountSid, Map<String, List<String>> params) {
        FakeCreate.Result checked = FakeCreate.check(accountSid, params, services, optedOut);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        FakeMessage message = messages.add(checked.draft(), messages.now());
        if (autoAdvance) {
            advance(message.sid(), message.to());
        }
        synchronized (this) {
            if (sendThenFailTimes > 0) {
                sendThenFailTimes--;
                return error(500, 20500, "Internal Server Error (fake fault, after the message was created)");
            }
        }
        return new FakeResponse(201, FakeMessages.json(message).toString());
    }

    /** The demo's carrier: sent, then delivered; a number ending 0006 is a landline (30006), 0007 filtered (30007). */
    private void advance(String sid, String to) {
        advancer.schedule(() -> setStatus(sid, "sent", null), 400, TimeUnit.MILLISECONDS);
        advancer.schedule(() -> {
            if (to.endsWith("0006") || to.endsWith("0007")) {
                setStatus(sid, "undelivered", to.endsWith("0006") ? 30006 : 30007);
            } else {
                setStatus(sid, "delivered", null);
            }
        }, 1200, TimeUnit.MILLISECONDS);
    }

    @Override
    public String deliverInbound(String accountSid, String from, String to, String body) {
        return deliverInbound(accountSid, new FakeInbound(from, to, body));
    }

    @Override
    public String deliverInbound(String accountSid, FakeInbound text) {
        List<String> urls = text.media().stream().map(m -> m[0]).toList();
        FakeMessage message = messages.add(new FakeMessage(null, accountSid, "inbound", text.from(), text.to(),
                text.body(), "received", null, null, null, urls, null), messages.now());
        String url = incomingUrls.get(text.to());
        if (url != null) {
            webhooks.call(url, FakeCallbacks.inbound(message, text), accounts.getOrDefault(accountSid, ""));
        }
        return message.sid();
    }

    @Override
    public synchronized List<String> deliverInbound(String accountSid, List<FakeInbound> texts, int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1");
        }
        Instant start = messages.now();
        List<String> sids = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            FakeInbound text = texts.get(i);
            sids.add(messages.add(new FakeMessage(null, accountSid, "inbound", text.from(), text.to(), text.body(),
                    "received", null, null), start.plusSeconds(i / perSecond)).sid());
        }
        return sids;
    }

    @Override
    public void setStatus(String messageSid, String status, Integer errorCode) {
        FakeMessage moved = messages.setStatus(messageSid, status, errorCode);
        if (moved.statusCallback() != null) {
            webhooks.call(moved.statusCallback(), FakeCallbacks.status(moved), accounts.getOrDefault(moved.accountSid(), ""));
        }
    }

    @Override
    public void optOut(String accountSid, String number) {
        optedOut.add(accountSid + "|" + number);
    }

    @Override
    public synchronized void failNext(int status, int times) {
        failNext(status, status == 429 ? 20429 : 20500, times);
    }

    @Override
    public synchronized void failNext(int status, int code, int times) {
        failStatus = status;
        failCode = code;
        failTimes = times;
    }

    @Override
    public synchronized void sendThenFail(int times) {
        sendThenFailTimes = times;
    }

    @Override
    public void webhookFault(WebhookFault fault) {
        webhooks.fault(fault);
    }

    @Override
    public void releaseWebhooks(boolean reversed) {
        webhooks.release(reversed);
    }

    @Override
    public List<FakeWebhook> webhooks() {
        return webhooks.made();
    }

    @Override
    public void setAutoAdvance(boolean on) {
        autoAdvance = on;
    }

    @Override
    public FakeMessage message(String sid) {
        return messages.find(sid).orElse(null);
    }

    @Override
    public List<FakeMessage> messages(String accountSid) {
        return messages.all().stream().filter(m -> m.accountSid().equals(accountSid)).toList();
    }

    @Override
    public List<FakeMessage> sent() {
        return messages.all().stream().filter(m -> m.direction().equals("outbound-api")).toList();
    }

    @Override
    public synchronized List<FakeCall> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void listLag(java.time.Duration lag) {
        listLag = lag.isNegative() ? java.time.Duration.ZERO : lag;
    }

    @Override
    public synchronized void reset() {
        messages.clear();
        calls.clear();
        webhooks.clear();
        optedOut.clear();
        failTimes = 0;
        sendThenFailTimes = 0;
        listLag = java.time.Duration.ZERO;
    }

    /** Stops the fake's threads (webhooks, statuses). */
    public void shutdown() {
        advancer.shutdownNow();
        webhooks.close();
    }

    /** The message resource as Twilio writes it. */
    public static JsonObject json(FakeMessage m) {
        return FakeMessages.json(m);
    }
}
