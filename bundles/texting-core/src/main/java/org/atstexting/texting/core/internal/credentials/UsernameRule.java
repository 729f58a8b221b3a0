package org.atstexting.texting.core.internal.credentials;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;

/**
 * The set-up guide's rule: usernames contain no special characters (no {@code @},
 * parentheses, dashes or hyphens). Letters, digits, dots and underscores are allowed.
 */
final class UsernameRule {

    private static final int MAX_LENGTH = 64;

    private UsernameRule() {
    }

    static String check(String username) throws TextingException {
        if (username == null || username.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A username is required");
        }
        String trimmed = username.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new TextingException(Reason.INVALID_INPUT, "A username has at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_';
            if (!allowed) {
                throw new TextingException(Reason.INVALID_INPUT, "Usernames cannot contain special characters: "
                        + describe(c) + " at position " + (i + 1) + " is not allowed; use letters, digits, '.' or '_'");
            }
        }
        return trimmed;
    }

    private static String describe(char c) {
        return switch (c) {
            case ' ' -> "a space";
            case '-' -> "'-' (dash or hyphen)";
            case '(', ')' -> "'" + c + "' (parenthesis)";
            default -> "'" + c + "'";
        };
    }
}
