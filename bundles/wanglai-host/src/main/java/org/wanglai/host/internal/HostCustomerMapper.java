package org.wanglai.host.internal;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;

import org.apache.ibatis.annotations.Param;
import org.wanglai.api.CustomerCategory;

/** Host customer master access; the SQL comes from the active profile's {@code HostCustomerMapper.xml}. */
public interface HostCustomerMapper {

    CustomerRow findById(@Param("id") long id);

    CustomerRow findByCode(@Param("code") String code);

    List<CodeId> idsByCodes(@Param("codes") Collection<String> codes);

    long count();

    List<CustomerCategory> categories();

    int updateCategory(@Param("id") long customerId, @Param("categoryId") Long categoryId);

    int updateCreditStatus(@Param("id") long customerId, @Param("status") String status);

    int updateCreditLimit(@Param("id") long customerId, @Param("limit") BigDecimal limit);

    Long paymentTermIdByCode(@Param("code") String code);

    int updatePaymentTerm(@Param("id") long customerId, @Param("termId") long termId);

    long nextCategoryId();

    int insertCategory(@Param("id") long id, @Param("c") CustomerCategory category);

    int updateCategoryNode(@Param("c") CustomerCategory category);

    int deleteCategory(@Param("id") long id);

    /** A customer row in canonical columns. */
    record CustomerRow(long id, String code, String name, String industry, String region, String scale,
            Long categoryId, String channel, Long salespersonId, Long paymentTermId, BigDecimal creditLimit,
            String creditStatus, String currency, java.time.LocalDate createdDate) {
    }

    record CodeId(String code, long id) {
    }
}
