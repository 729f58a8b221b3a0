/** Scheduled texts and bulk jobs: stored, claimed when due by one node, sent once. */
package org.atstexting.texting.core.internal.schedule;
