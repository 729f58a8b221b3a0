package org.atstexting.texting;

import java.time.Instant;
import java.util.Objects;

/**
 * The last "Test" of a set of credentials: when it was pressed (on any node) and what the
 * provider said. Saving or removing the credentials forgets it, because it no longer
 * describes them.
 *
 * @param at    when the test ran
 * @param check what the provider said
 * @since 2.1
 */
public record CredentialTest(Instant at, CredentialCheck check) {

    public CredentialTest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(check, "check");
    }
}
