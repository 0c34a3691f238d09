// The Orders panel's store side: filters and counts, keyset paging, refund to saldo (once, also
// under concurrency), the audited reveal and resend, and the CSV export.
#include "store/customerrepository.h"
#include "store/ordercsv.h"
#include "store/orderrepository.h"
#include "store/orderservice.h"
#include "store/purchaseservice.h"

#include "storetestutil.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

#include <vector>

using namespace kedai;
using namespace kedai::store;

namespace {

constexpr common::Rupiah kPrice = 10'000;

QList<domain::OutboundMessage> delivery(const PurchaseOutcome &o)
{
    domain::OutboundMessage m;
    m.channel = QStringLiteral("simulator");
    m.to = o.order.customerPhone;
    m.text = o.order.items.join(QLatin1Char('\n'));
    return {m};
}

QStringList refsOf(const QList<domain::Order> &orders)
{
    QStringList out;
    for (const auto &o : orders)
        out << o.ref;
    return out;
}

} // namespace

class TestOrderOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void filtersAndCount();
    void keysetPagingOverAThousandOrders();
    void listAndDetailNeverCarryItems();
    void refund_data();
    void refund();
    void refundRules();
    void concurrentRefundsCreditOnce_data();
    void concurrentRefundsCreditOnce();
    void revealIsAuditedWithoutContents();
    void resendQueuesTheDeliveryAgain();
    void csvField_data();
    void csvField();
    void csvExport();

private:
    domain::Order buy(const domain::Customer &c, const QString &code, int qty = 1);
    /// Orders written directly (fast): `n` delivered saldo orders of customer/product, ids ascending,
    /// created one minute apart ending at `last`.
    bool insertOrders(qint64 customerId, qint64 productId, int n, const QDateTime &last, const QString &prefix,
                      const QString &status = QStringLiteral("delivered"),
                      const QString &method = QStringLiteral("saldo"));
    QString auditAfter(const QString &action, const QString &entity);

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
};

void TestOrderOps::initTestCase_data()
{
    test::addBackendRows();
}

void TestOrderOps::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestOrderOps::cleanup()
{
    m_db.reset();
    m_store.reset();
}

domain::Order TestOrderOps::buy(const domain::Customer &c, const QString &code, int qty)
{
    auto r = PurchaseService(m_db).purchaseWithSaldo({c.id, code, qty, QStringLiteral("customer:") + c.phone},
                                                     delivery);
    if (!r) {
        qWarning("purchase failed: %s", qPrintable(r.error().message));
        return {};
    }
    return r->order;
}

bool TestOrderOps::insertOrders(qint64 customerId, qint64 productId, int n, const QDateTime &last,
                                const QString &prefix, const QString &status, const QString &method)
{
    constexpr int kChunk = 100;
    for (int start = 0; start < n; start += kChunk) {
        QString sql = QStringLiteral("INSERT INTO orders (ref, customer_id, product_id, qty, unit_price, total, "
                                     "unique_code, payable, method, status, created_at) VALUES ");
        QVariantList args;
        for (int i = start; i < qMin(n, start + kChunk); ++i) {
            sql += (i == start ? QString() : QStringLiteral(", "))
                   + QStringLiteral("(?, ?, ?, 1, 1000, 1000, 0, 1000, ?, ?, ?)");
            args << QStringLiteral("%1%2").arg(prefix).arg(i, 6, 10, QLatin1Char('0')) << customerId << productId
                 << method << status << last.addSecs(qint64(i - n + 1) * 60).toUTC().toString(Qt::ISODateWithMs);
        }
        if (!test::exec(*m_db, sql, args))
            return false;
    }
    return true;
}

QString TestOrderOps::auditAfter(const QString &action, const QString &entity)
{
    QSqlQuery q(m_db->connection());
    q.prepare(
        QStringLiteral("SELECT actor, \"after\" FROM audit_log WHERE action = ? AND entity = ? ORDER BY id DESC"));
    q.addBindValue(action);
    q.addBindValue(entity);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString();
}

