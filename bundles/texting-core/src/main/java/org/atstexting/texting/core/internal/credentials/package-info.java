/** Provider credentials: sealed with the node-wide key, its rotation, the stored rows and the credential service. */
package org.atstexting.texting.core.internal.credentials;
