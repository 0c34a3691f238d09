#pragma once

// Shared by the QRIS store tests (tst_qris*.cpp): a fixture with a fresh database, a manual
// clock and a QrisService per test function; a messenger that writes one line per event into
// the outbox; snapshots of everything an operation may touch; the invariants that must hold
// after every operation; and a helper that releases real threads together.

#include "common/clock.h"
#include "store/customerrepository.h"
#include "store/qrisservice.h"

#include "storetestutil.h"

#include <QSemaphore>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <limits>
#include <memory>
#include <utility>
#include <vector>

namespace kedai::store::qristest {

using common::Rupiah;
using domain::NotificationStatus;
using domain::QrisStatus;

/// Every test starts at this instant on a ManualClock, so expiry is a matter of advancing it.
inline const QDateTime kStart(QDate(2026, 5, 4), QTime(10, 0), Qt::UTC);
inline constexpr qint64 kMinute = 60'000;
inline constexpr qint64 kNoPostedAt = std::numeric_limits<qint64>::min();
inline constexpr Rupiah kPrice = 25'000;

inline QString kindName(QrisEvent::Kind kind)
{
    switch (kind) {
    case QrisEvent::Kind::Created: return QStringLiteral("created");
    case QrisEvent::Kind::Paid: return QStringLiteral("paid");
    case QrisEvent::Kind::Deposited: return QStringLiteral("deposited");
    case QrisEvent::Kind::LateCredited: return QStringLiteral("late_credited");
    case QrisEvent::Kind::Expired: return QStringLiteral("expired");
    case QrisEvent::Kind::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("?");
}

/// The customer's message for an event: one text "<kind>|<ref>|<payable>|<credited>" to where
/// they asked, followed by the delivered items, so the outbox shows what was told to whom.
inline common::Result<QList<domain::OutboundMessage>> tell(const QrisEvent &e)
{
    domain::OutboundMessage m;
    m.channel = e.payment.channel;
    m.to = e.payment.recipient;
    m.text = QStringLiteral("%1|%2|%3|%4").arg(kindName(e.kind), e.payment.ref).arg(e.payment.payable).arg(e.credited);
    if (!e.order.items.isEmpty())
        m.text += QLatin1Char('\n') + e.order.items.join(QLatin1Char('\n'));
    return QList<domain::OutboundMessage>{m};
}

/// tell(), except that the message for `kind` cannot be made (a template missing, say): for
/// every payment, or only for the payment `ref` when one is given.
inline QrisMessenger failingOn(QrisEvent::Kind kind, const QString &ref = QString())
{
    return [kind, ref](const QrisEvent &e) -> common::Result<QList<domain::OutboundMessage>> {
        if (e.kind == kind && (ref.isEmpty() || e.payment.ref == ref))
            return common::makeError(QStringLiteral("test.messenger_down"), QStringLiteral("no template"));
        return tell(e);
    };
}

inline QrisOptions options(int codeMax = 99, const QString &bonus = QString())
{
    QrisOptions o;
    o.codeMax = codeMax;
    o.bonus = BonusRule::parse(bonus).value_or(BonusRule());
    return o;
}

inline QrisOrderRequest orderRequest(const domain::Customer &c, const QString &code = QStringLiteral("NF1"),
                                     int qty = 1)
{
    return {c.id, QStringLiteral("simulator"), c.phone, code, qty, QStringLiteral("customer:") + c.phone};
}

inline QrisDepositRequest depositRequest(const domain::Customer &c, Rupiah nominal)
{
    return {c.id, QStringLiteral("simulator"), c.phone, nominal, QStringLiteral("customer:") + c.phone};
}

/// Money received, as the payments layer hands it over. `from` makes otherwise equal
/// notifications different.
inline IncomingNotification money(Rupiah amount, const QDateTime &postedAt,
                                  const QString &from = QStringLiteral("BUDI"))
{
    IncomingNotification n;
    n.packageName = QStringLiteral("com.gojek.gopaymerchant");
    n.appName = QStringLiteral("GoPay Merchant");
    n.appId = QStringLiteral("gopay_merchant");
    n.title = QStringLiteral("Pembayaran diterima");
    n.text = QStringLiteral("Rp%1 dari %2 lewat QRIS").arg(amount).arg(from);
    n.amount = amount;
    n.postedAt = postedAt;
    n.classification = NotificationStatus::Unmatched;
    return n;
}

/// Everything a QRIS operation may touch; two equal snapshots mean nothing changed.
struct Snapshot
{
    qint64 available = 0;
    qint64 reserved = 0;
    qint64 sold = 0;
    qint64 orders = 0;
    qint64 payments = 0;
    qint64 notifications = 0;
    qint64 ledger = 0;
    qint64 saldo = 0;
    qint64 outbox = 0;
    qint64 audit = 0;
    bool operator==(const Snapshot &) const = default;
};

inline char *toString(const Snapshot &s)
{
    return qstrdup(QStringLiteral("available=%1 reserved=%2 sold=%3 orders=%4 payments=%5 notifications=%6 "
                                  "ledger=%7 saldo=%8 outbox=%9 audit=%10")
                       .arg(s.available)
                       .arg(s.reserved)
                       .arg(s.sold)
                       .arg(s.orders)
                       .arg(s.payments)
                       .arg(s.notifications)
                       .arg(s.ledger)
                       .arg(s.saldo)
                       .arg(s.outbox)
                       .arg(s.audit)
                       .toUtf8()
                       .constData());
}

/// Runs fn(t) for t in 0..threads-1 on real threads released together. Thread t uses
/// dbs[t % size] through a connection of its own, opened before the start.
template<typename Fn>
void together(const QList<std::shared_ptr<Database>> &dbs, int threads, Fn fn)
{
    QSemaphore ready;
    QSemaphore go;
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back(QThread::create([&, t] {
            dbs.at(t % dbs.size())->connection();
            ready.release();
            go.acquire();
            fn(t);
        }));
        workers.back()->start();
    }
    ready.acquire(threads);
    go.release(threads);
    for (auto &w : workers)
        w->wait();
}

/// What every QRIS test function starts from: a fresh database (the global "backend" row), a
/// ManualClock at kStart, product NF1 (5 items at kPrice) and one customer. The test classes
/// call setUp() from init() and tearDown() from cleanup().
class QrisFixture
{
protected:
    void setUp();
    void tearDown();

