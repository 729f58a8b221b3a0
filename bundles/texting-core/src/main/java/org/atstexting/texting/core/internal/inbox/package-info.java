/** Recruiters' inboxes: the replies to each user's account and which she has read, shared by every node. */
package org.atstexting.texting.core.internal.inbox;
