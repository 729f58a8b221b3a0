package org.atstexting.texting.web.internal;

import org.atstexting.texting.host.HostHttp;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardResource;

/**
 * The UI pieces (ES-module web components and their optional stylesheet) as static
 * resources in the host's context, next to the JSON endpoints they call:
 * {@code <context>/texting/ui/texting-credentials.js} and so on. Served behind the host's
 * login like the endpoints, so a page of the host imports them with its own session.
 */
@Component(service = UiResources.class)
@HttpWhiteboardResource(pattern = "/texting/ui/*", prefix = "/ui")
@HttpWhiteboardContextSelect(HostHttp.CONTEXT_SELECT)
public final class UiResources {
}
