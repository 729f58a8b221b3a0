package org.atstexting.texting.twilio.conformance;

import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.kit.ProviderConformanceKit;
import org.atstexting.texting.spi.ProviderCallback;

/** The Twilio provider runs the provider conformance kit against the Twilio fake. */
public class TwilioConformanceTest extends ProviderConformanceKit {

    @Override
    protected ConformanceTarget newTarget(ProviderCallback callback) throws Exception {
        return new TwilioConformanceTarget(callback);
    }
}
