package org.wanglai.host.internal.demo;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/**
 * Streams rows into batched {@link PreparedStatement} inserts, one statement per table. When the rows pending over
 * all tables reach the batch size, every table is flushed in foreign-key order and the transaction is committed, so
 * memory stays bounded whatever the size of the data set. On PostgreSQL the pending rows go through
 * {@code COPY ... FROM STDIN} instead, several times faster than batched inserts; the driver's copy API is reached
 * reflectively so that this bundle does not depend on the PostgreSQL driver.
 */
final class BatchWriter implements AutoCloseable {

    /** The tables in foreign-key order: a table only references tables declared before it. */
    enum Table {
        REGION("erp_region", "id:L,code:S,name_zh:S,name_en:S"),
        CHANNEL("erp_channel", "id:L,code:S,name_zh:S,name_en:S"),
        USER("erp_user", "id:L,login:S,name:S,email:S,role:S"),
        PAYMENT_TERM("erp_payment_term",
                "id:L,code:S,name_zh:S,name_en:S,term_type:S,net_days:I,fix_month_day:I,fix_month_offset:I,"
                        + "fix_month_cutoff:I,grace_days:I"),
        PAYMENT_TERM_LINE("erp_payment_term_line",
                "id:L,term_id:L,seq:I,percent:N,term_type:S,net_days:I,fix_month_day:I,fix_month_offset:I,"
                        + "fix_month_cutoff:I"),
        CUSTOMER_CATEGORY("erp_customer_category", "id:L,parent_id:L,code:S,name_zh:S,name_en:S,credit_watch_pct:N"),
        PRODUCT_CATEGORY("erp_product_category", "id:L,code:S,name_zh:S,name_en:S"),
        PRODUCT("erp_product", "id:L,code:S,name:S,category_id:L,uom:S,standard_cost:N,list_price:N"),
        COST_POOL("erp_cost_pool", "id:L,code:S,name_zh:S,name_en:S"),
        CUSTOMER("erp_customer",
                "id:L,code:S,name:S,industry:S,region_id:L,scale:S,category_id:L,channel_id:L,salesperson_id:L,"
                        + "payment_term_id:L,credit_limit:N,credit_status:S,currency:S,created_date:D,active:B"),
        SALES_ORDER("erp_sales_order",
                "id:L,doc_no:S,customer_id:L,order_date:D,channel_id:L,region_id:L,salesperson_id:L,currency:S,"
                        + "grand_total:N,status:S"),
        SALES_ORDER_LINE("erp_sales_order_line",
                "id:L,order_id:L,line_no:I,product_id:L,qty:N,price:N,line_amount:N,qty_shipped:N,qty_invoiced:N"),
        SHIPMENT("erp_shipment", "id:L,doc_no:S,order_id:L,customer_id:L,ship_date:D,status:S"),
        SHIPMENT_LINE("erp_shipment_line", "id:L,shipment_id:L,order_line_id:L,product_id:L,qty:N,qty_invoiced:N,amount:N"),
        INVOICE("erp_invoice",
                "id:L,doc_no:S,customer_id:L,order_id:L,invoice_date:D,payment_term_id:L,channel_id:L,region_id:L,"
                        + "salesperson_id:L,currency:S,grand_total:N,status:S,is_paid:B,in_dispute:B"),
        INVOICE_LINE("erp_invoice_line",
                "id:L,invoice_id:L,line_no:I,product_id:L,order_line_id:L,qty:N,price:N,line_amount:N,unit_cost:N"),
        INVOICE_PAY_SCHEDULE("erp_invoice_pay_schedule", "id:L,invoice_id:L,seq:I,due_date:D,due_amount:N"),
        RECEIPT("erp_receipt", "id:L,doc_no:S,customer_id:L,receipt_date:D,currency:S,amount:N"),
        ALLOCATION("erp_allocation", "id:L,receipt_id:L,invoice_id:L,allocation_date:D,amount:N"),
        DISPUTE("erp_dispute", "id:L,invoice_id:L,customer_id:L,opened_date:D,closed_date:D,reason:S,amount:N"),
        COST_ENTRY("erp_cost_entry", "id:L,pool_id:L,channel_id:L,region_id:L,period:D,currency:S,amount:N,description:S");

        final String table;
        final String columns;
        final String insert;
        final int[] sqlTypes;

