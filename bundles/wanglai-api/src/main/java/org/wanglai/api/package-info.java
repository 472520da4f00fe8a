/**
 * Shared domain records of Wanglai: money with its currency, periods, customers, categories and document
 * references. Every capability speaks in these types.
 */
@Export
@Version("1.0.0")
package org.wanglai.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
