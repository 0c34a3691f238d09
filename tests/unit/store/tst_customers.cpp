#include "store/customerrepository.h"
#include "store/settingsrepository.h"

#include "storetestutil.h"

#include <QRandomGenerator>
#include <QTest>
#include <QThread>

#include <vector>

using namespace kedai;
using namespace kedai::store;

class TestCustomers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void ensureIsIdempotent();
    void ensureLinksAnotherChannelByPhone();
    void ensureWithoutPhone();
    void ensureRefusesEmptyIdentity();
    void concurrentFirstContactCreatesOneCustomer();
    void byPhoneNormalises();
    void postLedgerMovesSaldo();
    void postLedgerRefuses_data();
    void postLedgerRefuses();
    void postLedgerUnknownCustomer();
    void saldoAlwaysEqualsLedgerSum();
    void tierAndBlocked();
    void listSearches();

private:
    qint64 ledgerSum(qint64 customerId);

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    const QString m_actor = QStringLiteral("owner:628999");
};

void TestCustomers::initTestCase_data()
{
    test::addBackendRows();
}

void TestCustomers::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestCustomers::cleanup()
{
    m_db.reset();
    m_store.reset();
}

qint64 TestCustomers::ledgerSum(qint64 customerId)
{
    return test::scalar(*m_db, QStringLiteral("SELECT COALESCE(SUM(delta), 0) FROM ledger WHERE customer_id = ?"),
                        {customerId});
}

void TestCustomers::ensureIsIdempotent()
{
    CustomerRepository customers(m_db);
    auto first = customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("628123456789"),
                                  QStringLiteral("+62 812-3456-789"), QStringLiteral("Budi"));
    KEDAI_VERIFY_OK(first);
    QCOMPARE(first->phone, QStringLiteral("628123456789"));
    QCOMPARE(first->name, QStringLiteral("Budi"));
    QCOMPARE(first->tier, domain::Tier::Bronze);
    QCOMPARE(first->saldo, 0);
    QVERIFY(first->createdAt.isValid());
    auto second = customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("628123456789"),
                                   QStringLiteral("628123456789"), QStringLiteral("Budi S"));
    QVERIFY(second);
    QCOMPARE(second->id, first->id);
    QCOMPARE(second->name, QStringLiteral("Budi")); // an existing name is not overwritten
    QCOMPARE(test::count(*m_db, QStringLiteral("customers")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("customer_identities")), 1);
}

void TestCustomers::ensureLinksAnotherChannelByPhone()
{
    CustomerRepository customers(m_db);
    auto wa = customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("628123456789"),
                               QStringLiteral("628123456789"), {});
    QVERIFY(wa);
    QVERIFY(wa->name.isEmpty());
    auto waha = customers.ensure(QStringLiteral("waha"), QStringLiteral("628123456789@c.us"),
                                 QStringLiteral("08123456789"), QStringLiteral("Sari"));
    QVERIFY(waha);
    QCOMPARE(waha->id, wa->id);
    QCOMPARE(test::count(*m_db, QStringLiteral("customer_identities")), 2);
    // A later contact fills in a missing name.
    auto named = customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("628123456789"), {},
                                  QStringLiteral("Sari"));
    QCOMPARE(named->name, QStringLiteral("Sari"));
}

void TestCustomers::ensureWithoutPhone()
{
    CustomerRepository customers(m_db);
    auto a = customers.ensure(QStringLiteral("waha"), QStringLiteral("lid:1"), QString(), {});
    auto b = customers.ensure(QStringLiteral("waha"), QStringLiteral("lid:2"), QStringLiteral("not a number"), {});
    QVERIFY(a && b);
    QVERIFY(a->id != b->id);
    QVERIFY(a->phone.isEmpty());
    QVERIFY(b->phone.isEmpty());
}

void TestCustomers::ensureRefusesEmptyIdentity()
{
    CustomerRepository customers(m_db);
    QCOMPARE(customers.ensure(QString(), QStringLiteral("1"), {}, {}).error().code, QStringLiteral("customer.invalid"));
    QCOMPARE(customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("  "), {}, {}).error().code,
             QStringLiteral("customer.invalid"));
    QCOMPARE(test::count(*m_db, QStringLiteral("customers")), 0);
}