void TestOrderOps::filtersAndCount()
{
    const auto a = test::seedProduct(m_db, QStringLiteral("AA1"), 10, kPrice);
    const auto b = test::seedProduct(m_db, QStringLiteral("BB1"), 10, kPrice);
    const auto budi = test::seedCustomer(m_db, QStringLiteral("628111000001"), 200'000);
    const auto siti = test::seedCustomer(m_db, QStringLiteral("628222000002"), 200'000);
    const auto promo = test::seedCustomer(m_db, QStringLiteral("628333000003"), 200'000);
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE customers SET name = ? WHERE id = ?"),
                       {QStringLiteral("Budi Santoso"), budi.id}));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE customers SET name = ? WHERE id = ?"),
                       {QStringLiteral("Siti"), siti.id}));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE customers SET name = ? WHERE id = ?"),
                       {QStringLiteral("50%_off"), promo.id}));

    const auto o1 = buy(budi, QStringLiteral("AA1"));
    const auto o2 = buy(budi, QStringLiteral("BB1"));
    const auto o3 = buy(siti, QStringLiteral("AA1"));
    const auto o4 = buy(promo, QStringLiteral("BB1"));
    QVERIFY(!o4.ref.isEmpty());
    // Variety that purchases alone do not make: an older QRIS order, a refunded one.
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE orders SET method = 'qris', created_at = ? WHERE id = ?"),
                       {QStringLiteral("2026-01-15T03:00:00.000Z"), o3.id}));
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE orders SET status = 'refunded' WHERE id = ?"), {o2.id}));

    OrderRepository repo(m_db);
    const auto check = [&](const OrderFilter &f, const QStringList &expected) {
        auto list = repo.list(f);
        auto count = repo.count(f);
        if (!list || !count)
            return false;
        QStringList got = refsOf(*list);
        QStringList want = expected;
        got.sort();
        want.sort();
        if (got != want || *count != expected.size()) {
            qWarning("got %s (count %lld), want %s", qPrintable(got.join(QLatin1Char(','))), *count,
                     qPrintable(want.join(QLatin1Char(','))));
            return false;
        }
        return true;
    };
    OrderFilter all;
    QVERIFY(check(all, {o1.ref, o2.ref, o3.ref, o4.ref}));
    OrderFilter f;
    f.status = domain::OrderStatus::Refunded;
    QVERIFY(check(f, {o2.ref}));
    f = {};
    f.customerText = QStringLiteral("budi"); // name, any case
    QVERIFY(check(f, {o1.ref, o2.ref}));
    f.customerText = QStringLiteral("0822200"); // a local number finds the stored 62...
    QVERIFY(check(f, {o3.ref}));
    f.customerText = o4.ref.toLower(); // an order ref, any case
    QVERIFY(check(f, {o4.ref}));
    f.customerText = QStringLiteral("%"); // LIKE wildcards are literal
    QVERIFY(check(f, {o4.ref}));
    f.customerText = QStringLiteral("nobody");
    QVERIFY(check(f, {}));
    f = {};
    f.productId = a.id;
    QVERIFY(check(f, {o1.ref, o3.ref}));
    f.productId = b.id;
    f.customerId = budi.id;
    QVERIFY(check(f, {o2.ref}));
    f = {};
    f.method = domain::PaymentMethod::Qris;
    QVERIFY(check(f, {o3.ref}));
    f = {};
    f.createdFrom = QDateTime(QDate(2026, 1, 15), QTime(0, 0), Qt::UTC);
    f.createdBefore = QDateTime(QDate(2026, 1, 16), QTime(0, 0), Qt::UTC);
    QVERIFY(check(f, {o3.ref}));
    f.createdBefore = QDateTime(QDate(2026, 1, 15), QTime(3, 0), Qt::UTC); // exclusive
    QVERIFY(check(f, {}));
    // Local days: the whole local day of the order's local time.
    f = {};
    const QDate localDay = QDateTime(QDate(2026, 1, 15), QTime(3, 0), Qt::UTC).toLocalTime().date();
    f.setLocalDays(localDay, localDay);
    QVERIFY(check(f, {o3.ref}));
    f.setLocalDays(localDay.addDays(1), QDate());
    QVERIFY(check(f, {o1.ref, o2.ref, o4.ref}));
    // Everything at once.
    f = {};
    f.status = domain::OrderStatus::Delivered;
    f.productId = a.id;
    f.customerText = QStringLiteral("Santoso");
    f.method = domain::PaymentMethod::Saldo;
    QVERIFY(check(f, {o1.ref}));
    // The old offset paging still works.
    all.limit = 2;
    all.offset = 2;
    auto page = repo.list(all);
    KEDAI_VERIFY_OK(page);
    QCOMPARE(refsOf(*page), QStringList({o2.ref, o1.ref}));
    // Names for the list.
    auto one = repo.byRef(o1.ref);
    KEDAI_VERIFY_OK(one);
    QCOMPARE((*one)->customerName, QStringLiteral("Budi Santoso"));
}

