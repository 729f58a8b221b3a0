package org.atstexting.sandbox.zipwhip.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

import org.atstexting.sandbox.zipwhip.ZipwhipSandbox.DateStyle;

import com.google.gson.JsonObject;

/**
 * Writes a stored message as Zipwhip's message object (zipwhip-api.md, "Message object
 * fields"), the same in {@code message/list}, {@code message/get} and webhook bodies. The two
 * switches are what the facts leave open: the date format and whether an outbound message
 * carries its {@code sourceAddress}/{@code destAddress}. Invented values (not in the facts):
 * {@code type} {@code "MO"} (mobile originated) for inbound, {@code "ZO"} for outbound;
 * {@code statusCode} 0 / {@code statusDesc} "OK", except state ERROR: 1 / "Error" with
 * {@code errorState} true. Thread-safe.
 */
final class MessageRenderer {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);
    /** {@code MMM d, yyyy h:mm:ss aaa} in SimpleDateFormat terms; one {@code a} is the same text in java.time. */
    private static final DateTimeFormatter CLIENT_PATTERN = DateTimeFormatter
            .ofPattern("MMM d, yyyy h:mm:ss a", Locale.US).withZone(ZoneOffset.UTC);

    private volatile DateStyle dateStyle = DateStyle.ISO_8601;
    private volatile boolean outboundAddressesEmpty;

    void dateStyle(DateStyle style) {
        dateStyle = Objects.requireNonNull(style, "style");
    }

    void outboundAddressesEmpty(boolean empty) {
        outboundAddressesEmpty = empty;
    }

    String date(Instant t) {
        return (dateStyle == DateStyle.ZIPWHIP_CLIENT_PATTERN ? CLIENT_PATTERN : ISO).format(t);
    }

    JsonObject json(StoredMessage m) {
        StoredMessage.Progress p = m.progress();
        boolean error = "ERROR".equals(p.state());
        boolean hide = outboundAddressesEmpty && !m.inbound;
        JsonObject o = new JsonObject();
        o.addProperty("id", m.id);
        o.addProperty("uuid", m.uuid);
        o.addProperty("deviceId", m.deviceId);
        o.addProperty("contactId", m.contactId);
        o.addProperty("contactDeviceId", m.deviceId);
        o.addProperty("address", "ptn:/" + m.other);
        o.addProperty("sourceAddress", hide ? "" : m.source());
        o.addProperty("destAddress", hide ? "" : m.dest());
        o.addProperty("mobileNumber", m.other);
        o.addProperty("body", m.body);
        o.addProperty("fingerprint", m.fingerprint);
        o.addProperty("dateCreated", date(m.created));
        o.addProperty("lastUpdated", date(p.updated()));
        o.addProperty("isRead", !m.inbound);
        o.addProperty("deleted", false);
        o.addProperty("errorState", error);
        o.addProperty("statusCode", error ? 1 : 0);
        o.addProperty("statusDesc", error ? "Error" : "OK");
        JsonObject state = new JsonObject();
        state.addProperty("name", p.state());
        o.add("transmissionState", state);
        o.addProperty("type", m.inbound ? "MO" : "ZO");
        o.addProperty("channel", "SMS");
        o.addProperty("hasAttachment", false);
        return o;
    }
}
