package org.atstexting.fake.twilio;

import java.util.List;
import java.util.Map;

/**
 * A webhook call the fake made (or held back), and what the far side answered.
 *
 * @param url       the URL called, exactly as signed
 * @param params    the form parameters, each name with its values
 * @param signature the {@code X-Twilio-Signature} sent, or {@code null} (unsigned fault)
 * @param answer    the HTTP status answered; 0 while held back; -1 when the call could not be made
 * @since 1.2
 */
public record FakeWebhook(String url, Map<String, List<String>> params, String signature, int answer) {

    public FakeWebhook {
        params = Map.copyOf(params);
    }

    /** The first value of a parameter, or {@code null}. */
    public String param(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
