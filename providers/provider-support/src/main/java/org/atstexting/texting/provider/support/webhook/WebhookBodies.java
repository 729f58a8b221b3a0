package org.atstexting.texting.provider.support.webhook;

import java.io.IOException;
import java.io.InputStream;

/** Reads a webhook body with a bound: a caller on the internet decides how much it sends. */
public final class WebhookBodies {

    private WebhookBodies() {
    }

    /**
     * Reads at most {@code max} + 1 bytes, never more, and closes the stream.
     *
     * @return the body, or {@code null} when it is longer than {@code max} (answer {@link WebhookReply#tooLarge()})
     */
    public static byte[] readAtMost(InputStream in, int max) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? null : bytes;
        }
    }
}
