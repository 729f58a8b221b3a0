package org.atstexting.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** What an admin sees in the host console: the Zipwhip provider's form. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConsoleIT extends TextingTestSupport {

    @Test
    public void metatypeDescribesTheZipwhipConfiguration() {
        Bundle zipwhip = Arrays.stream(context().getBundles())
                .filter(b -> b.getSymbolicName().equals("org.atstexting.texting.zipwhip")).findFirst().orElseThrow();
        ObjectClassDefinition ocd = service(MetaTypeService.class).getMetaTypeInformation(zipwhip)
                .getObjectClassDefinition("org.atstexting.zipwhip", null);
        assertNotNull(ocd);
        Map<String, AttributeDefinition> attributes = Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
                .collect(Collectors.toMap(AttributeDefinition::getID, Function.identity()));
        assertEquals(AttributeDefinition.BOOLEAN, attributes.get("enabled").getType());
        assertEquals("false", attributes.get("enabled").getDefaultValue()[0]);
        assertEquals(AttributeDefinition.STRING, attributes.get("apiBaseUrl").getType());
        attributes.values().forEach(a -> assertTrue(a.getID() + " has a description",
                a.getDescription() != null && !a.getDescription().isBlank()));
    }

    @Test
    public void theWebConsoleListsTheZipwhipForm() throws Exception {
        String port = context().getProperty("org.osgi.service.http.port");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/system/console/configMgr"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8)))
                .build();
        await("the web console", () -> {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
        String page = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        assertTrue("the configuration page offers the Zipwhip provider's form", page.contains("org.atstexting.zipwhip"));
        assertTrue(page.contains("ats-texting Zipwhip provider"));
    }
}
