/**
 * Exported by this jar's own manifest (bnd.bnd), never through {@code @Export}: each provider embeds
 * the package with {@code -conditionalpackage}, and an {@code @Export} would make every provider export
 * its private copy.
 * <p>
 * A provider's webhook endpoint, free of any Servlet API: a
 * {@link org.atstexting.texting.provider.support.webhook.WebhookHandler} answers a
 * {@link org.atstexting.texting.provider.support.webhook.WebhookRequest} with a
 * {@link org.atstexting.texting.provider.support.webhook.WebhookReply}; the servlets of the
 * {@code jakarta} and {@code javax} sub-packages serve it on either Http Whiteboard generation.
 */
@Version("1.0.0")
package org.atstexting.texting.provider.support.webhook;

import org.osgi.annotation.versioning.Version;
