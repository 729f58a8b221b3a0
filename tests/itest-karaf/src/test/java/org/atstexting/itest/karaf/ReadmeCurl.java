package org.atstexting.itest.karaf;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The curl lines of one code block of the README, read as requests, so a test can run them
 * against the demo exactly as written. Only the options the README uses are understood
 * ({@code -u}, {@code -X}, {@code -H}, {@code -d}); any other option, or a line that is not a curl
 * command, is refused, so the README cannot drift into something this does not check.
 */
final class ReadmeCurl {

    /** One curl line: who, how, where and what. */
    record Request(String user, String password, String method, Map<String, String> headers, String body, URI uri) {

        /** The same request against another host and port (the demo's, in a test). */
        URI at(String hostAndPort) {
            return URI.create(uri.getScheme() + "://" + hostAndPort + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        }
    }

    /** Characters a shell acts on outside quotes. */
    private static final String SHELL_SPECIAL = "&;|<>()$`?*[]{}!\\";

    private ReadmeCurl() {
    }

    /** The requests of the first fenced block after the paragraph that contains {@code marker}. */
    static List<Request> blockAfter(String readme, String marker) {
        int at = readme.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("the README has no \"" + marker + "\"");
        }
        int open = readme.indexOf("\n```", at);
        int start = readme.indexOf('\n', open + 1);
        int close = readme.indexOf("\n```", start);
        if (open < 0 || start < 0 || close < 0) {
            throw new IllegalArgumentException("no fenced block after \"" + marker + "\"");
        }
        List<Request> requests = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        for (String line : readme.substring(start + 1, close).split("\n")) {
            String code = withoutComment(line).strip();
            if (code.indexOf('\\') >= 0 && code.indexOf('\\') != code.length() - 1) {
                throw new IllegalArgumentException("a backslash that is not a line's last character: " + line);
            }
            if (code.endsWith("\\")) {
                command.append(code, 0, code.length() - 1).append(' ');
                continue;
            }
            command.append(code);
            if (!command.toString().isBlank()) {
                requests.add(parse(words(command.toString())));
            }
            command.setLength(0);
        }
        if (!command.toString().isBlank()) {
            throw new IllegalArgumentException("the block ends inside a continued line: " + command);
        }
        return requests;
    }

    private static Request parse(List<String> words) {
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl line: " + words);
        }
        String user = null;
        String password = null;
        String method = null;
        String body = null;
        URI uri = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-")) {
                if (uri != null) {
                    throw new IllegalArgumentException("two URLs in " + words);
                }
                uri = URI.create(word);
                continue;
            }
            if (i + 1 >= words.size()) {
                throw new IllegalArgumentException(word + " without its value in " + words);
            }
            String value = words.get(++i);
            switch (word) {
                case "-u" -> {
                    int colon = value.indexOf(':');
                    user = value.substring(0, colon);
                    password = value.substring(colon + 1);
                }
                case "-X" -> method = value;
                case "-H" -> {
                    int colon = value.indexOf(':');
                    headers.put(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
                }
                case "-d" -> body = value;
                default -> throw new IllegalArgumentException("an option this test does not know: " + word);
            }
        }
        if (uri == null) {
            throw new IllegalArgumentException("no URL in " + words);
        }
        // curl's own defaults: POST when there is a body, GET otherwise
        return new Request(user, password, method != null ? method : body != null ? "POST" : "GET", headers, body, uri);
    }

    /** A line without its shell comment: a {@code #} that starts a word outside quotes. */
    private static String withoutComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /** Shell words, with single and double quotes (the README uses no escapes inside them). */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (SHELL_SPECIAL.indexOf(c) >= 0) {
                // a shell would act on it (a background '&', a glob '?'), so the line would not run as read here
                throw new IllegalArgumentException("'" + c + "' outside quotes in " + command);
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("an unclosed quote in " + command);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
