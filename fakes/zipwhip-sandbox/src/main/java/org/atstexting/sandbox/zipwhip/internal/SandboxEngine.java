package org.atstexting.sandbox.zipwhip.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhook;
import org.atstexting.sandbox.zipwhip.SandboxWebhookDelivery;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.atstexting.fake.support.FakeAnswer;
import org.atstexting.fake.support.FakeHandler;
import org.atstexting.fake.support.FakeRequest;

/**
 * The fake Zipwhip server, written from zipwhip-api.md (not from our client): plain Java, no
 * OSGi or servlet types, so the whiteboard servlet, the JDK-server adapter and tests all drive
 * the same logic through {@link #handle(String, String, String, long, InputStream)}. Each job is
 * its own class: {@link RequestPipeline} (HTTP checks, faults), {@link FormBody} (charset, cap),
 * {@link ApiCalls} (the methods), {@link Sessions}, {@link MessageStore}, {@link MessageRenderer},
 * {@link MessageEvents}, {@link Webhooks}, {@link WebhookPoster}, {@link FaultQueue},
 * {@link CallLog}. Thread-safe.
 */
public class SandboxEngine implements ZipwhipSandbox, FakeHandler {

    private final Sessions sessions = new Sessions();
    private final MessageStore store = new MessageStore();
    private final MessageRenderer renderer = new MessageRenderer();
    private final Webhooks webhooks = new Webhooks();
    private final WebhookPoster poster = new WebhookPoster();
    private final MessageEvents events = new MessageEvents(store, renderer, webhooks, poster, Replies.GSON);
    private final FaultQueue faults = new FaultQueue();
    private final CallLog log;
    private final ApiCalls api = new ApiCalls(sessions, store, renderer, webhooks, events);
    private final RequestPipeline pipeline;

    public SandboxEngine() {
        this(new CallLog());
    }

    SandboxEngine(CallLog log) {
        this.log = log;
        this.pipeline = new RequestPipeline(api, faults, log);
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    /**
     * Answers one HTTP request. Reads at most {@link FormBody#MAX_BYTES} of the body, and none
     * of it when the request is refused on its path, method, Content-Type or declared length.
     *
     * @param httpMethod    GET, POST, ...
     * @param methodPath    the path below {@link #basePath()}, e.g. {@code message/send}; leading
     *                      and trailing slashes are ignored; {@code null} if the request was not
     *                      under the base path at all
     * @param contentType   the request's Content-Type header, or null
     * @param contentLength the request's Content-Length, or -1 if it sent none
     * @param body          the request body
     * @return the answer
     * @throws IOException if reading the body failed
     */
    public SandboxResponse handle(String httpMethod, String methodPath, String contentType, long contentLength,
            InputStream body) throws IOException {
        return pipeline.handle(httpMethod, methodPath, contentType, contentLength, body);
    }

    /** One request from either server (standalone or whiteboard), answered by {@link #handle(String, String, String, long, InputStream)}. */
    @Override
    public FakeAnswer handle(FakeRequest request) throws IOException {
        SandboxResponse r = handle(request.method(), request.path(), request.header("Content-Type"),
                request.contentLength(), request.body());
        return FakeAnswer.of(r.status(), r.contentType(), r.headers(), r.body(), 0);
    }

    /** {@link #handle(String, String, String, long, InputStream)} for a body already in memory. */
    public SandboxResponse handle(String httpMethod, String methodPath, String contentType, byte[] body) {
        try {
            return handle(httpMethod, methodPath, contentType, body.length, new ByteArrayInputStream(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void addAccount(String username, String password) {
        if (username == null || !username.matches("[0-9]{10}")) {
            throw new IllegalArgumentException("username must be the account's 10-digit phone number: "
                    + Sanitize.text(username, 20));
        }
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        webhooks.sessionsEnded(sessions.addAccount(username, password));
    }

    @Override
    public List<SandboxCall> calls() {
        return log.all();
    }

    @Override
    public List<SandboxCall> calls(String method) {
        return log.of(method);
    }

    @Override
    public List<SandboxMessage> messages(String username) {
        return store.of(username);
    }

    @Override
    public List<SandboxMessage> sent() {
        return store.sent();
    }

    @Override
    public SandboxMessage deliverReply(String from, String toAccountUsername, String body) {
        String number = from == null ? null : ContactNumbers.normalize(from.trim());
        if (number == null) {
            throw new IllegalArgumentException("Invalid phone number: " + Sanitize.text(from, 40));
        }
        if (body == null || body.isEmpty()) {
            throw new IllegalArgumentException("body must not be empty");
        }
        if (!sessions.hasAccount(toAccountUsername)) {
            throw new IllegalArgumentException("Unknown account: " + Sanitize.text(toAccountUsername, 20));
        }
        return events.received(toAccountUsername, sessions.deviceId(toAccountUsername), number, body).snapshot();
    }

    @Override
    public void setStatus(long messageId, String transmissionState) {
        if (transmissionState == null || transmissionState.isBlank()) {
            throw new IllegalArgumentException("transmissionState must not be blank");
        }
        events.progress(messageId, transmissionState);
    }

    @Override
    public void injectFault(String method, Fault fault, int times) {
        if (method == null || fault == null || times < 1) {
            throw new IllegalArgumentException("method, fault and times >= 1 are required");
        }
        faults.add(RequestPipeline.strip(method), fault, 1, times);
    }

    @Override
    public void injectRateLimit(String method, int retryAfterSeconds, int times) {
        if (method == null || retryAfterSeconds < 0 || times < 1) {
            throw new IllegalArgumentException("method, retryAfterSeconds >= 0 and times >= 1 are required");
        }
        faults.add(RequestPipeline.strip(method), Fault.RATE_LIMITED, retryAfterSeconds, times);
    }

    @Override
    public List<SandboxWebhook> webhooks(String username) {
        return webhooks.of(username);
    }

    @Override
    public void removeWebhooks(String username) {
        webhooks.removeAll(username);
    }

    @Override
    public List<SandboxWebhookDelivery> webhookDeliveries() {
        return poster.deliveries();
    }

    /** Stops POSTing webhook events (the server adapters call this when they stop). */
    public void shutdown() {
        poster.shutdown();
    }

    @Override
    public void clearFaults() {
        faults.clear();
    }

    @Override
    public void reset() {
        // sessions are forgotten, not ended: webhooks are kept whatever setWebhooksSurviveSessions says
        sessions.clear();
        log.clear();
        store.clear();
        api.arrivalsPerList(0);
        poster.clear();
        faults.clear();
    }

    @Override
    public void setOutboundAddressesEmpty(boolean empty) {
        renderer.outboundAddressesEmpty(empty);
    }

    @Override
    public void setRepliesDuringEachList(int replies) {
        api.arrivalsPerList(replies);
    }

    @Override
    public void setDateStyle(DateStyle style) {
        renderer.dateStyle(style);
    }

    @Override
    public void refuseWebhookEvents(Set<String> events) {
        webhooks.refuse(Objects.requireNonNull(events, "events"));
    }

    @Override
    public void setWebhooksSurviveSessions(boolean survive) {
        webhooks.surviveSessions(survive);
    }

    @Override
    public void restart() {
        sessions.clear();
        webhooks.clear();
    }

    @Override
    public void expireSessions(String username) {
        webhooks.sessionsEnded(sessions.endAll(username));
    }

    @Override
    public void setPasswordChangeEndsSessions(boolean ends) {
        sessions.passwordChangeEndsSessions(ends);
    }

    /** @return the characters the call log holds (names and values), for tests of its bound */
    long callLogChars() {
        return log.totalChars();
    }
}
