/**
 * The texting API that host pages, Gogo commands and other bundles call: send a text,
 * manage provider credentials, ask what a user may do.
 *
 * <p>Every call names the acting user; the implementation checks that user's
 * permissions itself and trusts no caller.
 */
@Export
@Version("2.1.0")
package org.atstexting.texting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
