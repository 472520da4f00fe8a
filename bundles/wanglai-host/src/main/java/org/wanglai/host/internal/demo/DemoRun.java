package org.wanglai.host.internal.demo;

import static org.wanglai.host.internal.demo.DemoCatalog.AGENT;
import static org.wanglai.host.internal.demo.DemoCatalog.CHANNELS;
import static org.wanglai.host.internal.demo.DemoCatalog.CITIES;
import static org.wanglai.host.internal.demo.DemoCatalog.INDUSTRIES;
import static org.wanglai.host.internal.demo.DemoCatalog.OFFLINE;
import static org.wanglai.host.internal.demo.DemoCatalog.ONLINE;
import static org.wanglai.host.internal.demo.DemoCatalog.PRODUCT_CATEGORIES;
import static org.wanglai.host.internal.demo.DemoCatalog.REGIONS;
import static org.wanglai.host.internal.demo.DemoCatalog.TERMS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wanglai.host.internal.demo.BatchWriter.Table;
import org.wanglai.host.internal.demo.DemoCatalog.Category;
import org.wanglai.host.internal.demo.DemoCatalog.Channel;
import org.wanglai.host.internal.demo.DemoCatalog.CostPool;
import org.wanglai.host.internal.demo.DemoCatalog.ProductCategory;
import org.wanglai.host.internal.demo.DemoCatalog.Region;
import org.wanglai.host.internal.demo.DemoCatalog.Term;
import org.wanglai.host.internal.demo.DemoCatalog.TermLine;
import org.wanglai.host.internal.demo.DemoCatalog.User;

/**
 * One generation run: writes the reference data, then simulates customer after customer (orders, shipments,
 * invoices, payments, disputes) and streams the rows out, then writes the monthly cost ledger.
 *
 * <p>Determinism: every random draw comes from a {@link SplittableRandom} derived from the seed (one stream per
 * customer, so a customer's history does not depend on how many draws earlier customers made), transcendental
 * functions use {@link StrictMath}, and nothing iterates a hash-ordered collection.
 */
final class DemoRun {
    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final double PHI = 0.6180339887498949;
    private static final BigDecimal HUNDRED = new BigDecimal(100);
    private static final BigDecimal ZERO2 = BigDecimal.ZERO.setScale(2);
    private static final String CNY = "CNY";

    private enum Behaviour {
        PUNCTUAL(0.04, 0.000, 0.002, 0.0), SLOW(0.12, 0.010, 0.010, 1.0), CHRONIC(0.30, 0.040, 0.030, 1.5),
        TROUBLED(0.40, 0.250, 0.220, 1.5);

        final double partial;
        final double neverPaid;
        final double dispute;
        /** Share of the scale's backlog this behaviour takes. */
        final double backlogWeight;

        Behaviour(double partial, double neverPaid, double dispute, double backlogWeight) {
            this.partial = partial;
            this.neverPaid = neverPaid;
            this.dispute = dispute;
            this.backlogWeight = backlogWeight;
        }
    }

    private static final class Product {
        long id;
        int category;
        BigDecimal listPrice;
        BigDecimal[] costByMonth;
        boolean decimalQty;
    }

    private static final class OrderLine {
        long id;
        int lineNo;
        Product product;
        BigDecimal qty;
        BigDecimal price;
        BigDecimal amount;
        BigDecimal shipped = BigDecimal.ZERO;
        BigDecimal invoiced = BigDecimal.ZERO;
    }

    private static final class Order {
        long id;
        LocalDate date;
        String status;
        BigDecimal total;
        final List<OrderLine> lines = new ArrayList<>();
    }

    private static final class ShipLine {
        long id;
        OrderLine orderLine;
        BigDecimal qty;
        BigDecimal amount;
        boolean invoiced;
    }

    private static final class Shipment {
        long id;
        Order order;
        LocalDate date;
        final List<ShipLine> lines = new ArrayList<>();
    }

    private static final class Invoice {
        long id;
        Order order;
        LocalDate date;
        Term term;
        BigDecimal total;
        List<ShipLine> lines;
        LocalDate[] dueDates;
        BigDecimal[] dueAmounts;
        BigDecimal paid = ZERO2;
        boolean inDispute;
        LocalDate disputeOpened;
        LocalDate disputeClosed;
        BigDecimal disputeAmount;
        String disputeReason;
    }

    private record Payment(LocalDate date, Invoice invoice, BigDecimal amount, long order) {
    }

    private final DemoDataGenerator.Params params;
    private final long seed;
    private final LocalDate asOf;
    private final LocalDate start;
    private final YearMonth firstMonth;
    private final int months;
    private final BatchWriter out;

    private Product[] products;
    private int[][] productsByCategory;
    private final long[][] salesByRegion = new long[REGIONS.size()][];
    private final Set<String> names = new HashSet<>();

    private long orderSeq;
    private long orderLineSeq;
    private long shipmentSeq;
    private long shipmentLineSeq;
    private long invoiceSeq;
    private long invoiceLineSeq;
    private long scheduleSeq;
    private long receiptSeq;
    private long allocationSeq;
    private long disputeSeq;
    private long costSeq;
    private long openItems;
    private int stopped;

    // Monthly activity, the drivers of the cost ledger.
    private final long[] aggOrders;
    private final long[] aggOrderLines;
    private final long[][] aggShipments;
    private final long[] aggShipmentLines;
    private final long[][] aggInvoices;
    private final long[][][] aggRevenueCents;
    private final long[] aggReceipts;
    private final long[] aggLatePayments;

