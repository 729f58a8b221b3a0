package org.atstexting.texting.core.internal.store;

import static org.junit.Assert.assertEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.Test;

/** Where the store and the key go: out of bundle data areas in Karaf, never into a shared home by accident. */
public class DataLocationsTest {

    private static final UnaryOperator<File> AREA = f -> new File("/bundle-data", f.getName());

    private static UnaryOperator<String> props(Map<String, String> values) {
        return values::get;
    }

    @Test
    public void inKarafTheStoreLivesUnderKarafDataNotInTheBundleDataArea() {
        assertEquals(new File("/opt/karaf/data/ats-texting/core/texting-core.mv"),
                DataLocations.coreStore(props(Map.of("karaf.data", "/opt/karaf/data")), AREA));
    }

    @Test
    public void theDataDirectoryPropertyWinsOverKarafsDefault() {
        assertEquals(new File("/srv/texting/core/texting-core.mv"), DataLocations.coreStore(
                props(Map.of("karaf.data", "/opt/karaf/data", "atstexting.data.dir", "/srv/texting")), AREA));
    }

    @Test
    public void elsewhereTheBundleDataAreaStaysTheDefault() {
        assertEquals(new File("/bundle-data/texting-core.mv"), DataLocations.coreStore(props(Map.of()), AREA));
    }

    @Test
    public void theKeyFileFollowsSettingThenPropertyThenKarafEtcThenUserHome() {
        Map<String, String> all = Map.of("atstexting.credentials.keyFile", "/keys/k", "karaf.etc", "/opt/karaf/etc");
        assertEquals(Path.of("/cfg/k"), DataLocations.keyFile("/cfg/k", props(all)));
        assertEquals(Path.of("/keys/k"), DataLocations.keyFile("", props(all)));
        assertEquals(Path.of("/opt/karaf/etc/ats-texting/credentials.key"),
                DataLocations.keyFile(" ", props(Map.of("karaf.etc", "/opt/karaf/etc"))));
        assertEquals(Path.of(System.getProperty("user.home"), ".ats-texting", "credentials.key"),
                DataLocations.keyFile(null, props(Map.of())));
    }
}
