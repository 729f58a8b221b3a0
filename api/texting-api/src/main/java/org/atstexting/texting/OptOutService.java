package org.atstexting.texting;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Who opted out of texts. A number opts out by texting STOP, STOPALL, UNSUBSCRIBE, CANCEL,
 * END, QUIT, REVOKE or OPT OUT (the whole text, any case) and opts back in with START,
 * UNSTOP or YES; HELP or INFO gets the configured help reply. Opt-outs apply to every
 * account and every send path (single, template, bulk).
 */
@ProviderType
public interface OptOutService {

    /**
     * A number's consent and history. Needs "Can Text" or the "View Text Messages" action.
     *
     * @param number in any common format
     * @throws TextingException {@link TextingException.Reason#INVALID_INPUT} for a number that is not one
     */
    OptOutStatus status(String actingUserId, String number) throws TextingException;

    /**
     * The consent of a record's number, as the record shows it. Needs "Can Text" or the
     * "View Text Messages" action.
     *
     * @throws TextingException {@link TextingException.Reason#RECORD_NOT_FOUND}; {@link TextingException.Reason#INVALID_INPUT}
     *                          if the record has no number
     */
    OptOutStatus status(String actingUserId, RecordRef record) throws TextingException;

    /** Every number that is opted out now. Admins only. */
    List<OptOutStatus> optedOut(String actingUserId) throws TextingException;

    /**
     * Records an opt-out that came another way (a call, an email). Admins only. Only the
     * number itself can opt back in, by texting START.
     *
     * @param note why, kept with the opt-out
     */
    OptOutStatus optOut(String actingUserId, String number, String note) throws TextingException;
}
