// CustomerRepository::merge(): identities, orders, QRIS payments, ledger and saldo move to the
// surviving customer in one transaction; the refusals change nothing.

#include "store/customerrepository.h"

#include "storetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace kedai;
using namespace kedai::store;

class TestCustomerMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }
    void init() { KEDAI_OPEN_TEST_DB(m_store, m_db); }
    void cleanup()
    {
        m_db.reset();
        m_store.reset();
    }

    void mergeMovesEverything();
    void mergeMovesPhoneWhenIntoHasNone();
    void mergedCustomerLeavesListsAndPhoneLookups();
    void mergeIntoOneWithPendingQris();
    void refusals_data();
    void refusals();
    void mergedChainsAreFlattened();

private:
    qint64 ledgerSum(qint64 customerId) const;
    void addOrder(qint64 customerId, const QString &ref);
    void addQris(qint64 customerId, const QString &ref, const QString &status, qint64 payable);
    /// Row counts and saldos that a refused merge must leave unchanged.
    QString state() const;

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    qint64 m_productId = 0;
};

qint64 TestCustomerMerge::ledgerSum(qint64 customerId) const
{
    return test::scalar(*m_db, "SELECT COALESCE(SUM(delta), 0) FROM ledger WHERE customer_id = ?", {customerId});
}

void TestCustomerMerge::addOrder(qint64 customerId, const QString &ref)
{
    if (m_productId == 0)
        m_productId = test::seedProduct(m_db, "NF1", 0).id;
    QVERIFY(test::exec(*m_db,
                       "INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, payable, method, "
                       "status, created_at) VALUES (?, ?, ?, 1, 1000, 1000, 1000, 'saldo', 'delivered', "
                       "'2026-05-04T10:00:00.000Z')",
                       {ref, customerId, m_productId}));
}

void TestCustomerMerge::addQris(qint64 customerId, const QString &ref, const QString &status, qint64 payable)
{
    QVERIFY(test::exec(*m_db,
                       "INSERT INTO qris_payments (ref, purpose, customer_id, channel, recipient, amount, unique_code, "
                       "payable, status, created_at, expires_at) VALUES (?, 'deposit', ?, 'simulator', 'x', ?, 1, ?, "
                       "?, '2026-05-04T10:00:00.000Z', '2026-05-04T10:30:00.000Z')",
                       {ref, customerId, payable - 1, payable, status}));
}

QString TestCustomerMerge::state() const
{
    QStringList parts;
    for (const char *sql :
         {"SELECT COUNT(*) FROM customers WHERE merged_into IS NOT NULL",
          "SELECT COALESCE(SUM(saldo), 0) FROM customers", "SELECT COUNT(*) FROM audit_log",
          "SELECT COALESCE(SUM(customer_id), 0) FROM customer_identities",
          "SELECT COALESCE(SUM(customer_id), 0) FROM ledger", "SELECT COALESCE(SUM(customer_id), 0) FROM orders",
          "SELECT COALESCE(SUM(customer_id), 0) FROM qris_payments"})
        parts << QString::number(test::scalar(*m_db, QString::fromLatin1(sql)));
    return parts.join(QLatin1Char(' '));
}

