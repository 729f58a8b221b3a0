/**
 * The host contract: everything ats-texting needs from the applicant-tracking system,
 * as services the host implements and registers. Nothing in ats-texting reaches the host
 * any other way.
 *
 * <p>For the JSON endpoints of the host's settings pages, the host also registers an HTTP
 * whiteboard {@code ServletContextHelper} named {@value HostHttp#CONTEXT_NAME}: its
 * {@code handleSecurity} authenticates each request the host's way and sets the request
 * attribute {@code ServletContextHelper.REMOTE_USER} to the host user id. Texting's
 * endpoints run in that context and act as that user.
 */
@Export
@Version("1.0.0")
package org.atstexting.texting.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
