package org.atstexting.texting.kit;

import java.util.ArrayList;
import java.util.List;

import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.StatusUpdate;

/** The core's {@link ProviderCallback} as the kit sees it: what a provider pushed, in order. Thread-safe. */
public final class PushRecorder implements ProviderCallback {

    private final List<InboundText> received = new ArrayList<>();
    private final List<StatusUpdate> statuses = new ArrayList<>();

    @Override
    public synchronized void received(String provider, InboundText text) {
        received.add(text);
    }

    @Override
    public synchronized void statusChanged(String provider, StatusUpdate update) {
        statuses.add(update);
    }

    /** The inbound texts pushed so far, oldest first. */
    public synchronized List<InboundText> received() {
        return List.copyOf(received);
    }

    /** The status updates pushed so far, oldest first. */
    public synchronized List<StatusUpdate> statuses() {
        return List.copyOf(statuses);
    }
}
