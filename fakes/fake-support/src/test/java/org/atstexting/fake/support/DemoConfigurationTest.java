package org.atstexting.fake.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.junit.Test;

/** The demo configurer follows the demo's port and leaves an admin's own URLs alone. */
public class DemoConfigurationTest {

    private static final Map<String, String> URLS = Map.of("apiBaseUrl", "/zipwhip-sandbox/", "callbackBaseUrl", "");

    private static Hashtable<String, Object> config(String api, String callback) {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("enabled", Boolean.TRUE);
        props.put("apiBaseUrl", api);
        props.put("callbackBaseUrl", callback);
        props.put("pageSize", 7);
        return props;
    }

    @Test
    public void aSandboxUrlFromAnEarlierPortMovesToTheCurrentOne() {
        Dictionary<String, Object> moved = DemoConfiguration.followPort(
                config("http://127.0.0.1:8080/zipwhip-sandbox/", "http://127.0.0.1:8080"),
                "http://127.0.0.1:8181", URLS);
        assertEquals("http://127.0.0.1:8181/zipwhip-sandbox/", moved.get("apiBaseUrl"));
        assertEquals("http://127.0.0.1:8181", moved.get("callbackBaseUrl"));
        assertEquals("other settings stay", 7, moved.get("pageSize"));
    }

    @Test
    public void nothingChangesOnTheSamePort() {
        assertNull(DemoConfiguration.followPort(
                config("http://127.0.0.1:8181/zipwhip-sandbox/", "http://127.0.0.1:8181"),
                "http://127.0.0.1:8181", URLS));
    }

    @Test
    public void anAdminsOwnUrlsAreLeftAlone() {
        assertNull(DemoConfiguration.followPort(
                config("https://api.zipwhip.com/", "https://ats.example.com"), "http://127.0.0.1:8181",
                URLS));
    }

    @Test
    public void aSecondDemoNodeUsesTheFirstNodesFakes() {
        assertEquals("http://127.0.0.1:8080", DemoConfiguration.fakesUrl("http://127.0.0.1:8080/", 8181));
        assertEquals("without the property, its own", "http://127.0.0.1:8181", DemoConfiguration.fakesUrl(null, 8181));
        Dictionary<String, Object> moved = DemoConfiguration.followPort(
                config("http://127.0.0.1:8181/zipwhip-sandbox/", "http://127.0.0.1:8181"),
                DemoConfiguration.fakesUrl("http://127.0.0.1:8080", 8181), URLS);
        assertEquals("http://127.0.0.1:8080/zipwhip-sandbox/", moved.get("apiBaseUrl"));
        assertEquals("http://127.0.0.1:8080", moved.get("callbackBaseUrl"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void anotherHostIsRefused() {
        DemoConfiguration.fakesUrl("https://api.zipwhip.com", 8181);
    }
}
