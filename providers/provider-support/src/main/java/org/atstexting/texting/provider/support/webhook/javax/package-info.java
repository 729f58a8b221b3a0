/** The webhook servlet for a javax Http Whiteboard (OSGi R7, Servlet 3.1/4, e.g. Karaf's Pax Web 8). */
@Version("1.0.0")
package org.atstexting.texting.provider.support.webhook.javax;

import org.osgi.annotation.versioning.Version;
