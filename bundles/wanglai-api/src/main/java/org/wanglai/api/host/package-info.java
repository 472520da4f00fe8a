/**
 * Access to the host ERP's database. {@link org.wanglai.api.host.HostDatabase} hands out MyBatis configurations
 * and transactions on the pooled host connection; {@link org.wanglai.api.host.HostCustomers} reads and writes the
 * host's customer and category tables through the active host profile.
 */
@Export
@Version("1.1.0")
package org.wanglai.api.host;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
