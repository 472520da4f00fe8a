package org.wanglai.api.host;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.wanglai.api.CreditStatus;
import org.wanglai.api.Customer;
import org.wanglai.api.CustomerCategory;

/**
 * Reads and writes the host's customer master and category tree through the active host profile. Writes take the
 * caller's transaction so that they commit together with the caller's own plug-in rows.
 */
@ProviderType
public interface HostCustomers {

    Optional<Customer> find(long customerId);

    Optional<Customer> findByCode(String code);

    /** Host ids of the given customer codes, in one query; unknown codes are absent from the map. */
    Map<String, Long> idsByCodes(Collection<String> codes);

    long count();

    List<CustomerCategory> categories();

    void updateCategory(HostTransaction tx, long customerId, Long categoryId);

    void updateCreditStatus(HostTransaction tx, long customerId, CreditStatus status);

    void updateCreditLimit(HostTransaction tx, long customerId, BigDecimal limit);

    /**
     * Sets the customer's default payment term to the host term with the given code. Only invoices created after
     * the change use it; existing invoices keep their own term and pay schedule.
     *
     * @throws org.wanglai.api.NotFoundException if no customer has this id
     * @throws org.wanglai.api.ValidationException naming the field {@code termCode} if no payment term has this code
     */
    void updatePaymentTerm(HostTransaction tx, long customerId, String termCode);

    long insertCategory(HostTransaction tx, CustomerCategory category);

    void updateCategoryNode(HostTransaction tx, CustomerCategory category);

    void deleteCategory(HostTransaction tx, long categoryId);
}
