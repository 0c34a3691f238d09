#include "store/customerrepository.h"
#include "store/purchaseservice.h"

#include "storetestutil.h"

#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

#include <vector>

using namespace kedai;
using namespace kedai::store;

namespace {

constexpr int kThreads = 8;
constexpr common::Rupiah kPrice = 10'000;

struct Attempt
{
    qint64 customerId = 0;
    QString result; ///< "ok" or the error code
    QString ref;
};

QList<domain::OutboundMessage> delivery(const PurchaseOutcome &o)
{
    domain::OutboundMessage m;
    m.channel = QStringLiteral("simulator");
    m.to = o.order.customerPhone;
    m.text = o.order.items.join(QLatin1Char('\n'));
    return {m};
}

/// Runs `attemptsPerCustomer` purchases of qty 1 for every customer on kThreads real threads.
/// Every thread uses its own connection (Database::connection is per thread), thread t of the
/// instance dbs[t % n]; all threads start together so the purchases really race for the stock.
QList<Attempt> race(const QList<std::shared_ptr<Database>> &dbs, const QList<domain::Customer> &customers,
                    const QString &code, int attemptsPerCustomer)
{
    std::vector<QList<Attempt>> perThread(kThreads);
    QSemaphore ready;
    QSemaphore go;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            PurchaseService shop(dbs.at(t % dbs.size()));
            ready.release();
            go.acquire();
            for (int round = 0; round < attemptsPerCustomer; ++round) {
                for (qsizetype i = t; i < customers.size(); i += kThreads) {
                    const auto &c = customers.at(i);
                    auto r = shop.purchaseWithSaldo({c.id, code, 1, QStringLiteral("customer:") + c.phone}, delivery);
                    perThread[t] << Attempt{c.id, r ? QStringLiteral("ok") : r.error().code,
                                            r ? r->order.ref : QString()};
                }
            }
        }));
        threads.back()->start();
    }
    ready.acquire(kThreads);
    go.release(kThreads);
    for (auto &t : threads)
        t->wait();
    QList<Attempt> all;
    for (const auto &list : perThread)
        all << list;
    return all;
}

} // namespace

class TestPurchaseConcurrency : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void fiftyCustomersRaceForTenItems_data();
    void fiftyCustomersRaceForTenItems();
    void limitedSaldoAndStock_data();
    void limitedSaldoAndStock();

private:
    void checkInvariants(qint64 expectedSold);
    /// m_db, and for "two instances" a second Database on the same data (as a second process).
    QList<std::shared_ptr<Database>> instances();

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
};

void TestPurchaseConcurrency::initTestCase_data()
{
    test::addBackendRows();
}

void TestPurchaseConcurrency::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestPurchaseConcurrency::cleanup()
{
    m_db.reset();
    m_store.reset();
}

void TestPurchaseConcurrency::checkInvariants(qint64 expectedSold)
{
    // Each item sold at most once, to exactly one order, and every order got exactly its qty.
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'sold'")), expectedSold);
    QCOMPARE(test::scalar(*m_db,
                          QStringLiteral("SELECT COUNT(DISTINCT order_id) FROM stock_items WHERE status = 'sold'")),
             expectedSold);
    QCOMPARE(test::count(*m_db, QStringLiteral("orders")), expectedSold);
    QCOMPARE(test::count(*m_db, QStringLiteral("orders o"),
                         QStringLiteral("o.qty <> (SELECT COUNT(*) FROM stock_items s WHERE s.order_id = o.id)")),
             0);
    QCOMPARE(test::count(*m_db, QStringLiteral("ledger"), QStringLiteral("kind = 'purchase'")), expectedSold);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), expectedSold);
    // Money: nobody negative, every saldo explained by the ledger.
    QCOMPARE(test::count(*m_db, QStringLiteral("customers"), QStringLiteral("saldo < 0")), 0);
    auto mismatches = CustomerRepository(m_db).ledgerMismatches();
    QVERIFY(mismatches);
    QVERIFY(mismatches->isEmpty());
}

void TestPurchaseConcurrency::fiftyCustomersRaceForTenItems_data()
{
    QTest::addColumn<int>("instances");
    QTest::newRow("one instance") << 1;
    QTest::newRow("two instances") << 2;
}

