package org.atstexting.texting.zipwhip.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Refused webhook calls are logged sanitised and without flooding. */
public class ZipwhipWebhookLogTest {

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Logger log = Logger.getLogger(ZipwhipInbound.class.getName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level before;

    @Before
    public void capture() {
        before = log.getLevel();
        log.setLevel(Level.ALL);
        handler.setLevel(Level.ALL);
        log.addHandler(handler);
    }

    @After
    public void release() {
        log.removeHandler(handler);
        log.setLevel(before);
    }

    @Test
    public void aForgedAccountCannotForgeLogLinesAndRefusalsDoNotFlood() {
        ZipwhipInbound inbound = new ZipwhipInbound(new File(tmp.getRoot(), "w.properties"));
        String forged = "2065550101\nSEVERE: the database was dropped\r" + "x".repeat(500);
        for (int i = 0; i < 25; i++) {
            assertEquals(ZipwhipInbound.Outcome.FORBIDDEN, inbound.onWebhook(forged, "guess", "{}"));
        }
        List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals("the first refusal of the minute at WARNING", 1, warnings.size());
        assertEquals("the rest at FINE", 24, records.stream().filter(r -> r.getLevel() == Level.FINE).count());
        for (LogRecord r : records) {
            String m = r.getMessage();
            assertFalse(m, m.contains("\n") || m.contains("\r"));
            assertTrue("capped: " + m.length(), m.length() < 250);
        }
        assertTrue(warnings.get(0).getMessage(), warnings.get(0).getMessage().contains("2065550101\\u000a"));
    }
}
