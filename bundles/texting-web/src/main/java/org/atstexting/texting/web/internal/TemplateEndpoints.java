package org.atstexting.texting.web.internal;

import static org.atstexting.texting.web.internal.JsonBodies.MAX_NAME;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_RECORD;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_TEXT;

import java.util.Map;

import org.atstexting.texting.RecordRef;
import org.atstexting.texting.TemplateService;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;

/** Templates: {@code templates}, {@code templates/<name>}, {@code .../preview}, {@code .../send}. */
final class TemplateEndpoints {

    private final TemplateService templates;

    TemplateEndpoints(TemplateService templates) {
        this.templates = templates;
    }

    void register(Router router) {
        router.get("templates", call -> call.page(templates.templates(call.user())))
                .get("templates/{name}", call -> templates.template(call.user(), name(call))
                        .orElseThrow(() -> new TextingException(Reason.RECORD_NOT_FOUND,
                                "There is no template '" + JsonInput.printable(name(call)) + "'")))
                .put("templates/{name}", call -> templates.save(call.user(), name(call),
                        call.body("body").text("body", MAX_TEXT)))
                .delete("templates/{name}", call -> Map.of("removed", templates.remove(call.user(), name(call))))
                .post("templates/{name}/preview", call -> {
                    JsonInput body = call.body("record", "provider");
                    return templates.preview(call.user(), name(call), record(body));
                })
                .post("templates/{name}/send", call -> {
                    JsonInput body = call.body("record", "provider");
                    return JsonBodies.message(templates.send(call.user(), name(call), record(body),
                            body.line("provider", MAX_NAME)));
                });
    }

    private static RecordRef record(JsonInput body) {
        return RecordRef.parse(body.requiredLine("record", MAX_RECORD));
    }

    private static String name(Call call) {
        String name = call.path("name");
        if (name.length() > MAX_NAME) {
            throw WebRefusal.badInput("A template name has at most " + MAX_NAME + " characters");
        }
        return name;
    }
}
