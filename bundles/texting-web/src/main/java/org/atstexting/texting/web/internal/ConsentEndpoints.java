package org.atstexting.texting.web.internal;

import static org.atstexting.texting.web.internal.JsonBodies.MAX_NOTE;
import static org.atstexting.texting.web.internal.JsonBodies.MAX_PHONE;

import org.atstexting.texting.OptOutService;

/** Opt-outs: {@code consent/<number>}, {@code records/<ref>/consent}, {@code optouts}. */
final class ConsentEndpoints {

    private final OptOutService optOuts;

    ConsentEndpoints(OptOutService optOuts) {
        this.optOuts = optOuts;
    }

    void register(Router router) {
        router.get("consent/{number}", call -> optOuts.status(call.user(), number(call.path("number"))))
                .get("records/{record}/consent", call -> optOuts.status(call.user(), call.record("record")))
                .get("optouts", call -> call.page(optOuts.optedOut(call.user())))
                .post("optouts", call -> {
                    JsonInput body = call.body("number", "note");
                    return optOuts.optOut(call.user(), body.requiredLine("number", MAX_PHONE),
                            body.text("note", MAX_NOTE));
                });
    }

    private static String number(String value) {
        if (value.length() > MAX_PHONE) {
            throw WebRefusal.badInput("A phone number has at most " + MAX_PHONE + " characters");
        }
        return value;
    }
}
