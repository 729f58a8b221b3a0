package org.atstexting.fake.twilio;

import static org.atstexting.fake.twilio.FakeForms.error;
import static org.atstexting.fake.twilio.FakeForms.first;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a create-message request as strictly as Twilio would (twilio-api.md) and makes the
 * draft of the new message. Codes: 21604 no {@code To}; 21211 invalid {@code To}; 21603
 * neither {@code From} nor {@code MessagingServiceSid}; 21212 invalid {@code From}; 21602 no
 * {@code Body} and no {@code MediaUrl}; 21617 body over 1,600 characters; 21610 the recipient
 * opted out. Codes the fact sheet does not give are marked unconfirmed where they are used.
 */
final class FakeCreate {

    static final int MAX_BODY = 1600;
    static final int MAX_MEDIA = 10;
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern SERVICE = Pattern.compile("MG[0-9a-fA-F]{32}");

    /** A refusal, or the draft to store. */
    record Result(FakeResponse refusal, FakeMessage draft) {
    }

    private FakeCreate() {
    }

    /**
     * @param services  Messaging Service SID to {@code [accountSid, sender number]}
     * @param optedOut  {@code accountSid|number} of recipients who replied STOP
     */
    // Longer than 50 lines on purpose: one refusal per line, in the order Twilio checks them
    // (fact sheet), so a reader can hold the list against the documented error codes.
    static Result check(String accountSid, Map<String, List<String>> params, Map<String, String[]> services,
            Set<String> optedOut) {
        String to = first(params, "To");
        String from = first(params, "From");
        String service = first(params, "MessagingServiceSid");
        String body = first(params, "Body");
        List<String> media = params.getOrDefault("MediaUrl", List.of());
        String callback = first(params, "StatusCallback");
        if (to == null || to.isBlank()) {
            return refuse(400, 21604, "A 'To' phone number is required.");
        }
        if (!E164.matcher(to).matches()) {
            return refuse(400, 21211, "The 'To' number " + to + " is not a valid phone number.");
        }
        if ((from == null || from.isBlank()) && (service == null || service.isBlank())) {
            return refuse(400, 21603, "A 'From' phone number is required.");
        }
        if (service != null) {
            String[] known = services.get(service);
            if (!SERVICE.matcher(service).matches() || known == null || !known[0].equals(accountSid)) {
                // the exact code for an unknown service is unconfirmed
                return refuse(400, 21705, "The Messaging Service Sid " + service + " is invalid.");
            }
        } else if (!E164.matcher(from).matches()) {
            return refuse(400, 21212, "The 'From' number " + from + " is not a valid phone number, shortcode, "
                    + "or alphanumeric sender ID.");
        }
        if ((body == null || body.isEmpty()) && media.isEmpty()) {
            return refuse(400, 21602, "Message body is required.");
        }
        if (body != null && body.length() > MAX_BODY) {
            return refuse(400, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (media.size() > MAX_MEDIA) {
            // the exact code for too many media is unconfirmed; the limit of 10 is Twilio's
            return refuse(400, 21623, "Too many media: at most " + MAX_MEDIA + " MediaUrl values are allowed.");
        }
        for (String url : media) {
            if (!absoluteHttp(url)) {
                return refuse(400, 21620, "Invalid media URL(s): " + url);
            }
        }
        if (callback != null && !absoluteHttp(callback)) {
            return refuse(400, 21609, "Invalid StatusCallback url: " + callback);
        }
        if (optedOut.contains(accountSid + "|" + to)) {
            return refuse(400, 21610, "Attempt to send to unsubscribed recipient");
        }
        String sender = service != null ? services.get(service)[1] : from;
        // through a Messaging Service the first status is accepted (Twilio picks the sender later), else queued
        String status = service != null ? "accepted" : "queued";
        return new Result(null, new FakeMessage(null, accountSid, "outbound-api", sender, to, body == null ? "" : body,
                status, null, null, service, media, callback));
    }

    private static boolean absoluteHttp(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Result refuse(int status, int code, String message) {
        return new Result(error(status, code, message), null);
    }
}
