/** Inbound texts and statuses: the poller, the recorder and its keyword replies, which node polls which account. */
package org.atstexting.texting.core.internal.inbound;
