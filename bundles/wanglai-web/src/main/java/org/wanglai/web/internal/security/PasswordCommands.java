package org.wanglai.web.internal.security;

import java.security.SecureRandom;

import org.osgi.service.component.annotations.Component;

/**
 * Gogo shell commands for the administrator: {@code wanglai:hashpassword <password>} prints a hash to paste into
 * the users configuration, {@code wanglai:userentry <name> <roles> <password>} prints a whole entry.
 */
@Component(service = PasswordCommands.class,
        property = {"osgi.command.scope=wanglai", "osgi.command.function=hashpassword",
                "osgi.command.function=userentry"})
public final class PasswordCommands {

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    public String hashpassword(String password) {
        return hasher.hash(password.toCharArray());
    }

    public String userentry(String name, String roles, String password) {
        String entry = name + ":" + roles + ":" + hashpassword(password);
        new UserDirectory(new String[] {entry}); // validates name and roles
        return entry;
    }
}
