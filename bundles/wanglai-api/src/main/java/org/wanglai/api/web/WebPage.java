package org.wanglai.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /**
     * The UTF-8 text of a resource in the bundle of {@code owner}, e.g. its page script {@code /pages/credit.js}.
     *
     * @throws IllegalStateException naming the resource and the owner's bundle when the resource is missing
     */
    static String resource(Class<?> owner, String path) {
        try (InputStream in = owner.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " missing from the bundle of " + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path + " of " + owner.getName() + " unreadable", e);
        }
    }
}
