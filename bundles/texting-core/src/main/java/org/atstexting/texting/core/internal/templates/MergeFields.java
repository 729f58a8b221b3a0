package org.atstexting.texting.core.internal.templates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.host.HostRecord;
import org.atstexting.texting.host.HostUser;

/**
 * Template placeholders, {@code {{field}}} (spaces inside the braces allowed): parsing,
 * the values a record and a sender offer, and filling in, where a field without a value
 * is an error rather than a blank.
 */
final class MergeFields {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z][A-Za-z0-9_.]*)\\s*}}");

    private MergeFields() {
    }

    /**
     * The fields a template body uses, in order of first use.
     *
     * @throws TextingException INVALID_INPUT for a blank body or a malformed placeholder
     */
    static List<String> parse(String body) throws TextingException {
        if (body == null || body.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A template needs a message; the body is empty");
        }
        Set<String> fields = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (m.find()) {
            fields.add(m.group(1));
            rest.append(body, last, m.start());
            last = m.end();
        }
        rest.append(body.substring(last));
        int stray = rest.indexOf("{{") >= 0 ? rest.indexOf("{{") : rest.indexOf("}}");
        if (stray >= 0) {
            String near = rest.substring(stray, Math.min(rest.length(), stray + 20));
            throw new TextingException(Reason.INVALID_INPUT, "The template has a malformed placeholder near '" + near
                    + "'; write merge fields as {{fieldName}}, e.g. {{firstName}}");
        }
        return List.copyOf(fields);
    }

    /**
     * The values a record and a sender offer: the record's own fields, then {@code firstName},
     * {@code lastName} and {@code fullName} from its display name where the host gives none,
     * then {@code recruiterName} and {@code recruiterFirstName} from the sender.
     */
    static Map<String, String> values(HostRecord record, HostUser sender) {
        Map<String, String> values = new HashMap<>();
        String[] names = record.displayName().strip().split("\\s+");
        values.put("fullName", record.displayName().strip());
        values.put("displayName", record.displayName().strip());
        values.put("firstName", names[0]);
        if (names.length > 1) {
            values.put("lastName", names[names.length - 1]);
        }
        values.putAll(record.fields());
        if (sender != null) {
            values.put("recruiterName", sender.displayName().strip());
            values.put("recruiterFirstName", sender.displayName().strip().split("\\s+")[0]);
        }
        values.values().removeIf(v -> v == null || v.isBlank());
        return values;
    }

    /**
     * Fills in a body.
     *
     * @throws MissingMergeFieldException naming the first field without a value
     */
    static String render(String body, Map<String, String> values, RecordRef record) throws MissingMergeFieldException {
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder out = new StringBuilder();
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String field = m.group(1);
            String value = values.get(field);
            if (value == null) {
                missing.add(field);
                m.appendReplacement(out, "");
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        if (!missing.isEmpty()) {
            String field = missing.get(0);
            boolean senderField = field.startsWith("recruiter");
            throw new MissingMergeFieldException(field, senderField ? null : record, "The merge field {{" + field
                    + "}} has no value " + (senderField ? "for the sending user" : "for " + record)
                    + "; nothing was sent. Fill it in on the " + (senderField ? "user" : "record")
                    + " or change the template.");
        }
        m.appendTail(out);
        return out.toString();
    }
}
