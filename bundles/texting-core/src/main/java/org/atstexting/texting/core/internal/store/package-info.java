/** The core's tables in the shared database, the core's configuration, where its files live, and what a failed database call throws. */
package org.atstexting.texting.core.internal.store;
