/**
 * Provider credentials: sealed with the node-wide key, its rotation, the stored rows, the credential
 * service, and the last Test of each set, whichever node ran it.
 */
package org.atstexting.texting.core.internal.credentials;
