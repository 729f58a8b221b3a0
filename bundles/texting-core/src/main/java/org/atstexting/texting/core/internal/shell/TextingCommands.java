package org.atstexting.texting.core.internal.shell;

import static org.atstexting.texting.core.internal.shell.CommandOutcome.attempt;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.atstexting.texting.CredentialCheck;
import org.atstexting.texting.CredentialService;
import org.atstexting.texting.CredentialsInput;
import org.atstexting.texting.CredentialsView;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.SegmentCount;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingService;
import org.atstexting.texting.core.internal.inbound.InboundPoller;
import org.atstexting.texting.core.internal.providers.ProviderRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands (scope {@code texting}) for admins and users at the host console. Every
 * command names the acting user and goes through the same checks as any other caller.
 */
@Component(service = TextingCommands.class, property = {
        "osgi.command.scope=texting",
        "osgi.command.function=send", "osgi.command.function=sendrecord", "osgi.command.function=messages",
        "osgi.command.function=preview", "osgi.command.function=assign",
        "osgi.command.function=unmatched", "osgi.command.function=providers", "osgi.command.function=poll",
        "osgi.command.function=setsystem", "osgi.command.function=showsystem",
        "osgi.command.function=testsystem", "osgi.command.function=rmsystem",
        "osgi.command.function=setuser", "osgi.command.function=showuser",
        "osgi.command.function=testuser", "osgi.command.function=rmuser", "osgi.command.function=creds" })
public final class TextingCommands {

    private final TextingService texting;
    private final CredentialService credentials;
    private final ProviderRegistry providers;
    private final InboundPoller poller;

    @Activate
    public TextingCommands(@Reference TextingService texting, @Reference CredentialService credentials,
            @Reference ProviderRegistry providers,
            @Reference InboundPoller poller) {
        this.texting = texting;
        this.credentials = credentials;
        this.providers = providers;
        this.poller = poller;
    }

    @Descriptor("send a text to a phone number as a user")
    public String send(@Descriptor("acting user id") String user, @Descriptor("recipient number") String to,
            @Descriptor("message words") String... words) {
        return attempt(() -> describe(texting.send(SendRequest.toNumber(user, to, String.join(" ", words)))));
    }

    @Descriptor("send a text to the number of an employee or contact record as a user")
    public String sendrecord(@Descriptor("acting user id") String user,
            @Descriptor("record, e.g. employee:1001") String record, @Descriptor("message words") String... words) {
        return attempt(() -> describe(texting.send(
                SendRequest.fromRecord(user, RecordRef.parse(record), String.join(" ", words)))));
    }

    @Descriptor("show the texts on a record, as a user may see them")
    public String messages(@Descriptor("acting user id") String user,
            @Descriptor("record, e.g. employee:1001") String record) {
        return attempt(() -> {
            List<TextMessage> messages = texting.messages(user, RecordRef.parse(record));
            return messages.isEmpty() ? "No texts on " + record
                    : messages.stream().map(TextingCommands::describe).collect(Collectors.joining("\n"));
        });
    }

    @Descriptor("show how a message would travel as SMS: encoding and segments")
    public String preview(@Descriptor("acting user id") String user, @Descriptor("message words") String... words) {
        return attempt(() -> {
            SegmentCount count = texting.preview(user, String.join(" ", words));
            return count.encoding() + ": " + count.units() + " units, " + count.segments() + " segment(s)";
        });
    }

    @Descriptor("show texts that matched no record (admins)")
    public String unmatched(@Descriptor("acting admin user id") String admin) {
        return attempt(() -> {
            List<TextMessage> messages = texting.unmatched(admin);
            return messages.isEmpty() ? "No unmatched texts"
                    : messages.stream().map(TextingCommands::describe).collect(Collectors.joining("\n"));
        });
    }

    @Descriptor("attach an unmatched text to a record (admins)")
    public String assign(@Descriptor("acting admin user id") String admin,
            @Descriptor("message key, e.g. zipwhip:1002") String messageKey,
            @Descriptor("record, e.g. employee:1001") String record) {
        return attempt(() -> {
            texting.assignUnmatched(admin, messageKey, RecordRef.parse(record));
            return "Attached " + messageKey + " to " + record;
        });
    }

    @Descriptor("list the installed texting providers")
    public String providers() {
        return "Installed providers: " + providers.keys();
    }

