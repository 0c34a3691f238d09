-- Kedai schema, version 4 (SQLite): desktop accounts with roles, the audit panel's filters,
-- the reports and lazy lists of the desktop app, and the blocked customer's one reply.
-- Same columns as ../postgres/0004_desktop.sql.

-- Desktop accounts. password_hash is libsodium's crypto_pwhash_str (Argon2id) string.
CREATE TABLE staff_users (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    username       TEXT NOT NULL UNIQUE CHECK (username <> ''),
    display_name   TEXT NOT NULL DEFAULT '',
    role           TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'owner')),
    password_hash  TEXT NOT NULL CHECK (password_hash <> ''),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    -- Wrong passwords in a row; at 5 the account waits until locked_until.
    failed_logins  INTEGER NOT NULL DEFAULT 0,
    locked_until   TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    last_login_at  TEXT
);

-- The Audit panel filters by who and by what (newest first).
CREATE INDEX idx_audit_log_actor ON audit_log (actor, id);
CREATE INDEX idx_audit_log_entity ON audit_log (entity, id);
CREATE INDEX idx_audit_log_action ON audit_log (action, id);

-- Orders by date (dashboard, date filters) and by product (filters, top products).
CREATE INDEX idx_orders_created ON orders (created_at);
CREATE INDEX idx_orders_product ON orders (product_id, id);
-- The Orders panel pages newest first within a status (keyset on id).
CREATE INDEX idx_orders_status_id ON orders (status, id);
-- Sales by the time they were paid (the dashboard's revenue, orders per hour, top products);
-- covering, so a month of 100,000 orders is summed from the index alone.
CREATE INDEX idx_orders_paid ON orders (paid_at, status, product_id, qty, total);

-- A product's stock items page by page (100,000 items open without a pause).
CREATE INDEX idx_stock_items_product_id ON stock_items (product_id, id);

-- A blocked customer gets one polite reply: when it was sent (NULL = not yet since blocking).
ALTER TABLE customers ADD COLUMN blocked_notified_at TEXT;
