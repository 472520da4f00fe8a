package org.wanglai.reminders.internal.run;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.wanglai.reminders.internal.db.Rows;

/**
 * Texts of reminder letters and digests, bilingual (Chinese first, then English) so that one letter serves both
 * readers. Fees and interest are shown, never posted.
 */
public final class Letters {
    private Letters() {
    }

    public record Letter(String subject, String body) {
    }

    private static final String[] LEVEL_ZH = {"", "友情提醒", "付款提醒", "催款通知", "最后催告", "移交催收通知"};
    private static final String[] LEVEL_EN = {"", "Friendly reminder", "Payment reminder", "Overdue notice",
        "Final notice", "Collection notice"};

    public static String levelZh(int level) {
        return level >= 1 && level < LEVEL_ZH.length ? LEVEL_ZH[level] : "第" + level + "级催款";
    }

    public static String levelEn(int level) {
        return level >= 1 && level < LEVEL_EN.length ? LEVEL_EN[level] : "Reminder level " + level;
    }

    public static Letter letter(Settings s, LocalDate asOf, Rows.CustomerRef customer, List<Rows.RunItem> items) {
        int level = items.stream().mapToInt(i -> i.levelNo).max().orElse(1);
        BigDecimal fee = items.stream().map(i -> i.fee == null ? BigDecimal.ZERO : i.fee).max(BigDecimal::compareTo)
                .orElse(BigDecimal.ZERO);
        Map<String, BigDecimal[]> totals = new TreeMap<>();
        StringBuilder rows = new StringBuilder();
        for (Rows.RunItem i : items) {
            rows.append(String.format("%-16s %s  %s  %6d  %14s %s  %10s%n", i.docNo, i.invoiceDate, i.dueDate,
                    i.daysOverdue, i.openAmount.toPlainString(), i.currency, i.interest.toPlainString()));
            BigDecimal[] t = totals.computeIfAbsent(i.currency, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            t[0] = t[0].add(i.openAmount);
            t[1] = t[1].add(i.interest);
        }
        String subject = levelZh(level) + " / " + levelEn(level) + " - " + customer.name + " (" + customer.code + ")";
        StringBuilder b = new StringBuilder();
        b.append(s.companyNameZh()).append(" / ").append(s.companyNameEn()).append("\n\n");
        b.append("致 ").append(customer.name).append("（客户编号 ").append(customer.code).append("）：\n");
        b.append(level == 1
                ? "以下款项即将到期，请按时安排付款。如已付款，请忽略本提醒。\n"
                : "截至 " + asOf + "，以下款项已逾期未付，请尽快安排付款。如已付款，请忽略本通知。\n");
        b.append("To ").append(customer.name).append(" (customer ").append(customer.code).append("):\n");
        b.append(level == 1
                ? "The items below fall due shortly; please arrange payment on time. Please ignore this note if you have already paid.\n"
                : "As of " + asOf + " the items below are overdue; please pay them promptly. Please ignore this notice if you have already paid.\n");
        b.append('\n');
        b.append("单据号/Invoice   开票日/Date  到期日/Due    逾期天数/Days  未付金额/Open amount    利息/Interest\n");
        b.append(rows);
        b.append('\n');
        for (Map.Entry<String, BigDecimal[]> e : totals.entrySet()) {
            b.append("合计/Total ").append(e.getKey()).append(": ").append(e.getValue()[0].toPlainString());
            if (e.getValue()[1].signum() > 0) {
                b.append("，利息/interest ").append(e.getValue()[1].toPlainString());
            }
            b.append('\n');
        }
        if (fee.signum() > 0) {
            b.append("催款手续费/Reminder fee: ").append(fee.toPlainString()).append('\n');
        }
        if (fee.signum() > 0 || totals.values().stream().anyMatch(t -> t[1].signum() > 0)) {
            b.append("手续费与利息仅供参考，未记账。/ Fee and interest are shown for information; they have not been charged.\n");
        }
        b.append("\n").append(levelZh(level)).append(" / ").append(levelEn(level)).append('\n');
        return new Letter(subject, b.toString());
    }

    public static Letter digest(Rows.Run run, List<Rows.RunCustomer> customers) {
        String subject = "催款汇总 / Reminder digest - run " + run.id + " (" + run.asOf + ")";
        StringBuilder b = new StringBuilder();
        b.append("催款批次 ").append(run.id).append("（截至 ").append(run.asOf).append("）已发送以下客户的催款：\n");
        b.append("Reminder run ").append(run.id).append(" (as of ").append(run.asOf)
                .append(") reminded these customers:\n\n");
        b.append("客户/Customer            项数/Items  最高级别/Level  未付金额/Open amount\n");
        for (Rows.RunCustomer c : customers) {
            b.append(String.format("%-12s %-20s %5d  %3d  %14s %s%n", c.customerCode, c.customerName, c.items,
                    c.maxLevel, c.openAmount.toPlainString(), c.currency));
        }
        return new Letter(subject, b.toString());
    }
}
