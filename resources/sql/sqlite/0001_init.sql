-- Kedai schema, version 1 (SQLite).
-- Money columns are INTEGER rupiah. Timestamps are ISO-8601 UTC text with milliseconds
-- ("2026-11-21T08:15:30.123Z"), written by the application; see ../README.md.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
);

-- phone is NULL for identities whose channel does not reveal a number.
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    phone       TEXT UNIQUE,
    name        TEXT NOT NULL DEFAULT '',
    tier        TEXT NOT NULL DEFAULT 'bronze' CHECK (tier IN ('bronze', 'silver', 'gold')),
    saldo       INTEGER NOT NULL DEFAULT 0 CHECK (saldo >= 0),
    blocked     INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    created_at  TEXT NOT NULL
);

CREATE TABLE customer_identities (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    channel      TEXT NOT NULL,
    external_id  TEXT NOT NULL,
    customer_id  INTEGER NOT NULL REFERENCES customers (id),
    created_at   TEXT NOT NULL,
    UNIQUE (channel, external_id)
);
CREATE INDEX idx_customer_identities_customer ON customer_identities (customer_id);

CREATE TABLE products (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    code                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL CHECK (name <> ''),
    description          TEXT NOT NULL DEFAULT '',
    terms                TEXT NOT NULL DEFAULT '',
    category             TEXT NOT NULL DEFAULT '',
    kind                 TEXT NOT NULL DEFAULT 'digital' CHECK (kind IN ('digital', 'counted', 'ppob')),
    price_bronze         INTEGER NOT NULL CHECK (price_bronze > 0),
    price_silver         INTEGER NOT NULL CHECK (price_silver > 0),
    price_gold           INTEGER NOT NULL CHECK (price_gold > 0),
    active               INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    low_stock_threshold  INTEGER NOT NULL DEFAULT 3 CHECK (low_stock_threshold >= 0),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE TABLE orders (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    ref           TEXT NOT NULL UNIQUE,
    customer_id   INTEGER NOT NULL REFERENCES customers (id),
    product_id    INTEGER NOT NULL REFERENCES products (id),
    qty           INTEGER NOT NULL CHECK (qty > 0),
    unit_price    INTEGER NOT NULL CHECK (unit_price >= 0),
    total         INTEGER NOT NULL CHECK (total >= 0),
    unique_code   INTEGER NOT NULL DEFAULT 0 CHECK (unique_code >= 0),
    payable       INTEGER NOT NULL CHECK (payable >= 0),
    method        TEXT NOT NULL CHECK (method IN ('saldo', 'qris', 'midtrans', 'ppob')),
    status        TEXT NOT NULL
                  CHECK (status IN ('pending', 'paid', 'delivered', 'expired', 'cancelled', 'refunded')),
    created_at    TEXT NOT NULL,
    paid_at       TEXT,
    delivered_at  TEXT,
    expires_at    TEXT,
    external_ref  TEXT
);
CREATE INDEX idx_orders_customer ON orders (customer_id, id);
CREATE INDEX idx_orders_status ON orders (status, expires_at);
-- A QRIS payment is matched by its amount: it must be unique among waiting QRIS orders.
CREATE UNIQUE INDEX ux_orders_pending_qris_payable ON orders (payable)
    WHERE status = 'pending' AND method = 'qris';

-- One deliverable line. Sold at most once: order_id is set when it is reserved or sold.
CREATE TABLE stock_items (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id  INTEGER NOT NULL REFERENCES products (id),
    content     TEXT NOT NULL CHECK (content <> ''),
    status      TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'sold', 'void')),
    order_id    INTEGER REFERENCES orders (id),
    created_at  TEXT NOT NULL,
    sold_at     TEXT
);
CREATE INDEX idx_stock_items_product_status ON stock_items (product_id, status);
CREATE INDEX idx_stock_items_order ON stock_items (order_id);
-- The same line cannot be in stock twice for a product (void items are history, not stock).
CREATE UNIQUE INDEX ux_stock_items_product_content ON stock_items (product_id, content)
    WHERE status <> 'void';

-- Invariant: customers.saldo == SUM(ledger.delta) per customer.
CREATE TABLE ledger (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id    INTEGER NOT NULL REFERENCES customers (id),
    delta          INTEGER NOT NULL CHECK (delta <> 0),
    balance_after  INTEGER NOT NULL CHECK (balance_after >= 0),
    kind           TEXT NOT NULL
                   CHECK (kind IN ('topup', 'deposit', 'bonus', 'purchase', 'refund', 'adjustment')),
    actor          TEXT NOT NULL,
    reference      TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX idx_ledger_customer ON ledger (customer_id, id);

CREATE TABLE inbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    channel       TEXT NOT NULL,
    external_id   TEXT NOT NULL,
    from_id       TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    type          TEXT NOT NULL DEFAULT 'text',
    text          TEXT NOT NULL DEFAULT '',
    media_path    TEXT NOT NULL DEFAULT '',
    received_at   TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed', 'ignored')),
    processed_at  TEXT,
    UNIQUE (channel, external_id)
);
CREATE INDEX idx_inbox_status ON inbox (status, id);

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    channel          TEXT NOT NULL CHECK (channel <> ''),
    recipient        TEXT NOT NULL CHECK (recipient <> ''),
    type             TEXT NOT NULL DEFAULT 'text',
    text             TEXT NOT NULL DEFAULT '',
    media_path       TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    last_error       TEXT NOT NULL DEFAULT '',
    external_id      TEXT,
    inbox_id         INTEGER REFERENCES inbox (id) ON DELETE SET NULL,
    created_at       TEXT NOT NULL,
    next_attempt_at  TEXT NOT NULL,
    -- When the current sender claimed it (NULL unless status = 'sending'): requeueStuck() takes
    -- back only claims older than a timeout, never another instance's send in flight.
    claimed_at       TEXT,
    sent_at          TEXT
);
CREATE INDEX idx_outbox_status_next ON outbox (status, next_attempt_at);
CREATE INDEX idx_outbox_channel_recipient ON outbox (channel, recipient, id);

CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Append-only. "before"/"after" hold compact JSON (never stock content or secrets).
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL DEFAULT '',
    "before"  TEXT,
    "after"   TEXT,
    at        TEXT NOT NULL
);
CREATE INDEX idx_audit_log_at ON audit_log (at);
