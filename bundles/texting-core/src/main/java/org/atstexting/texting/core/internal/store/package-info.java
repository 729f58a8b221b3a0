/** The core's tables in the shared database: the schema scripts and what a failed database call throws. */
package org.atstexting.texting.core.internal.store;
