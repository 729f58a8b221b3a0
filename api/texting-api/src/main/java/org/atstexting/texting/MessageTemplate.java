package org.atstexting.texting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named message with merge fields, e.g. {@code Hi {{firstName}}, this is {{recruiterName}}}.
 *
 * @param name      the template's name, unique
 * @param body      the text with {@code {{field}}} placeholders
 * @param fields    the merge fields the body uses, in order of first use
 * @param updatedBy the admin who saved it last
 * @param updatedAt when
 */
public record MessageTemplate(String name, String body, List<String> fields, String updatedBy, Instant updatedAt) {

    public MessageTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        fields = List.copyOf(fields);
    }
}
