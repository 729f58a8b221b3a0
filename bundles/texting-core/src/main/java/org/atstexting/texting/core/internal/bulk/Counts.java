package org.atstexting.texting.core.internal.bulk;

import org.atstexting.texting.BulkRecipient.State;

/** How many recipients of a job are in each state. */
final class Counts {
    int pending;
    int sent;
    int skipped;
    int failed;

    void count(State state, int delta) {
        switch (state) {
            case PENDING, SENDING -> pending += delta;
            case SENT -> sent += delta;
            case SKIPPED -> skipped += delta;
            case FAILED -> failed += delta;
        }
    }
}
