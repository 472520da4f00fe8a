package org.wanglai.reminders.internal.db;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Row types MyBatis maps the reminders SQL onto (columns map by name, underscores to camel case). */
public final class Rows {
    private Rows() {
    }

    /**
     * One group × currency row of the ageing with its bucket sums: b0 not due, b1.. the age buckets in ascending order
     * (at most 12 bounds, so up to b13 for the open-ended one); buckets beyond the configured ones stay null.
     */
    public static class AgeingRow {
        public Long groupId;
        public String groupCode;
        public String groupName;
        public String currency;
        public BigDecimal b0;
        public BigDecimal b1;
        public BigDecimal b2;
        public BigDecimal b3;
        public BigDecimal b4;
        public BigDecimal b5;
        public BigDecimal b6;
        public BigDecimal b7;
        public BigDecimal b8;
        public BigDecimal b9;
        public BigDecimal b10;
        public BigDecimal b11;
        public BigDecimal b12;
        public BigDecimal b13;
        public BigDecimal total;
        public long items;

        /** The sum of bucket {@code k} (0 = not due), zero when the row has none. */
        public BigDecimal bucket(int k) {
            BigDecimal v = switch (k) {
                case 0 -> b0;
                case 1 -> b1;
                case 2 -> b2;
                case 3 -> b3;
                case 4 -> b4;
                case 5 -> b5;
                case 6 -> b6;
                case 7 -> b7;
                case 8 -> b8;
                case 9 -> b9;
                case 10 -> b10;
                case 11 -> b11;
                case 12 -> b12;
                case 13 -> b13;
                default -> throw new IndexOutOfBoundsException("ageing bucket " + k);
            };
            return v == null ? BigDecimal.ZERO : v;
        }
    }

    /** Open receivables per currency computed the simple way (invoices − allocations), to reconcile the ageing. */
    public static class CurrencyTotal {
        public String currency;
        public BigDecimal amount;
    }

    /** An open item that may get a reminder. */
    public static class Candidate {
        public long scheduleId;
        public long invoiceId;
        public long customerId;
        public Long categoryId;
        public String docNo;
        public LocalDate invoiceDate;
        public LocalDate dueDate;
        public String currency;
        public BigDecimal openAmount;
        public int graceDays;
        public int lastLevel;
        public LocalDate lastSent;
    }

    public static class PolicyRow {
        public long id;
        public String code;
        public String nameZh;
        public String nameEn;
        public BigDecimal minOpenAmount;
    }

    public static class LevelRow {
        public long policyId;
        public int levelNo;
        public int daysAfterDue;
        public int minDaysBetween;
        public BigDecimal fee;
        public BigDecimal interestRate;
        public String action;
        public String switchTermCode;
    }

    public static class Assignment {
        public Long categoryId;
        public Long customerId;
        public long policyId;
    }

    public static class IdPair {
        public long id;
        public Long parentId;
    }

    public static class Run {
        public Long id;
        public LocalDate asOf;
        public String status;
        public String createdBy;
        public LocalDateTime createdAt;
        public String approvedBy;
        public LocalDateTime approvedAt;
        public LocalDateTime finishedAt;
        public String note;
    }

    public static class RunItem {
        public Long id;
        public long runId;
        public long customerId;
        public String customerCode;
        public String customerName;
        public long invoiceId;
        public long scheduleId;
        public String docNo;
        public LocalDate invoiceDate;
        public LocalDate dueDate;
        public int daysOverdue;
        public String currency;
        public BigDecimal openAmount;
        public BigDecimal interest;
        public long policyId;
        public int levelNo;
        public String status;
        public String excludeReason;
        public LocalDate sentDate;
        public BigDecimal fee;
    }

    public static class RunCustomer {
        public long customerId;
        public String customerCode;
        public String customerName;
        public String currency;
        public long items;
        public BigDecimal openAmount;
        public BigDecimal interest;
        public int maxLevel;
        public String status;
    }

    public static class Delivery {
        public long id;
        public long runId;
        public Long customerId;
        public String kind;
        public String channel;
        public String recipient;
        public String ownerLogin;
        public String language;
        public String status;
        public int attempts;
        public String lastError;
    }

    public static class Action {
        public long id;
        public long runId;
        public long customerId;
        public int levelNo;
        public String action;
        public String switchTermCode;
        public String status;
    }

    public static class CountRow {
        public long customerId;
        public long count;
    }

    public static class StatementLine {
        public LocalDate docDate;
        public int sortKey;
        public String docType;
        public String docNo;
        public LocalDate dueDate;
        public String currency;
        public BigDecimal debit;
        public BigDecimal credit;
    }

    public static class RunSummary {
        public long id;
        public LocalDate asOf;
        public String status;
        public String createdBy;
        public LocalDateTime createdAt;
        public String approvedBy;
        public LocalDateTime finishedAt;
        public long customers;
        public long items;
        public long excluded;
        public long sent;
        public BigDecimal amount;
        public long deliveriesFailed;
    }

    public static class ForecastCell {
        public LocalDate expectedDate;
        public String currency;
        public BigDecimal amount;
        public long items;
    }

    public static class TermRow {
        public long id;
        public String code;
        public String nameZh;
        public String nameEn;
        public String termType;
        public int netDays;
        public Integer fixMonthDay;
        public Integer fixMonthOffset;
        public Integer fixMonthCutoff;
        public int graceDays;
        public Integer seq;
        public java.math.BigDecimal percent;
    }

    public static class ScheduleRow {
        public long invoiceId;
        public String docNo;
        public LocalDate invoiceDate;
        public long termId;
        public BigDecimal grandTotal;
        public String currency;
        public int seq;
        public LocalDate dueDate;
        public BigDecimal dueAmount;
    }

    public static class CustomerRef {
        public long id;
        public String code;
        public String name;
        public String currency;
    }

    public static class InApp {
        public long id;
        public String subject;
        public String body;
        public LocalDateTime createdAt;
        public LocalDateTime readAt;
    }
}