void TestOrderOps::keysetPagingOverAThousandOrders()
{
    const auto p = test::seedProduct(m_db, QStringLiteral("KS1"), 0, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000009"), 0);
    QVERIFY(insertOrders(c.id, p.id, 1000, QDateTime::currentDateTimeUtc(), QStringLiteral("KDTEST")));
    QVERIFY(insertOrders(c.id, p.id, 7, QDateTime::currentDateTimeUtc(), QStringLiteral("KDEXPD"),
                         QStringLiteral("expired"), QStringLiteral("qris")));
    OrderRepository repo(m_db);
    for (const bool onlyDelivered : {false, true}) {
        OrderFilter f;
        if (onlyDelivered)
            f.status = domain::OrderStatus::Delivered;
        f.limit = 150;
        auto total = repo.count(f);
        KEDAI_VERIFY_OK(total);
        QCOMPARE(*total, onlyDelivered ? 1000 : 1007);
        QList<qint64> ids;
        int pages = 0;
        for (;;) {
            auto page = repo.list(f);
            KEDAI_VERIFY_OK(page);
            ++pages;
            for (const auto &o : *page) {
                QVERIFY(ids.isEmpty() || o.id < ids.last()); // newest first, no repeats
                ids << o.id;
            }
            if (page->size() < f.limit)
                break;
            f.beforeId = page->last().id;
        }
        QCOMPARE(ids.size(), *total);
        QCOMPARE(pages, int(*total / 150) + 1);
    }
    // Newer than a given id, and exactly some ids (the model's live refresh).
    OrderFilter newer;
    auto first = repo.list(newer);
    KEDAI_VERIFY_OK(first);
    newer.afterId = first->at(5).id;
    auto top = repo.list(newer);
    KEDAI_VERIFY_OK(top);
    QCOMPARE(top->size(), 5);
    OrderFilter some;
    some.ids = {first->at(1).id, first->at(3).id, 999'999};
    auto picked = repo.list(some);
    KEDAI_VERIFY_OK(picked);
    QCOMPARE(picked->size(), 2);
    QCOMPARE(repo.count(some).value(), 1007); // count() ignores the paging fields
}

void TestOrderOps::listAndDetailNeverCarryItems()
{
    test::seedProduct(m_db, QStringLiteral("NF1"), 3, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000010"), 100'000);
    const auto o = buy(c, QStringLiteral("NF1"), 2);
    QCOMPARE(o.items.size(), 2);
    OrderRepository repo(m_db);
    auto list = repo.list({});
    KEDAI_VERIFY_OK(list);
    QVERIFY(list->first().items.isEmpty());
    auto byRef = repo.byRef(o.ref.toLower());
    KEDAI_VERIFY_OK(byRef);
    QVERIFY(byRef->has_value() && (*byRef)->items.isEmpty());
    auto detail = repo.detail(o.ref);
    KEDAI_VERIFY_OK(detail);
    QVERIFY(detail->has_value());
    QVERIFY((*detail)->order.items.isEmpty());
    QCOMPARE((*detail)->itemCount, 2);
    QCOMPARE((*detail)->customer.id, c.id);
    QCOMPARE((*detail)->ledger.size(), 1);
    QCOMPARE((*detail)->ledger.first().delta, -2 * kPrice);
    auto with = repo.byRefWithItems(o.ref);
    KEDAI_VERIFY_OK(with);
    QCOMPARE((*with)->items, o.items);
}

void TestOrderOps::refund_data()
{
    QTest::addColumn<bool>("returnItems");
    QTest::newRow("items stay sold") << false;
    QTest::newRow("items back in stock") << true;
}

void TestOrderOps::refund()
{
    QFETCH(bool, returnItems);
    const auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 5, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000011"), 100'000);
    const auto o = buy(c, QStringLiteral("NF1"), 2);
    QCOMPARE(o.total, 2 * kPrice);
    QCOMPARE(CustomerRepository(m_db).byId(c.id).value()->saldo, 100'000 - 2 * kPrice);

    OrderService service(m_db);
    auto r = service.refund(
        {o.ref.toLower(), QStringLiteral("  akun tidak bisa login  "), returnItems, QStringLiteral("staff:manager")});
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->order.status, domain::OrderStatus::Refunded);
    QCOMPARE(r->credited, 2 * kPrice);
    QCOMPARE(r->saldoAfter, 100'000);
    QCOMPARE(r->itemsReturned, returnItems ? 2 : 0);
    QVERIFY(r->order.items.isEmpty());
    QCOMPARE(CustomerRepository(m_db).byId(c.id).value()->saldo, 100'000);

    // The ledger: one refund row, reference = ref, the actor and the reason.
    auto ledger = CustomerRepository(m_db).ledger(c.id);
    KEDAI_VERIFY_OK(ledger);
    const domain::LedgerEntry &e = ledger->first();
    QCOMPARE(e.kind, domain::LedgerKind::Refund);
    QCOMPARE(e.delta, 2 * kPrice);
    QCOMPARE(e.reference, o.ref);
    QCOMPARE(e.actor, QStringLiteral("staff:manager"));
    QCOMPARE(e.note, QStringLiteral("akun tidak bisa login"));
    auto mismatches = CustomerRepository(m_db).ledgerMismatches();
    KEDAI_VERIFY_OK(mismatches);
    QVERIFY(mismatches->isEmpty());

    // The items.
    const QString sold = QStringLiteral("product_id = %1 AND status = 'sold'").arg(p.id);
    const QString available = QStringLiteral("product_id = %1 AND status = 'available'").arg(p.id);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), sold), returnItems ? 0 : 2);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), available), returnItems ? 5 : 3);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("order_id = ?"), {o.id}),
             returnItems ? 0 : 2);

    // The audit row: before and after, never the items.
    const QString audit = auditAfter(QStringLiteral("order.refund"), QStringLiteral("order:") + o.ref);
    QVERIFY2(audit.startsWith(QStringLiteral("staff:manager ")), qPrintable(audit));
    QVERIFY2(audit.contains(QStringLiteral("\"refunded\"")) && audit.contains(QStringLiteral("20000")),
             qPrintable(audit));
    QSqlQuery before(m_db->connection());
    QVERIFY(before.exec(QStringLiteral("SELECT \"before\" FROM audit_log WHERE action = 'order.refund'"))
            && before.next());
    QVERIFY(before.value(0).toString().contains(QStringLiteral("\"delivered\"")));
    for (const QString &item : o.items)
        QVERIFY(!audit.contains(item.section(QLatin1Char('|'), 0, 0)));

    // Twice is impossible: nothing changes.
    auto again = service.refund({o.ref, QStringLiteral("again"), returnItems, QStringLiteral("staff:manager")});
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("order.already_refunded"));
    QCOMPARE(CustomerRepository(m_db).byId(c.id).value()->saldo, 100'000);
    QCOMPARE(test::count(*m_db, QStringLiteral("ledger"), QStringLiteral("kind = 'refund'")), 1);
}