void TestCustomers::concurrentFirstContactCreatesOneCustomer()
{
    constexpr int kThreads = 4;
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<qint64> ids(kThreads, 0); // one slot per thread, no shared container state
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back(QThread::create([this, &ids, i] {
            auto c = CustomerRepository(m_db).ensure(QStringLiteral("whatsapp"), QStringLiteral("628555"),
                                                     QStringLiteral("628555"), {});
            ids[i] = c ? c->id : -1;
        }));
        threads.back()->start();
    }
    for (auto &t : threads)
        QVERIFY(t->wait(30'000));
    for (qint64 id : ids)
        QCOMPARE(id, ids.front());
    QVERIFY(ids.front() > 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("customers")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("customer_identities")), 1);
}

void TestCustomers::byPhoneNormalises()
{
    auto c = test::seedCustomer(m_db, QStringLiteral("628123456"), 0);
    CustomerRepository customers(m_db);
    auto found = customers.byPhone(QStringLiteral("0812-3456"));
    QVERIFY(found && found->has_value());
    QCOMPARE((*found)->id, c.id);
    QVERIFY(!customers.byPhone(QStringLiteral("garbage"))->has_value());
    QVERIFY(!customers.byPhone(QStringLiteral("628000000"))->has_value());
}

void TestCustomers::postLedgerMovesSaldo()
{
    auto c = test::seedCustomer(m_db, QStringLiteral("628111"), 0);
    CustomerRepository customers(m_db);
    auto credit = customers.postLedger(c.id, 50'000, domain::LedgerKind::Topup, m_actor, QStringLiteral("TRX1"),
                                       QStringLiteral("transfer BCA"));
    KEDAI_VERIFY_OK(credit);
    QCOMPARE(credit->balanceAfter, 50'000);
    QVERIFY(credit->id > 0);
    auto debit = customers.postLedger(c.id, -20'000, domain::LedgerKind::Adjustment, m_actor, {},
                                      QStringLiteral("koreksi"));
    QVERIFY(debit);
    QCOMPARE(debit->balanceAfter, 30'000);
    auto all = customers.postLedger(c.id, -30'000, domain::LedgerKind::Adjustment, m_actor, {}, {});
    QVERIFY(all);
    QCOMPARE(all->balanceAfter, 0);

    QCOMPARE(customers.byId(c.id)->value().saldo, 0);
    auto rows = customers.ledger(c.id);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 3);
    QCOMPARE(rows->first().delta, -30'000); // newest first
    QCOMPARE(rows->last().kind, domain::LedgerKind::Topup);
    QCOMPARE(rows->last().reference, QStringLiteral("TRX1"));
    QCOMPARE(rows->last().actor, m_actor);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log"), QStringLiteral("action = 'ledger.post'")), 3);
}

void TestCustomers::postLedgerRefuses_data()
{
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("delta");
    QTest::addColumn<QString>("code");
    QTest::newRow("zero") << 10'000LL << 0LL << QStringLiteral("ledger.zero");
    QTest::newRow("below zero") << 10'000LL << -10'001LL << QStringLiteral("ledger.insufficient");
    QTest::newRow("empty saldo") << 0LL << -1LL << QStringLiteral("ledger.insufficient");
    QTest::newRow("huge credit") << 0LL << common::kMaxRupiah + 1 << QStringLiteral("ledger.too_large");
    QTest::newRow("over max") << 10'000LL << common::kMaxRupiah << QStringLiteral("ledger.too_large");
}

void TestCustomers::postLedgerRefuses()
{
    QFETCH(qint64, start);
    QFETCH(qint64, delta);
    QFETCH(QString, code);
    auto c = test::seedCustomer(m_db, QStringLiteral("628111"), start);
    const qint64 ledgerRows = test::count(*m_db, QStringLiteral("ledger"));
    const qint64 auditRows = test::count(*m_db, QStringLiteral("audit_log"));
    auto r = CustomerRepository(m_db).postLedger(c.id, delta, domain::LedgerKind::Adjustment, m_actor, {}, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
    QCOMPARE(r.error().details.value(QStringLiteral("saldo")).toLongLong(), start);
    QCOMPARE(r.error().details.value(QStringLiteral("delta")).toLongLong(), delta);
    QCOMPARE(CustomerRepository(m_db).byId(c.id)->value().saldo, start);
    QCOMPARE(test::count(*m_db, QStringLiteral("ledger")), ledgerRows);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log")), auditRows);
}

void TestCustomers::postLedgerUnknownCustomer()
{
    auto r = CustomerRepository(m_db).postLedger(777, 1'000, domain::LedgerKind::Topup, m_actor, {}, {});
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("customer.not_found"));
    QCOMPARE(test::count(*m_db, QStringLiteral("ledger")), 0);
}

void TestCustomers::saldoAlwaysEqualsLedgerSum()
{
    QList<domain::Customer> people;
    for (int i = 0; i < 5; ++i)
        people << test::seedCustomer(m_db, QStringLiteral("62811100%1").arg(i), 0);
    CustomerRepository customers(m_db);
    QRandomGenerator rng(42);
    int refused = 0;
    for (int i = 0; i < 200; ++i) {
        const auto &c = people.at(rng.bounded(int(people.size())));
        const qint64 delta = qint64(rng.bounded(-30, 31)) * 1'000;
        if (!customers.postLedger(c.id, delta, domain::LedgerKind::Adjustment, m_actor, {}, {}))
            ++refused;
    }
    QVERIFY(refused > 0); // the sequence does try to go negative
    for (const auto &c : people) {
        const qint64 saldo = customers.byId(c.id)->value().saldo;
        QVERIFY(saldo >= 0);
        QCOMPARE(saldo, ledgerSum(c.id));
    }
    auto mismatches = customers.ledgerMismatches();
    QVERIFY(mismatches);
    QVERIFY(mismatches->isEmpty());

    // The check does notice a saldo changed behind the ledger's back.
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("UPDATE customers SET saldo = saldo + 1 WHERE id = %1").arg(people.first().id)));
    QCOMPARE(*customers.ledgerMismatches(), QList<qint64>{people.first().id});
}

void TestCustomers::tierAndBlocked()
{
    auto c = test::seedCustomer(m_db, QStringLiteral("628111"), 0);
    CustomerRepository customers(m_db);
    auto gold = customers.setTier(c.id, domain::Tier::Gold, m_actor);
    QVERIFY(gold);
    QCOMPARE(gold->tier, domain::Tier::Gold);
    auto blocked = customers.setBlocked(c.id, true, m_actor);
    QVERIFY(blocked);
    QVERIFY(blocked->blocked);
    QVERIFY(!customers.setBlocked(c.id, false, m_actor)->blocked);
    QCOMPARE(customers.setTier(999, domain::Tier::Gold, m_actor).error().code, QStringLiteral("customer.not_found"));
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log"),
                         QStringLiteral("entity = ? AND action IN ('customer.set_tier', 'customer.set_blocked')"),
                         {QStringLiteral("customer:%1").arg(c.id)}),
             3);
}

void TestCustomers::listSearches()
{
    CustomerRepository customers(m_db);
    QVERIFY(customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("628111222"), QStringLiteral("628111222"),
                             QStringLiteral("Budi Santoso")));
    QVERIFY(customers.ensure(QStringLiteral("whatsapp"), QStringLiteral("628333444"), QStringLiteral("628333444"),
                             QStringLiteral("Sari 100%")));
    QCOMPARE(customers.list()->size(), 2);
    QCOMPARE(customers.list()->first().phone, QStringLiteral("628333444")); // newest first
    QCOMPARE(customers.list(QStringLiteral("budi"))->size(), 1);
    QCOMPARE(customers.list(QStringLiteral("08111"))->size(), 1); // local form of the number
    QCOMPARE(customers.list(QStringLiteral("100%"))->size(), 1);
    QCOMPARE(customers.list(QStringLiteral("%"))->size(), 1); // a literal %, not a wildcard
    QCOMPARE(customers.list(QStringLiteral("nobody"))->size(), 0);
    QCOMPARE(customers.list({}, 1)->size(), 1);
}

QTEST_GUILESS_MAIN(TestCustomers)
#include "tst_customers.moc"
