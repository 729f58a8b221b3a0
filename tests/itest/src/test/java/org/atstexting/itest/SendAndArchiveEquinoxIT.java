package org.atstexting.itest;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Constants;

/**
 * The slice's send-and-archive flow (every test of {@link SendAndArchiveIT}) on Eclipse
 * Equinox, with the same resolved bundles: nothing in them is specific to Felix. Runs in the
 * failsafe execution {@code equinox}, whose classpath has Equinox and not Felix.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SendAndArchiveEquinoxIT extends SendAndArchiveIT {

    @Test
    public void theFrameworkIsEquinox() {
        assertEquals("org.eclipse.osgi", context().getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getSymbolicName());
        assertEquals("Eclipse", context().getProperty(Constants.FRAMEWORK_VENDOR));
    }
}
