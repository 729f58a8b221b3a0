/**
 * A strict loopback fake of the part of the TextUs Next API the TextUs provider uses: Bearer
 * tokens per user, JSON-LD content types, send, conversations and their messages (Hydra
 * collections), opt-outs, webhook integrations with signed deliveries, and the rate limit.
 * For demos and tests only; it never reaches TextUs.
 */
@Export
@Version("1.1.0")
package org.atstexting.fake.textus;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
