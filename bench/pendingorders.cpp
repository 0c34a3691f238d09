#include "pendingorders.h"

#include "benchutil.h"
#include "store/sqlutil.h"

#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace kedai::bench {

namespace {

using common::Rupiah;

QString phoneOf(int i)
{
    return QStringLiteral("62813%1").arg(i, 7, 10, QLatin1Char('0'));
}

/// The customers, written directly in multi-row INSERTs (ensure() costs a transaction each and
/// is not what is measured); their ids go into `out`.
bool seedCustomers(store::Database &db, std::vector<Pending> &out)
{
    constexpr int kRows = 500;
    QSqlDatabase c = db.connection();
    const QString now = store::sql::toDb(QDateTime::currentDateTimeUtc());
    const int total = int(out.size());
    store::Transaction tx(db, c);
    for (int from = 0; from < total; from += kRows) {
        QStringList customers, identities;
        for (int i = from; i < std::min(total, from + kRows); ++i) {
            customers << QStringLiteral("('%1', '', '%2')").arg(phoneOf(i), now);
            identities << QStringLiteral("('simulator', '%1', (SELECT id FROM customers WHERE phone = '%1'), '%2')")
                              .arg(phoneOf(i), now);
        }
        QSqlQuery q(c);
        if (!q.exec(QStringLiteral("INSERT INTO customers (phone, name, created_at) VALUES ")
                    + customers.join(QLatin1Char(',')))
            || !q.exec(QStringLiteral("INSERT INTO customer_identities (channel, external_id, customer_id, created_at) "
                                      "VALUES ")
                       + identities.join(QLatin1Char(',')))) {
            std::fprintf(stderr, "bench: seeding customers: %s\n", qPrintable(q.lastError().text()));
            return false;
        }
    }
    QSqlQuery ids(c);
    if (!ids.exec(QStringLiteral("SELECT id, phone FROM customers"))) {
        std::fprintf(stderr, "bench: reading customers: %s\n", qPrintable(ids.lastError().text()));
        return false;
    }
    QHash<QString, qint64> byPhone;
    while (ids.next())
        byPhone.insert(ids.value(1).toString(), ids.value(0).toLongLong());
    for (int i = 0; i < total; ++i)
        out[size_t(i)].customerId = byPhone.value(phoneOf(i));
    if (auto committed = tx.commit(); !committed) {
        std::fprintf(stderr, "bench: seeding customers: %s\n", qPrintable(committed.error().message));
        return false;
    }
    return true;
}

constexpr int kItemsPerProduct = 500;

/// Product k (k = 0, 1, ...): code BNCHkk, price Rp20.000 + k x Rp1.000 for every tier.
common::Rupiah priceOf(int product)
{
    return 20'000 + 1'000LL * product;
}

QString productCode(int product)
{
    return QStringLiteral("BNCH%1").arg(product, 2, 10, QLatin1Char('0'));
}

/// The stock line of item n of a product: one field, so the delivery shows it as it is.
QString itemContent(int product, int n)
{
    return QStringLiteral("BENCH-K%1-%2").arg(product, 2, 10, QLatin1Char('0')).arg(n, 5, 10, QLatin1Char('0'));
}

/// `products` products with kItemsPerProduct available items each, written directly in
/// multi-row INSERTs (as the customers). Prices differ by more than the largest unique code, so
/// payables of different products never meet.
bool seedProducts(store::Database &db, int products)
{
    static_assert(1'000 > store::QrisOptions::kMaxCodeMax, "prices must be further apart than the codes");
    constexpr int kRows = 500;
    QSqlDatabase c = db.connection();
    const QString now = store::sql::toDb(QDateTime::currentDateTimeUtc());
    store::Transaction tx(db, c);
    QStringList rows;
    for (int k = 0; k < products; ++k)
        rows << QStringLiteral("('%1', 'Bench product %2', 'digital', %3, %3, %3, '%4', '%4')")
                    .arg(productCode(k))
                    .arg(k)
                    .arg(priceOf(k))
                    .arg(now);
    QSqlQuery q(c);
    if (!q.exec(QStringLiteral("INSERT INTO products (code, name, kind, price_bronze, price_silver, price_gold, "
                               "created_at, updated_at) VALUES ")
                + rows.join(QLatin1Char(',')))) {
        std::fprintf(stderr, "bench: seeding products: %s\n", qPrintable(q.lastError().text()));
        return false;
    }
    QHash<QString, qint64> byCode;
    if (!q.exec(QStringLiteral("SELECT id, code FROM products"))) {
        std::fprintf(stderr, "bench: reading products: %s\n", qPrintable(q.lastError().text()));
        return false;
    }
    while (q.next())
        byCode.insert(q.value(1).toString(), q.value(0).toLongLong());
    for (int k = 0; k < products; ++k) {
        for (int from = 0; from < kItemsPerProduct; from += kRows) {
            QStringList items;
            for (int n = from; n < std::min(kItemsPerProduct, from + kRows); ++n)
                items
                    << QStringLiteral("(%1, '%2', '%3')").arg(byCode.value(productCode(k))).arg(itemContent(k, n), now);
            if (!q.exec(QStringLiteral("INSERT INTO stock_items (product_id, content, created_at) VALUES ")
                        + items.join(QLatin1Char(',')))) {
                std::fprintf(stderr, "bench: seeding stock: %s\n", qPrintable(q.lastError().text()));
                return false;
            }
        }
    }
    if (auto committed = tx.commit(); !committed) {
        std::fprintf(stderr, "bench: seeding products: %s\n", qPrintable(committed.error().message));
        return false;
    }
    return true;
}

qint64 scalar(QSqlDatabase &c, const QString &sql)
{
    QSqlQuery q(c);
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

// Orders go through QrisService::createOrder, one transaction per product (kItemsPerProduct
// orders; the calls become savepoints), so seeding costs a commit per product and concurrent
// seeding threads never compete for the same items or codes. Order i buys one item of product
// i / kItemsPerProduct; unique codes up to 999 give every one of a product's orders its own
// payable, and prices Rp1.000 apart keep the products' payables apart.
bool seedPendingOrders(const std::shared_ptr<store::Database> &db, std::vector<Pending> &out, int threads)
{
    QElapsedTimer clock;
    clock.start();
    const int total = int(out.size());
    const int products = (total + kItemsPerProduct - 1) / kItemsPerProduct;
    if (!seedProducts(*db, products) || !seedCustomers(*db, out))
        return false;
    store::QrisOptions options;
    options.codeMax = store::QrisOptions::kMaxCodeMax;
    options.expiryMinutes = 120;
    QMutex errorLock;
    QString firstError;
    const auto fail = [&](const QString &message) {
        QMutexLocker lock(&errorLock);
        firstError = message;
        return false;
    };
    store::QrisService qris(db, nullptr);
    const Measured m = runParallel(threads, products, 3600, [&](int product) {
        store::Transaction tx(*db, db->connection());
        if (!tx.begun())
            return fail(tx.error());
        for (int i = product * kItemsPerProduct; i < std::min(total, (product + 1) * kItemsPerProduct); ++i) {
            Pending &p = out[size_t(i)];
            auto created = qris.createOrder({p.customerId, QStringLiteral("simulator"), phoneOf(i),
                                             productCode(product), 1, QStringLiteral("bench")},
                                            options, nullptr);
            if (!created)
                return fail(created.error().message);
            if (created->payment.payable <= priceOf(product)
                || created->payment.payable > priceOf(product) + options.codeMax)
                return fail(
                    QStringLiteral("order %1 has payable %2").arg(created->payment.ref).arg(created->payment.payable));
            p.ref = created->payment.ref;
            p.payable = created->payment.payable;
        }
        if (auto committed = tx.commit(); !committed)
            return fail(committed.error().message);
        return true;
    });
    if (m.failed > 0) {
        std::fprintf(stderr, "bench: seeding failed: %s\n", qPrintable(firstError));
        return false;
    }
    std::printf("  seeded %d products x %d items and %d customers with a waiting order in %.1f s (not measured)\n",
                products, kItemsPerProduct, total, double(clock.nsecsElapsed()) / 1e9);
    return true;
}

bool verifyPaidOnce(store::Database &db, const std::vector<Pending> &all, int paid, int repeats)
{
    QSqlDatabase c = db.connection();
    const qint64 n = paid;
    const qint64 waiting = qint64(all.size()) - n;
    const qint64 stock = qint64((all.size() + kItemsPerProduct - 1) / kItemsPerProduct) * kItemsPerProduct;
    Rupiah payableSum = 0;
    for (int i = 0; i < paid; ++i)
        payableSum += all[size_t(i)].payable;
    struct Check
    {
        const char *what;
        QString sql;
        qint64 expected;
    };
    const Check checks[] = {
        // The payments and the notifications that paid them.
        {"payments paid", QStringLiteral("SELECT count(*) FROM qris_payments WHERE status = 'paid'"), n},
        {"payments still waiting", QStringLiteral("SELECT count(*) FROM qris_payments WHERE status = 'pending'"),
         waiting},
        {"payments not for an order",
         QStringLiteral("SELECT count(*) FROM qris_payments WHERE purpose <> 'order' OR order_id IS NULL"), 0},
        {"amount paid", QStringLiteral("SELECT COALESCE(SUM(payable), 0) FROM qris_payments WHERE status = 'paid'"),
         payableSum},
        {"distinct notifications on paid payments",
         QStringLiteral("SELECT count(DISTINCT notification_id) FROM qris_payments WHERE status = 'paid'"), n},
        {"notifications matched", QStringLiteral("SELECT count(*) FROM payment_notifications WHERE status = 'matched'"),
         n},
        {"distinct payments matched",
         QStringLiteral("SELECT count(DISTINCT payment_id) FROM payment_notifications WHERE status = 'matched'"), n},
        {"notifications not matched",
         QStringLiteral("SELECT count(*) FROM payment_notifications WHERE status <> 'matched'"), 0},
        {"repeats counted", QStringLiteral("SELECT COALESCE(SUM(repeats), 0) FROM payment_notifications"), repeats},
        // The orders: delivered once when paid, untouched otherwise.
        {"orders delivered", QStringLiteral("SELECT count(*) FROM orders WHERE status = 'delivered'"), n},
        {"paid payments with their order delivered",
         QStringLiteral("SELECT count(*) FROM qris_payments p JOIN orders o ON o.id = p.order_id "
                        "WHERE p.status = 'paid' AND o.status = 'delivered' AND o.ref = p.ref "
                        "AND o.paid_at IS NOT NULL AND o.delivered_at IS NOT NULL"),
         n},
        {"orders still waiting", QStringLiteral("SELECT count(*) FROM orders WHERE status = 'pending'"), waiting},
        {"waiting payments with their order waiting",
         QStringLiteral("SELECT count(*) FROM qris_payments p JOIN orders o ON o.id = p.order_id "
                        "WHERE p.status = 'pending' AND o.status = 'pending' AND o.paid_at IS NULL"),
         waiting},
        {"orders in another state",
         QStringLiteral("SELECT count(*) FROM orders WHERE status NOT IN ('pending', 'delivered')"), 0},
        // The items: sold to the paid orders, still reserved for the waiting ones.
        {"items sold", QStringLiteral("SELECT count(*) FROM stock_items WHERE status = 'sold'"), n},
        {"items sold to a delivered order",
         QStringLiteral("SELECT count(*) FROM stock_items s JOIN orders o ON o.id = s.order_id "
                        "WHERE s.status = 'sold' AND o.status = 'delivered' AND s.sold_at IS NOT NULL "
                        "AND s.product_id = o.product_id"),
         n},
        {"delivered orders with an item sold",
         QStringLiteral("SELECT count(DISTINCT order_id) FROM stock_items WHERE status = 'sold'"), n},
        {"items reserved", QStringLiteral("SELECT count(*) FROM stock_items WHERE status = 'reserved'"), waiting},
        {"items reserved for a waiting order",
         QStringLiteral("SELECT count(*) FROM stock_items s JOIN orders o ON o.id = s.order_id "
                        "WHERE s.status = 'reserved' AND o.status = 'pending' AND s.product_id = o.product_id"),
         waiting},
        {"waiting orders with an item reserved",
         QStringLiteral("SELECT count(DISTINCT order_id) FROM stock_items WHERE status = 'reserved'"), waiting},
        {"items available",
         QStringLiteral("SELECT count(*) FROM stock_items WHERE status = 'available' AND order_id IS NULL"),
         stock - qint64(all.size())},
        // The deliveries: one message per paid order, to its customer, with its item.
        {"messages in the outbox", QStringLiteral("SELECT count(*) FROM outbox"), n},
        {"paid orders with a delivery message",
         QStringLiteral("SELECT count(DISTINCT p.id) FROM qris_payments p JOIN outbox m "
                        "ON m.channel = p.channel AND m.recipient = p.recipient WHERE p.status = 'paid'"),
         n},
        {"delivery messages with their order's item",
         QStringLiteral("SELECT count(*) FROM qris_payments p JOIN outbox m "
                        "ON m.channel = p.channel AND m.recipient = p.recipient "
                        "JOIN stock_items s ON s.order_id = p.order_id "
                        "WHERE p.status = 'paid' AND m.text LIKE '%' || s.content || '%' "
                        "AND m.text LIKE '%' || p.ref || '%'"),
         n},
        {"messages to a waiting customer",
         QStringLiteral("SELECT count(*) FROM qris_payments p JOIN outbox m "
                        "ON m.channel = p.channel AND m.recipient = p.recipient WHERE p.status = 'pending'"),
         0},
        // Paid by QRIS: the saldo is not touched.
        {"ledger rows", QStringLiteral("SELECT count(*) FROM ledger"), 0},
        {"saldo of all customers", QStringLiteral("SELECT COALESCE(SUM(saldo), 0) FROM customers"), 0},
    };
    bool ok = true;
    for (const Check &check : checks) {
        const qint64 got = scalar(c, check.sql);
        if (got != check.expected) {
            std::fprintf(stderr, "bench: check failed: %s = %lld, expected %lld\n", check.what,
                         static_cast<long long>(got), static_cast<long long>(check.expected));
            ok = false;
        }
    }
    if (ok)
        std::printf("  check: %lld orders paid once, each by its own notification, delivered once with its item sold "
                    "and one delivery message; %lld still waiting with their item reserved; no ledger rows; %d "
                    "repeats recognised: OK\n",
                    static_cast<long long>(n), static_cast<long long>(waiting), repeats);
    return ok;
}

} // namespace kedai::bench
