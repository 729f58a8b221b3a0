/** Sending one text: the gate every send path passes (permission, body, number, opt-out, credentials), the provider call, failure kinds and the events announced. */
package org.atstexting.texting.core.internal.sending;