    Snapshot snapshot() const;
    void checkInvariants();
    /// Moves the clock to kStart + ms (never backwards).
    void at(qint64 ms);
    domain::Customer customer(int i) const;
    qint64 saldo(qint64 customerId) const;
    /// Outbox messages whose text starts with "<kind>|<ref>|".
    int sent(const QString &kind, const QString &ref) const;
    domain::QrisPayment payment(const QString &ref) const;
    domain::PaymentNotificationRecord notification(qint64 id) const;
    qint64 items(qint64 orderId, const QString &status) const;
    qint64 pendingCount() const;
    QString orderStatus(qint64 orderId) const;
    /// m_db, plus a second Database on the same data (a second kedaid) when `two`.
    QList<std::shared_ptr<Database>> instances(bool two);

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    std::shared_ptr<common::ManualClock> m_clock;
    std::unique_ptr<QrisService> m_qris;
    domain::Product m_product;
    domain::Customer m_customer;
};

inline void QrisFixture::setUp()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
    m_clock = std::make_shared<common::ManualClock>(kStart);
    m_qris = std::make_unique<QrisService>(m_db, m_clock);
    m_product = test::seedProduct(m_db, QStringLiteral("NF1"), 5, kPrice);
    m_customer = customer(0);
    QVERIFY(m_product.id > 0 && m_customer.id > 0);
}

inline void QrisFixture::tearDown()
{
    m_qris.reset();
    m_db.reset();
    m_store.reset();
}

