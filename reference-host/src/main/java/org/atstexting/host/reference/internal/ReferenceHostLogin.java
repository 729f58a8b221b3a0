package org.atstexting.host.reference.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.atstexting.texting.host.HostHttp;
import org.atstexting.texting.host.HostUsers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContext;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The reference host's authenticated servlet context ({@value HostHttp#CONTEXT_NAME}, at
 * {@code /ats}): HTTP Basic against the host's users, then {@link #REMOTE_USER} names the
 * user for texting's endpoints. It shows a host what its own login must provide.
 */
@Component(service = ServletContextHelper.class, configurationPid = HttpLoginConfig.PID)
@Designate(ocd = HttpLoginConfig.class)
@HttpWhiteboardContext(name = HostHttp.CONTEXT_NAME, path = "/ats")
public final class ReferenceHostLogin extends ServletContextHelper {

    private final HostUsers users;
    private final byte[] password;

    @Activate
    public ReferenceHostLogin(@Reference HostUsers users, HttpLoginConfig config) {
        this.users = users;
        this.password = config.userPassword().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean handleSecurity(HttpServletRequest request, HttpServletResponse response) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = decode(header.substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                String user = decoded.substring(0, colon);
                byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(given, password) && users.user(user).isPresent()) {
                    request.setAttribute(REMOTE_USER, user);
                    request.setAttribute(AUTHENTICATION_TYPE, HttpServletRequest.BASIC_AUTH);
                    return true;
                }
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"ATS\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        return false;
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
