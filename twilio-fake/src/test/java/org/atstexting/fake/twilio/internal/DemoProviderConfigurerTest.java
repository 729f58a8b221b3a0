package org.atstexting.fake.twilio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Hashtable;

import org.junit.Test;

/** The demo's Twilio settings follow the HTTP port at each start; an admin's own URL stays. */
public class DemoProviderConfigurerTest {

    private static Hashtable<String, Object> config(String api) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("enabled", Boolean.TRUE);
        props.put("apiBaseUrl", api);
        props.put("callbackBaseUrl", api.replace("/twilio-fake/", ""));
        return props;
    }

    @Test
    public void aFakeUrlFromAnEarlierPortMovesToTheCurrentOne() {
        assertEquals("http://127.0.0.1:8181/twilio-fake/", DemoProviderConfigurer.followPort(
                config("http://127.0.0.1:8080/twilio-fake/"), "http://127.0.0.1:8181/twilio-fake/").get("apiBaseUrl"));
        assertEquals("the webhooks follow the port too", "http://127.0.0.1:8181", DemoProviderConfigurer.followPort(
                config("http://127.0.0.1:8080/twilio-fake/"), "http://127.0.0.1:8181/twilio-fake/").get("callbackBaseUrl"));
    }

    @Test
    public void nothingChangesOnTheSamePortOrForARealUrl() {
        assertNull(DemoProviderConfigurer.followPort(config("http://127.0.0.1:8181/twilio-fake/"),
                "http://127.0.0.1:8181/twilio-fake/"));
        assertNull(DemoProviderConfigurer.followPort(config("https://api.twilio.com/"),
                "http://127.0.0.1:8181/twilio-fake/"));
    }
}
