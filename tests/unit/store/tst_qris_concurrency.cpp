// QrisService under real threads, one connection each, on one or two instances (two kedaid on
// one database): unique codes, one customer's payments, transfers of one amount, sweepers.

#include "store/qrisservice.h"

#include "qristestutil.h"

#include <QSet>
#include <QTest>

#include <utility>
#include <vector>

using namespace kedai;
using namespace kedai::store;
using namespace kedai::store::qristest;

class TestQrisConcurrency
    : public QObject
    , private QrisFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void concurrentOrdersGetDistinctCodes_data();
    void concurrentOrdersGetDistinctCodes();
    void concurrentOrdersOfOneCustomer_data();
    void concurrentOrdersOfOneCustomer();

    void concurrentTransfersOfOneAmount();

    void concurrentExpireDue();
};

// ---- Creating payments

void TestQrisConcurrency::concurrentOrdersGetDistinctCodes_data()
{
    QTest::addColumn<int>("codeMax");
    QTest::addColumn<int>("expectOk");
    QTest::newRow("999 codes for 100 customers") << 999 << 100;
    QTest::newRow("100 codes for 100 customers: every one used") << 100 << 100;
    QTest::newRow("99 codes for 100 customers") << 99 << 99;
}

void TestQrisConcurrency::concurrentOrdersGetDistinctCodes()
{
    QFETCH(int, codeMax);
    QFETCH(int, expectOk);
    constexpr int kCustomers = 100;
    test::seedProduct(m_db, QStringLiteral("RACE"), 130, 10'000);
    QList<domain::Customer> customers;
    for (int i = 0; i < kCustomers; ++i)
        customers << customer(1000 + i);
    const QrisOptions opts = options(codeMax);

    // 100 customers, 100 threads with their own connection, all at once.
    std::vector<QString> results(kCustomers);
    std::vector<Rupiah> payables(kCustomers, 0);
    together({m_db}, kCustomers, [&](int t) {
        QrisService qris(m_db, m_clock);
        auto r = qris.createOrder(orderRequest(customers.at(t), QStringLiteral("RACE"), 1), opts, tell);
        results[t] = r ? QStringLiteral("ok") : r.error().code;
        payables[t] = r ? r->payment.payable : 0;
    });

    QSet<Rupiah> distinct;
    int ok = 0;
    QStringList errors;
    for (int t = 0; t < kCustomers; ++t) {
        if (results[t] == QLatin1String("ok")) {
            ++ok;
            distinct.insert(payables[t]);
            QVERIFY(payables[t] >= 10'001 && payables[t] <= 10'000 + codeMax);
        } else {
            errors << results[t];
        }
    }
    QVERIFY2(ok == expectOk, qPrintable(QStringLiteral("%1 ok, errors: %2").arg(ok).arg(errors.join(u','))));
    QCOMPARE(distinct.size(), ok);
    for (const QString &e : std::as_const(errors))
        QCOMPARE(e, QStringLiteral("qris.no_code"));
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")), ok);
    QCOMPARE(test::scalar(*m_db,
                          QStringLiteral("SELECT COUNT(DISTINCT order_id) FROM stock_items WHERE status = 'reserved'")),
             ok);
    QCOMPARE(test::count(*m_db, QStringLiteral("qris_payments"), QStringLiteral("status = 'pending'")), ok);
    QCOMPARE(test::count(*m_db, QStringLiteral("orders")), ok);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), ok);
    checkInvariants();
}

void TestQrisConcurrency::concurrentOrdersOfOneCustomer_data()
{
    QTest::addColumn<QString>("kind"); ///< what every thread asks for: order, deposit, or both (mixed)
    QTest::addColumn<bool>("two");     ///< the threads spread over two instances
    QTest::newRow("orders, one instance") << "order" << false;
    QTest::newRow("orders, two instances") << "order" << true;
    QTest::newRow("deposits, two instances") << "deposit" << true;
    QTest::newRow("orders and deposits, two instances") << "mixed" << true;
}

