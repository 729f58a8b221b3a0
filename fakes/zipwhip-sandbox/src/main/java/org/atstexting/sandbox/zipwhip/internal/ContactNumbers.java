package org.atstexting.sandbox.zipwhip.internal;

import java.util.regex.Pattern;

/**
 * The phone-number forms clients sent Zipwhip (zipwhip-api.md, {@code contacts}):
 * {@code +15551234567}, {@code 5551234567} and {@code ptn:/5551234567}; also {@code +<digits>}
 * outside NANP (E.164, 7 to 15 digits), which the facts neither confirm nor rule out. Anything
 * else (dashes, parentheses, spaces inside, {@code 15551234567} without its {@code +}) is refused.
 */
final class ContactNumbers {

    private static final Pattern NANP = Pattern.compile("[2-9][0-9]{9}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private ContactNumbers() {
    }

    /** @return the number as the sandbox stores it (10 digits for NANP, else the E.164 digits), or null */
    static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.startsWith("ptn:/")) {
            String s = raw.substring(5);
            return NANP.matcher(s).matches() ? s : null;
        }
        if (raw.startsWith("+")) {
            String s = raw.substring(1);
            if (!DIGITS.matcher(s).matches()) {
                return null;
            }
            if (s.startsWith("1")) {
                return s.length() == 11 && NANP.matcher(s.substring(1)).matches() ? s.substring(1) : null;
            }
            return s.length() >= 7 && s.length() <= 15 ? s : null;
        }
        return NANP.matcher(raw).matches() ? raw : null;
    }
}
