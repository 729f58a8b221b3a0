package org.atstexting.texting.textus.internal;

import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.kit.ProviderConformanceKit;
import org.atstexting.texting.spi.ProviderCallback;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The TextUs provider passes the provider conformance kit against the TextUs fake. */
public class TextusConformanceTest extends ProviderConformanceKit {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Override
    protected ConformanceTarget newTarget(ProviderCallback callback) throws Exception {
        return new TextusConformanceTarget(callback, tmp.getRoot().toPath());
    }
}
