package org.atstexting.texting.web.internal;

/**
 * A request refused by the web layer itself (before any texting service ran): wrong method,
 * content type, origin, size or JSON shape. Carries the HTTP status and a plain message.
 */
final class WebRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    WebRefusal(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static WebRefusal badInput(String message) {
        return new WebRefusal(400, "INVALID_INPUT", message);
    }
}
