package org.atstexting.texting;

/** Whether a text went from a user to a phone, or came in from a phone. */
public enum Direction {
    OUTBOUND,
    INBOUND
}
