package org.atstexting.texting.core.internal.sending;

import java.util.HashMap;
import java.util.Map;

import org.atstexting.texting.DeliveryFailure;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingEvents;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Announces texts on EventAdmin ({@link TextingEvents}). EventAdmin is optional: without it
 * texting works the same and nothing is announced.
 */
@Component(service = MessageEventPublisher.class)
public final class MessageEventPublisher {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** The event service texts are announced on, or null while there is none. */
    public EventAdmin eventAdmin() {
        return eventAdmin;
    }

    /** Sets the event service outside a framework (tests, benchmarks); the framework injects it. */
    public void eventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    public void sent(TextMessage message) {
        post(TextingEvents.SENT, message, null);
    }

    public void received(TextMessage message) {
        post(TextingEvents.RECEIVED, message, null);
    }

    public void statusChanged(TextMessage message, String reason) {
        post(TextingEvents.STATUS_CHANGED, message, reason);
    }

    public void failed(TextMessage message, String reason) {
        post(TextingEvents.FAILED, message, reason);
    }

    /** A send the provider refused: there is no provider message to name. */
    void sendFailed(String provider, String userId, String to, String reason) {
        sendFailed(provider, userId, to, reason, null);
    }

    /** A send the provider refused, with the plain reason and its code when the provider gave them. */
    void sendFailed(String provider, String userId, String to, String reason, DeliveryFailure failure) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(TextingEvents.PROVIDER, provider);
        properties.put(TextingEvents.TO, to);
        properties.put(TextingEvents.USER_ID, userId);
        properties.put(TextingEvents.REASON, failure != null ? failure.describe() : reason);
        putFailure(properties, failure);
        post(TextingEvents.FAILED, properties);
    }

    private static void putFailure(Map<String, Object> properties, DeliveryFailure failure) {
        if (failure != null) {
            properties.put(TextingEvents.FAILURE, failure.reason().name());
            properties.put(TextingEvents.PROVIDER_CODE, failure.providerCode());
        }
    }

    private void post(String topic, TextMessage message, String reason) {
        if (eventAdmin == null) {
            return; // nobody to tell: spare every send the properties
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(TextingEvents.MESSAGE_KEY, message.key());
        properties.put(TextingEvents.PROVIDER, message.provider());
        properties.put(TextingEvents.PROVIDER_MESSAGE_ID, message.providerMessageId());
        properties.put(TextingEvents.DIRECTION, message.direction().name());
        properties.put(TextingEvents.FROM, message.from());
        properties.put(TextingEvents.TO, message.to());
        properties.put(TextingEvents.STATUS, message.status().name());
        if (message.userId() != null) {
            properties.put(TextingEvents.USER_ID, message.userId());
        }
        if (reason != null) {
            properties.put(TextingEvents.REASON, reason);
        }
        putFailure(properties, message.failure());
        post(topic, properties);
    }

    /** A bulk job's progress ({@link org.atstexting.texting.BulkEvents}). */
    void bulk(String topic, Map<String, Object> properties) {
        post(topic, new HashMap<>(properties));
    }

    private void post(String topic, Map<String, Object> properties) {
        properties.values().removeIf(v -> v == null);
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(topic, properties));
        }
    }
}
