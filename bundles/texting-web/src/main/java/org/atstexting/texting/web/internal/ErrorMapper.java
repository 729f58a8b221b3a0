package org.atstexting.texting.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;

/**
 * Turns whatever an endpoint threw into a status and {@code {"error","message"}} an admin
 * can act on. Only our own messages reach the caller: an unexpected exception is logged
 * and answered with a plain sentence, never with a library's class names or parser state.
 */
final class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());
    private static final int MAX_MESSAGE = 300;

    /** A mapped error: its status and body. */
    record Mapped(int status, Map<String, String> body) {
    }

    private ErrorMapper() {
    }

    static Mapped map(Throwable failure) {
        if (failure instanceof WebRefusal refusal) {
            return new Mapped(refusal.status(), error(refusal.code(), refusal.getMessage()));
        }
        if (failure instanceof MissingMergeFieldException missing) {
            Map<String, String> body = error("MISSING_MERGE_FIELD", missing.getMessage());
            body.put("field", missing.field());
            if (missing.record() != null) {
                body.put("record", missing.record().toString());
            }
            return new Mapped(400, body);
        }
        if (failure instanceof TextingException texting) {
            return new Mapped(status(texting.reason()), error(texting.reason().name(), texting.getMessage()));
        }
        if (failure instanceof IllegalArgumentException bad) {
            // thrown by the API's own value types (RecordRef.parse, SendRequest): their words
            return new Mapped(400, error(Reason.INVALID_INPUT.name(), "The request is not valid: " + bad.getMessage()));
        }
        LOG.log(Level.WARNING, "A texting endpoint failed", failure);
        return new Mapped(500, error("INTERNAL_ERROR", "The texting service failed; the server log has the details"));
    }

    static int status(Reason reason) {
        return switch (reason) {
            case NOT_PERMITTED -> 403;
            case UNKNOWN_USER -> 401;
            case INVALID_INPUT -> 400;
            case NO_SYSTEM_CREDENTIALS, NO_CREDENTIALS, USERNAME_TAKEN, OPTED_OUT -> 409;
            case RECORD_NOT_FOUND -> 404;
            case BAD_CREDENTIALS, PROVIDER_ERROR -> 502;
            case PROVIDER_UNAVAILABLE, SERVICE_UNAVAILABLE -> 503;
        };
    }

    static Map<String, String> error(String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", code);
        String text = message == null ? "" : JsonInput.printable(message, MAX_MESSAGE);
        body.put("message", text);
        return body;
    }
}
