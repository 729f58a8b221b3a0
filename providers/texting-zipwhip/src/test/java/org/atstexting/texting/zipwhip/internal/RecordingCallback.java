package org.atstexting.texting.zipwhip.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.atstexting.texting.spi.InboundText;
import org.atstexting.texting.spi.ProviderCallback;
import org.atstexting.texting.spi.StatusUpdate;

/** The core's callback, as far as the provider can tell: it records what it is given. */
final class RecordingCallback implements ProviderCallback {

    final List<InboundText> received = new CopyOnWriteArrayList<>();
    final List<StatusUpdate> statuses = new CopyOnWriteArrayList<>();

    @Override
    public void received(String provider, InboundText text) {
        received.add(text);
    }

    @Override
    public void statusChanged(String provider, StatusUpdate update) {
        statuses.add(update);
    }
}
