package org.wanglai.web.internal.security;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured web users (PID {@code org.wanglai.web.users}). A change replaces the directory without ending the
 * sessions of users who are still listed.
 */
@Component(service = WebUsers.class, configurationPid = WebUsers.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebUsers.Config.class)
public final class WebUsers {

    public static final String PID = "org.wanglai.web.users";
    private static final Logger LOG = LoggerFactory.getLogger(WebUsers.class);

    @ObjectClassDefinition(name = "Wanglai web users",
            description = "Who may log in to /wanglai. One entry per user: name:role[,role...]:pbkdf2$iterations$salt$hash."
                    + " Roles: viewer, accountant, admin (each includes the ones before it) and extra roles such as"
                    + " credit-approver. Make a hash with the shell command wanglai:hashpassword <password>.")
    public @interface Config {
        @AttributeDefinition(name = "Users", description = "name:roles:pbkdf2$... (entries separated by spaces or new lines)")
        String[] users() default {};
    }

    private final UserDirectory directory;

    @Activate
    public WebUsers(Config config) {
        this.directory = new UserDirectory(config.users());
        if (directory.size() == 0) {
            LOG.warn("No web users are configured ({}); only host single sign-on can log in", PID);
        } else {
            LOG.info("{} web user(s) configured", directory.size());
        }
    }

    public UserDirectory directory() {
        return directory;
    }
}
