/**
 * Customer classification (客户分类): dimensions (tags) with one current value per customer, computed by rules, RFM,
 * weighted scores, k-means or lifecycle analysis over per-customer metrics; runs that preview and apply the changes
 * with a history row per change; manual override locks. Other capabilities read values through
 * {@link org.wanglai.api.classification.Classification}.
 */
@Export
@Version("1.1.0")
package org.wanglai.api.classification;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
