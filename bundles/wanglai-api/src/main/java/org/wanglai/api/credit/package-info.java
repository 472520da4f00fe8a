/**
 * Credit control (信用控制): the credit check the host ERP calls before completing a document, the customer's live
 * exposure against its limit, the manual credit stop and the customers' current grades.
 * {@link org.wanglai.api.credit.CreditControl} is registered by the credit bundle; callers take it as an optional,
 * dynamic reference and apply {@link org.wanglai.api.credit.CreditDecision#unavailable} when it is absent.
 */
@Export
@Version("1.0.0")
package org.wanglai.api.credit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
