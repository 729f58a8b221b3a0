package org.atstexting.texting;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Whether a number may be texted, and every opt-out and opt-in it ever made.
 *
 * @param number    the number, E.164
 * @param optedOut  whether it opted out (every send to it is refused with
 *                  {@link TextingException.Reason#OPTED_OUT})
 * @param since     when the current state began, or {@code null} if the number never opted out
 * @param history   its opt-outs and opt-ins, oldest first
 */
public record OptOutStatus(String number, boolean optedOut, Instant since, List<OptOutEvent> history) {

    public OptOutStatus {
        Objects.requireNonNull(number, "number");
        history = List.copyOf(history);
    }
}
