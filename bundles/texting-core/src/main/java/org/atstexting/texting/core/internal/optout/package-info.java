/** Opt-outs: the registry and its audit trail, consent keywords, providers' own opt-outs and mirroring to providers. */
package org.atstexting.texting.core.internal.optout;