void TestOrderOps::refundRules()
{
    const auto p = test::seedProduct(m_db, QStringLiteral("NF1"), 5, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000012"), 100'000);
    const auto o = buy(c, QStringLiteral("NF1"));
    OrderService service(m_db);
    auto noReason = service.refund({o.ref, QStringLiteral("   "), false, QStringLiteral("staff:manager")});
    QVERIFY(!noReason);
    QCOMPARE(noReason.error().code, QStringLiteral("order.reason_required"));
    auto unknown = service.refund({QStringLiteral("KD000000NOPE00"), QStringLiteral("x"), false, {}});
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, QStringLiteral("order.not_found"));
    QVERIFY(insertOrders(c.id, p.id, 1, QDateTime::currentDateTimeUtc(), QStringLiteral("KDPENDING"),
                         QStringLiteral("pending"), QStringLiteral("qris")));
    auto pending = service.refund({QStringLiteral("KDPENDING000000"), QStringLiteral("x"), false, {}});
    QVERIFY(!pending);
    QCOMPARE(pending.error().code, QStringLiteral("order.not_refundable"));
    QCOMPARE(pending.error().details.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));
    QCOMPARE(CustomerRepository(m_db).byId(c.id).value()->saldo, 100'000 - kPrice);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log"), QStringLiteral("action = 'order.refund'")), 0);
}

