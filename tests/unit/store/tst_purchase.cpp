#include "store/catalogrepository.h"
#include "store/customerrepository.h"
#include "store/messagerepository.h"
#include "store/purchaseservice.h"

#include "storetestutil.h"

#include <QTest>

#include <stdexcept>

using namespace kedai;
using namespace kedai::store;

namespace {

/// Everything a purchase may touch; two equal snapshots mean nothing changed.
struct Snapshot
{
    qint64 saldo = 0;
    qint64 available = 0;
    qint64 sold = 0;
    qint64 orders = 0;
    qint64 ledger = 0;
    qint64 outbox = 0;
    qint64 audit = 0;
    bool operator==(const Snapshot &) const = default;
};

char *toString(const Snapshot &s)
{
    return qstrdup(QStringLiteral("saldo=%1 available=%2 sold=%3 orders=%4 ledger=%5 outbox=%6 audit=%7")
                       .arg(s.saldo)
                       .arg(s.available)
                       .arg(s.sold)
                       .arg(s.orders)
                       .arg(s.ledger)
                       .arg(s.outbox)
                       .arg(s.audit)
                       .toUtf8()
                       .constData());
}

/// The delivery the bot would send: one text per purchase, listing the items.
QList<domain::OutboundMessage> deliverAsText(const PurchaseOutcome &o)
{
    domain::OutboundMessage m;
    m.channel = QStringLiteral("simulator");
    m.to = o.order.customerPhone;
    m.text = QStringLiteral("Pesanan %1\n").arg(o.order.ref) + o.order.items.join(QLatin1Char('\n'));
    return {m};
}

} // namespace

class TestPurchase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void successDebitsSellsAndDelivers();
    void tierPriceIsCharged();
    void quantityTakesOldestItems();
    void refusalsChangeNothing_data();
    void refusalsChangeNothing();
    void failingOutboxInsertRollsBack_data();
    void failingOutboxInsertRollsBack();
    void throwingBuilderRollsBack();
    void loadOwnDeliveredOrder();

private:
    Snapshot snapshot() const;

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
    domain::Product m_product;
    domain::Customer m_customer;
};

void TestPurchase::initTestCase_data()
{
    test::addBackendRows();
}

