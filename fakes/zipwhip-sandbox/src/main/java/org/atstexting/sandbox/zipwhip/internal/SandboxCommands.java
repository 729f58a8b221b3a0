package org.atstexting.sandbox.zipwhip.internal;

import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.sandbox.zipwhip.SandboxCall;
import org.atstexting.sandbox.zipwhip.SandboxMessage;
import org.atstexting.sandbox.zipwhip.SandboxWebhookDelivery;
import org.atstexting.sandbox.zipwhip.ZipwhipSandbox;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands to play the phone side of the sandbox. Passwords and session keys are never
 * printed ({@link SandboxCall#toString()} hides them).
 */
@Component(
        service = SandboxCommands.class,
        property = { "osgi.command.scope=texting", "osgi.command.function=reply", "osgi.command.function=sandbox",
                "osgi.command.function=progress", "osgi.command.function=fault",
                "osgi.command.function=ratelimit" })
public class SandboxCommands {

    private final ZipwhipSandbox sandbox;

    @Activate
    public SandboxCommands(@Reference ZipwhipSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Descriptor("text a sandbox account from a phone, as if the phone replied")
    public void reply(
            @Descriptor("the phone's number, e.g. +12065550123 or 2065550123") String from,
            @Descriptor("the receiving account's username (its 10-digit number), e.g. 2065550100") String toAccountUsername,
            @Descriptor("the text, one or more words") String... words) {
        SandboxMessage m = sandbox.deliverReply(from, toAccountUsername, String.join(" ", words));
        System.out.println("Delivered inbound message " + m.id() + " from " + m.sourceAddress() + " to " + m.destAddress());
    }

    @Descriptor("change a sandbox message's transmission state, as the carrier would (posts a progress webhook)")
    public void progress(
            @Descriptor("the message id") long messageId,
            @Descriptor("the new state, e.g. SENT, DELIVERED, ERROR") String state) {
        sandbox.setStatus(messageId, state);
        System.out.println("Message " + messageId + " is now " + state);
    }

    @Descriptor("make the next calls of a sandbox method fail")
    public void fault(
            @Descriptor("the API method, e.g. message/send") String method,
            @Descriptor("SERVER_ERROR, RATE_LIMITED, SLOW, SESSION_EXPIRED, MALFORMED_JSON or SEND_THEN_FAIL") String fault,
            @Descriptor("how many calls") int times) {
        sandbox.injectFault(method, ZipwhipSandbox.Fault.valueOf(fault), times);
        System.out.println("The next " + times + " call(s) of " + method + " will suffer " + fault);
    }

    @Descriptor("make the next calls of a sandbox method answer HTTP 429 with a Retry-After")
    public void ratelimit(
            @Descriptor("the API method, e.g. message/send") String method,
            @Descriptor("the Retry-After value in seconds") int retryAfterSeconds,
            @Descriptor("how many calls") int times) {
        sandbox.injectRateLimit(method, retryAfterSeconds, times);
        System.out.println("The next " + times + " call(s) of " + method + " will answer 429, Retry-After "
                + retryAfterSeconds);
    }

    @Descriptor("show the calls the Zipwhip sandbox received and the messages it sent")
    public void sandbox() {
        List<SandboxCall> calls = sandbox.calls();
        System.out.println("Calls (" + calls.size() + ", the newest kept):");
        int i = 1;
        for (SandboxCall c : calls) {
            System.out.println("  " + i++ + ". " + c);
        }
        List<SandboxMessage> sent = sandbox.sent();
        System.out.println("Sent messages (" + sent.size() + "):");
        for (SandboxMessage m : sent) {
            System.out.println("  " + m.id() + " " + m.sourceAddress() + " -> " + m.destAddress() + " ["
                    + m.transmissionState() + "] " + m.dateCreated() + ": " + m.body());
        }
        List<SandboxWebhookDelivery> deliveries = sandbox.webhookDeliveries();
        System.out.println("Webhook events posted (" + deliveries.size() + "):");
        for (SandboxWebhookDelivery d : deliveries) {
            System.out.println("  " + d.event() + " message " + d.messageId() + " -> HTTP " + d.status());
        }
    }
}
