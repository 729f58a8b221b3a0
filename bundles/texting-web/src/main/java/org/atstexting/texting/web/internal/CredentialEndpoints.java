package org.atstexting.texting.web.internal;

import static org.atstexting.texting.web.internal.JsonBodies.MAX_NAME;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_PASSWORD;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_PHONE;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_USERNAME;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialTest;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.CredentialsView;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingPermissions;

/**
 * System Settings &gt; External Services &gt; Texting ({@code system/<provider>}) and User
 * Settings &gt; Texting ({@code user/<provider>}): GET, PUT, DELETE, POST {@code .../test};
 * plus {@code credentials} (admins: every set), {@code providers} (installed now) and
 * {@code me} (what the caller may do, so a page can say why a screen is closed). The last test
 * of each set is the core's ({@link CredentialService#lastSystemTest}), the same on every node.
 */
final class CredentialEndpoints {

    private final CredentialService credentials;
    private final TextingPermissions permissions;
    private final InstalledProviders providers;

    CredentialEndpoints(CredentialService credentials, TextingPermissions permissions, InstalledProviders providers) {
        this.credentials = credentials;
        this.permissions = permissions;
        this.providers = providers;
    }

    void register(Router router) {
        for (boolean system : new boolean[] {true, false}) {
            String base = system ? "system/{provider}" : "user/{provider}";
            router.get(base, call -> show(call, system))
                    .put(base, call -> save(call, system))
                    .delete(base, call -> remove(call, system))
                    .post(base + "/test", call -> test(call, system));
        }
        router.get("credentials", call -> call.page(credentials.allCredentials(call.user())))
                .get("providers", call -> Map.of("providers", providers.keys()))
                .get("me", this::me);
    }

    private Object show(Call call, boolean system) throws TextingException {
        String provider = provider(call);
        Optional<CredentialsView> view = system ? credentials.systemCredentials(call.user(), provider)
                : credentials.userCredentials(call.user(), provider);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("credentials", view.orElse(null));
        Optional<CredentialTest> last = system ? credentials.lastSystemTest(call.user(), provider)
                : credentials.lastUserTest(call.user(), provider);
        json.put("lastTest", last.map(CredentialEndpoints::lastTest).orElse(null));
        return json;
    }

    private Object save(Call call, boolean system) throws Exception {
        String provider = provider(call);
        JsonInput body = call.body("username", "phoneNumber", "password");
        CredentialsInput input = new CredentialsInput(provider, body.line("username", MAX_USERNAME),
                body.line("phoneNumber", MAX_PHONE), body.line("password", MAX_PASSWORD));
        return system ? credentials.saveSystemCredentials(call.user(), input)
                : credentials.saveUserCredentials(call.user(), input);
    }

    private Object remove(Call call, boolean system) throws TextingException {
        String provider = provider(call);
        boolean removed = system ? credentials.removeSystemCredentials(call.user(), provider)
                : credentials.removeUserCredentials(call.user(), provider);
        return Map.of("removed", removed);
    }

    private Object test(Call call, boolean system) throws TextingException {
        String provider = provider(call);
        CredentialCheck check = system ? credentials.testSystemCredentials(call.user(), provider)
                : credentials.testUserCredentials(call.user(), provider);
        // the core kept it as the last test; its time is the kept one (a test on another node may be newer)
        Optional<CredentialTest> kept = system ? credentials.lastSystemTest(call.user(), provider)
                : credentials.lastUserTest(call.user(), provider);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outcome", check.outcome());
        json.put("message", check.message());
        json.put("ok", check.ok());
        json.put("at", kept.map(CredentialTest::at).orElse(null));
        return json;
    }

    /** A kept test as the settings page shows it: when, outcome, whether OK, the provider's words. */
    private static Map<String, Object> lastTest(CredentialTest test) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", test.at());
        json.put("outcome", test.check().outcome());
        json.put("ok", test.check().ok());
        json.put("message", test.check().message());
        return json;
    }

    private Object me(Call call) {
        String user = call.user();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("user", user);
        json.put("admin", permissions.isAdmin(user));
        json.put("canText", permissions.canText(user));
        json.put("canViewMessages", permissions.canViewMessages(user));
        return json;
    }

    private static String provider(Call call) {
        String provider = call.path("provider");
        if (provider.length() > MAX_NAME || !provider.matches("[A-Za-z0-9._-]+")) {
            throw WebRefusal.badInput("A provider key is letters, digits, '.', '_' or '-'");
        }
        return provider;
    }
}
