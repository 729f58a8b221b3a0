/** Twilio's webhooks to us: inbound texts and status callbacks, verified with {@code X-Twilio-Signature}. */
package org.atstexting.texting.twilio.internal.webhook;
