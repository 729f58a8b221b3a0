/**
 * The provider SPI: what a texting provider bundle (Zipwhip, Twilio, ...) implements.
 *
 * <p>A provider registers a {@link org.atstexting.texting.spi.TextingProvider} service
 * with the service property {@value org.atstexting.texting.spi.TextingProvider#PROVIDER_PROPERTY}
 * naming it. The core does permissions, credentials, number normalisation and the archive;
 * a provider only talks to its service.
 */
@Export
@Version("1.4.0")
package org.atstexting.texting.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