void TestCustomerMerge::mergeMovesEverything()
{
    const auto into = test::seedCustomer(m_db, "628111", 50'000);
    const auto from = test::seedCustomer(m_db, "628222", 20'000);
    CustomerRepository customers(m_db);
    const auto second = customers.ensure("waha", "628222@c.us", "628222", "Siti"); // a second identity of from
    KEDAI_VERIFY_OK(second);
    {
        const auto r = customers.postLedger(from.id, -5'000, domain::LedgerKind::Adjustment, "staff:test", {}, "x");
        KEDAI_VERIFY_OK(r);
    }
    addOrder(from.id, "KD1");
    addOrder(into.id, "KD2");
    addQris(from.id, "QR1", "pending", 10'001);
    addQris(from.id, "QR0", "expired", 10'002);

    auto merged = customers.merge(from.id, into.id, "staff:Ani");
    KEDAI_VERIFY_OK(merged);
    QCOMPARE(merged->into.id, into.id);
    QCOMPARE(merged->into.saldo, 65'000);
    QCOMPARE(merged->from.saldo, 0);
    QCOMPARE(merged->from.mergedInto, into.id);
    QCOMPARE(merged->movedSaldo, 15'000);
    QCOMPARE(merged->fromPhone, QStringLiteral("628222"));
    QVERIFY(!merged->phoneMoved);
    QCOMPARE(merged->movedIdentities.size(), 2);
    QVERIFY(merged->movedIdentities.contains(qMakePair(QStringLiteral("simulator"), QStringLiteral("628222"))));
    QVERIFY(merged->movedIdentities.contains(qMakePair(QStringLiteral("waha"), QStringLiteral("628222@c.us"))));

    // The ledger invariant holds for both, and the from customer has no ledger rows.
    auto mismatches = customers.ledgerMismatches();
    KEDAI_VERIFY_OK(mismatches);
    QVERIFY(mismatches->isEmpty());
    QCOMPARE(ledgerSum(into.id), 65'000);
    QCOMPARE(test::count(*m_db, "ledger", "customer_id = ?", {from.id}), 0);
    QCOMPARE(test::count(*m_db, "ledger", "customer_id = ?", {into.id}), 3);

    QCOMPARE(test::count(*m_db, "customer_identities", "customer_id = ?", {from.id}), 0);
    QCOMPARE(test::count(*m_db, "customer_identities", "customer_id = ?", {into.id}), 3);
    auto byIdentity = customers.byIdentity("waha", "628222@c.us");
    KEDAI_VERIFY_OK(byIdentity);
    QCOMPARE((*byIdentity)->id, into.id);
    QCOMPARE(test::count(*m_db, "orders", "customer_id = ?", {into.id}), 2);
    QCOMPARE(test::count(*m_db, "qris_payments", "customer_id = ?", {into.id}), 2);
    QCOMPARE(test::count(*m_db, "qris_payments", "customer_id = ?", {from.id}), 0);

    // One audit row with both saldos and identity lists, and the actor.
    QCOMPARE(test::count(*m_db, "audit_log", "action = 'customer.merge'"), 1);
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec("SELECT actor, \"before\", \"after\" FROM audit_log WHERE action = 'customer.merge'"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("staff:Ani"));
    const QJsonObject before = QJsonDocument::fromJson(q.value(1).toString().toUtf8()).object();
    const QJsonObject after = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    QCOMPARE(before.value("from_saldo").toInteger(), 15'000);
    QCOMPARE(before.value("into_saldo").toInteger(), 50'000);
    QCOMPARE(before.value("from_identities").toArray().size(), 2);
    QCOMPARE(before.value("into_identities").toArray().size(), 1);
    QCOMPARE(after.value("into_saldo").toInteger(), 65'000);
    QCOMPARE(after.value("from_saldo").toInteger(), 0);
    QCOMPARE(after.value("into_identities").toArray().size(), 3);
}

void TestCustomerMerge::mergeMovesPhoneWhenIntoHasNone()
{
    CustomerRepository customers(m_db);
    auto into = customers.ensure("waha", "xyz@lid", QString(), "Budi");
    KEDAI_VERIFY_OK(into);
    QVERIFY(into->phone.isEmpty());
    const auto from = test::seedCustomer(m_db, "628222", 0);
    auto merged = customers.merge(from.id, into->id, "staff:Ani");
    KEDAI_VERIFY_OK(merged);
    QVERIFY(merged->phoneMoved);
    QCOMPARE(merged->into.phone, QStringLiteral("628222"));
    QVERIFY(merged->from.phone.isEmpty());
    QCOMPARE(merged->into.name, QStringLiteral("Budi"));
    // A new channel writing from that number is the surviving customer.
    auto again = customers.ensure("whatsapp", "628222", "628222", QString());
    KEDAI_VERIFY_OK(again);
    QCOMPARE(again->id, into->id);
}

void TestCustomerMerge::mergedCustomerLeavesListsAndPhoneLookups()
{
    const auto into = test::seedCustomer(m_db, "628111", 0);
    const auto from = test::seedCustomer(m_db, "628222", 0);
    CustomerRepository customers(m_db);
    {
        const auto r = customers.merge(from.id, into.id, "staff:Ani");
        KEDAI_VERIFY_OK(r);
    }
    auto all = customers.list();
    KEDAI_VERIFY_OK(all);
    QCOMPARE(all->size(), 1);
    QCOMPARE(all->at(0).id, into.id);
    auto search = customers.list("628222");
    KEDAI_VERIFY_OK(search);
    QVERIFY(search->isEmpty());
    // from keeps its number (into has one), and the number finds the surviving customer.
    auto byPhone = customers.byPhone("08222");
    KEDAI_VERIFY_OK(byPhone);
    QVERIFY(byPhone->has_value());
    QCOMPARE((*byPhone)->id, into.id);
    auto ensured = customers.ensure("whatsapp", "628222", "628222", QString());
    KEDAI_VERIFY_OK(ensured);
    QCOMPARE(ensured->id, into.id);
    // byId still shows the merged one, with where it went.
    auto old = customers.byId(from.id);
    KEDAI_VERIFY_OK(old);
    QCOMPARE((*old)->mergedInto, into.id);
}

void TestCustomerMerge::mergeIntoOneWithPendingQris()
{
    const auto into = test::seedCustomer(m_db, "628111", 0);
    const auto from = test::seedCustomer(m_db, "628222", 0);
    addQris(into.id, "QR1", "pending", 10'001);
    addQris(from.id, "QR2", "paid", 10'002);
    {
        const auto r = CustomerRepository(m_db).merge(from.id, into.id, "staff:Ani");
        KEDAI_VERIFY_OK(r);
    }
    QCOMPARE(test::count(*m_db, "qris_payments", "customer_id = ?", {into.id}), 2);
}

void TestCustomerMerge::refusals_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("code");
    QTest::newRow("self") << "self"
                          << "customer.merge_self";
    QTest::newRow("unknown from") << "unknown-from"
                                  << "customer.not_found";
    QTest::newRow("unknown into") << "unknown-into"
                                  << "customer.not_found";
    QTest::newRow("into merged") << "into-merged"
                                 << "customer.merged";
    QTest::newRow("from merged") << "from-merged"
                                 << "customer.merged";
    QTest::newRow("both pending QRIS") << "both-pending"
                                       << "customer.merge_pending_qris";
}

void TestCustomerMerge::refusals()
{
    QFETCH(QString, scenario);
    QFETCH(QString, code);
    const auto a = test::seedCustomer(m_db, "628111", 10'000);
    const auto b = test::seedCustomer(m_db, "628222", 20'000);
    const auto c = test::seedCustomer(m_db, "628333", 30'000);
    CustomerRepository customers(m_db);
    {
        const auto r = customers.merge(c.id, b.id, "staff:test");
        KEDAI_VERIFY_OK(r);
    }
    addQris(a.id, "QR1", "pending", 10'001);
    addQris(b.id, "QR2", "pending", 10'002);
    const QString before = state();

    qint64 from = a.id, into = b.id;
    if (scenario == "self")
        into = a.id;
    else if (scenario == "unknown-from")
        from = 999'999;
    else if (scenario == "unknown-into")
        into = 999'999;
    else if (scenario == "into-merged")
        into = c.id;
    else if (scenario == "from-merged")
        from = c.id;
    auto r = customers.merge(from, into, "staff:Ani");
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
    if (scenario == "both-pending")
        QVERIFY2(r.error().message.contains("QRIS"), qPrintable(r.error().message));
    QCOMPARE(state(), before);
}

void TestCustomerMerge::mergedChainsAreFlattened()
{
    const auto a = test::seedCustomer(m_db, "628111", 1'000);
    const auto b = test::seedCustomer(m_db, "628222", 2'000);
    const auto c = test::seedCustomer(m_db, "628333", 3'000);
    CustomerRepository customers(m_db);
    {
        const auto r = customers.merge(a.id, b.id, "staff:Ani");
        KEDAI_VERIFY_OK(r);
    }
    {
        const auto r = customers.merge(b.id, c.id, "staff:Ani");
        KEDAI_VERIFY_OK(r);
    }
    QCOMPARE(test::count(*m_db, "customers", "merged_into = ?", {c.id}), 2);
    QCOMPARE(test::scalar(*m_db, "SELECT saldo FROM customers WHERE id = ?", {c.id}), 6'000);
    QCOMPARE(ledgerSum(c.id), 6'000);
    auto byPhone = customers.byPhone("628111");
    KEDAI_VERIFY_OK(byPhone);
    QCOMPARE((*byPhone)->id, c.id);
    auto mismatches = customers.ledgerMismatches();
    KEDAI_VERIFY_OK(mismatches);
    QVERIFY(mismatches->isEmpty());
}

QTEST_GUILESS_MAIN(TestCustomerMerge)
#include "tst_customermerge.moc"
