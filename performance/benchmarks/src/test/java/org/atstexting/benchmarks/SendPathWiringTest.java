package org.atstexting.benchmarks;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.util.List;

import org.atstexting.sandbox.zipwhip.StandaloneSandboxServer;
import org.atstexting.texting.SendRequest;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingService;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The benchmark wires the core by reflection, so a changed constructor would only show when
 * someone runs it: send one text through the wired path on every build instead.
 */
public class SendPathWiringTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theBenchmarksSendPathSendsAText() throws Exception {
        try (StandaloneSandboxServer sandbox = StandaloneSandboxServer.start()) {
            sandbox.addAccount("2065550200", "pw-0");
            File dir = tmp.getRoot();
            TextingService texting = SendBenchmark.sendPath(dir, sandbox, List.of("2065550200"), 1);
            TextMessage sent = texting.send(SendRequest.toNumber("user0", "+12065550123", "wiring check"));
            assertEquals(1, sandbox.sent().size());
            assertEquals(Long.toString(sandbox.sent().get(0).id()), sent.providerMessageId());
        }
    }
}
