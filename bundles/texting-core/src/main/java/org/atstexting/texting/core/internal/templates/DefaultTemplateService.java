package org.atstexting.texting.core.internal.templates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.atstexting.texting.MessageTemplate;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RenderedText;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.TextingPermissions;
import org.atstexting.texting.core.internal.sending.DefaultTextingService;
import org.atstexting.texting.core.internal.sending.PermissionGuard;
import org.atstexting.texting.core.internal.store.CoreStore;
import org.atstexting.texting.core.internal.store.StoreException;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostRecords;
import org.atstexting.texting.host.HostUser;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Message templates in the shared database ({@code core_template}). Admins keep them; users with "Can Text" preview and
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

    public DefaultTemplateService(CoreStore store, TextingPermissions permissions, HostRecords records, HostUsers users,
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
        if (name.strip().length() > TemplateRows.MAX_NAME) {
            throw new TextingException(Reason.INVALID_INPUT, "A template name has at most " + TemplateRows.MAX_NAME
                    + " characters");
        }
        List<String> fields = MergeFields.parse(body);
        texting.checkBody(body);
        MessageTemplate template = new MessageTemplate(name.strip(), body, fields, actingUserId, clock.instant());
        try {
            store.database().inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement(TemplateRows.INSERT)) {
                    TemplateRows.bindInsert(insert, template);
                    if (insert.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement update = c.prepareStatement(TemplateRows.UPDATE)) {
                    TemplateRows.bindUpdate(update, template);
                    update.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new StoreException("saving the template " + template.name(), e);
        }
        return template;
    }

    @Override
    public boolean remove(String actingUserId, String name) throws TextingException {
        guard.requireAdmin(actingUserId);
        if (name == null) {
            return false;
        }
        try (Connection c = store.database().connection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM core_template WHERE name = ?")) {
            delete.setString(1, name.strip());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new StoreException("removing the template " + name.strip(), e);
        }
    }

    @Override
    public List<MessageTemplate> templates(String actingUserId) throws TextingException {
        guard.requireCanText(actingUserId);
        return query(TemplateRows.SELECT + " ORDER BY name", null);
    }

    @Override
    public Optional<MessageTemplate> template(String actingUserId, String name) throws TextingException {
        guard.requireCanText(actingUserId);
        return find(name);
    }

    Optional<MessageTemplate> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return query(TemplateRows.SELECT + " WHERE name = ?", name.strip()).stream().findFirst();
    }

    private List<MessageTemplate> query(String sql, String name) {
        try (Connection c = store.database().connection(); PreparedStatement select = c.prepareStatement(sql)) {
            if (name != null) {
                select.setString(1, name);
            }
            List<MessageTemplate> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(TemplateRows.read(row));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("reading templates", e);
        }
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
