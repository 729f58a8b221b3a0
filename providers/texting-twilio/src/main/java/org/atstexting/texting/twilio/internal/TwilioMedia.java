package org.atstexting.texting.twilio.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Logger;

import org.atstexting.texting.MediaItem;

/** The media (MMS) of an inbound webhook: {@code NumMedia}, {@code MediaUrlN}, {@code MediaContentTypeN}. */
public final class TwilioMedia {

    private static final Logger LOG = Logger.getLogger(TwilioMedia.class.getName());

    private TwilioMedia() {
    }

    /**
     * Up to {@code NumMedia} items, at most {@link MediaItem#MAX_PER_TEXT} (Twilio's limit);
     * an item that is not an http(s) URL within {@link MediaItem#MAX_URL_LENGTH}, or whose type
     * is not a MIME type, is left out and logged rather than refusing the text.
     */
    public static List<MediaItem> of(Function<String, String> field) {
        int count = Math.min(MediaItem.MAX_PER_TEXT, TwilioErrors.code(field.apply("NumMedia")));
        List<MediaItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String url = field.apply("MediaUrl" + i);
            if (url == null) {
                continue;
            }
            String type = field.apply("MediaContentType" + i);
            try {
                items.add(new MediaItem(url, type == null || type.isEmpty() ? null : type));
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "A Twilio media item was left out: " + e.getMessage());
            }
        }
        return items;
    }
}
