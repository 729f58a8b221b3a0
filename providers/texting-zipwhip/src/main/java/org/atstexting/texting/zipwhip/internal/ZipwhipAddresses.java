package org.atstexting.texting.zipwhip.internal;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

/**
 * Zipwhip writes parties as {@code ptn:/5551234567} or bare 10-digit numbers with no
 * country code; the rest of ats-texting speaks E.164 only.
 */
final class ZipwhipAddresses {

    private static final String PTN = "ptn:/";

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String region;

    ZipwhipAddresses(String region) {
        this.region = region;
    }

    /** The E.164 form of a Zipwhip address, or empty if it is not a phone number (e.g. a short code). */
    Optional<String> toE164(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String number = address.startsWith(PTN) ? address.substring(PTN.length()) : address;
        try {
            return Optional.of(util.format(util.parse(number, region), PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