void TestOrderOps::concurrentRefundsCreditOnce_data()
{
    QTest::addColumn<int>("instances");
    QTest::newRow("one instance") << 1;
    QTest::newRow("two instances") << 2;
}

void TestOrderOps::concurrentRefundsCreditOnce()
{
    QFETCH(int, instances);
    constexpr int kThreads = 8;
    test::seedProduct(m_db, QStringLiteral("NF1"), 5, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000013"), 100'000);
    const auto o = buy(c, QStringLiteral("NF1"), 3);
    QList<std::shared_ptr<Database>> dbs{m_db};
    if (instances == 2) {
        dbs << m_store->open(); // a second process on the same data
        QVERIFY(dbs.last());
    }
    std::vector<QString> results(kThreads);
    QSemaphore ready;
    QSemaphore go;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            OrderService service(dbs.at(t % dbs.size()));
            ready.release();
            go.acquire();
            auto r = service.refund(
                {o.ref, QStringLiteral("race %1").arg(t), t % 2 == 0, QStringLiteral("staff:t%1").arg(t)});
            results[t] = r ? QStringLiteral("ok") : r.error().code;
        }));
        threads.back()->start();
    }
    ready.acquire(kThreads);
    go.release(kThreads);
    for (auto &t : threads)
        t->wait();
    int ok = 0;
    for (const QString &r : results) {
        if (r == QLatin1String("ok"))
            ++ok;
        else
            QCOMPARE(r, QStringLiteral("order.already_refunded"));
    }
    QCOMPARE(ok, 1);
    QCOMPARE(CustomerRepository(m_db).byId(c.id).value()->saldo, 100'000);
    QCOMPARE(test::count(*m_db, QStringLiteral("ledger"), QStringLiteral("kind = 'refund'")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log"), QStringLiteral("action = 'order.refund'")), 1);
    auto mismatches = CustomerRepository(m_db).ledgerMismatches();
    KEDAI_VERIFY_OK(mismatches);
    QVERIFY(mismatches->isEmpty());
}

void TestOrderOps::revealIsAuditedWithoutContents()
{
    test::seedProduct(m_db, QStringLiteral("NF1"), 3, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000014"), 100'000);
    const auto o = buy(c, QStringLiteral("NF1"), 2);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log"), QStringLiteral("action = 'order.reveal'")), 0);
    auto items = OrderService(m_db).revealItems(o.ref.toLower(), QStringLiteral("staff:manager"));
    KEDAI_VERIFY_OK(items);
    QCOMPARE(*items, o.items);
    const QString audit = auditAfter(QStringLiteral("order.reveal"), QStringLiteral("order:") + o.ref);
    QVERIFY2(audit.startsWith(QStringLiteral("staff:manager ")) && audit.contains(QStringLiteral("\"items\":2")),
             qPrintable(audit));
    QSqlQuery all(m_db->connection());
    QVERIFY(all.exec(QStringLiteral("SELECT COALESCE(\"before\", '') || COALESCE(\"after\", '') FROM audit_log")));
    while (all.next()) {
        for (const QString &item : o.items)
            QVERIFY2(!all.value(0).toString().contains(item.section(QLatin1Char('|'), 0, 0)),
                     qPrintable(all.value(0).toString()));
    }
    auto missing = OrderService(m_db).revealItems(QStringLiteral("KD000000NOPE00"), QStringLiteral("staff:manager"));
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, QStringLiteral("order.not_found"));
}

void TestOrderOps::resendQueuesTheDeliveryAgain()
{
    test::seedProduct(m_db, QStringLiteral("NF1"), 3, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000015"), 100'000);
    const auto o = buy(c, QStringLiteral("NF1"));
    const qint64 before = test::count(*m_db, QStringLiteral("outbox"));
    QStringList seen;
    auto r = OrderService(m_db).resendDelivery(o.ref, QStringLiteral("staff:ani"), [&](const domain::Order &order) {
        seen = order.items;
        return common::Result<QString>(QStringLiteral("again: ") + order.items.join(QLatin1Char('\n')));
    });
    KEDAI_VERIFY_OK(r);
    QCOMPARE(seen, o.items);
    QVERIFY(r->order.items.isEmpty());
    QCOMPARE(r->channel, QStringLiteral("simulator"));
    QCOMPARE(r->recipient, c.phone);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), before + 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("id = ? AND recipient = ? AND text = ?"),
                         {r->outboxId, c.phone, QString(QStringLiteral("again: ") + o.items.first())}),
             1);
    const QString audit = auditAfter(QStringLiteral("order.resend"), QStringLiteral("order:") + o.ref);
    QVERIFY2(audit.startsWith(QStringLiteral("staff:ani ")), qPrintable(audit));
    QVERIFY(!audit.contains(o.items.first().section(QLatin1Char('|'), 0, 0)));
    // Only a delivered order can be resent.
    QVERIFY(OrderService(m_db).refund({o.ref, QStringLiteral("x"), false, {}}));
    auto refunded = OrderService(m_db).resendDelivery(o.ref, QStringLiteral("staff:ani"), [](const domain::Order &) {
        return common::Result<QString>(QStringLiteral("x"));
    });
    QVERIFY(!refunded);
    QCOMPARE(refunded.error().code, QStringLiteral("order.not_delivered"));
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), before + 1);
}

