package org.atstexting.texting.core.internal.inbound;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * This node's name in leases. It stays the same across restarts (kept in the core bundle's data
 * area, which belongs to this framework alone), so a node that crashed takes its own leases back
 * at once instead of waiting for them to run out. The framework property {@value #PROPERTY} sets
 * it; every node must then have its own.
 */
public final class NodeIdentity {

    public static final String PROPERTY = "atstexting.node.id";
    private static final Logger LOG = Logger.getLogger(NodeIdentity.class.getName());
    private static final int MAX_LENGTH = 200;

    private NodeIdentity() {
    }

    /**
     * @param property the framework's property lookup
     * @param file where to keep the generated name, or null when the framework has no file system
     */
    public static String of(UnaryOperator<String> property, File file) {
        String configured = property.apply(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return clip(configured.strip());
        }
        String generated = "node-" + UUID.randomUUID();
        if (file == null) {
            return generated;
        }
        Path path = file.toPath();
        try {
            if (Files.exists(path)) {
                String kept = Files.readString(path, StandardCharsets.UTF_8).strip();
                if (!kept.isEmpty()) {
                    return clip(kept);
                }
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, generated, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warning(() -> "Cannot keep this node's name in " + path + " (" + e.getMessage()
                    + "); after a restart its poll leases are taken over only when they run out");
        }
        return generated;
    }

    private static String clip(String name) {
        return name.length() > MAX_LENGTH ? name.substring(0, MAX_LENGTH) : name;
    }
}
