package org.atstexting.texting.provider.support.webhook;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

/** The shared front of a posted webhook: only POST, a bounded body, and the provider sees the rest. */
public class PostedWebhookTest {

    private final AtomicInteger handed = new AtomicInteger();

    private final PostedWebhook handler = new PostedWebhook() {
        @Override
        protected int maxBodyBytes() {
            return 8;
        }

        @Override
        protected WebhookReply posted(WebhookRequest request, byte[] body) {
            handed.incrementAndGet();
            return WebhookReply.word(200, new String(body, StandardCharsets.UTF_8));
        }
    };

    private static WebhookRequest request(String method, InputStream body) {
        return new WebhookRequest(method, "/p", null, "application/json", n -> null, n -> null, body);
    }

    @Test
    public void aGetIs405WithAllowPostAndNothingIsHanded() throws IOException {
        WebhookReply reply = handler.handle(request("GET", new ByteArrayInputStream(new byte[0])));
        assertEquals(405, reply.status());
        assertEquals("POST", reply.allow());
        assertEquals(0, handed.get());
    }

    @Test
    public void aBodyOverTheLimitIs413AndNoMoreThanTheLimitPlusOneIsRead() throws IOException {
        AtomicInteger read = new AtomicInteger();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };
        assertEquals(413, handler.handle(request("POST", endless)).status());
        assertEquals(9, read.get());
        assertEquals(0, handed.get());
    }

    @Test
    public void aBodyWithinTheLimitIsHandedWhole() throws IOException {
        WebhookReply reply = handler.handle(request("POST", new ByteArrayInputStream("€uro".getBytes(StandardCharsets.UTF_8))));
        assertEquals(200, reply.status());
        assertArrayEquals("€uro\n".getBytes(StandardCharsets.UTF_8), reply.body());
        assertEquals(1, handed.get());
    }

    @Test
    public void readAtMostSaysTooLargeWithNull() throws IOException {
        assertNull(WebhookBodies.readAtMost(new ByteArrayInputStream(new byte[5]), 4));
        assertEquals(4, WebhookBodies.readAtMost(new ByteArrayInputStream(new byte[4]), 4).length);
    }
}
