package org.atstexting.texting.core.internal;

import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Turns numbers as people type them into E.164, the only form stored and compared. */
final class PhoneNumbers {

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    String toE164(String input) throws TextingException {
        if (input == null || input.isBlank()) {
            throw new TextingException(Reason.INVALID_INPUT, "A phone number is required");
        }
        try {
            PhoneNumber number = util.parse(input, defaultRegion);
            if (!util.isValidNumber(number)) {
                throw new TextingException(Reason.INVALID_INPUT,
                        "'" + input + "' is not a valid phone number for region " + defaultRegion);
            }
            return util.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            throw new TextingException(Reason.INVALID_INPUT,
                    "'" + input + "' is not a phone number: " + e.getMessage());
        }
    }
}
