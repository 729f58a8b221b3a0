package org.atstexting.texting.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.atstexting.texting.MessageTemplate;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RenderedText;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Message templates in the core store. Admins keep them; users with "Can Text" preview and
 * send them. Filling in happens before anything is sent, so a missing field is an error,
 * never a blank in a candidate's text.
 */
@Component(service = { TemplateService.class, DefaultTemplateService.class })
public final class DefaultTemplateService implements TemplateService {

    private final CoreStore store;
    private final PermissionGuard guard;
    private final HostRecords records;
    private final HostUsers users;
    private final DefaultTextingService texting;
    private final Clock clock;

    @Activate
    public DefaultTemplateService(@Reference CoreStore store, @Reference TextingPermissions permissions,
            @Reference HostRecords records, @Reference HostUsers users, @Reference DefaultTextingService texting) {
        this(store, permissions, records, users, texting, Clock.systemUTC());
    }

    DefaultTemplateService(CoreStore store, TextingPermissions permissions, HostRecords records, HostUsers users,
            DefaultTextingService texting, Clock clock) {
        this.store = store;
        this.guard = new PermissionGuard(permissions);
        this.records = records;
        this.users = users;
        this.texting = texting;
        this.clock = clock;
    }

    @Override
    public MessageTemplate save(String actingUserId, String name, String body) throws TextingException {
        guard.requireAdmin(actingUserId);
        if (name == null || name.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A template needs a name");
        }
        List<String> fields = MergeFields.parse(body);
        texting.checkBody(body);
        MessageTemplate template = new MessageTemplate(name.strip(), body, fields, actingUserId, clock.instant());
        store.templates().put(template.name(), OptOutRegistry.GSON.toJson(template));
        store.commit();
        return template;
    }

    @Override
    public boolean remove(String actingUserId, String name) throws TextingException {
        guard.requireAdmin(actingUserId);
        boolean removed = name != null && store.templates().remove(name.strip()) != null;
        store.commit();
        return removed;
    }

    @Override
    public List<MessageTemplate> templates(String actingUserId) throws TextingException {
        guard.requireCanText(actingUserId);
        List<MessageTemplate> all = new ArrayList<>();
        store.templates().values().forEach(json -> all.add(OptOutRegistry.GSON.fromJson(json, MessageTemplate.class)));
        return all;
    }

    @Override
    public Optional<MessageTemplate> template(String actingUserId, String name) throws TextingException {
        guard.requireCanText(actingUserId);
        return find(name);
    }

    Optional<MessageTemplate> find(String name) {
        return Optional.ofNullable(name == null ? null : store.templates().get(name.strip()))
                .map(json -> OptOutRegistry.GSON.fromJson(json, MessageTemplate.class));
    }

    MessageTemplate require(String name) throws TextingException {
        return find(name).orElseThrow(() -> new TextingException(Reason.RECORD_NOT_FOUND,
                "There is no template '" + name + "'"));
    }

    @Override
    public RenderedText preview(String actingUserId, String name, RecordRef record) throws TextingException {
        guard.requireCanText(actingUserId);
        return RenderedText.of(render(require(name), record(record), sender(actingUserId)));
    }

    @Override
    public TextMessage send(String actingUserId, String name, RecordRef record, String provider)
            throws TextingException {
        guard.requireCanText(actingUserId);
        String body = render(require(name), record(record), sender(actingUserId));
        return texting.send(new SendRequest(actingUserId, provider, record, null, body));
    }

    /** Fills in a template for a record and sender, and checks the result like any body. */
    String render(MessageTemplate template, HostRecord record, HostUser sender) throws TextingException {
        String body = MergeFields.render(template.body(), MergeFields.values(record, sender), record.ref());
        return texting.checkBody(body);
    }

    HostUser sender(String userId) {
        return users.user(userId).orElse(null);
    }

    private HostRecord record(RecordRef ref) throws TextingException {
        return records.record(ref).orElseThrow(() -> new TextingException(Reason.RECORD_NOT_FOUND,
                "There is no record " + ref));
    }
}
