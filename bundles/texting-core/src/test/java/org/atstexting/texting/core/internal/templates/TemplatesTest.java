package org.atstexting.texting.core.internal.templates;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Map;

import org.atstexting.texting.MessageTemplate;
import org.atstexting.texting.MissingMergeFieldException;
import org.atstexting.texting.RecordRef;
import org.atstexting.texting.RenderedText;
import org.atstexting.texting.SegmentCount;
import org.atstexting.texting.TextMessage;
import org.atstexting.texting.TextingException;
import org.atstexting.texting.TextingException.Reason;
import org.atstexting.texting.core.internal.Core;
import org.atstexting.texting.host.HostRecord;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TemplatesTest {

    private static final RecordRef DANA = RecordRef.parse("employee:1");
    private static final RecordRef MONO = RecordRef.parse("employee:2");
    private static final RecordRef JOB = RecordRef.parse("employee:3");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Core core;

    @Before
    public void setUp() throws Exception {
        core = new Core(tmp.getRoot().toPath());
        core.records.with("employee:1", "Dana Candidate", "+12065550123").with("employee:2", "Cher", "+12065550124");
        core.records.records.put(JOB, new HostRecord(JOB, "Eli Candidate", "+12065550125",
                Map.of("firstName", "Elias", "jobTitle", "Welder")));
    }

    @Test
    public void adminsSaveTemplatesWithTheirFieldsAndOthersMayNot() throws Exception {
        MessageTemplate t = core.templates.save("admin", " intro ", "Hi {{firstName}}, {{ recruiterName }} here about {{jobTitle}}. {{firstName}}?");
        assertEquals("intro", t.name());
        assertEquals(List.of("firstName", "recruiterName", "jobTitle"), t.fields());
        assertEquals("admin", t.updatedBy());
        assertEquals(List.of(t), core.templates.templates("alice"));
        try {
            core.templates.save("alice", "mine", "Hi");
            fail("only admins keep templates");
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
    }

    @Test
    public void malformedPlaceholdersAreRefusedAtSave() {
        for (String body : List.of("Hi {{firstName}", "Hi {{first name}}", "Hi {{}}", "Hi firstName}}", "Hi {{1st}}", " ")) {
            try {
                core.templates.save("admin", "bad", body);
                fail(body);
            } catch (TextingException e) {
                assertEquals(body, Reason.INVALID_INPUT, e.reason());
            }
        }
    }

    @Test
    public void fieldsComeFromTheRecordAndTheSendingUser() throws Exception {
        core.templates.save("admin", "intro", "Hi {{firstName}} {{lastName}}, this is {{recruiterName}} ({{recruiterFirstName}})");
        assertEquals("Hi Dana Candidate, this is Alice Recruiter (Alice)",
                core.templates.preview("alice", "intro", DANA).body());
        core.templates.save("admin", "job", "{{firstName}}: a {{jobTitle}} role?");
        assertEquals("host fields win over the display name", "Elias: a Welder role?",
                core.templates.preview("alice", "job", JOB).body());
    }

    @Test
    public void aMissingFieldIsATypedErrorNamingItAndNothingIsSent() throws Exception {
        core.templates.save("admin", "full", "Hi {{firstName}} {{lastName}}");
        try {
            core.templates.send("alice", "full", MONO, null);
            fail("Cher has no last name");
        } catch (MissingMergeFieldException e) {
            assertEquals("lastName", e.field());
            assertEquals(MONO, e.record());
            assertEquals(Reason.INVALID_INPUT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("{{lastName}}") && e.getMessage().contains("employee:2"));
        }
        core.templates.save("admin", "job", "A {{jobTitle}} role?");
        try {
            core.templates.preview("alice", "job", DANA);
            fail("Dana has no job title");
        } catch (MissingMergeFieldException e) {
            assertEquals("jobTitle", e.field());
        }
        core.templates.save("admin", "me", "{{recruiterName}} here");
        core.permissions.canText.add("nameless");
        try {
            core.templates.preview("nameless", "me", DANA);
            fail("the sender has no name");
        } catch (MissingMergeFieldException e) {
            assertEquals("recruiterName", e.field());
            assertNull(e.record());
        }
        assertEquals("nothing sent", List.of(), core.provider.accepted);
    }

    @Test
    public void previewCountsSegmentsOfTheFilledInText() throws Exception {
        core.templates.save("admin", "long", "{{firstName}} " + "x".repeat(155));
        RenderedText dana = core.templates.preview("alice", "long", DANA);
        assertEquals(SegmentCount.of("Dana " + "x".repeat(155)), dana.segments());
        assertEquals("160 GSM-7 characters: one segment", 1, dana.segments().segments());
        assertEquals("Elias makes it 161: two", 2, core.templates.preview("alice", "long", JOB).segments().segments());
        core.templates.save("admin", "emoji", "Hi {{firstName}} \uD83D\uDE00");
        assertEquals(SegmentCount.Encoding.UCS_2, core.templates.preview("alice", "emoji", DANA).segments().encoding());
    }

    @Test
    public void sendingATemplateSendsTheFilledInTextToTheRecord() throws Exception {
        core.templates.save("admin", "intro", "Hi {{firstName}}");
        TextMessage sent = core.templates.send("alice", "intro", DANA, null);
        assertEquals("Hi Dana", sent.body());
        assertEquals(List.of("+12065550123"), core.provider.recipients());
        assertEquals(DANA, core.archive.origins.get(0));
    }

    @Test
    public void unknownTemplatesAndUsersWithoutCanTextAreRefused() throws Exception {
        try {
            core.templates.preview("alice", "nope", DANA);
            fail();
        } catch (TextingException e) {
            assertEquals(Reason.RECORD_NOT_FOUND, e.reason());
        }
        try {
            core.templates.templates("bob");
            fail();
        } catch (TextingException e) {
            assertEquals(Reason.NOT_PERMITTED, e.reason());
        }
        assertTrue(core.templates.remove("admin", "nope") == false);
    }
}