        Table(String table, String columns) {
            this.table = table;
            String[] cols = columns.split(",");
            StringBuilder names = new StringBuilder();
            StringBuilder marks = new StringBuilder();
            sqlTypes = new int[cols.length];
            for (int i = 0; i < cols.length; i++) {
                String[] nt = cols[i].split(":");
                names.append(i == 0 ? "" : ", ").append(nt[0]);
                marks.append(i == 0 ? "?" : ", ?");
                sqlTypes[i] = switch (nt[1]) {
                    case "L" -> Types.BIGINT;
                    case "I" -> Types.INTEGER;
                    case "S" -> Types.VARCHAR;
                    case "N" -> Types.NUMERIC;
                    case "D" -> Types.DATE;
                    case "B" -> Types.BOOLEAN;
                    default -> throw new IllegalArgumentException(nt[1]);
                };
            }
            this.columns = names.toString();
            this.insert = "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")";
        }
    }

    private final Connection connection;
    private final int batchSize;
    private final Copier copier;
    private final StringBuilder[] csv = new StringBuilder[Table.values().length];
    private final Map<Table, PreparedStatement> statements = new EnumMap<>(Table.class);
    private final int[] pending = new int[Table.values().length];
    private final long[] written = new long[Table.values().length];
    private int pendingTotal;

    BatchWriter(Connection connection, int batchSize) throws SQLException {
        this.connection = connection;
        this.batchSize = batchSize;
        this.copier = Copier.of(connection);
        org.slf4j.LoggerFactory.getLogger(BatchWriter.class).info("Loading rows through {}",
                copier != null ? "COPY" : "batched inserts");
    }

    /** {@code CopyManager.copyIn(String, Reader)} of the PostgreSQL driver, or absent on other databases. */
    private record Copier(Object manager, java.lang.reflect.Method copyIn) {
        static Copier of(Connection c) throws SQLException {
            if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
                return null;
            }
            try {
                Connection raw = c.unwrap(Connection.class);
                Object manager = raw.getClass().getMethod("getCopyAPI").invoke(raw);
                return new Copier(manager, manager.getClass().getMethod("copyIn", String.class, java.io.Reader.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // a driver without the copy API: batched inserts
            }
        }

        void copy(Table t, CharSequence rows) throws SQLException {
            String sql = "COPY " + t.table + " (" + t.columns + ") FROM STDIN WITH (FORMAT csv)";
            try {
                copyIn.invoke(manager, sql, new java.io.StringReader(rows.toString()));
            } catch (java.lang.reflect.InvocationTargetException e) {
                Throwable cause = e.getCause();
                throw new SQLException("Copying into " + t.table + " failed: " + cause.getMessage(), cause);
            } catch (ReflectiveOperationException e) {
                throw new SQLException("Copying into " + t.table + " failed: " + e.getMessage(), e);
            }
        }
    }

    private void csvRow(Table t, Object[] values) {
        StringBuilder b = csv[t.ordinal()];
        if (b == null) {
            b = new StringBuilder(1 << 16);
            csv[t.ordinal()] = b;
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            Object v = values[i];
            if (v == null) {
                continue; // unquoted empty field is NULL in COPY csv
            }
            if (v instanceof String s) {
                b.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else if (v instanceof BigDecimal d) {
                b.append(d.toPlainString());
            } else if (v instanceof Long || v instanceof Integer || v instanceof Boolean || v instanceof LocalDate) {
                b.append(v);
            } else {
                throw new IllegalArgumentException(t.table + ": unsupported value type " + v.getClass());
            }
        }
        b.append('\n');
    }

    /** Adds one row; values follow the column order of {@code t}. */
    void row(Table t, Object... values) throws SQLException {
        if (values.length != t.sqlTypes.length) {
            throw new IllegalArgumentException(t.table + ": expected " + t.sqlTypes.length + " values, got "
                    + values.length);
        }
        if (copier != null) {
            csvRow(t, values);
            pending[t.ordinal()]++;
            if (++pendingTotal >= batchSize) {
                flush();
            }
            return;
        }
        PreparedStatement ps = statements.get(t);
        if (ps == null) {
            ps = connection.prepareStatement(t.insert);
            statements.put(t, ps);
        }
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int p = i + 1;
            if (v == null) {
                ps.setNull(p, t.sqlTypes[i]);
            } else if (v instanceof Long l) {
                ps.setLong(p, l);
            } else if (v instanceof Integer n) {
                ps.setInt(p, n);
            } else if (v instanceof String s) {
                ps.setString(p, s);
            } else if (v instanceof BigDecimal d) {
                ps.setBigDecimal(p, d);
            } else if (v instanceof LocalDate d) {
                ps.setObject(p, d);
            } else if (v instanceof Boolean b) {
                ps.setBoolean(p, b);
            } else {
                throw new IllegalArgumentException(t.table + ": unsupported value type " + v.getClass());
            }
        }
        ps.addBatch();
        pending[t.ordinal()]++;
        if (++pendingTotal >= batchSize) {
            flush();
        }
    }

    /** Executes every pending batch in foreign-key order and commits. */
    void flush() throws SQLException {
        for (Table t : Table.values()) {
            int n = pending[t.ordinal()];
            if (n > 0 && copier != null) {
                copier.copy(t, csv[t.ordinal()]);
                csv[t.ordinal()].setLength(0);
                written[t.ordinal()] += n;
                pending[t.ordinal()] = 0;
            } else if (n > 0) {
                try {
                    statements.get(t).executeBatch();
                } catch (SQLException e) {
                    SQLException next = e.getNextException();
                    throw new SQLException("Inserting into " + t.table + " failed: " + e.getMessage()
                            + (next == null ? "" : " / " + next.getMessage()), e.getSQLState(), e);
                }
                written[t.ordinal()] += n;
                pending[t.ordinal()] = 0;
            }
        }
        pendingTotal = 0;
        connection.commit();
    }

    long written(Table t) {
        return written[t.ordinal()];
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        statements.clear();
        if (first != null) {
            throw first;
        }
    }
}
