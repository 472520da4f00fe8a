/**
 * Payment-cycle reminders (付款周期提醒): statistics other capabilities read (e.g. cost-to-serve counts reminders
 * sent) and the EventAdmin topics the reminders bundle posts. Delivery goes through
 * {@link org.wanglai.api.notify.DeliveryChannel} services; the reminders bundle registers {@code email} and
 * {@code inapp}.
 */
@Export
@Version("1.0.0")
package org.wanglai.api.reminders;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
