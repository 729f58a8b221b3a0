/** The Gogo commands of the core (texting:*), each delegating to a service, and what they print. */
package org.atstexting.texting.core.internal.shell;
