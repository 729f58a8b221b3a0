package org.atstexting.texting.zipwhip.internal;

import org.atstexting.texting.kit.ConformanceTarget;
import org.atstexting.texting.kit.ProviderConformanceKit;
import org.atstexting.texting.spi.ProviderCallback;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** The Zipwhip provider passes the provider conformance kit against the sandbox. */
public class ZipwhipConformanceTest extends ProviderConformanceKit {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Override
    protected ConformanceTarget newTarget(ProviderCallback callback) throws Exception {
        return new ZipwhipConformanceTarget(callback, tmp.getRoot());
    }
}
