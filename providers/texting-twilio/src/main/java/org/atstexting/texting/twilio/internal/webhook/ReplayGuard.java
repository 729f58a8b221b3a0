package org.atstexting.texting.twilio.internal.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was handed to the core already, per message: the status rank for a status callback,
 * {@link #RECEIVED} for an inbound text. A call that would not move a message forward is a
 * duplicate (Twilio retried), late, or a replay: it changes nothing. Bounded, oldest
 * forgotten first; what it forgets is still harmless, because the core stores an inbound
 * text once by its key and never moves a status backwards.
 */
final class ReplayGuard {

    static final int RECEIVED = 100;
    private static final int REMEMBERED = 50_000;

    private final Map<String, Integer> handed = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };

    synchronized boolean isNew(String sid, int rank) {
        Integer before = handed.get(sid);
        return before == null || before < rank;
    }

    synchronized void handed(String sid, int rank) {
        Integer before = handed.get(sid);
        if (before == null || before < rank) {
            handed.put(sid, rank);
        }
    }
}
