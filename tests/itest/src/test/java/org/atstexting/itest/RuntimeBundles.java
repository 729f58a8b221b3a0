package org.atstexting.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.ops4j.pax.exam.Option;

/**
 * The bundles of the exported demo jar, i.e. exactly the set the bnd resolver chose for
 * demo.bndrun, minus the framework (Pax Exam starts its own Felix) and the interactive
 * shell. Running the itests on the resolved set is what proves the wiring.
 */
final class RuntimeBundles {

    private static final Set<String> LEFT_OUT = Set.of("org.apache.felix.framework", "org.apache.felix.gogo.shell", "biz.aQute.launcher");

    private RuntimeBundles() {
    }

    static Option[] provision() {
        Path demoJar = Path.of(System.getProperty("atstexting.demo.jar", "../../distribution/bndrun/target/demo.jar"));
        Path target = Path.of(System.getProperty("atstexting.itest.bundles", "target/runtime-bundles"));
        List<Option> options = new ArrayList<>();
        try (ZipFile zip = new ZipFile(demoJar.toFile())) {
            Files.createDirectories(target);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!name.startsWith("jar/") || !name.endsWith(".jar") || leftOut(name)) {
                    continue;
                }
                Path file = target.resolve(name.substring("jar/".length()));
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                }
                options.add(bundle(file.toUri().toString()).start());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Build bndrun first: cannot read the resolved bundles from " + demoJar, e);
        }
        return options.toArray(new Option[0]);
    }

    private static boolean leftOut(String entry) {
        String file = entry.substring(entry.lastIndexOf('/') + 1);
        return LEFT_OUT.stream().anyMatch(file::startsWith);
    }
}
