-- Reference host ERP schema (profile "reference"). These tables belong to the host ERP: Wanglai never alters
-- their structure. The demo generator creates them on an empty database. Portable across H2 2.x and PostgreSQL.

CREATE TABLE erp_region (
    id          BIGINT PRIMARY KEY,
    code        VARCHAR(20)  NOT NULL UNIQUE,
    name_zh     VARCHAR(60)  NOT NULL,
    name_en     VARCHAR(60)  NOT NULL
);

CREATE TABLE erp_channel (
    id          BIGINT PRIMARY KEY,
    code        VARCHAR(20)  NOT NULL UNIQUE,
    name_zh     VARCHAR(60)  NOT NULL,
    name_en     VARCHAR(60)  NOT NULL
);

CREATE TABLE erp_user (
    id          BIGINT PRIMARY KEY,
    login       VARCHAR(40)  NOT NULL UNIQUE,
    name        VARCHAR(60)  NOT NULL,
    email       VARCHAR(120),
    role        VARCHAR(20)  NOT NULL
);

CREATE TABLE erp_payment_term (
    id                BIGINT PRIMARY KEY,
    code              VARCHAR(20)  NOT NULL UNIQUE,
    name_zh           VARCHAR(60)  NOT NULL,
    name_en           VARCHAR(60)  NOT NULL,
    term_type         VARCHAR(12)  NOT NULL,
    net_days          INTEGER      NOT NULL DEFAULT 0,
    fix_month_day     INTEGER,
    fix_month_offset  INTEGER,
    fix_month_cutoff  INTEGER,
    grace_days        INTEGER      NOT NULL DEFAULT 0
);

CREATE TABLE erp_payment_term_line (
    id                BIGINT PRIMARY KEY,
    term_id           BIGINT       NOT NULL REFERENCES erp_payment_term(id),
    seq               INTEGER      NOT NULL,
    percent           NUMERIC(7,4) NOT NULL,
    term_type         VARCHAR(12)  NOT NULL,
    net_days          INTEGER      NOT NULL DEFAULT 0,
    fix_month_day     INTEGER,
    fix_month_offset  INTEGER,
    fix_month_cutoff  INTEGER
);

CREATE TABLE erp_customer_category (
    id                    BIGINT PRIMARY KEY,
    parent_id             BIGINT REFERENCES erp_customer_category(id),
    code                  VARCHAR(30)  NOT NULL UNIQUE,
    name_zh               VARCHAR(60)  NOT NULL,
    name_en               VARCHAR(60),
    credit_watch_pct      NUMERIC(5,2)
);

CREATE TABLE erp_customer (
    id               BIGINT PRIMARY KEY,
    code             VARCHAR(30)   NOT NULL UNIQUE,
    name             VARCHAR(120)  NOT NULL,
    industry         VARCHAR(40),
    region_id        BIGINT REFERENCES erp_region(id),
    scale            VARCHAR(20),
    category_id      BIGINT REFERENCES erp_customer_category(id),
    channel_id       BIGINT REFERENCES erp_channel(id),
    salesperson_id   BIGINT REFERENCES erp_user(id),
    payment_term_id  BIGINT REFERENCES erp_payment_term(id),
    credit_limit     NUMERIC(18,2) NOT NULL DEFAULT 0,
    credit_status    CHAR(1)       NOT NULL DEFAULT 'O',
    currency         CHAR(3)       NOT NULL DEFAULT 'CNY',
    created_date     DATE          NOT NULL,
    active           BOOLEAN       NOT NULL DEFAULT TRUE
);
CREATE INDEX erp_customer_category_idx ON erp_customer(category_id);

CREATE TABLE erp_product_category (
    id          BIGINT PRIMARY KEY,
    code        VARCHAR(20)  NOT NULL UNIQUE,
    name_zh     VARCHAR(60)  NOT NULL,
    name_en     VARCHAR(60)  NOT NULL
);

