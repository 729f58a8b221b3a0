/** The webhook servlet for a Jakarta Http Whiteboard (OSGi R8, Servlet 5+). */
@Version("1.0.0")
package org.atstexting.texting.provider.support.webhook.jakarta;

import org.osgi.annotation.versioning.Version;
