package org.wanglai.reminders.internal.web;

import java.time.LocalDateTime;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.wanglai.api.web.ApiEndpoint;
import org.wanglai.api.web.ApiException;
import org.wanglai.api.web.ApiRequest;
import org.wanglai.api.web.WebUser;
import org.wanglai.reminders.internal.db.RemindersStore;

/**
 * {@code /wanglai/api/reminders/inbox}: the logged-in user's in-app notifications (GET), and {@code POST /<id>/read}
 * to mark one read. A user sees and marks only their own.
 */
@Component(service = ApiEndpoint.class)
public final class InboxEndpoint implements ApiEndpoint {
    private final RemindersStore store;

    @Activate
    public InboxEndpoint(@Reference RemindersStore store) {
        this.store = store;
    }

    @Override
    public String path() {
        return "reminders/inbox";
    }

    @Override
    public String role(String method) {
        return "GET".equals(method) || "POST".equals(method) ? WebUser.VIEWER : null;
    }

    @Override
    public Object handle(ApiRequest r) {
        String me = "user:" + r.user().name();
        if ("GET".equals(r.method())) {
            return store.tx(m -> m.inbox(me)).stream().map(n -> Map.of("id", n.id, "subject", n.subject, "body",
                    n.body == null ? "" : n.body, "createdAt", n.createdAt.toString(), "read", n.readAt != null))
                    .toList();
        }
        String[] parts = r.pathRemainder().split("/");
        if (parts.length != 2 || !"read".equals(parts[1])) {
            throw new ApiException(404, "reminders.unknown-action", "use POST /reminders/inbox/<id>/read");
        }
        long id;
        try {
            id = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("reminders.bad-id", "not a notification number: '" + parts[0] + "'");
        }
        return Map.of("marked", store.tx(m -> m.markRead(id, me, LocalDateTime.now())));
    }
}
