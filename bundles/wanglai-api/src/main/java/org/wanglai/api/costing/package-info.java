/**
 * Customer cost analysis (客户成本分析): activity-based allocation of the host's cost pools to customers
 * (cost-to-serve), the profitability cube at the grain customer × product × channel × region × month, and the
 * allocation rules and run history behind it.
 */
@Export
@Version("1.0.0")
package org.wanglai.api.costing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
