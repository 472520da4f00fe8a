package org.wanglai.web.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.api.web.WebPage;
import org.wanglai.api.web.WebUser;

/** The {@link WebPage} whiteboard: the pages of the capabilities that are running now. */
@Component(service = PageRegistry.class)
public final class PageRegistry {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Logger LOG = LoggerFactory.getLogger(PageRegistry.class);

    private final List<WebPage> pages = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addPage(WebPage page) {
        if (page.id() == null || !ID.matcher(page.id()).matches()) {
            LOG.error("Web page {} has an invalid id '{}' (a-z 0-9 -); ignored", page.getClass().getName(), page.id());
            return;
        }
        pages.add(page);
    }

    void removePage(WebPage page) {
        pages.remove(page);
    }

    /** The pages {@code user} may see, by group and order. */
    public List<WebPage> visibleTo(WebUser user) {
        return pages.stream().filter(p -> user.hasRole(p.role()))
                .sorted(Comparator.comparing(WebPage::group).thenComparingInt(WebPage::order).thenComparing(WebPage::id))
                .toList();
    }

    public Optional<WebPage> find(String id) {
        return pages.stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
