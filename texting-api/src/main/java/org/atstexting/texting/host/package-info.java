/**
 * The host contract: everything ats-texting needs from the applicant-tracking system,
 * as services the host implements and registers. Nothing in ats-texting reaches the host
 * any other way.
 */
@Export
@Version("1.0.0")
package org.atstexting.texting.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