CREATE TABLE erp_product (
    id             BIGINT PRIMARY KEY,
    code           VARCHAR(30)   NOT NULL UNIQUE,
    name           VARCHAR(120)  NOT NULL,
    category_id    BIGINT REFERENCES erp_product_category(id),
    uom            VARCHAR(10)   NOT NULL,
    standard_cost  NUMERIC(18,4) NOT NULL,
    list_price     NUMERIC(18,4) NOT NULL
);

-- status: DR draft, CO completed, CL closed, VO voided
CREATE TABLE erp_sales_order (
    id            BIGINT PRIMARY KEY,
    doc_no        VARCHAR(30)   NOT NULL UNIQUE,
    customer_id   BIGINT        NOT NULL REFERENCES erp_customer(id),
    order_date    DATE          NOT NULL,
    channel_id    BIGINT REFERENCES erp_channel(id),
    region_id     BIGINT REFERENCES erp_region(id),
    salesperson_id BIGINT REFERENCES erp_user(id),
    currency      CHAR(3)       NOT NULL,
    grand_total   NUMERIC(18,2) NOT NULL,
    status        CHAR(2)       NOT NULL
);
CREATE INDEX erp_sales_order_customer_idx ON erp_sales_order(customer_id, order_date);

CREATE TABLE erp_sales_order_line (
    id            BIGINT PRIMARY KEY,
    order_id      BIGINT        NOT NULL REFERENCES erp_sales_order(id),
    line_no       INTEGER       NOT NULL,
    product_id    BIGINT        NOT NULL REFERENCES erp_product(id),
    qty           NUMERIC(18,4) NOT NULL,
    price         NUMERIC(18,4) NOT NULL,
    line_amount   NUMERIC(18,2) NOT NULL,
    qty_shipped   NUMERIC(18,4) NOT NULL DEFAULT 0,
    qty_invoiced  NUMERIC(18,4) NOT NULL DEFAULT 0
);
CREATE INDEX erp_sales_order_line_order_idx ON erp_sales_order_line(order_id);

CREATE TABLE erp_shipment (
    id            BIGINT PRIMARY KEY,
    doc_no        VARCHAR(30)   NOT NULL UNIQUE,
    order_id      BIGINT REFERENCES erp_sales_order(id),
    customer_id   BIGINT        NOT NULL REFERENCES erp_customer(id),
    ship_date     DATE          NOT NULL,
    status        CHAR(2)       NOT NULL
);
CREATE INDEX erp_shipment_customer_idx ON erp_shipment(customer_id);

CREATE TABLE erp_shipment_line (
    id             BIGINT PRIMARY KEY,
    shipment_id    BIGINT        NOT NULL REFERENCES erp_shipment(id),
    order_line_id  BIGINT REFERENCES erp_sales_order_line(id),
    product_id     BIGINT        NOT NULL REFERENCES erp_product(id),
    qty            NUMERIC(18,4) NOT NULL,
    qty_invoiced   NUMERIC(18,4) NOT NULL DEFAULT 0,
    amount         NUMERIC(18,2) NOT NULL
);
CREATE INDEX erp_shipment_line_shipment_idx ON erp_shipment_line(shipment_id);

CREATE TABLE erp_invoice (
    id               BIGINT PRIMARY KEY,
    doc_no           VARCHAR(30)   NOT NULL UNIQUE,
    customer_id      BIGINT        NOT NULL REFERENCES erp_customer(id),
    order_id         BIGINT REFERENCES erp_sales_order(id),
    invoice_date     DATE          NOT NULL,
    payment_term_id  BIGINT REFERENCES erp_payment_term(id),
    channel_id       BIGINT REFERENCES erp_channel(id),
    region_id        BIGINT REFERENCES erp_region(id),
    salesperson_id   BIGINT REFERENCES erp_user(id),
    currency         CHAR(3)       NOT NULL,
    grand_total      NUMERIC(18,2) NOT NULL,
    status           CHAR(2)       NOT NULL,
    is_paid          BOOLEAN       NOT NULL DEFAULT FALSE,
    in_dispute       BOOLEAN       NOT NULL DEFAULT FALSE
);
CREATE INDEX erp_invoice_customer_idx ON erp_invoice(customer_id, invoice_date);
CREATE INDEX erp_invoice_open_idx ON erp_invoice(is_paid, customer_id);

