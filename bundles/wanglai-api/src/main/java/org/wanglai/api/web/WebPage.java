package org.wanglai.api.web;

import org.osgi.annotation.versioning.ConsumerType;
import org.wanglai.api.LocalizedText;

/**
 * A page of a capability in the web shell, registered as an OSGi service (whiteboard). The shell lists the pages the
 * user's role may see in its navigation, grouped by {@link #group()} and sorted by {@link #order()}; opening one
 * loads {@code /wanglai/pages/<id>.js} (only after the role check) as an ES module and calls its exported
 * {@code render(container, wl)}. {@code wl} is the shell's helper: {@code wl.api(path, {method, body})},
 * {@code wl.upload(path, file)}, {@code wl.t(key)}, {@code wl.lang}, {@code wl.table(container, columns, rows)},
 * {@code wl.chart(container, echartsOption)}, {@code wl.reportView(container, reportId, presetParams)},
 * {@code wl.download(url)}, {@code wl.toast(message)}.
 */
@ConsumerType
public interface WebPage {

    /** Unique page id, lower-case letters, digits and dashes, e.g. {@code credit-check}. */
    String id();

    LocalizedText title();

    /** The least role that sees the page (see {@link WebUser#hasRole(String)}). */
    String role();

    /** Position within its group, ascending. */
    int order();

    /** The navigation group, usually the capability: {@code credit}, {@code classification}, ... */
    String group();

    /**
     * The page's JavaScript module source (read by the capability from its own bundle resources). It must export
     * {@code render(container, wl)} and may import nothing but relative shell modules under {@code /wanglai/static/}.
     */
    String script();
}