    @Descriptor("read every account's new inbound texts now")
    public String poll() {
        return "Read " + poller.pollAll() + " inbound text(s) and status change(s)";
    }

    @Descriptor("save the system credentials of a provider (admins)")
    public String setsystem(@Descriptor("acting admin user id") String admin, @Descriptor("provider, e.g. zipwhip") String provider,
            @Descriptor("provider username") String username, @Descriptor("account phone number") String phone,
            @Descriptor("provider password") String password) {
        return save(true, admin, () -> new CredentialsInput(provider, username, phone, password));
    }

    @Descriptor("show the system credentials of a provider, without the password (admins)")
    public String showsystem(@Descriptor("acting admin user id") String admin, @Descriptor("provider") String provider) {
        return show(true, admin, provider);
    }

    @Descriptor("log in to the provider with the system credentials (admins)")
    public String testsystem(@Descriptor("acting admin user id") String admin, @Descriptor("provider") String provider) {
        return test(true, admin, provider);
    }

    @Descriptor("remove the system credentials of a provider (admins)")
    public String rmsystem(@Descriptor("acting admin user id") String admin, @Descriptor("provider") String provider) {
        return remove(true, admin, provider);
    }

    @Descriptor("save a user's own credentials for a provider (users with Can Text)")
    public String setuser(@Descriptor("acting user id") String user, @Descriptor("provider, e.g. zipwhip") String provider,
            @Descriptor("provider username") String username, @Descriptor("account phone number") String phone,
            @Descriptor("provider password") String password) {
        return save(false, user, () -> new CredentialsInput(provider, username, phone, password));
    }

    @Descriptor("show a user's own credentials, without the password")
    public String showuser(@Descriptor("acting user id") String user, @Descriptor("provider") String provider) {
        return show(false, user, provider);
    }

    @Descriptor("log in to the provider with a user's own credentials")
    public String testuser(@Descriptor("acting user id") String user, @Descriptor("provider") String provider) {
        return test(false, user, provider);
    }

    @Descriptor("remove a user's own credentials for a provider")
    public String rmuser(@Descriptor("acting user id") String user, @Descriptor("provider") String provider) {
        return remove(false, user, provider);
    }

    // the system's and a user's own credentials: the same commands, each calling the service's own pair

    /** @param input made inside the attempt: input the API refuses is answered, not thrown at the shell */
    private String save(boolean system, String actor, Supplier<CredentialsInput> input) {
        return attempt(() -> "Saved " + describe(system ? credentials.saveSystemCredentials(actor, input.get())
                : credentials.saveUserCredentials(actor, input.get())));
    }

    private String show(boolean system, String actor, String provider) {
        return attempt(() -> (system ? credentials.systemCredentials(actor, provider)
                : credentials.userCredentials(actor, provider)).map(TextingCommands::describe)
                .orElse(system ? "No system credentials for " + provider
                        : "No credentials of " + actor + " for " + provider));
    }

    private String test(boolean system, String actor, String provider) {
        return attempt(() -> describe(system ? credentials.testSystemCredentials(actor, provider)
                : credentials.testUserCredentials(actor, provider)));
    }

    private String remove(boolean system, String actor, String provider) {
        return attempt(() -> (system ? credentials.removeSystemCredentials(actor, provider)
                : credentials.removeUserCredentials(actor, provider)) ? "Removed" : "There were none");
    }

    @Descriptor("list every stored credential set, without passwords (admins)")
    public String creds(@Descriptor("acting admin user id") String admin) {
        return attempt(() -> credentials.allCredentials(admin).stream().map(TextingCommands::describe)
                .collect(Collectors.joining("\n")));
    }

    private static String describe(TextMessage m) {
        return String.format("%s %s %s %s -> %s [%s] %s%s", m.timestamp(), m.direction(), m.key(), m.from(), m.to(),
                m.status(), m.body(), m.userId() == null ? "" : " (user " + m.userId() + ")");
    }

    private static String describe(CredentialsView c) {
        return (c.system() ? "system" : "user " + c.ownerUserId()) + " credentials for " + c.provider()
                + ": username " + c.username() + ", phone " + c.phoneNumber();
    }

    private static String describe(CredentialCheck check) {
        return check.outcome() + ": " + check.message();
    }
}