CREATE TABLE erp_invoice_line (
    id            BIGINT PRIMARY KEY,
    invoice_id    BIGINT        NOT NULL REFERENCES erp_invoice(id),
    line_no       INTEGER       NOT NULL,
    product_id    BIGINT        NOT NULL REFERENCES erp_product(id),
    order_line_id BIGINT,
    qty           NUMERIC(18,4) NOT NULL,
    price         NUMERIC(18,4) NOT NULL,
    line_amount   NUMERIC(18,2) NOT NULL,
    unit_cost     NUMERIC(18,4) NOT NULL
);
CREATE INDEX erp_invoice_line_invoice_idx ON erp_invoice_line(invoice_id);

CREATE TABLE erp_invoice_pay_schedule (
    id            BIGINT PRIMARY KEY,
    invoice_id    BIGINT        NOT NULL REFERENCES erp_invoice(id),
    seq           INTEGER       NOT NULL,
    due_date      DATE          NOT NULL,
    due_amount    NUMERIC(18,2) NOT NULL
);
CREATE INDEX erp_invoice_pay_schedule_invoice_idx ON erp_invoice_pay_schedule(invoice_id);
CREATE INDEX erp_invoice_pay_schedule_due_idx ON erp_invoice_pay_schedule(due_date);

CREATE TABLE erp_receipt (
    id            BIGINT PRIMARY KEY,
    doc_no        VARCHAR(30)   NOT NULL UNIQUE,
    customer_id   BIGINT        NOT NULL REFERENCES erp_customer(id),
    receipt_date  DATE          NOT NULL,
    currency      CHAR(3)       NOT NULL,
    amount        NUMERIC(18,2) NOT NULL
);
CREATE INDEX erp_receipt_customer_idx ON erp_receipt(customer_id);

CREATE TABLE erp_allocation (
    id               BIGINT PRIMARY KEY,
    receipt_id       BIGINT        NOT NULL REFERENCES erp_receipt(id),
    invoice_id       BIGINT        NOT NULL REFERENCES erp_invoice(id),
    allocation_date  DATE          NOT NULL,
    amount           NUMERIC(18,2) NOT NULL
);
CREATE INDEX erp_allocation_invoice_idx ON erp_allocation(invoice_id);

CREATE TABLE erp_dispute (
    id            BIGINT PRIMARY KEY,
    invoice_id    BIGINT        NOT NULL REFERENCES erp_invoice(id),
    customer_id   BIGINT        NOT NULL REFERENCES erp_customer(id),
    opened_date   DATE          NOT NULL,
    closed_date   DATE,
    reason        VARCHAR(200)  NOT NULL,
    amount        NUMERIC(18,2) NOT NULL
);
CREATE INDEX erp_dispute_invoice_idx ON erp_dispute(invoice_id);

CREATE TABLE erp_cost_pool (
    id          BIGINT PRIMARY KEY,
    code        VARCHAR(30)  NOT NULL UNIQUE,
    name_zh     VARCHAR(60)  NOT NULL,
    name_en     VARCHAR(60)  NOT NULL
);

-- period: first day of the month the cost belongs to
CREATE TABLE erp_cost_entry (
    id            BIGINT PRIMARY KEY,
    pool_id       BIGINT        NOT NULL REFERENCES erp_cost_pool(id),
    channel_id    BIGINT REFERENCES erp_channel(id),
    region_id     BIGINT REFERENCES erp_region(id),
    period        DATE          NOT NULL,
    currency      CHAR(3)       NOT NULL,
    amount        NUMERIC(18,2) NOT NULL,
    description   VARCHAR(200)
);
CREATE INDEX erp_cost_entry_period_idx ON erp_cost_entry(period);
