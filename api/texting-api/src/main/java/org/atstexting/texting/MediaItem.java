package org.atstexting.texting;

import java.net.URI;
import java.util.Objects;

/**
 * A picture or other file sent with a text (MMS), kept on the record by its address.
 *
 * @param url         where the file can be fetched (https, or http for a local fake)
 * @param contentType its MIME type (e.g. {@code image/jpeg}), or {@code null} when the provider did not say
 */
public record MediaItem(String url, String contentType) {

    /** The most media items one text may carry (Twilio's limit). */
    public static final int MAX_PER_TEXT = 10;

    /** The longest URL kept. */
    public static final int MAX_URL_LENGTH = 2048;

    public MediaItem {
        Objects.requireNonNull(url, "url");
        if (url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("A media URL is at most " + MAX_URL_LENGTH + " characters");
        }
        String scheme = URI.create(url).getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("A media URL must be http or https");
        }
        if (contentType != null && (contentType.length() > 127 || !contentType.matches("[\\w.+-]+/[\\w.+-]+"))) {
            throw new IllegalArgumentException("Not a MIME type: " + contentType);
        }
    }
}
