package org.atstexting.texting.core.internal.bulk;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;

import org.osgi.framework.BundleContext;

/** This node's id in bulk claims: configured, else a framework property, else made once and kept. */
final class BulkNode {

    static final String PROPERTY = "atstexting.node.id";

    private BulkNode() {
    }

    static String id(BulkConfiguration config, BundleContext context) {
        if (config.nodeId() != null && !config.nodeId().isBlank()) {
            return config.nodeId().strip();
        }
        String property = context.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return property.strip();
        }
        File file = context.getDataFile("bulk-node-id");
        try {
            if (file != null && file.isFile()) {
                String kept = Files.readString(file.toPath(), StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            String made = UUID.randomUUID().toString();
            if (file != null) {
                Files.writeString(file.toPath(), made, StandardCharsets.UTF_8);
            }
            return made;
        } catch (IOException e) {
            // without a kept id a restarted node waits for its own claims to run out: slower, never wrong
            return UUID.randomUUID().toString();
        }
    }
}
