/**
 * The Excel/CSV import framework: a capability describes the columns it accepts ({@link
 * org.wanglai.api.imports.ImportSpec}); {@link org.wanglai.api.imports.ImportReader} parses and validates an
 * uploaded file row by row and writes the error workbook. The capability then writes all rows in one transaction, or
 * none when any row failed.
 */
@Export
@Version("1.0.0")
package org.wanglai.api.imports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
