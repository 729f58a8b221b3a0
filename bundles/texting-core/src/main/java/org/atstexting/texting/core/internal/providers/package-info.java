/** The providers the core sees: their registry, the secrets they share across nodes, the look-up of a text whose send was interrupted, and the host services' status. */
package org.atstexting.texting.core.internal.providers;
