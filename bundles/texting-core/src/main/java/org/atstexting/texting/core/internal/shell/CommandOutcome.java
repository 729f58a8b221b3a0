package org.atstexting.texting.core.internal.shell;

import org.atstexting.texting.TextingException;

/** How the shell commands report a refusal: as a plain line, not a stack trace. */
final class CommandOutcome {

    /** A command's work, which may be refused. */
    interface Attempt {
        String run() throws TextingException;
    }

    private CommandOutcome() {
    }

    static String attempt(Attempt attempt) {
        try {
            return attempt.run();
        } catch (TextingException e) {
            return "Refused (" + e.reason() + "): " + e.getMessage();
        } catch (IllegalArgumentException e) {
            return "Refused: " + e.getMessage();
        }
    }
}
