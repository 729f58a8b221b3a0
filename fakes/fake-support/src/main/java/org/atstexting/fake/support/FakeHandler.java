package org.atstexting.fake.support;

import java.io.IOException;

/** A fake's API: one answer to each request. Implementations are thread-safe. */
@FunctionalInterface
public interface FakeHandler {

    FakeAnswer handle(FakeRequest request) throws IOException;
}
