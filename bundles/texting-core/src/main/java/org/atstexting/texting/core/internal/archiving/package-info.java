/** Handing what the core sent or read to the archive, and waiting for the archive's answer. */
package org.atstexting.texting.core.internal.archiving;