void TestPurchase::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
    m_product = test::seedProduct(m_db, QStringLiteral("NF1"), 3, 25'000);
    m_customer = test::seedCustomer(m_db, QStringLiteral("628123456"), 60'000);
    QVERIFY(m_product.id > 0 && m_customer.id > 0);
}

void TestPurchase::cleanup()
{
    m_db.reset();
    m_store.reset();
}

Snapshot TestPurchase::snapshot() const
{
    Snapshot s;
    s.saldo = test::scalar(*m_db, QStringLiteral("SELECT saldo FROM customers WHERE id = ?"), {m_customer.id});
    s.available = test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'"));
    s.sold = test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'sold'"));
    s.orders = test::count(*m_db, QStringLiteral("orders"));
    s.ledger = test::count(*m_db, QStringLiteral("ledger"));
    s.outbox = test::count(*m_db, QStringLiteral("outbox"));
    s.audit = test::count(*m_db, QStringLiteral("audit_log"));
    return s;
}

void TestPurchase::successDebitsSellsAndDelivers()
{
    const Snapshot before = snapshot();
    PurchaseService shop(m_db);
    auto r = shop.purchaseWithSaldo({m_customer.id, QStringLiteral("nf1"), 2, QStringLiteral("customer:628123456")},
                                    deliverAsText);
    KEDAI_VERIFY_OK(r);
    const domain::Order &o = r->order;
    QVERIFY(o.id > 0);
    QVERIFY(o.ref.startsWith(QLatin1String("KD")));
    QCOMPARE(o.status, domain::OrderStatus::Delivered);
    QCOMPARE(o.method, domain::PaymentMethod::Saldo);
    QCOMPARE(o.qty, 2);
    QCOMPARE(o.unitPrice, 25'000);
    QCOMPARE(o.total, 50'000);
    QCOMPARE(o.items, (QStringList{QStringLiteral("NF1-item-0|pw0"), QStringLiteral("NF1-item-1|pw1")}));
    QCOMPARE(r->saldoAfter, 10'000);
    QCOMPARE(r->product.code, QStringLiteral("NF1"));

    const Snapshot after = snapshot();
    QCOMPARE(after.saldo, 10'000);
    QCOMPARE(after.available, before.available - 2);
    QCOMPARE(after.sold, before.sold + 2);
    QCOMPARE(after.orders, before.orders + 1);
    QCOMPARE(after.ledger, before.ledger + 1);
    QCOMPARE(after.outbox, before.outbox + 1);
    QCOMPARE(after.audit, before.audit + 1);

    // The ledger row explains the debit and keeps the invariant.
    auto ledger = CustomerRepository(m_db).ledger(m_customer.id, 1);
    QCOMPARE(ledger->first().delta, -50'000);
    QCOMPARE(ledger->first().balanceAfter, 10'000);
    QCOMPARE(ledger->first().kind, domain::LedgerKind::Purchase);
    QCOMPARE(ledger->first().reference, o.ref);
    QVERIFY(CustomerRepository(m_db).ledgerMismatches()->isEmpty());

    // Items point at the order, the delivery waits in the outbox.
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("order_id = ? AND status = 'sold'"),
                         {o.id}),
             2);
    auto due = MessageRepository(m_db).claimDue(10, QDateTime::currentDateTimeUtc().addSecs(1));
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().to, QStringLiteral("628123456"));
    QVERIFY(due->first().text.contains(QLatin1String("NF1-item-1|pw1")));
}

void TestPurchase::tierPriceIsCharged()
{
    QVERIFY(
        CatalogRepository(m_db).setPrice(QStringLiteral("NF1"), domain::Tier::Gold, 20'000, QStringLiteral("staff:x")));
    QVERIFY(CustomerRepository(m_db).setTier(m_customer.id, domain::Tier::Gold, QStringLiteral("staff:x")));
    auto r = PurchaseService(m_db).purchaseWithSaldo({m_customer.id, QStringLiteral("NF1"), 1, {}}, {});
    QVERIFY(r);
    QCOMPARE(r->order.unitPrice, 20'000);
    QCOMPARE(r->saldoAfter, 40'000);
}

void TestPurchase::quantityTakesOldestItems()
{
    PurchaseService shop(m_db);
    auto first = shop.purchaseWithSaldo({m_customer.id, QStringLiteral("NF1"), 1, {}}, {});
    auto second = shop.purchaseWithSaldo({m_customer.id, QStringLiteral("NF1"), 1, {}}, {});
    QVERIFY(first && second);
    QCOMPARE(first->order.items, QStringList{QStringLiteral("NF1-item-0|pw0")});
    QCOMPARE(second->order.items, QStringList{QStringLiteral("NF1-item-1|pw1")});
    QVERIFY(first->order.ref != second->order.ref);
}

void TestPurchase::refusalsChangeNothing_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("qty");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QVariantMap>("details");
    const QString product = QStringLiteral("Product NF1");
    QTest::newRow("qty zero") << QString() << QStringLiteral("NF1") << 0 << QStringLiteral("purchase.bad_qty")
                              << QVariantMap{{QStringLiteral("requested"), 0LL}};
    QTest::newRow("qty negative") << QString() << QStringLiteral("NF1") << -3 << QStringLiteral("purchase.bad_qty")
                                  << QVariantMap{};
    QTest::newRow("qty above max") << QString() << QStringLiteral("NF1") << PurchaseService::kMaxQty + 1
                                   << QStringLiteral("purchase.bad_qty") << QVariantMap{};
    QTest::newRow("unknown product") << QString() << QStringLiteral("NOPE") << 1
                                     << QStringLiteral("purchase.unknown_product")
                                     << QVariantMap{{QStringLiteral("code"), QStringLiteral("NOPE")}};
    QTest::newRow("garbage code") << QString() << QStringLiteral("'; DROP TABLE orders; --") << 1
                                  << QStringLiteral("purchase.unknown_product") << QVariantMap{};
    QTest::newRow("inactive") << QStringLiteral("deactivate") << QStringLiteral("NF1") << 1
                              << QStringLiteral("purchase.inactive")
                              << QVariantMap{{QStringLiteral("code"), QStringLiteral("NF1")}};
    QTest::newRow("blocked") << QStringLiteral("block") << QStringLiteral("NF1") << 1
                             << QStringLiteral("purchase.customer_blocked") << QVariantMap{};
    QTest::newRow("unknown customer") << QStringLiteral("ghost") << QStringLiteral("NF1") << 1
                                      << QStringLiteral("customer.not_found") << QVariantMap{};
    QTest::newRow("out of stock") << QString() << QStringLiteral("NF1") << 4 << QStringLiteral("purchase.out_of_stock")
                                  << QVariantMap{{QStringLiteral("available"), 3LL},
                                                 {QStringLiteral("requested"), 4LL},
                                                 {QStringLiteral("product"), product},
                                                 {QStringLiteral("code"), QStringLiteral("NF1")}};
    QTest::newRow("insufficient saldo") << QString() << QStringLiteral("NF1") << 3
                                        << QStringLiteral("purchase.insufficient_saldo")
                                        << QVariantMap{{QStringLiteral("saldo"), 60'000LL},
                                                       {QStringLiteral("total"), 75'000LL},
                                                       {QStringLiteral("product"), product},
                                                       {QStringLiteral("code"), QStringLiteral("NF1")}};
    QTest::newRow("total overflows") << QStringLiteral("max price") << QStringLiteral("NF1") << 2
                                     << QStringLiteral("purchase.too_large") << QVariantMap{};
}

void TestPurchase::refusalsChangeNothing()
{
    QFETCH(QString, setup);
    QFETCH(QString, code);
    QFETCH(int, qty);
    QFETCH(QString, error);
    QFETCH(QVariantMap, details);
    qint64 customerId = m_customer.id;
    if (setup == QLatin1String("deactivate"))
        QVERIFY(CatalogRepository(m_db).deactivate(QStringLiteral("NF1"), QStringLiteral("staff:x")));
    else if (setup == QLatin1String("block"))
        QVERIFY(CustomerRepository(m_db).setBlocked(m_customer.id, true, QStringLiteral("staff:x")));
    else if (setup == QLatin1String("ghost"))
        customerId = 424242;
    else if (setup == QLatin1String("max price"))
        QVERIFY(CatalogRepository(m_db).setPrice(QStringLiteral("NF1"), domain::Tier::Bronze, common::kMaxRupiah,
                                                 QStringLiteral("staff:x")));

    const Snapshot before = snapshot();
    bool builderCalled = false;
    auto r = PurchaseService(m_db).purchaseWithSaldo({customerId, code, qty, {}}, [&](const PurchaseOutcome &o) {
        builderCalled = true;
        return deliverAsText(o);
    });
    QVERIFY(!r);
    QCOMPARE(r.error().code, error);
    QVERIFY(!r.error().message.isEmpty());
    for (auto it = details.cbegin(); it != details.cend(); ++it)
        QCOMPARE(r.error().details.value(it.key()), it.value());
    QVERIFY(!builderCalled);
    QCOMPARE(snapshot(), before);
}

void TestPurchase::failingOutboxInsertRollsBack_data()
{
    QTest::addColumn<qint64>("inboxId");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("error");
    // A reply to an inbox row that does not exist: the foreign key fails in the database, after the
    // debit, the item claim, the order and the ledger row were already written.
    QTest::newRow("database rejects the row")
        << 987'654LL << QStringLiteral("628123456") << QStringLiteral("store.error");
    QTest::newRow("invalid message") << 0LL << QString() << QStringLiteral("outbox.invalid");
}

void TestPurchase::failingOutboxInsertRollsBack()
{
    QFETCH(qint64, inboxId);
    QFETCH(QString, to);
    QFETCH(QString, error);
    const Snapshot before = snapshot();
    auto r = PurchaseService(m_db).purchaseWithSaldo(
        {m_customer.id, QStringLiteral("NF1"), 2, {}}, [&](const PurchaseOutcome &o) {
            auto messages = deliverAsText(o);
            domain::OutboundMessage bad = messages.first();
            bad.to = to;
            bad.inboxId = inboxId;
            messages << bad; // the first message is inserted fine, then this one fails
            return messages;
        });
    QVERIFY(!r);
    QCOMPARE(r.error().code, error);
    QCOMPARE(snapshot(), before);
    QVERIFY(CustomerRepository(m_db).ledgerMismatches()->isEmpty());

    // The connection is healthy afterwards: the next purchase goes through.
    QVERIFY(PurchaseService(m_db).purchaseWithSaldo({m_customer.id, QStringLiteral("NF1"), 2, {}}, deliverAsText));
}

void TestPurchase::throwingBuilderRollsBack()
{
    const Snapshot before = snapshot();
    auto r = PurchaseService(m_db).purchaseWithSaldo({m_customer.id, QStringLiteral("NF1"), 1, {}},
                                                     [](const PurchaseOutcome &) -> QList<domain::OutboundMessage> {
                                                         throw std::runtime_error("template missing");
                                                     });
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("purchase.delivery_failed"));
    QCOMPARE(snapshot(), before);
}

void TestPurchase::loadOwnDeliveredOrder()
{
    PurchaseService shop(m_db);
    auto sale = shop.purchaseWithSaldo({m_customer.id, QStringLiteral("NF1"), 1, {}}, deliverAsText);
    QVERIFY(sale);
    const QString ref = sale->order.ref;

    auto own = shop.loadOwnDeliveredOrder(m_customer.id, ref.toLower());
    KEDAI_VERIFY_OK(own);
    QCOMPARE(own->ref, ref);
    QCOMPARE(own->items, sale->order.items);
    QCOMPARE(own->productCode, QStringLiteral("NF1"));
    QCOMPARE(own->customerPhone, QStringLiteral("628123456"));

    auto other = test::seedCustomer(m_db, QStringLiteral("628777888"), 0);
    auto stolen = shop.loadOwnDeliveredOrder(other.id, ref);
    auto unknown = shop.loadOwnDeliveredOrder(other.id, QStringLiteral("KD000000XXXXXX"));
    QVERIFY(!stolen && !unknown);
    QCOMPARE(stolen.error().code, QStringLiteral("order.not_found"));
    // Someone else's order is indistinguishable from no order at all.
    QCOMPARE(stolen.error().code, unknown.error().code);
    QVERIFY(!stolen.error().message.contains(QLatin1String("NF1")));
}

QTEST_GUILESS_MAIN(TestPurchase)
#include "tst_purchase.moc"
