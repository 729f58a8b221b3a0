package org.atstexting.fake.twilio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parameters of Twilio's webhook calls: an inbound message, a status callback. */
final class FakeCallbacks {

    private FakeCallbacks() {
    }

    /** An incoming message, as Twilio posts it to the number's incoming URL. */
    static Map<String, List<String>> inbound(FakeMessage m, FakeInbound text) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        put(p, "ToCountry", "US");
        put(p, "SmsMessageSid", m.sid());
        put(p, "NumMedia", Integer.toString(text.media().size()));
        put(p, "SmsSid", m.sid());
        put(p, "SmsStatus", "received");
        put(p, "Body", m.body());
        put(p, "To", m.to());
        put(p, "NumSegments", Integer.toString(FakeMessages.segments(m.body())));
        put(p, "MessageSid", m.sid());
        put(p, "AccountSid", m.accountSid());
        put(p, "From", m.from());
        put(p, "FromCountry", "US");
        put(p, "ApiVersion", "2010-04-01");
        for (int i = 0; i < text.media().size(); i++) {
            put(p, "MediaUrl" + i, text.media().get(i)[0]);
            put(p, "MediaContentType" + i, text.media().get(i)[1]);
        }
        if (text.optOutType() != null) {
            put(p, "OptOutType", text.optOutType());
        }
        return p;
    }

    /** A status callback, as Twilio posts it to the message's StatusCallback. */
    static Map<String, List<String>> status(FakeMessage m) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        put(p, "MessageSid", m.sid());
        put(p, "SmsSid", m.sid());
        put(p, "MessageStatus", m.status());
        put(p, "SmsStatus", m.status());
        put(p, "AccountSid", m.accountSid());
        put(p, "From", m.from());
        put(p, "To", m.to());
        put(p, "ApiVersion", "2010-04-01");
        if (m.messagingServiceSid() != null) {
            put(p, "MessagingServiceSid", m.messagingServiceSid());
        }
        if (m.errorCode() != null) {
            put(p, "ErrorCode", Integer.toString(m.errorCode()));
        }
        return p;
    }

    private static void put(Map<String, List<String>> p, String name, String value) {
        p.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
}
