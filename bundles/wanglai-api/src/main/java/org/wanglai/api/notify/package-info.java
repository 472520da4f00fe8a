/**
 * Notifications to people (accountants, salespeople, customers' contacts) through delivery channels registered
 * as services (whiteboard): email, the in-app notification list, and whatever else a bundle adds.
 */
@Export
@Version("1.0.0")
package org.wanglai.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
