/** Provider credentials' shared state: the last Test of each set, whichever node ran it. */
package org.atstexting.texting.core.internal.credentials;
