package org.atstexting.texting.provider.support.webhook;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/** A provider's webhook endpoint: verifies the request, hands what it says to the core, and answers. */
@ConsumerType
@FunctionalInterface
public interface WebhookHandler {

    WebhookReply handle(WebhookRequest request) throws IOException;
}
