package org.atstexting.host.reference.internal;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Normalises phone numbers to E.164 ({@code +} country code and number, no spaces). */
final class PhoneNumbers {

    /** Numbers without a {@code +} country code are read as US numbers. */
    static final String DEFAULT_REGION = "US";

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * The number in E.164.
     *
     * @throws IllegalArgumentException naming the number if it is not a valid phone number
     */
    static String toE164(String number) {
        return tryE164(number).orElseThrow(() ->
                new IllegalArgumentException("'" + number + "' is not a valid phone number"));
    }

    /** The number in E.164, or empty if it is blank or not a valid phone number. */
    static Optional<String> tryE164(String number) {
        if (number == null || number.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber parsed = UTIL.parse(number, DEFAULT_REGION);
            return UTIL.isValidNumber(parsed)
                    ? Optional.of(UTIL.format(parsed, PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
