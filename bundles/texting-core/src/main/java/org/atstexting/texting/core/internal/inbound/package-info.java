/** Which node polls which account: leases in the shared database, fenced by version. */
package org.atstexting.texting.core.internal.inbound;
