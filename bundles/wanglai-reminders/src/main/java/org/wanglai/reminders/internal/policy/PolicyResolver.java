package org.wanglai.reminders.internal.policy;

import java.util.Map;
import java.util.Optional;

/**
 * Which policy applies to a customer: its own assignment wins; otherwise the assignment of its category or of the
 * nearest ancestor category; otherwise the default policy.
 */
public final class PolicyResolver {
    private final Map<Long, Long> customerPolicy;
    private final Map<Long, Long> categoryPolicy;
    private final Map<Long, Long> categoryParent;
    private final Long defaultPolicy;

    /**
     * @param customerPolicy customer id → policy id
     * @param categoryPolicy category id → policy id
     * @param categoryParent category id → parent id (absent for a level-1 node)
     * @param defaultPolicy policy id when nothing is assigned; null = no reminders
     */
    public PolicyResolver(Map<Long, Long> customerPolicy, Map<Long, Long> categoryPolicy,
            Map<Long, Long> categoryParent, Long defaultPolicy) {
        this.customerPolicy = Map.copyOf(customerPolicy);
        this.categoryPolicy = Map.copyOf(categoryPolicy);
        this.categoryParent = Map.copyOf(categoryParent);
        this.defaultPolicy = defaultPolicy;
    }

    public Optional<Long> policyOf(long customerId, Long categoryId) {
        Long own = customerPolicy.get(customerId);
        if (own != null) {
            return Optional.of(own);
        }
        Long cat = categoryId;
        for (int depth = 0; cat != null && depth < 64; depth++) {
            Long p = categoryPolicy.get(cat);
            if (p != null) {
                return Optional.of(p);
            }
            cat = categoryParent.get(cat);
        }
        return Optional.ofNullable(defaultPolicy);
    }
}
