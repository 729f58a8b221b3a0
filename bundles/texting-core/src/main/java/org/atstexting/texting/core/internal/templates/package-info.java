/** Message templates: the template service, its rows and the merge fields filled from host records. */
package org.atstexting.texting.core.internal.templates;
