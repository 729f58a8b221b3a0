/**
 * The seam between ats-texting's core and its archive bundle: the core hands the archive
 * what it sent, received and learnt about delivery, in batches, and announces events from
 * the archive's answer. Hosts and UIs do not call it: they read a record's conversation
 * through {@link org.atstexting.texting.TextingService}, which checks the acting user.
 * Nothing here names an acting user because nothing here is a user's action; the core has
 * checked it before it calls.
 *
 * <p>It is its own package (not part of {@code org.atstexting.texting}) so that changing
 * how the core and the archive talk never forces a major version on hosts; it lives in the
 * API bundle so that stopping, updating or uninstalling the archive bundle never leaves the
 * core without its wiring (the core's components wait for the service instead).
 */
@Export
@Version("1.0.0")
package org.atstexting.texting.archive;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