void TestOrderOps::csvField_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::newRow("plain") << "Budi"
                           << "Budi";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("comma") << "Santoso, Budi"
                           << "\"Santoso, Budi\"";
    QTest::newRow("quote") << "Budi \"BS\""
                           << "\"Budi \"\"BS\"\"\"";
    QTest::newRow("newline") << "a\nb"
                             << "\"a\nb\"";
    QTest::newRow("formula") << "=HYPERLINK(\"x\")"
                             << "\"'=HYPERLINK(\"\"x\"\")\"";
    QTest::newRow("plus") << "+62811"
                          << "'+62811";
    QTest::newRow("minus") << "-1+1"
                           << "'-1+1";
    QTest::newRow("at") << "@SUM(A1)"
                        << "'@SUM(A1)";
    QTest::newRow("tab") << "\t=1"
                         << "'\t=1";
    QTest::newRow("inside is fine") << "a=b"
                                    << "a=b";
    QTest::newRow("unicode") << "Siti 🌸"
                             << "Siti 🌸";
}

void TestOrderOps::csvField()
{
    QFETCH(QString, text);
    QFETCH(QString, field);
    QCOMPARE(OrderCsv::field(text), field);
}

void TestOrderOps::csvExport()
{
    test::seedProduct(m_db, QStringLiteral("NF1"), 10, kPrice);
    const auto c = test::seedCustomer(m_db, QStringLiteral("628111000016"), 500'000);
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE customers SET name = ? WHERE id = ?"),
                       {QStringLiteral("=cmd|' /C calc'!A0, \"Budi\""), c.id}));
    QList<domain::Order> orders;
    for (int i = 0; i < 5; ++i)
        orders << buy(c, QStringLiteral("NF1"));
    QVERIFY(OrderService(m_db).refund({orders.at(1).ref, QStringLiteral("x"), false, {}}));

    OrderRepository repo(m_db);
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    QList<qint64> progress;
    auto written = OrderCsv::write(
        repo, OrderFilter{}, buffer,
        [&](qint64 n) {
            progress << n;
            return true;
        },
        2); // pages of two: the export goes past the first page
    KEDAI_VERIFY_OK(written);
    QCOMPARE(*written, 5);
    QCOMPARE(progress.last(), 5);
    const QByteArray bytes = buffer.data();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    const QString text = QString::fromUtf8(bytes.mid(3));
    QVERIFY(text.endsWith(QStringLiteral("\r\n")));
    const QStringList lines = text.split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QCOMPARE(lines.first(), QStringLiteral("ref,created,paid,delivered,status,method,customer_phone,customer_name,"
                                           "product_code,product,qty,unit_price,total,unique_code,payable"));
    // Newest first, every field as documented.
    const QString expected = QStringLiteral(
                                 "%1,%2,%2,%2,delivered,saldo,628111000016,\"'=cmd|' /C calc'!A0, \"\"Budi\"\"\","
                                 "NF1,Product NF1,1,10000,10000,0,10000")
                                 .arg(orders.last().ref, orders.last().createdAt.toLocalTime().toString(
                                                             QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    QCOMPARE(lines.at(1), expected);
    QVERIFY(lines.at(4).contains(QStringLiteral(",refunded,")));
    QVERIFY(QRegularExpression(QStringLiteral("^KD\\w+,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,"))
                .match(lines.at(5))
                .hasMatch());
    for (const auto &o : orders) {
        QVERIFY(text.contains(o.ref));
        auto with = repo.byRefWithItems(o.ref);
        KEDAI_VERIFY_OK(with);
        for (const QString &item : (*with)->items)
            QVERIFY(!text.contains(item.section(QLatin1Char('|'), 0, 0)));
    }
    // A filter narrows it; cancelling stops it.
    QBuffer refunds;
    QVERIFY(refunds.open(QIODevice::WriteOnly));
    OrderFilter f;
    f.status = domain::OrderStatus::Refunded;
    QCOMPARE(OrderCsv::write(repo, f, refunds).value(), 1);
    QBuffer cancelled;
    QVERIFY(cancelled.open(QIODevice::WriteOnly));
    auto stopped = OrderCsv::write(
        repo, OrderFilter{}, cancelled, [](qint64 n) { return n < 2; }, 2);
    QVERIFY(!stopped);
    QCOMPARE(stopped.error().code, QStringLiteral("export.cancelled"));
}

QTEST_GUILESS_MAIN(TestOrderOps)
#include "tst_orderops.moc"
