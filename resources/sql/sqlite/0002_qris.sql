-- Kedai schema, version 2 (SQLite): QRIS payments and the payment-notification listener.
-- Same tables as ../postgres/0002_qris.sql; conventions as in 0001_init.sql.

-- One QRIS payment request: a pending QRIS order (purpose 'order', ref = the order's ref) or a
-- saldo deposit (purpose 'deposit'). payable = amount + unique_code is how a payment notification
-- finds it, so it is unique among the pending ones. A customer has at most one pending.
--   pending -> paid (a matching notification or a manual confirmation)
--   pending -> expired | cancelled (items and code released)
--   expired | cancelled -> credited (paid late: the money went to the customer's saldo)
CREATE TABLE qris_payments (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    ref              TEXT NOT NULL UNIQUE,
    purpose          TEXT NOT NULL CHECK (purpose IN ('order', 'deposit')),
    customer_id      INTEGER NOT NULL REFERENCES customers (id),
    order_id         INTEGER REFERENCES orders (id),
    channel          TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    amount           INTEGER NOT NULL CHECK (amount > 0),
    unique_code      INTEGER NOT NULL CHECK (unique_code > 0),
    payable          INTEGER NOT NULL CHECK (payable > 0),
    bonus            INTEGER NOT NULL DEFAULT 0 CHECK (bonus >= 0),
    status           TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'expired', 'cancelled', 'credited')),
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    closed_at        TEXT,
    closed_by        TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    notification_id  INTEGER,
    qr_path          TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX ux_qris_payments_pending_payable ON qris_payments (payable) WHERE status = 'pending';
CREATE UNIQUE INDEX ux_qris_payments_pending_customer ON qris_payments (customer_id) WHERE status = 'pending';
CREATE INDEX idx_qris_payments_status_expires ON qris_payments (status, expires_at);
CREATE INDEX idx_qris_payments_payable ON qris_payments (payable, created_at);

-- Every notification the shop's phone forwarded (a wrong key is refused before this table).
-- A repeat of the same notification (same dedup_key) is not a new row: repeats counts it.
CREATE TABLE payment_notifications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key     TEXT NOT NULL UNIQUE,
    package_name  TEXT NOT NULL,
    app_name      TEXT NOT NULL DEFAULT '',
    app_id        TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    text          TEXT NOT NULL DEFAULT '',
    amount        INTEGER CHECK (amount > 0),
    posted_at     TEXT,
    received_at   TEXT NOT NULL,
    status        TEXT NOT NULL
                  CHECK (status IN ('matched', 'credited', 'unmatched', 'assigned', 'unparsed', 'ignored')),
    payment_id    INTEGER REFERENCES qris_payments (id),
    repeats       INTEGER NOT NULL DEFAULT 0,
    resolved_by   TEXT NOT NULL DEFAULT '',
    resolved_at   TEXT,
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX idx_payment_notifications_status ON payment_notifications (status, id);
