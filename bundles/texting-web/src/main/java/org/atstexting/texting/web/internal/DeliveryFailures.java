package org.atstexting.texting.web.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.atstexting.texting.TextingEvents;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * Why texts failed, from the {@link TextingEvents#FAILED} events, so a record's
 * conversation can show the reason next to a failed text. The archive keeps the status,
 * not the reason; this keeps the newest {@value #MAX_KEPT} reasons on this node.
 */
@Component(service = {DeliveryFailures.class, EventHandler.class},
        property = EventConstants.EVENT_TOPIC + "=" + TextingEvents.FAILED)
public final class DeliveryFailures implements EventHandler {

    static final int MAX_KEPT = 10_000;

    private final Map<String, String> reasons = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > MAX_KEPT;
                }
            });

    @Override
    public void handleEvent(Event event) {
        Object key = event.getProperty(TextingEvents.MESSAGE_KEY);
        Object reason = event.getProperty(TextingEvents.REASON);
        if (key instanceof String k) {
            reasons.put(k, reason instanceof String r && !r.isBlank() ? r : "The provider reported it undeliverable");
        }
    }

    Optional<String> reason(String messageKey) {
        return Optional.ofNullable(reasons.get(messageKey));
    }
}
