/**
 * A loopback fake of the part of Twilio's Programmable Messaging API (2010-04-01) that the
 * Twilio provider uses: create a message, list messages, fetch the account. For demos and
 * tests only; it never reaches Twilio.
 */
@Export
@Version("1.3.0")
package org.atstexting.fake.twilio;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
