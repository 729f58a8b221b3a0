package org.atstexting.texting;

/** The kinds of host record a conversation is archived on. */
public enum RecordType {
    /** A candidate ("employee" in the ATS). */
    EMPLOYEE,
    /** A contact at an employer. */
    CONTACT
}