inline Snapshot QrisFixture::snapshot() const
{
    Snapshot s;
    const auto items = [this](const char *status) {
        return test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = ?"),
                           {QString::fromLatin1(status)});
    };
    s.available = items("available");
    s.reserved = items("reserved");
    s.sold = items("sold");
    s.orders = test::count(*m_db, QStringLiteral("orders"));
    s.payments = test::count(*m_db, QStringLiteral("qris_payments"));
    s.notifications = test::count(*m_db, QStringLiteral("payment_notifications"));
    s.ledger = test::count(*m_db, QStringLiteral("ledger"));
    s.saldo = test::scalar(*m_db, QStringLiteral("SELECT CAST(COALESCE(SUM(saldo), 0) AS BIGINT) FROM customers"));
    s.outbox = test::count(*m_db, QStringLiteral("outbox"));
    s.audit = test::count(*m_db, QStringLiteral("audit_log"));
    return s;
}

inline void QrisFixture::checkInvariants()
{
    auto mismatches = CustomerRepository(m_db).ledgerMismatches();
    KEDAI_VERIFY_OK(mismatches);
    QVERIFY2(mismatches->isEmpty(), "a saldo differs from the sum of its ledger");
    const QList<std::pair<const char *, QString>> violations{
        {"a sold item outside a delivered order",
         QStringLiteral("SELECT COUNT(*) FROM stock_items s WHERE s.status = 'sold' AND NOT EXISTS "
                        "(SELECT 1 FROM orders o WHERE o.id = s.order_id AND o.status = 'delivered')")},
        {"a reserved item outside a pending order whose payment is pending",
         QStringLiteral("SELECT COUNT(*) FROM stock_items s WHERE s.status = 'reserved' AND NOT EXISTS "
                        "(SELECT 1 FROM orders o JOIN qris_payments q ON q.order_id = o.id WHERE o.id = s.order_id "
                        "AND o.status = 'pending' AND q.status = 'pending')")},
        {"an available item still tied to an order",
         QStringLiteral("SELECT COUNT(*) FROM stock_items WHERE status = 'available' AND order_id IS NOT NULL")},
        {"a pending or delivered order without exactly qty reserved or sold items",
         QStringLiteral("SELECT COUNT(*) FROM orders o WHERE o.status IN ('pending', 'delivered') AND o.qty <> "
                        "(SELECT COUNT(*) FROM stock_items s WHERE s.order_id = o.id AND s.status = "
                        "CASE o.status WHEN 'pending' THEN 'reserved' ELSE 'sold' END)")},
        {"an expired or cancelled order still holding items",
         QStringLiteral("SELECT COUNT(*) FROM orders o WHERE o.status IN ('expired', 'cancelled') AND EXISTS "
                        "(SELECT 1 FROM stock_items s WHERE s.order_id = o.id)")},
        {"a QRIS payment and its order disagree",
         QStringLiteral("SELECT COUNT(*) FROM qris_payments q JOIN orders o ON o.id = q.order_id WHERE NOT ("
                        "(q.status = 'pending' AND o.status = 'pending') OR (q.status = 'paid' AND o.status = "
                        "'delivered') OR (q.status IN ('expired', 'cancelled', 'credited') AND o.status IN "
                        "('expired', 'cancelled')))")},
        {"a QRIS order without its payment (or the reverse)",
         QStringLiteral("SELECT (SELECT COUNT(*) FROM qris_payments WHERE purpose = 'order' AND order_id IS NULL) + "
                        "(SELECT COUNT(*) FROM orders o WHERE o.method = 'qris' AND NOT EXISTS "
                        "(SELECT 1 FROM qris_payments q WHERE q.order_id = o.id))")},
        {"a payable that is not amount + code",
         QStringLiteral("SELECT COUNT(*) FROM qris_payments q LEFT JOIN orders o ON o.id = q.order_id WHERE "
                        "q.payable <> q.amount + q.unique_code OR q.unique_code < 1 OR q.unique_code > 999 OR "
                        "(o.id IS NOT NULL AND (o.payable <> q.payable OR o.total <> q.amount OR "
                        "o.unique_code <> q.unique_code OR o.method <> 'qris'))")},
        {"two pending payments with one payable",
         QStringLiteral("SELECT COUNT(*) FROM (SELECT payable FROM qris_payments WHERE status = 'pending' "
                        "GROUP BY payable HAVING COUNT(*) > 1) d")},
        {"a customer with two pending payments",
         QStringLiteral("SELECT COUNT(*) FROM (SELECT customer_id FROM qris_payments WHERE status = 'pending' "
                        "GROUP BY customer_id HAVING COUNT(*) > 1) d")},
        {"a payment taken by two notifications",
         QStringLiteral("SELECT COUNT(*) FROM (SELECT payment_id FROM payment_notifications WHERE payment_id IS "
                        "NOT NULL GROUP BY payment_id HAVING COUNT(*) > 1) d")},
        {"a matched or credited notification whose payment says otherwise",
         QStringLiteral("SELECT COUNT(*) FROM payment_notifications n JOIN qris_payments q ON q.id = n.payment_id "
                        "WHERE (n.status = 'matched' AND (q.status <> 'paid' OR q.notification_id <> n.id)) OR "
                        "(n.status = 'credited' AND (q.status <> 'credited' OR q.notification_id <> n.id))")},
        {"a negative saldo", QStringLiteral("SELECT COUNT(*) FROM customers WHERE saldo < 0")},
    };
    for (const auto &[what, sql] : violations) {
        const qint64 n = test::scalar(*m_db, sql);
        QVERIFY2(n == 0, qPrintable(QStringLiteral("%1: %2").arg(QString::fromLatin1(what)).arg(n)));
    }
}

