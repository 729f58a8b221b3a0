package org.atstexting.texting;

import java.util.Objects;

/**
 * How a text travels as SMS: its encoding and how many segments it takes.
 *
 * <p>GSM-7 carries 160 characters in one segment and 153 per segment once split; the GSM
 * extension characters {@code ^ { } \ [ ] ~ |} and {@code €} take two. One character
 * outside GSM-7 turns the whole text into UCS-2: 70 UTF-16 units in one segment, 67 per
 * segment once split; characters outside the Basic Multilingual Plane (most emoji) take two.
 *
 * @param encoding the encoding the whole text needs
 * @param units    septets (GSM-7) or UTF-16 units (UCS-2) the text takes
 * @param segments SMS segments it is sent as; 0 for an empty text
 */
public record SegmentCount(Encoding encoding, int units, int segments) {

    /** The two SMS encodings. */
    public enum Encoding {
        GSM_7,
        UCS_2
    }

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public SegmentCount {
        Objects.requireNonNull(encoding, "encoding");
    }

    /** Counts a text. */
    public static SegmentCount of(String body) {
        Objects.requireNonNull(body, "body");
        int septets = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return ucs2(body.length());
            }
        }
        return new SegmentCount(Encoding.GSM_7, septets, segments(septets, 160, 153));
    }

    private static SegmentCount ucs2(int utf16Units) {
        return new SegmentCount(Encoding.UCS_2, utf16Units, segments(utf16Units, 70, 67));
    }

    private static int segments(int units, int single, int perPart) {
        if (units == 0) {
            return 0;
        }
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
