package org.wanglai.host.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A host profile: how one ERP's schema maps onto Wanglai's canonical relations. It is a folder
 * {@code profile/<name>/} in this bundle holding {@code relations.properties} and the profile's mapper XML files.
 */
final class HostProfile {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    static final String[] REQUIRED = { "wl.region", "wl.channel", "wl.user", "wl.payment_term",
            "wl.payment_term_line", "wl.customer_category", "wl.customer", "wl.product_category", "wl.product",
            "wl.sales_order", "wl.sales_order_line", "wl.shipment", "wl.shipment_line", "wl.invoice",
            "wl.invoice_line", "wl.invoice_pay_schedule", "wl.receipt", "wl.allocation", "wl.dispute",
            "wl.cost_pool", "wl.cost_entry" };

    private final String name;
    private final Map<String, String> relations;

    private HostProfile(String name, Map<String, String> relations) {
        this.name = name;
        this.relations = Collections.unmodifiableMap(relations);
    }

    static HostProfile load(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Setting 'profile': invalid profile name '" + name + "'");
        }
        String resource = resource(name, "relations.properties");
        Properties p = new Properties();
        try (InputStream in = HostProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Setting 'profile': unknown host profile '" + name + "'");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
        Map<String, String> relations = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            relations.put(key, p.getProperty(key).trim());
        }
        for (String required : REQUIRED) {
            if (!relations.containsKey(required)) {
                throw new IllegalStateException("Host profile '" + name + "' does not map " + required);
            }
        }
        return new HostProfile(name, relations);
    }

    static String resource(String profile, String file) {
        return "/org/wanglai/host/internal/profile/" + profile + "/" + file;
    }

    String name() {
        return name;
    }

    Map<String, String> relations() {
        return relations;
    }

    Properties variables() {
        Properties v = new Properties();
        v.putAll(relations);
        return v;
    }

    InputStream open(String file) {
        InputStream in = HostProfile.class.getResourceAsStream(resource(name, file));
        if (in == null) {
            throw new IllegalStateException("Host profile '" + name + "' has no " + file);
        }
        return in;
    }
}
