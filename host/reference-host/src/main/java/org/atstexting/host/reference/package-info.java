/**
 * Administration of the reference host: the set-up calls integration tests and the
 * Gogo console use to create groups, users and records. Host vendors do not need it;
 * they implement the host contract ({@code org.atstexting.texting.host}) against their
 * own data.
 */
@Export
@Version("1.0.0")
package org.atstexting.host.reference;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