inline void QrisFixture::at(qint64 ms)
{
    const qint64 delta = kStart.addMSecs(ms).toMSecsSinceEpoch() - m_clock->nowMs();
    QVERIFY(delta >= 0);
    m_clock->advanceMs(delta);
}

inline domain::Customer QrisFixture::customer(int i) const
{
    return test::seedCustomer(m_db, QStringLiteral("62812%1").arg(100'000 + i), 0);
}

inline qint64 QrisFixture::saldo(qint64 customerId) const
{
    return test::scalar(*m_db, QStringLiteral("SELECT saldo FROM customers WHERE id = ?"), {customerId});
}

inline int QrisFixture::sent(const QString &kind, const QString &ref) const
{
    QSqlQuery q(m_db->connection());
    if (!q.exec(QStringLiteral("SELECT text FROM outbox")))
        return -1;
    const QString prefix = kind + QLatin1Char('|') + ref + QLatin1Char('|');
    int n = 0;
    while (q.next())
        n += q.value(0).toString().startsWith(prefix) ? 1 : 0;
    return n;
}

inline domain::QrisPayment QrisFixture::payment(const QString &ref) const
{
    auto p = m_qris->paymentByRef(ref);
    if (!p || !p->has_value()) {
        qWarning("no payment %s", qPrintable(ref));
        return {};
    }
    return **p;
}

inline domain::PaymentNotificationRecord QrisFixture::notification(qint64 id) const
{
    auto all = m_qris->notifications({{}, 10'000});
    if (all) {
        for (const auto &n : *all) {
            if (n.id == id)
                return n;
        }
    }
    qWarning("no notification %lld", id);
    return {};
}

inline qint64 QrisFixture::items(qint64 orderId, const QString &status) const
{
    return test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("order_id = ? AND status = ?"),
                       {orderId, status});
}

inline qint64 QrisFixture::pendingCount() const
{
    return test::count(*m_db, QStringLiteral("qris_payments"), QStringLiteral("status = 'pending'"));
}

inline QString QrisFixture::orderStatus(qint64 orderId) const
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT status FROM orders WHERE id = ?"));
    q.addBindValue(orderId);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

inline QList<std::shared_ptr<Database>> QrisFixture::instances(bool two)
{
    QList<std::shared_ptr<Database>> dbs{m_db};
    if (two)
        dbs << m_store->open();
    return dbs;
}

} // namespace kedai::store::qristest