void TestQrisConcurrency::concurrentOrdersOfOneCustomer()
{
    // A customer sending "buynow" (or a deposit) several times, handled by several workers at
    // once: one payment, the others are told about it.
    QFETCH(QString, kind);
    QFETCH(bool, two);
    constexpr int kThreads = 8;
    std::vector<QString> results(kThreads);
    std::vector<QString> refs(kThreads); // the payment made, or the one a refusal names
    const auto dbs = instances(two);
    together(dbs, kThreads, [&](int t) {
        QrisService qris(dbs.at(t % dbs.size()), m_clock);
        const bool deposit = kind == QLatin1String("deposit") || (kind == QLatin1String("mixed") && t % 2 == 1);
        auto r = deposit ? qris.createDeposit(depositRequest(m_customer, 50'000), options(), tell)
                         : qris.createOrder(orderRequest(m_customer), options(), tell);
        results[t] = r ? QStringLiteral("ok") : r.error().code;
        refs[t] = r ? r->payment.ref : r.error().details.value(QStringLiteral("ref")).toString();
    });
    const QStringList all(results.begin(), results.end());
    QVERIFY2(all.count(QStringLiteral("ok")) == 1, qPrintable(all.join(u' ')));
    QVERIFY2(all.count(QStringLiteral("qris.pending_exists")) == kThreads - 1, qPrintable(all.join(u' ')));
    const QString made = refs.at(all.indexOf(QStringLiteral("ok")));
    for (const QString &ref : refs)
        QCOMPARE(ref, made);
    const domain::QrisPayment p = payment(made);
    QCOMPARE(p.status, QrisStatus::Pending);
    QCOMPARE(p.customerId, m_customer.id);
    if (kind != QLatin1String("mixed"))
        QCOMPARE(p.purpose, kind == QLatin1String("order") ? domain::QrisPurpose::Order : domain::QrisPurpose::Deposit);
    const bool order = p.purpose == domain::QrisPurpose::Order;
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")), order ? 1 : 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("qris_payments")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("orders")), order ? 1 : 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), 1);
    QCOMPARE(sent(QStringLiteral("created"), made), 1);
    checkInvariants();
}

// ---- Notifications

void TestQrisConcurrency::concurrentTransfersOfOneAmount()
{
    // Eight different transfers of each waiting amount arrive at the same moment (threads on two
    // instances): each payment is taken by exactly one of them, the others wait in the queue;
    // none fails and nothing is paid twice.
    constexpr int kPayments = 10;
    constexpr int kThreads = 8;
    test::seedProduct(m_db, QStringLiteral("TW"), kPayments, 10'000);
    QList<QrisEvent> waiting;
    for (int i = 0; i < kPayments; ++i) {
        const auto c = customer(400 + i);
        auto r = i % 2 == 0 ? m_qris->createOrder(orderRequest(c, QStringLiteral("TW")), options(), tell)
                            : m_qris->createDeposit(depositRequest(c, 20'000), options(), tell);
        KEDAI_VERIFY_OK(r);
        waiting << *r;
    }
    at(2 * kMinute);
    std::vector<QStringList> results(kThreads);
    const auto dbs = instances(true);
    together(dbs, kThreads, [&](int t) {
        QrisService qris(dbs.at(t % dbs.size()), m_clock);
        for (const QrisEvent &w : std::as_const(waiting)) {
            auto r = qris.recordNotification(money(w.payment.payable, kStart.addMSecs(kMinute),
                                                   QStringLiteral("PENGIRIM %1").arg(t)),
                                             tell);
            results[t] << (!r         ? QStringLiteral("error ") + r.error().code
                           : r->event ? QStringLiteral("matched ") + r->event->payment.ref
                                      : domain::notificationStatusName(r->status));
        }
    });
    for (int p = 0; p < kPayments; ++p) {
        const QrisEvent &w = waiting.at(p);
        int matched = 0, queued = 0;
        for (int t = 0; t < kThreads; ++t) {
            const QString &r = results[t].at(p);
            QVERIFY2(!r.startsWith(QLatin1String("error")), qPrintable(r));
            matched += r == QLatin1String("matched ") + w.payment.ref ? 1 : 0;
            queued += r == QLatin1String("unmatched") ? 1 : 0;
        }
        QCOMPARE(matched, 1);
        QCOMPARE(queued, kThreads - 1);
        QCOMPARE(payment(w.payment.ref).status, QrisStatus::Paid);
        QCOMPARE(sent(w.payment.orderId > 0 ? QStringLiteral("paid") : QStringLiteral("deposited"), w.payment.ref), 1);
        if (w.payment.orderId == 0)
            QCOMPARE(saldo(w.payment.customerId), w.payment.payable);
    }
    QCOMPARE(test::count(*m_db, QStringLiteral("payment_notifications"), QStringLiteral("status = 'unmatched'")),
             qint64(kPayments * (kThreads - 1)));
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'sold'")), kPayments / 2);
    checkInvariants();
}

// ---- Expiry

void TestQrisConcurrency::concurrentExpireDue()
{
    // 40 payments due; four sweepers (two instances) at once: each expires exactly once.
    constexpr int kPayments = 40;
    test::seedProduct(m_db, QStringLiteral("EXP"), kPayments, 10'000);
    QSet<QString> refs;
    for (int i = 0; i < kPayments; ++i) {
        const auto c = customer(300 + i);
        auto r = i % 4 == 3 ? m_qris->createDeposit(depositRequest(c, 20'000), options(), tell)
                            : m_qris->createOrder(orderRequest(c, QStringLiteral("EXP"), 1), options(), tell);
        KEDAI_VERIFY_OK(r);
        refs.insert(r->payment.ref);
    }
    at(31 * kMinute);
    constexpr int kThreads = 4;
    std::vector<QStringList> expired(kThreads);
    std::vector<QString> errors(kThreads);
    const auto dbs = instances(true);
    together(dbs, kThreads, [&](int t) {
        QrisService qris(dbs.at(t % dbs.size()), m_clock);
        auto r = qris.expireDue(1000, tell);
        if (!r) {
            errors[t] = r.error().code;
            return;
        }
        for (const auto &e : *r)
            expired[t] << e.payment.ref;
    });
    QStringList all;
    for (int t = 0; t < kThreads; ++t) {
        QVERIFY2(errors[t].isEmpty(), qPrintable(errors[t]));
        all << expired[t];
    }
    QCOMPARE(all.size(), kPayments);
    QCOMPARE(QSet<QString>(all.cbegin(), all.cend()), refs);
    for (const QString &ref : std::as_const(refs)) {
        QCOMPARE(sent(QStringLiteral("expired"), ref), 1);
        QCOMPARE(payment(ref).status, QrisStatus::Expired);
    }
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), 2 * kPayments);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")), 0);
    QCOMPARE(pendingCount(), 0);
    checkInvariants();
}

QTEST_GUILESS_MAIN(TestQrisConcurrency)
#include "tst_qris_concurrency.moc"
