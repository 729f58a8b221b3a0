package org.atstexting.fake.twilio;

import java.util.Map;

/**
 * One request the fake received.
 *
 * @param method   HTTP method
 * @param path     the path below the fake's base, e.g. {@code /2010-04-01/Accounts/AC.../Messages.json}
 * @param params   query and form parameters
 * @param username the HTTP Basic user name (the Account SID), or {@code null}; the password is not kept
 */
public record FakeCall(String method, String path, Map<String, String> params, String username) {

    public FakeCall {
        params = Map.copyOf(params);
    }
}