QList<std::shared_ptr<Database>> TestPurchaseConcurrency::instances()
{
    QFETCH(int, instances);
    QList<std::shared_ptr<Database>> dbs{m_db};
    while (dbs.size() < instances)
        dbs << m_store->open();
    return dbs;
}

void TestPurchaseConcurrency::fiftyCustomersRaceForTenItems()
{
    const auto product = test::seedProduct(m_db, QStringLiteral("LAST"), 10, kPrice);
    QCOMPARE(product.stockAvailable, 10);
    QList<domain::Customer> customers;
    for (int i = 0; i < 50; ++i)
        customers << test::seedCustomer(m_db, QStringLiteral("6281%1").arg(100'000 + i), 1'000'000);

    const auto dbs = instances();
    QVERIFY(!dbs.contains(nullptr));
    const QList<Attempt> attempts = race(dbs, customers, QStringLiteral("LAST"), 1);
    QCOMPARE(attempts.size(), 50);
    QSet<QString> refs;
    QSet<qint64> buyers;
    int outOfStock = 0;
    for (const Attempt &a : attempts) {
        if (a.result == QLatin1String("ok")) {
            refs.insert(a.ref);
            buyers.insert(a.customerId);
        } else {
            QCOMPARE(a.result, QStringLiteral("purchase.out_of_stock"));
            ++outOfStock;
        }
    }
    QCOMPARE(refs.size(), 10);
    QCOMPARE(buyers.size(), 10);
    QCOMPARE(outOfStock, 40);
    checkInvariants(10);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'")), 0);
    for (const auto &c : customers) {
        const qint64 saldo = test::scalar(*m_db, QStringLiteral("SELECT saldo FROM customers WHERE id = ?"), {c.id});
        QCOMPARE(saldo, buyers.contains(c.id) ? 1'000'000 - kPrice : 1'000'000);
    }
}

void TestPurchaseConcurrency::limitedSaldoAndStock_data()
{
    fiftyCustomersRaceForTenItems_data();
}

void TestPurchaseConcurrency::limitedSaldoAndStock()
{
    // Customer i can pay for (i % 3) purchases; everyone tries 3 times. Together they could pay
    // for 39 items but only 30 exist, so the stock must run out: exactly 30 sales.
    test::seedProduct(m_db, QStringLiteral("HALF"), 30, kPrice);
    QList<domain::Customer> customers;
    QHash<qint64, int> affordable;
    int couldPay = 0;
    for (int i = 0; i < 40; ++i) {
        const int k = i % 3;
        customers << test::seedCustomer(m_db, QStringLiteral("6282%1").arg(100'000 + i), k * kPrice + kPrice / 2);
        affordable.insert(customers.last().id, k);
        couldPay += k;
    }
    QCOMPARE(couldPay, 39);

    const auto dbs = instances();
    QVERIFY(!dbs.contains(nullptr));
    const QList<Attempt> attempts = race(dbs, customers, QStringLiteral("HALF"), 3);
    QCOMPARE(attempts.size(), 120);
    QHash<qint64, int> bought;
    int ok = 0;
    for (const Attempt &a : attempts) {
        if (a.result == QLatin1String("ok")) {
            ++ok;
            ++bought[a.customerId];
        } else {
            QVERIFY2(a.result == QLatin1String("purchase.out_of_stock")
                         || a.result == QLatin1String("purchase.insufficient_saldo"),
                     qPrintable(a.result));
        }
    }
    QCOMPARE(ok, 30);
    checkInvariants(30);
    for (const auto &c : customers) {
        QVERIFY(bought.value(c.id) <= affordable.value(c.id));
        const qint64 saldo = test::scalar(*m_db, QStringLiteral("SELECT saldo FROM customers WHERE id = ?"), {c.id});
        QCOMPARE(saldo, affordable.value(c.id) * kPrice + kPrice / 2 - bought.value(c.id) * kPrice);
    }
}

QTEST_GUILESS_MAIN(TestPurchaseConcurrency)
#include "tst_purchase_concurrency.moc"
