package org.atstexting.texting.kit;

import static org.junit.Assert.fail;

import org.junit.AssumptionViolatedException;

/**
 * Runs one check against a target and reports it. A check the target declared not supported is
 * still run: if it fails, the test is skipped with the declared reason (and reported so); if it
 * passes, the test fails, because the declaration is out of date.
 */
final class ConformanceRunner {

    private ConformanceRunner() {
    }

    static void run(ConformanceTarget target, Check check, ProviderConformanceKit.CheckBody body) throws Throwable {
        String key = target.providerKey();
        String reason = target.notSupported().get(check);
        try {
            body.run();
        } catch (AssumptionViolatedException e) {
            throw e;
        } catch (Throwable t) {
            if (reason != null) {
                ConformanceReport.record(key, check, "NOT SUPPORTED: " + reason + " (fails with: " + t + ")");
                throw new AssumptionViolatedException(key + " does not support " + check + " yet: " + reason);
            }
            ConformanceReport.record(key, check, "FAILED: " + t);
            throw t;
        }
        if (reason != null) {
            ConformanceReport.record(key, check, "FAILED: declared not supported (" + reason + ") but passes");
            fail(key + " declares " + check + " not supported (" + reason + "), but it passes: remove the declaration");
        }
        ConformanceReport.record(key, check, "PASSED");
    }
}
