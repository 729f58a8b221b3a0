/**
 * Exported by this jar's own manifest (bnd.bnd), never through {@code @Export}: each provider embeds
 * the package with {@code -conditionalpackage}, and an {@code @Export} would make every provider export
 * its private copy.
 * <p>
 * The HttpClient 5 recipe of {@code docs/writing-a-provider.md} ("HttpClient checklist") as code:
 * {@link org.atstexting.texting.provider.support.http.ProviderHttpClients} builds the pooled client,
 * {@link org.atstexting.texting.provider.support.http.BackoffRetryStrategy} is the base of a retry
 * strategy that repeats only what the provider marks safe. Embed with bnd
 * {@code -conditionalpackage: org.atstexting.texting.provider.support.*, org.apache.hc.*}.
 */
@Version("1.0.0")
package org.atstexting.texting.provider.support.http;

import org.osgi.annotation.versioning.Version;
