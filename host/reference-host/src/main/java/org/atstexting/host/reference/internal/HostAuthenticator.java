package org.atstexting.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Checks the reference host's logins (HTTP Basic and the form login share it): the
 * password, then the user; failed logins are throttled ({@link LoginThrottle}); form logins
 * get a {@link Sessions} token. Both are kept in the shared database, so every node agrees.
 */
@Component(service = HostAuthenticator.class, configurationPid = HttpLoginConfig.PID)
@Designate(ocd = HttpLoginConfig.class)
public final class HostAuthenticator {

    /** What a login attempt came to. */
    record Outcome(String user, Duration retryAfter) {
        boolean ok() {
            return user != null;
        }

        boolean throttled() {
            return retryAfter != null;
        }
    }

    private final HostUsers users;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private volatile byte[] password;

    @Activate
    public HostAuthenticator(@Reference HostUsers users, @Reference HostStore store, HttpLoginConfig config) {
        this(users, store, config, Clock.systemUTC());
    }

    HostAuthenticator(HostUsers users, HostStore store, HttpLoginConfig config, Clock clock) {
        this.users = users;
        this.throttle = new LoginThrottle(store, clock);
        this.sessions = new Sessions(store, clock);
        modified(config);
        if (config.printDemoNotice()) {
            // stdout on purpose: the person who started the demo reads the console, not the log
            System.out.println(DEMO_NOTICE);
        }
    }

    static final String DEMO_NOTICE = "ats-texting demo: the ATS pages are at /ats/ on the demo's HTTP port "
            + "(users admin, alice, bob; password 'demo'), the web console at /system/console with admin/admin. "
            + "These logins are for the demo only: change the console's in its configuration "
            + "(PID org.apache.felix.webconsole.internal.servlet.OsgiManager: username, password) or leave the "
            + "web console bundle out; change the ATS password in PID " + HttpLoginConfig.PID
            + " (userPassword). See the README.";

    @Modified
    void modified(HttpLoginConfig config) {
        this.password = config.userPassword().getBytes(StandardCharsets.UTF_8);
    }

    /** Checks a user's password, unless that user and address must wait after failed tries. */
    Outcome login(String user, String givenPassword, String address) {
        String who = user == null ? "" : user;
        Optional<Duration> wait = throttle.waitFor(who, address);
        if (wait.isPresent()) {
            return new Outcome(null, wait.get());
        }
        byte[] given = (givenPassword == null ? "" : givenPassword).getBytes(StandardCharsets.UTF_8);
        // compare the password first, in constant time, so a wrong user takes as long as a wrong password
        boolean passwordOk = MessageDigest.isEqual(given, password);
        if (passwordOk && !who.isEmpty() && users.user(who).isPresent()) {
            throttle.succeeded(who, address);
            return new Outcome(who, null);
        }
        throttle.failed(who, address);
        return new Outcome(null, null);
    }

    Sessions sessions() {
        return sessions;
    }

    /** Whether the user still exists (a removed user's session ends). */
    boolean known(String user) {
        return users.user(user).isPresent();
    }
}
