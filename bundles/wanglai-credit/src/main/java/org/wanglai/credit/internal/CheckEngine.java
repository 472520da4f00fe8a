package org.wanglai.credit.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.wanglai.api.CreditStatus;
import org.wanglai.api.Money;
import org.wanglai.api.credit.CreditDecision.Outcome;
import org.wanglai.api.credit.CreditReason;

/** Applies a document type's rules to a customer snapshot. Pure: no I/O, no clock. */
final class CheckEngine {

    /** The outcome before any bypass, every reason, and the exposure the document would lead to. */
    record Verdict(Outcome outcome, List<CreditReason> reasons, BigDecimal exposureSeen, CreditStatus status,
            boolean reserve) {
    }

    private final Messages messages;

    CheckEngine(Messages messages) {
        this.messages = messages;
    }

    Verdict decide(Snapshot s, DocRule rule, Money amount) {
        List<CreditReason> reasons = new ArrayList<>();
        Action worst = Action.OFF;
        CreditStatus status = s.status();
        boolean sameCurrency = amount.currency().equals(s.currency());
        boolean adds = rule.addAmount() && amount.signum() > 0;
        BigDecimal seen = s.committed().add(s.reservedOthers()).subtract(s.alreadyCounted());
        if (adds && sameCurrency) {
            seen = seen.add(amount.amount());
        }
        if (status == CreditStatus.STOP) {
            worst = fire(reasons, worst, rule.stop(), "credit.status-stop", "");
        }
        if (adds && !sameCurrency) {
            worst = fire(reasons, worst, Action.BLOCK, "credit.currency-mismatch", amount.currencyCode(),
                    s.currency().getCurrencyCode());
        }
        // as iDempiere: an order of zero or less adds nothing and is checked for Stop only
        boolean limited = !s.noCheck() && s.limit().signum() > 0 && !(rule.addAmount() && amount.signum() <= 0);
        if (limited) {
            if (s.committed().compareTo(s.limit()) > 0) {
                worst = fire(reasons, worst, rule.hold(), "credit.status-hold", money(s, s.committed()),
                        money(s, s.limit()), money(s, s.committed().subtract(s.limit())));
            }
            if (adds && sameCurrency) {
                if (seen.compareTo(s.limit()) > 0) {
                    worst = fire(reasons, worst, rule.exceed(), "credit.would-exceed-limit", amount.toString(),
                            money(s, seen), money(s, s.limit()), money(s, seen.subtract(s.limit())));
                } else if (seen.compareTo(s.watchLine()) > 0) {
                    worst = fire(reasons, worst, rule.watch(), "credit.watch", money(s, seen),
                            percent(seen.divide(s.limit(), 6, RoundingMode.HALF_UP)), money(s, s.limit()),
                            percent(s.watchPercent().movePointLeft(2)));
                }
            }
            if (rule.overdueDays() > 0 && s.overdueDays() > rule.overdueDays()) {
                worst = fire(reasons, worst, rule.overdueDaysAction(), "credit.overdue-days", s.overdueDays(),
                        rule.overdueDays());
            }
            if (rule.overdueAmount().signum() > 0 && s.overdue().compareTo(rule.overdueAmount()) > 0) {
                worst = fire(reasons, worst, rule.overdueAmountAction(), "credit.overdue-amount", money(s, s.overdue()),
                        money(s, rule.overdueAmount()));
            }
            if (rule.minGrade() != null && Grades.below(s.grade(), rule.minGrade())) {
                worst = fire(reasons, worst, rule.gradeAction(), "credit.grade-below", s.grade(), rule.minGrade());
            }
        }
        if (!limited && (s.noCheck() || s.limit().signum() <= 0)) {
            reasons.add(new CreditReason("credit.not-checked", messages.text("credit.not-checked")));
        }
        Outcome outcome = switch (worst) {
            case OFF -> Outcome.PASS;
            case WARN -> Outcome.WARN;
            case BLOCK -> Outcome.BLOCK;
        };
        return new Verdict(outcome, reasons, seen, status, adds && sameCurrency && outcome != Outcome.BLOCK);
    }

    private Action fire(List<CreditReason> reasons, Action worst, Action action, String code, Object... args) {
        if (action == Action.OFF) {
            return worst;
        }
        reasons.add(new CreditReason(code, messages.text(code, args)));
        return worst.max(action);
    }

    private static String money(Snapshot s, BigDecimal amount) {
        return new Money(amount, s.currency()).toString();
    }

    static String percent(BigDecimal ratio) {
        return ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
