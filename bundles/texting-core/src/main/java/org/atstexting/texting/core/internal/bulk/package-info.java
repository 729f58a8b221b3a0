/** Bulk texting: planning a job, its store, its worker and the service facade. */
package org.atstexting.texting.core.internal.bulk;
