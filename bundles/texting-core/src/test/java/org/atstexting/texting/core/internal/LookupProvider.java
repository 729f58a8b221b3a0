package org.atstexting.texting.core.internal;

import java.time.Instant;
import java.util.Optional;

import org.atstexting.texting.spi.OutboundText;
import org.atstexting.texting.spi.ProviderCredentials;
import org.atstexting.texting.spi.ProviderException;
import org.atstexting.texting.spi.ProviderReceipt;
import org.atstexting.texting.spi.SentTextLookup;

/**
 * A {@link HistoryProvider} that declares its own look-up of sent texts (SPI 1.4), as Zipwhip,
 * Twilio and TextUs do: it finds what it accepted, counting the look-ups.
 */
public class LookupProvider extends HistoryProvider implements SentTextLookup {

    public int lookUps;
    /** When set, every look-up fails with this (as a provider whose list cannot be read back that far does). */
    public ProviderException lookUpFailure;

    @Override
    public synchronized Optional<ProviderReceipt> findSent(ProviderCredentials credentials, OutboundText text,
            Instant notBefore) throws ProviderException {
        lookUps++;
        if (lookUpFailure != null) {
            throw lookUpFailure;
        }
        return accepted.stream().filter(t -> t.to().equals(text.to()) && t.body().equals(text.body())
                && !t.sentAt().isBefore(notBefore)).findFirst()
                .map(t -> new ProviderReceipt(t.providerMessageId(), t.status(), t.sentAt()));
    }
}