    DemoRun(DemoDataGenerator.Params params, long seed, LocalDate asOf, BatchWriter out) {
        this.params = params;
        this.seed = seed;
        this.asOf = asOf;
        this.start = asOf.minusYears(params.years());
        this.firstMonth = YearMonth.from(start);
        this.months = (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(asOf)) + 1;
        this.out = out;
        aggOrders = new long[months];
        aggOrderLines = new long[months];
        aggShipments = new long[months][REGIONS.size()];
        aggShipmentLines = new long[months];
        aggInvoices = new long[months][CHANNELS.size()];
        aggRevenueCents = new long[months][CHANNELS.size()][REGIONS.size()];
        aggReceipts = new long[months];
        aggLatePayments = new long[months];
    }

    long openItems() {
        return openItems;
    }

    void run() throws SQLException {
        writeReferenceData();
        writeProducts();
        long step = Math.max(1, params.customers() / 10);
        for (int i = 0; i < params.customers(); i++) {
            customer(i);
            if ((i + 1) % step == 0) {
                LOG.info("Demo data: {} of {} customers, {} invoices so far", i + 1, params.customers(), invoiceSeq);
            }
        }
        writeCostLedger();
        out.flush();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Reference data

    private void writeReferenceData() throws SQLException {
        for (Region r : REGIONS) {
            out.row(Table.REGION, r.id(), r.code(), r.nameZh(), r.nameEn());
        }
        for (Channel c : CHANNELS) {
            out.row(Table.CHANNEL, c.id(), c.code(), c.nameZh(), c.nameEn());
        }
        for (User u : DemoCatalog.USERS) {
            out.row(Table.USER, u.id(), u.login(), u.name(), u.login() + "@wanglai-demo.example", u.role());
        }
        for (int reg = 0; reg < REGIONS.size(); reg++) {
            final int region = reg;
            salesByRegion[reg] = DemoCatalog.USERS.stream().filter(u -> u.region() == region)
                    .mapToLong(User::id).toArray();
        }
        for (Term t : TERMS) {
            out.row(Table.PAYMENT_TERM, t.id(), t.code(), t.nameZh(), t.nameEn(), t.type(), t.netDays(), t.fixDay(),
                    t.fixOffset(), t.fixCutoff(), t.graceDays());
        }
        for (Term t : TERMS) {
            for (TermLine l : t.lines()) {
                out.row(Table.PAYMENT_TERM_LINE, l.id(), t.id(), l.seq(), l.percent(), l.type(), l.netDays(),
                        l.fixDay(), l.fixOffset(), l.fixCutoff());
            }
        }
        for (Category c : DemoCatalog.CATEGORIES) {
            out.row(Table.CUSTOMER_CATEGORY, c.id(), c.parentId(), c.code(), c.nameZh(), c.nameEn(),
                    c.creditWatchPct());
        }
        for (ProductCategory pc : PRODUCT_CATEGORIES) {
            out.row(Table.PRODUCT_CATEGORY, pc.id(), pc.code(), pc.nameZh(), pc.nameEn());
        }
        for (CostPool p : DemoCatalog.COST_POOLS) {
            out.row(Table.COST_POOL, p.id(), p.code(), p.nameZh(), p.nameEn());
        }
    }

    private void writeProducts() throws SQLException {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = params.products();
        int categories = PRODUCT_CATEGORIES.size();
        products = new Product[n];
        int[] perCategory = new int[categories];
        for (int k = 0; k < n; k++) {
            int cat = k % categories;
            ProductCategory pc = PRODUCT_CATEGORIES.get(cat);
            Product p = new Product();
            p.id = k + 1;
            p.category = cat;
            String uom = pc.uoms()[r.nextInt(pc.uoms().length)];
            p.decimalQty = pc.decimalQty() && ("千克".equals(uom) || "吨".equals(uom));
            double baseCost = Math.max(0.5, pc.costMedian() * StrictMath.exp(0.8 * gaussian(r)));
            if ("吨".equals(uom)) {
                baseCost *= 1000;
            }
            double margin = pc.marginMin() + (pc.marginMax() - pc.marginMin()) * r.nextDouble();
            BigDecimal cost0 = money(baseCost);
            p.listPrice = money(cost0.doubleValue() / (1 - margin));
            // Standard cost drifts slowly (inflation, supplier changes): a per-product trend of about ±0.5% a month.
            double drift = 0.0015 + 0.003 * gaussian(r);
            p.costByMonth = new BigDecimal[months];
            for (int m = 0; m < months; m++) {
                p.costByMonth[m] = BigDecimal.valueOf(cost0.doubleValue() * StrictMath.exp(drift * m))
                        .setScale(4, RoundingMode.HALF_UP);
            }
            String noun = pc.nouns()[r.nextInt(pc.nouns().length)];
            String spec = (char) ('A' + r.nextInt(8)) + "-" + (10 * (1 + r.nextInt(60)));
            String code = "P" + pc.code() + "-" + pad(k + 1, 5);
            out.row(Table.PRODUCT, p.id, code, noun + " " + spec, pc.id(), uom, p.costByMonth[months - 1],
                    p.listPrice.setScale(4));
            products[k] = p;
            perCategory[cat]++;
        }
        // Within a category, earlier products are the popular ones (see pickProduct).
        productsByCategory = new int[categories][];
        int[] fill = new int[categories];
        for (int c = 0; c < categories; c++) {
            productsByCategory[c] = new int[perCategory[c]];
        }
        for (int k = 0; k < n; k++) {
            int c = products[k].category;
            productsByCategory[c][fill[c]++] = k;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // One customer

    private void customer(int index) throws SQLException {
        SplittableRandom r = new SplittableRandom(seed + (index + 1L) * GOLDEN);
        long id = index + 1L;

        // Payment behaviour from a low-discrepancy sequence: exact shares even for 50 customers.
        double b = frac((index + 1) * PHI + frac(seed * PHI));
        Behaviour behaviour = b < 0.55 ? Behaviour.PUNCTUAL
                : b < 0.80 ? Behaviour.SLOW : b < 0.95 ? Behaviour.CHRONIC : Behaviour.TROUBLED;

        int city = pickCity(r);
        int region = CITIES[city].region();
        int industry = pickIndustry(r);
        // Customer size: lognormal, so a few customers make most of the revenue; 1% key accounts on top.
        double z = gaussian(r);
        if (r.nextDouble() < 0.01) {
            z += 1.5;
        }
        String size = z > 1.28 ? DemoCatalog.SCALE_LARGE : z > 0.25 ? DemoCatalog.SCALE_MEDIUM
                : DemoCatalog.SCALE_SMALL;
        boolean large = size.equals(DemoCatalog.SCALE_LARGE);
        double monthlyVolume = 15000 * StrictMath.exp(1.35 * z);
        double frequency = clamp(0.5 * StrictMath.exp(0.45 * z + 0.3 * gaussian(r)), 0.12, 15);
        double linesLambda = clamp(0.8 * StrictMath.exp(0.2 * z + 0.2 * gaussian(r)), 0.2, 4);
        double discount = clamp(0.02 + 0.04 * z + 0.02 * gaussian(r), 0, 0.15);
        double lineTarget = monthlyVolume / (frequency * (1 + linesLambda));
        double ownTrend = 0.05 + 0.25 * gaussian(r);

        int channel = pickChannel(r, large);
        String name = uniqueName(r, city, industry, size);
        long category = category(r, industry, region, channel, size);
        long[] sales = salesByRegion[region];
        long salesperson = sales[r.nextInt(sales.length)];
        Term defaultTerm = TERMS.get(defaultTerm(r, industry, channel, large));
        int[] preferred = INDUSTRIES[industry].productCategories();
        boolean monthlyInvoicing = r.nextDouble() < 0.10;
        int payDay = r.nextDouble() < 0.35 ? new int[] {5, 10, 15, 20, 25, 28}[r.nextInt(6)] : 0;

        // Lifecycle: established before the range, or joined during it (more of them recently).
        long rangeDays = ChronoUnit.DAYS.between(start, asOf);
        LocalDate created;
        LocalDate firstOrder;
        if (r.nextDouble() < 0.45) {
            created = start.minusDays(1 + r.nextInt(5 * 365));
            firstOrder = start;
        } else {
            created = start.plusDays((long) (rangeDays * StrictMath.pow(r.nextDouble(), 0.7)));
            firstOrder = created.plusDays(r.nextInt(30));
        }
        boolean prospect = r.nextDouble() < 0.02;
        LocalDate lapse = null;
        if (r.nextDouble() < 0.12 && firstOrder.isBefore(asOf.minusDays(270))) {
            long span = ChronoUnit.DAYS.between(firstOrder.plusDays(90), asOf.minusDays(120));
            if (span > 0) {
                lapse = firstOrder.plusDays(90 + (long) (span * r.nextDouble()));
            }
        }

        // Orders, shipments and invoices, month by month.
        List<Order> orders = new ArrayList<>();
        List<Shipment> shipments = new ArrayList<>();
        List<Invoice> invoices = new ArrayList<>();
        LocalDate orderFrom = firstOrder.isBefore(start) ? start : firstOrder;
        LocalDate orderTo = lapse == null ? asOf : lapse.minusDays(1);
        for (int m = 0; m < months && !prospect; m++) {
            YearMonth ym = firstMonth.plusMonths(m);
            if (ym.atEndOfMonth().isBefore(orderFrom) || ym.atDay(1).isAfter(orderTo)) {
                continue;
            }
            double years = m / 12.0;
            double lambda = frequency * DemoCatalog.SEASON[ym.getMonthValue() - 1] * StrictMath.exp(0.10 * years)
                    * StrictMath.exp(ownTrend * years) * params.activity();
            long monthsActive = ChronoUnit.MONTHS.between(YearMonth.from(orderFrom), ym);
            if (orderFrom.isAfter(start) && monthsActive < 3) {
                lambda *= 0.5 + monthsActive / 6.0; // a new customer ramps up
            }
            if (lapse != null && ChronoUnit.MONTHS.between(ym, YearMonth.from(lapse)) < 4) {
                lambda *= 0.6; // orders thin out before a customer lapses
            }
            int count = poisson(r, lambda);
            int[] days = new int[count];
            for (int k = 0; k < count; k++) {
                days[k] = 1 + r.nextInt(ym.lengthOfMonth());
            }
            java.util.Arrays.sort(days);
            for (int day : days) {
                LocalDate d = ym.atDay(day);
                if (d.isBefore(orderFrom) || d.isAfter(orderTo)) {
                    continue;
                }
                order(r, d, preferred, linesLambda, lineTarget, discount, monthlyInvoicing, defaultTerm, orders,
                        shipments, invoices);
            }
        }

        // Payments and disputes.
        List<Payment> payments = new ArrayList<>();
        for (Invoice inv : invoices) {
            pay(r, behaviour, payDay, inv, payments);
        }
        payments.sort(Comparator.comparing(Payment::date).thenComparingLong(p -> p.invoice().id)
                .thenComparingLong(Payment::order));

        BigDecimal exposure = ZERO2;
        BigDecimal lastYear = ZERO2;
        LocalDate yearAgo = asOf.minusYears(1);
        for (Payment p : payments) {
            p.invoice().paid = p.invoice().paid.add(p.amount());
        }
        for (Invoice inv : invoices) {
            exposure = exposure.add(inv.total.subtract(inv.paid));
            if (inv.date.isAfter(yearAgo)) {
                lastYear = lastYear.add(inv.total);
            }
            BigDecimal cumulative = ZERO2;
            for (BigDecimal due : inv.dueAmounts) {
                cumulative = cumulative.add(due);
                if (cumulative.compareTo(inv.paid) > 0) {
                    openItems++; // receipts settle schedule rows in due order
                }
            }
        }

        // Credit: most limits follow the monthly volume; 10% have none; a few sit near or over it.
        double activeMonths = Math.max(1, Math.min(12,
                ChronoUnit.DAYS.between(orderFrom.isAfter(yearAgo) ? orderFrom : yearAgo, asOf) / 30.4));
        double monthly = lastYear.signum() > 0 ? lastYear.doubleValue() / activeMonths : monthlyVolume;
        BigDecimal limit;
        double c = r.nextDouble();
        if (c < 0.10) {
            limit = ZERO2;
        } else if (c < 0.16 && exposure.signum() > 0) {
            limit = roundTo(exposure.doubleValue() * (0.82 + 0.30 * r.nextDouble()), 1000);
        } else {
            // Comfortably above both the usual volume and today's balance: OK at generation time.
            double byVolume = monthly * new double[] {1.5, 2, 3}[r.nextInt(3)];
            double byBalance = exposure.doubleValue() * (1.15 + 0.85 * r.nextDouble());
            limit = roundUpTo(Math.max(byVolume, byBalance), 10000);
        }
        String creditStatus = "O";
        if (behaviour == Behaviour.TROUBLED && exposure.signum() > 0
                && stopped < Math.max(2, params.customers() / 1000)) {
            creditStatus = "S";
            stopped++;
        }
        boolean active = !(lapse != null && r.nextDouble() < 0.4);

        out.row(Table.CUSTOMER, id, "C" + pad(id, 6), name, INDUSTRIES[industry].nameZh(), REGIONS.get(region).id(),
                size, category, CHANNELS.get(channel).id(), salesperson, defaultTerm.id(), limit, creditStatus, CNY,
                created, active);
        writeDocuments(id, region, channel, salesperson, orders, shipments, invoices, payments);
    }

    private void order(SplittableRandom r, LocalDate d, int[] preferred, double linesLambda, double lineTarget,
            double discount, boolean monthlyInvoicing, Term defaultTerm, List<Order> orders, List<Shipment> shipments,
            List<Invoice> invoices) {
        Order o = new Order();
        o.id = ++orderSeq;
        o.date = d;
        int lines = 1 + poisson(r, linesLambda);
        BigDecimal total = ZERO2;
        for (int k = 0; k < lines; k++) {
            Product p = pickProduct(r, preferred);
            OrderLine l = new OrderLine();
            l.id = ++orderLineSeq;
            l.lineNo = (k + 1) * 10;
            l.product = p;
            l.price = p.listPrice.multiply(BigDecimal.valueOf(1 - discount * r.nextDouble()))
                    .setScale(2, RoundingMode.HALF_UP);
            double q = lineTarget * (0.5 + r.nextDouble()) / p.listPrice.doubleValue();
            if (p.decimalQty) {
                l.qty = BigDecimal.valueOf(Math.max(10, Math.min(999_999, Math.round(q * 10))), 1);
            } else {
                l.qty = BigDecimal.valueOf(Math.max(1, Math.min(99_999, Math.round(q))));
            }
            l.amount = l.qty.multiply(l.price).setScale(2, RoundingMode.HALF_UP);
            total = total.add(l.amount);
            o.lines.add(l);
        }
        o.total = total;
        orders.add(o);

        double u = r.nextDouble();
        if (u < 0.012) {
            o.status = "VO";
            return;
        }
        if (d.isAfter(asOf.minusDays(6)) && u < 0.25) {
            o.status = "DR";
            return;
        }
        o.status = "CO";
        LocalDate first = d.plusDays(1 + r.nextInt(6));
        if (r.nextDouble() < 0.04) {
            first = first.plusDays(10 + r.nextInt(30)); // back order
        }
        boolean partial = r.nextDouble() < 0.12;
        LocalDate second = first.plusDays(5 + r.nextInt(25));
        boolean closeShort = r.nextDouble() < 0.25;
        if (first.isAfter(asOf)) {
            return; // an open order: completed, nothing shipped yet
        }
        if (!partial) {
            ship(r, o, first, null, monthlyInvoicing, defaultTerm, shipments, invoices);
        } else {
            BigDecimal[] part = new BigDecimal[o.lines.size()];
            boolean any = false;
            for (int k = 0; k < part.length; k++) {
                OrderLine l = o.lines.get(k);
                double v = r.nextDouble();
                if (v < 0.45) {
                    part[k] = l.qty;
                } else if (v < 0.8) {
                    part[k] = splitQty(r, l.qty, l.product.decimalQty);
                } else {
                    part[k] = BigDecimal.ZERO;
                }
                any |= part[k].signum() > 0;
            }
            if (!any) {
                part[0] = o.lines.get(0).qty;
            }
            ship(r, o, first, part, monthlyInvoicing, defaultTerm, shipments, invoices);
            boolean rest = o.lines.stream().anyMatch(l -> l.shipped.compareTo(l.qty) < 0);
            if (rest && closeShort) {
                o.status = "CL"; // the rest will never be delivered
            } else if (rest && !second.isAfter(asOf)) {
                ship(r, o, second, null, monthlyInvoicing, defaultTerm, shipments, invoices);
            }
        }
        boolean fullyInvoiced = o.lines.stream().allMatch(l -> l.invoiced.compareTo(l.qty) == 0);
        if ("CO".equals(o.status) && fullyInvoiced && d.isBefore(asOf.minusDays(60)) && r.nextDouble() < 0.08) {
            o.status = "CL";
        }
    }

    /** Ships {@code qty} per line (null = everything still open), then invoices the shipment unless too recent. */
    private void ship(SplittableRandom r, Order o, LocalDate date, BigDecimal[] qty, boolean monthlyInvoicing,
            Term defaultTerm, List<Shipment> shipments, List<Invoice> invoices) {
        Shipment s = new Shipment();
        s.id = ++shipmentSeq;
        s.order = o;
        s.date = date;
        for (int k = 0; k < o.lines.size(); k++) {
            OrderLine l = o.lines.get(k);
            BigDecimal q = qty == null ? l.qty.subtract(l.shipped) : qty[k];
            if (q.signum() <= 0) {
                continue;
            }
            ShipLine sl = new ShipLine();
            sl.id = ++shipmentLineSeq;
            sl.orderLine = l;
            sl.qty = q;
            sl.amount = q.multiply(l.price).setScale(2, RoundingMode.HALF_UP);
            l.shipped = l.shipped.add(q);
            s.lines.add(sl);
        }
        shipments.add(s);

        LocalDate invoiceDate = monthlyInvoicing ? date.withDayOfMonth(date.lengthOfMonth())
                : date.plusDays(r.nextInt(4));
        boolean override = r.nextDouble() < 0.05;
        int overrideTerm = r.nextInt(TERMS.size());
        if (invoiceDate.isAfter(asOf)) {
            return; // shipped, not invoiced yet
        }
        Invoice inv = new Invoice();
        inv.id = ++invoiceSeq;
        inv.order = o;
        inv.date = invoiceDate;
        inv.term = override ? TERMS.get(overrideTerm) : defaultTerm;
        inv.lines = s.lines;
        BigDecimal total = ZERO2;
        for (ShipLine sl : s.lines) {
            sl.invoiced = true;
            sl.orderLine.invoiced = sl.orderLine.invoiced.add(sl.qty);
            total = total.add(sl.amount);
        }
        inv.total = total;
        schedule(inv);
        invoices.add(inv);
    }

    /** Pay schedule rows: one per term part; the last part takes the rounding so the rows sum to the total. */
    private static void schedule(Invoice inv) {
        Term t = inv.term;
        if (!t.split()) {
            inv.dueDates = new LocalDate[] {
                DueDates.due(t.type(), t.netDays(), t.fixDay(), t.fixOffset(), t.fixCutoff(), inv.date)};
            inv.dueAmounts = new BigDecimal[] {inv.total};
            return;
        }
        int n = t.lines().size();
        inv.dueDates = new LocalDate[n];
        inv.dueAmounts = new BigDecimal[n];
        BigDecimal rest = inv.total;
        for (int k = 0; k < n; k++) {
            TermLine l = t.lines().get(k);
            inv.dueDates[k] = DueDates.due(l.type(), l.netDays(), l.fixDay(), l.fixOffset(), l.fixCutoff(), inv.date);
            BigDecimal part = k == n - 1 ? rest
                    : inv.total.multiply(l.percent()).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            inv.dueAmounts[k] = part;
            rest = rest.subtract(part);
        }
    }

    private void pay(SplittableRandom r, Behaviour b, int payDay, Invoice inv, List<Payment> payments) {
        if (r.nextDouble() < b.dispute) {
            LocalDate opened = inv.date.plusDays(3 + r.nextInt(40));
            if (!opened.isAfter(asOf)) {
                LocalDate closed = opened.plusDays(7 + r.nextInt(90));
                inv.disputeOpened = opened;
                inv.disputeClosed = closed.isAfter(asOf) ? null : closed;
                inv.inDispute = inv.disputeClosed == null;
                inv.disputeReason = DemoCatalog.DISPUTE_REASONS[r.nextInt(DemoCatalog.DISPUTE_REASONS.length)];
                inv.disputeAmount = r.nextDouble() < 0.5 ? inv.total
                        : inv.lines.get(r.nextInt(inv.lines.size())).amount;
            }
        }
        boolean never = r.nextDouble() < b.neverPaid + params.backlog() * b.backlogWeight;
        if (never || inv.inDispute) {
            return;
        }
        for (int k = 0; k < inv.dueDates.length; k++) {
            LocalDate due = inv.dueDates[k];
            LocalDate when = due.plusDays(delay(r, b));
            if (payDay > 0) {
                when = nextPayDay(when, payDay); // pays in a monthly payment run
            }
            if (inv.disputeClosed != null) {
                LocalDate afterDispute = inv.disputeClosed.plusDays(2 + r.nextInt(14));
                if (when.isBefore(afterDispute)) {
                    when = afterDispute;
                }
            }
            if (when.isBefore(inv.date)) {
                when = inv.date;
            }
            BigDecimal amount = inv.dueAmounts[k];
            if (r.nextDouble() < b.partial && amount.compareTo(new BigDecimal("100.00")) > 0) {
                int parts = 2 + r.nextInt(2);
                BigDecimal rest = amount;
                for (int p = 0; p < parts; p++) {
                    BigDecimal part = p == parts - 1 ? rest
                            : money(rest.doubleValue() * (0.3 + 0.4 * r.nextDouble()));
                    add(payments, when, inv, part, due);
                    rest = rest.subtract(part);
                    when = when.plusDays(15 + r.nextInt(45));
                }
            } else {
                add(payments, when, inv, amount, due);
            }
        }
    }

    private void add(List<Payment> payments, LocalDate when, Invoice inv, BigDecimal amount, LocalDate due) {
        if (when.isAfter(asOf) || amount.signum() <= 0) {
            return; // not paid yet at the as-of date
        }
        payments.add(new Payment(when, inv, amount, payments.size()));
        int m = monthIndex(when);
        if (ChronoUnit.DAYS.between(due, when) > 30) {
            aggLatePayments[m]++;
        }
    }

    private static int delay(SplittableRandom r, Behaviour b) {
        return switch (b) {
            case PUNCTUAL -> r.nextDouble() < 0.04 ? 10 + r.nextInt(40) : -5 + r.nextInt(10);
            case SLOW -> 5 + r.nextInt(40);
            case CHRONIC -> 20 + r.nextInt(100);
            case TROUBLED -> 40 + r.nextInt(200);
        };
    }

    // ---------------------------------------------------------------------------------------------------------
    // Output of one customer's documents

    private void writeDocuments(long customer, int region, int channel, long salesperson, List<Order> orders,
            List<Shipment> shipments, List<Invoice> invoices, List<Payment> payments) throws SQLException {
        long regionId = REGIONS.get(region).id();
        long channelId = CHANNELS.get(channel).id();
        for (Order o : orders) {
            out.row(Table.SALES_ORDER, o.id, "SO" + pad(o.id, 8), customer, o.date, channelId, regionId, salesperson,
                    CNY, o.total, o.status);
            int m = monthIndex(o.date);
            aggOrders[m]++;
            aggOrderLines[m] += o.lines.size();
            for (OrderLine l : o.lines) {
                out.row(Table.SALES_ORDER_LINE, l.id, o.id, l.lineNo, l.product.id, l.qty, l.price, l.amount,
                        l.shipped, l.invoiced);
            }
        }
        for (Shipment s : shipments) {
            out.row(Table.SHIPMENT, s.id, "SH" + pad(s.id, 8), s.order.id, customer, s.date, "CO");
            int m = monthIndex(s.date);
            aggShipments[m][region]++;
            aggShipmentLines[m] += s.lines.size();
            for (ShipLine l : s.lines) {
                out.row(Table.SHIPMENT_LINE, l.id, s.id, l.orderLine.id, l.orderLine.product.id, l.qty,
                        l.invoiced ? l.qty : BigDecimal.ZERO, l.amount);
            }
        }
        for (Invoice inv : invoices) {
            boolean paid = inv.paid.compareTo(inv.total) == 0;
            out.row(Table.INVOICE, inv.id, "INV" + pad(inv.id, 8), customer, inv.order.id, inv.date, inv.term.id(),
                    channelId, regionId, salesperson, CNY, inv.total, "CO", paid, inv.inDispute);
            int m = monthIndex(inv.date);
            aggInvoices[m][channel]++;
            aggRevenueCents[m][channel][region] += inv.total.unscaledValue().longValue();
            int lineNo = 0;
            for (ShipLine l : inv.lines) {
                Product p = l.orderLine.product;
                out.row(Table.INVOICE_LINE, ++invoiceLineSeq, inv.id, (++lineNo) * 10, p.id, l.orderLine.id, l.qty,
                        l.orderLine.price, l.amount, p.costByMonth[m]);
            }
            for (int k = 0; k < inv.dueDates.length; k++) {
                out.row(Table.INVOICE_PAY_SCHEDULE, ++scheduleSeq, inv.id, k + 1, inv.dueDates[k], inv.dueAmounts[k]);
            }
        }
        // One receipt per payment day; several instalments of one invoice on one day make one allocation.
        int i = 0;
        while (i < payments.size()) {
            LocalDate day = payments.get(i).date();
            Map<Invoice, BigDecimal> allocations = new LinkedHashMap<>();
            BigDecimal amount = ZERO2;
            for (; i < payments.size() && payments.get(i).date().equals(day); i++) {
                Payment p = payments.get(i);
                allocations.merge(p.invoice(), p.amount(), BigDecimal::add);
                amount = amount.add(p.amount());
            }
            long receipt = ++receiptSeq;
            out.row(Table.RECEIPT, receipt, "RC" + pad(receipt, 8), customer, day, CNY, amount);
            aggReceipts[monthIndex(day)]++;
            for (Map.Entry<Invoice, BigDecimal> a : allocations.entrySet()) {
                out.row(Table.ALLOCATION, ++allocationSeq, receipt, a.getKey().id, day, a.getValue());
            }
        }
        for (Invoice inv : invoices) {
            if (inv.disputeOpened != null) {
                out.row(Table.DISPUTE, ++disputeSeq, inv.id, customer, inv.disputeOpened, inv.disputeClosed,
                        inv.disputeReason, inv.disputeAmount);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Cost ledger: every pool, every month; some pools per channel or per region.

    private void writeCostLedger() throws SQLException {
        SplittableRandom r = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        double k = params.customers() / 2000.0;
        double[] distance = {0, 1, 1, 2, 3, 4, 3};
        for (int m = 0; m < months; m++) {
            LocalDate period = firstMonth.plusMonths(m).atDay(1);
            long invoices = 0;
            double[] revenueByChannel = new double[CHANNELS.size()];
            for (int ch = 0; ch < CHANNELS.size(); ch++) {
                invoices += aggInvoices[m][ch];
                for (int reg = 0; reg < REGIONS.size(); reg++) {
                    revenueByChannel[ch] += aggRevenueCents[m][ch][reg] / 100.0;
                }
            }
            cost(r, DemoCatalog.POOL_ORDER_HANDLING, -1, -1, period,
                    12000 * k + 28 * aggOrders[m] + 5 * aggOrderLines[m]);
            for (int reg = 0; reg < REGIONS.size(); reg++) {
                cost(r, DemoCatalog.POOL_DELIVERY, -1, reg, period,
                        600 * k + aggShipments[m][reg] * (38 + 6 * distance[reg]));
            }
            cost(r, DemoCatalog.POOL_WAREHOUSE, -1, -1, period, 20000 * k + 2.5 * aggShipmentLines[m]);
            for (int ch = 0; ch < CHANNELS.size(); ch++) {
                cost(r, DemoCatalog.POOL_SUPPORT, ch, -1, period, 5000 * k + 6 * aggInvoices[m][ch]);
            }
            cost(r, DemoCatalog.POOL_COLLECTION, -1, -1, period, 3000 * k + 25 * aggLatePayments[m]);
            cost(r, DemoCatalog.POOL_MARKETING_ONLINE, ONLINE, -1, period, 8000 * k + 0.015 * revenueByChannel[ONLINE]);
            for (int reg = 0; reg < REGIONS.size(); reg++) {
                cost(r, DemoCatalog.POOL_MARKETING_OFFLINE, OFFLINE, reg, period,
                        1000 * k + 0.006 * aggRevenueCents[m][OFFLINE][reg] / 100.0);
            }
            // Commission is contractual: 5% of agent revenue, no noise.
            cost(null, DemoCatalog.POOL_MARKETING_AGENT, AGENT, -1, period, 500 * k + 0.05 * revenueByChannel[AGENT]);
            cost(r, DemoCatalog.POOL_FINANCE, -1, -1, period, 1500 * k + 2 * aggReceipts[m] + 0.5 * invoices);
        }
    }

    private void cost(SplittableRandom r, int pool, int channel, int region, LocalDate period, double amount)
            throws SQLException {
        double noise = r == null ? 1 : 0.9 + 0.2 * r.nextDouble();
        CostPool p = DemoCatalog.COST_POOLS.get(pool);
        String description = p.nameZh() + " " + YearMonth.from(period)
                + (channel < 0 ? "" : " " + CHANNELS.get(channel).nameZh())
                + (region < 0 ? "" : " " + REGIONS.get(region).nameZh());
        out.row(Table.COST_ENTRY, ++costSeq, p.id(), channel < 0 ? null : CHANNELS.get(channel).id(),
                region < 0 ? null : REGIONS.get(region).id(), period, CNY, money(amount * noise), description);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Draws

    private int pickCity(SplittableRandom r) {
        int total = 0;
        for (DemoCatalog.City c : CITIES) {
            total += c.weight();
        }
        int x = r.nextInt(total);
        for (int i = 0; i < CITIES.length; i++) {
            x -= CITIES[i].weight();
            if (x < 0) {
                return i;
            }
        }
        return 0;
    }

    private static int pickIndustry(SplittableRandom r) {
        int total = 0;
        for (DemoCatalog.Industry in : INDUSTRIES) {
            total += in.weight();
        }
        int x = r.nextInt(total);
        for (int i = 0; i < INDUSTRIES.length; i++) {
            x -= INDUSTRIES[i].weight();
            if (x < 0) {
                return i;
            }
        }
        return 0;
    }

    private static int pickChannel(SplittableRandom r, boolean large) {
        double u = r.nextDouble();
        if (large) {
            return u < 0.10 ? ONLINE : u < 0.90 ? OFFLINE : AGENT;
        }
        return u < 0.35 ? ONLINE : u < 0.80 ? OFFLINE : AGENT;
    }

    private String uniqueName(SplittableRandom r, int city, int industry, String size) {
        String chars = DemoCatalog.BRAND_CHARS;
        String[] words = INDUSTRIES[industry].words();
        for (int attempt = 0; ; attempt++) {
            int a = r.nextInt(chars.length());
            int b = r.nextInt(chars.length() - 1);
            if (b >= a) {
                b++;
            }
            String suffix = DemoCatalog.SCALE_LARGE.equals(size) && r.nextDouble() < 0.5 ? "股份有限公司" : "有限公司";
            String name = CITIES[city].name() + chars.charAt(a) + chars.charAt(b) + words[r.nextInt(words.length)]
                    + suffix;
            if (attempt > 20) {
                name = CITIES[city].name() + chars.charAt(a) + chars.charAt(b) + words[r.nextInt(words.length)]
                        + "(" + CITIES[city].name() + ")" + suffix;
            }
            if (names.add(name)) {
                return name;
            }
        }
    }

    private static long category(SplittableRandom r, int industry, int region, int channel, String size) {
        boolean small = DemoCatalog.SCALE_SMALL.equals(size);
        boolean large = DemoCatalog.SCALE_LARGE.equals(size);
        if (channel == AGENT) {
            return small ? DemoCatalog.CAT_AGENT_2 : DemoCatalog.CAT_AGENT_1;
        }
        switch (industry) {
            case DemoCatalog.IND_WHOLESALE:
                return switch (region) {
                    case DemoCatalog.EAST -> DemoCatalog.CAT_WHOLESALE_EAST;
                    case DemoCatalog.SOUTH -> DemoCatalog.CAT_WHOLESALE_SOUTH;
                    case DemoCatalog.NORTH, DemoCatalog.NORTHEAST -> DemoCatalog.CAT_WHOLESALE_NORTH;
                    default -> DemoCatalog.CAT_WHOLESALE_WEST;
                };
            case DemoCatalog.IND_RETAIL:
            case DemoCatalog.IND_CATERING:
                return channel == ONLINE ? DemoCatalog.CAT_RETAIL_ONLINE
                        : large ? DemoCatalog.CAT_RETAIL_CHAIN : DemoCatalog.CAT_RETAIL_STORE;
            case DemoCatalog.IND_CONSTRUCTION:
                return DemoCatalog.CAT_PROJECT_BUILD;
            case DemoCatalog.IND_ENERGY:
            case DemoCatalog.IND_EDUCATION:
                return DemoCatalog.CAT_PROJECT_GOV;
            case DemoCatalog.IND_MANUFACTURING:
                return large ? DemoCatalog.CAT_MANUF_LARGE : DemoCatalog.CAT_MANUF_SME;
            case DemoCatalog.IND_PHARMA:
                return r.nextDouble() < 0.5 ? DemoCatalog.CAT_PROJECT_GOV : DemoCatalog.CAT_OTHER;
            case DemoCatalog.IND_IT:
                return r.nextDouble() < 0.3 ? DemoCatalog.CAT_PROJECT_GOV : DemoCatalog.CAT_OTHER;
            default:
                return DemoCatalog.CAT_OTHER;
        }
    }

    private static int defaultTerm(SplittableRandom r, int industry, int channel, boolean large) {
        double u = r.nextDouble();
        if (channel == AGENT) {
            return u < 0.4 ? DemoCatalog.T_FIX10 : u < 0.7 ? DemoCatalog.T_FIX25 : DemoCatalog.T_EOM30;
        }
        if (industry == DemoCatalog.IND_CONSTRUCTION) {
            return u < 0.5 ? DemoCatalog.T_SPLIT_30_70 : u < 0.8 ? DemoCatalog.T_SPLIT_40_30_30 : DemoCatalog.T_EOM60;
        }
        if (large) {
            return u < 0.30 ? DemoCatalog.T_EOM60 : u < 0.55 ? DemoCatalog.T_EOQ30 : u < 0.80 ? DemoCatalog.T_EOM30
                    : u < 0.90 ? DemoCatalog.T_NET60 : DemoCatalog.T_SPLIT_EOM;
        }
        if (channel == ONLINE) {
            return u < 0.4 ? DemoCatalog.T_COD : u < 0.7 ? DemoCatalog.T_NET15 : DemoCatalog.T_NET30;
        }
        return u < 0.30 ? DemoCatalog.T_NET30 : u < 0.55 ? DemoCatalog.T_EOM30 : u < 0.65 ? DemoCatalog.T_NET15
                : u < 0.75 ? DemoCatalog.T_NET60 : u < 0.85 ? DemoCatalog.T_FIX25 : u < 0.90 ? DemoCatalog.T_COD
                : u < 0.95 ? DemoCatalog.T_SPLIT_EOM : DemoCatalog.T_EOQ30;
    }

    private Product pickProduct(SplittableRandom r, int[] preferred) {
        int cat = r.nextDouble() < 0.8 ? preferred[r.nextInt(preferred.length)]
                : r.nextInt(PRODUCT_CATEGORIES.size());
        int[] candidates = productsByCategory[cat];
        // Skewed towards the first products of the category: a few best sellers, a long tail.
        int idx = (int) (candidates.length * StrictMath.pow(r.nextDouble(), 2.2));
        return products[candidates[Math.min(idx, candidates.length - 1)]];
    }

    private static BigDecimal splitQty(SplittableRandom r, BigDecimal qty, boolean decimal) {
        double part = qty.doubleValue() * (0.3 + 0.5 * r.nextDouble());
        BigDecimal q = decimal ? BigDecimal.valueOf(Math.round(part * 10), 1) : BigDecimal.valueOf(Math.round(part));
        if (q.signum() <= 0 || q.compareTo(qty) >= 0) {
            return qty;
        }
        return q;
    }

    private static LocalDate nextPayDay(LocalDate d, int payDay) {
        LocalDate candidate = d.withDayOfMonth(Math.min(payDay, d.lengthOfMonth()));
        if (candidate.isBefore(d)) {
            LocalDate next = d.plusMonths(1);
            candidate = next.withDayOfMonth(Math.min(payDay, next.lengthOfMonth()));
        }
        return candidate;
    }

    private int monthIndex(LocalDate d) {
        return (int) ChronoUnit.MONTHS.between(firstMonth, YearMonth.from(d));
    }

    static int poisson(SplittableRandom r, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double limit = StrictMath.exp(-Math.min(lambda, 50));
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > limit);
        return k - 1;
    }

    /** Box-Muller with StrictMath: the same numbers on every JVM and platform. */
    static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    private static double frac(double x) {
        return x - StrictMath.floor(x);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal roundUpTo(double v, int unit) {
        long units = Math.max(1, (long) StrictMath.ceil(v / unit));
        return BigDecimal.valueOf(units * unit).setScale(2);
    }

    private static BigDecimal roundTo(double v, int unit) {
        long units = Math.max(1, Math.round(v / unit));
        return BigDecimal.valueOf(units * unit).setScale(2);
    }

    static String pad(long n, int width) {
        String s = Long.toString(n);
        if (s.length() >= width) {
            return s;
        }
        StringBuilder b = new StringBuilder(width);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s).toString();
    }
}
