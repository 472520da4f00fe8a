/**
 * The web platform's contract for capabilities. A capability registers {@link org.wanglai.api.web.ApiEndpoint}
 * services for its JSON API under {@code /wanglai/api/} and {@link org.wanglai.api.web.WebPage} services for its
 * pages in the shell; the web bundle authenticates the caller, checks the role and CSRF token, parses JSON and
 * uploads, and maps {@link org.wanglai.api.web.ApiException}, {@link org.wanglai.api.ValidationException} and
 * {@link org.wanglai.api.NotFoundException} to JSON errors. Reports ({@code org.wanglai.api.report}) need no
 * endpoint of their own: the web bundle serves every registered report.
 */
@Export
@Version("1.1.0")
package org.wanglai.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
