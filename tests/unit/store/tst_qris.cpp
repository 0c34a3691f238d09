// QrisService: bonus rules, creating payments and their refusals, unique codes, cancel,
// manual confirmation and assigning queued notifications. Notifications, time windows and
// expiry are in tst_qris_notifications.cpp, the races in tst_qris_concurrency.cpp.

#include "store/catalogrepository.h"
#include "store/customerrepository.h"
#include "store/messagerepository.h"
#include "store/qrisservice.h"

#include "qristestutil.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <stdexcept>

using namespace kedai;
using namespace kedai::store;
using namespace kedai::store::qristest;

class TestQris
    : public QObject
    , private QrisFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void bonusRuleParse_data();
    void bonusRuleParse();
    void bonusRuleBonusFor_data();
    void bonusRuleBonusFor();

    void createOrderReservesItemsAndCode();
    void createOrderRefusalsChangeNothing_data();
    void createOrderRefusalsChangeNothing();
    void createDepositRefusalsChangeNothing_data();
    void createDepositRefusalsChangeNothing();
    void onePendingPaymentPerCustomer();
    void failingMessengerRollsBack_data();
    void failingMessengerRollsBack();

    void codesAreUniqueAndReleased();
    void codesAreUniqueAcrossOrdersAndDeposits();
    void recentlyClosedCodesAreReusedLast();

    void cancelReleases();
    void confirmDeliversOnce();
    void confirmExpiredCreditsSaldo();
    void assignNotification();
    void assignToDepositCreditsMoneyReceived_data();
    void assignToDepositCreditsMoneyReceived();
};

// ---- BonusRule

void TestQris::bonusRuleParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("bonus");
    QTest::addColumn<qint64>("per");
    QTest::addColumn<QString>("normalised");
    QTest::newRow("plain") << "2000/50000" << true << 2000LL << 50000LL << "2000/50000";
    QTest::newRow("thousands dots") << "2.000/50.000" << true << 2000LL << 50000LL << "2000/50000";
    QTest::newRow("spaces") << "  2000 / 50000 " << true << 2000LL << 50000LL << "2000/50000";
    QTest::newRow("empty: no bonus") << "" << true << 0LL << 0LL << "";
    QTest::newRow("blank: no bonus") << "   " << true << 0LL << 0LL << "";
    QTest::newRow("zero: no bonus") << "0" << true << 0LL << 0LL << "";
    QTest::newRow("garbage") << "banyak" << false << 0LL << 0LL << "";
    QTest::newRow("no per") << "2000" << false << 0LL << 0LL << "";
    QTest::newRow("empty per") << "2000/" << false << 0LL << 0LL << "";
    QTest::newRow("empty bonus") << "/50000" << false << 0LL << 0LL << "";
    QTest::newRow("three parts") << "2000/50000/1" << false << 0LL << 0LL << "";
    QTest::newRow("per zero") << "2000/0" << false << 0LL << 0LL << "";
    QTest::newRow("negative") << "-2000/50000" << false << 0LL << 0LL << "";
    QTest::newRow("decimal comma") << "2000,5/50000" << false << 0LL << 0LL << "";
    QTest::newRow("bonus equals per") << "50000/50000" << false << 0LL << 0LL << "";
    QTest::newRow("bonus above per") << "60000/50000" << false << 0LL << 0LL << "";
    QTest::newRow("overflow") << "2000/99999999999999999999999" << false << 0LL << 0LL << "";
}

void TestQris::bonusRuleParse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(qint64, bonus);
    QFETCH(qint64, per);
    QFETCH(QString, normalised);
    const auto rule = BonusRule::parse(text);
    QCOMPARE(rule.has_value(), valid);
    if (!valid)
        return;
    QCOMPARE(rule->bonus, bonus);
    QCOMPARE(rule->per, per);
    QCOMPARE(rule->isNone(), bonus == 0);
    QCOMPARE(rule->toString(), normalised);
    // What toString() writes into the settings reads back as the same rule.
    const auto again = BonusRule::parse(rule->toString());
    QVERIFY(again);
    QCOMPARE(again->bonusFor(1'000'000), rule->bonusFor(1'000'000));
}

void TestQris::bonusRuleBonusFor_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<qint64>("nominal");
    QTest::addColumn<qint64>("bonus");
    QTest::newRow("two full steps") << "2000/50000" << 100'000LL << 4000LL;
    QTest::newRow("just below two steps") << "2000/50000" << 99'999LL << 2000LL;
    QTest::newRow("exactly one step") << "2000/50000" << 50'000LL << 2000LL;
    QTest::newRow("below one step") << "2000/50000" << 49'999LL << 0LL;
    QTest::newRow("no rule") << "" << 100'000LL << 0LL;
    QTest::newRow("zero nominal") << "2000/50000" << 0LL << 0LL;
}

void TestQris::bonusRuleBonusFor()
{
    QFETCH(QString, rule);
    QFETCH(qint64, nominal);
    QFETCH(qint64, bonus);
    const auto r = BonusRule::parse(rule);
    QVERIFY(r);
    QCOMPARE(r->bonusFor(nominal), bonus);
}

// ---- Creating payments

void TestQris::createOrderReservesItemsAndCode()
{
    QrisOptions opts = options(7);
    opts.expiryMinutes = 15;
    const Snapshot before = snapshot();
    auto r = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("nf1"), 2), opts, tell);
    KEDAI_VERIFY_OK(r);
    const QrisEvent &e = *r;
    QCOMPARE(e.kind, QrisEvent::Kind::Created);
    QVERIFY(e.payment.ref.startsWith(QLatin1String("KD")));
    QCOMPARE(e.payment.purpose, domain::QrisPurpose::Order);
    QCOMPARE(e.payment.status, QrisStatus::Pending);
    QCOMPARE(e.payment.amount, 2 * kPrice);
    QVERIFY2(e.payment.uniqueCode >= 1 && e.payment.uniqueCode <= 7, qPrintable(QString::number(e.payment.uniqueCode)));
    QCOMPARE(e.payment.payable, 2 * kPrice + e.payment.uniqueCode);
    QCOMPARE(e.payment.createdAt, kStart);
    QCOMPARE(e.payment.expiresAt, kStart.addSecs(15 * 60));
    QCOMPARE(e.order.ref, e.payment.ref);
    QCOMPARE(e.order.status, domain::OrderStatus::Pending);
    QCOMPARE(e.order.method, domain::PaymentMethod::Qris);
    QCOMPARE(e.order.qty, 2);
    QCOMPARE(e.order.total, 2 * kPrice);
    QCOMPARE(e.order.uniqueCode, e.payment.uniqueCode);
    QCOMPARE(e.order.payable, e.payment.payable);
    QCOMPARE(e.order.expiresAt, kStart.addSecs(15 * 60));
    QVERIFY(e.order.items.isEmpty()); // nothing is shown before payment
    QCOMPARE(e.product.code, QStringLiteral("NF1"));

    // Stored: exactly the two oldest items reserved for this order, the payment pending.
    QCOMPARE(items(e.order.id, QStringLiteral("reserved")), 2);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"),
                         QStringLiteral("status = 'reserved' AND order_id = ? AND content IN (?, ?)"),
                         {e.order.id, QStringLiteral("NF1-item-0|pw0"), QStringLiteral("NF1-item-1|pw1")}),
             2);
    const Snapshot after = snapshot();
    QCOMPARE(after.available, before.available - 2);
    QCOMPARE(after.reserved, 2);
    QCOMPARE(after.sold, 0);
    QCOMPARE(after.orders, before.orders + 1);
    QCOMPARE(after.payments, 1);
    QCOMPARE(after.ledger, before.ledger); // no money moved
    QCOMPARE(after.outbox, before.outbox + 1);
    const domain::QrisPayment stored = payment(e.payment.ref.toLower());
    QCOMPARE(stored.id, e.payment.id);
    QCOMPARE(stored.orderId, e.order.id);
    QCOMPARE(stored.customerId, m_customer.id);
    QCOMPARE(stored.status, QrisStatus::Pending);
    QCOMPARE(stored.payable, e.payment.payable);
    QCOMPARE(stored.productCode, QStringLiteral("NF1"));
    QCOMPARE(stored.qty, 2);
    QCOMPARE(stored.expiresAt, kStart.addSecs(15 * 60));
    QCOMPARE(stored.channel, QStringLiteral("simulator"));
    QCOMPARE(stored.recipient, m_customer.phone);
    auto pending = m_qris->pendingFor(m_customer.id);
    KEDAI_VERIFY_OK(pending);
    QVERIFY(pending->has_value());
    QCOMPARE((*pending)->ref, e.payment.ref);

    // The Created message is queued to where the customer asked.
    auto due = MessageRepository(m_db).claimDue(100, QDateTime::currentDateTimeUtc().addSecs(60));
    KEDAI_VERIFY_OK(due);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().channel, QStringLiteral("simulator"));
    QCOMPARE(due->first().to, m_customer.phone);
    QCOMPARE(due->first().text, QStringLiteral("created|%1|%2|0").arg(e.payment.ref).arg(e.payment.payable));
    checkInvariants();
}

void TestQris::createOrderRefusalsChangeNothing_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("qty");
    QTest::addColumn<QString>("error");
    QTest::newRow("qty zero") << ""
                              << "NF1" << 0 << "purchase.bad_qty";
    QTest::newRow("qty above max") << ""
                                   << "NF1" << 101 << "purchase.bad_qty";
    QTest::newRow("unknown product") << ""
                                     << "NOPE" << 1 << "purchase.unknown_product";
    QTest::newRow("garbage code") << ""
                                  << "'; DROP TABLE orders; --" << 1 << "purchase.unknown_product";
    QTest::newRow("inactive") << "deactivate"
                              << "NF1" << 1 << "purchase.inactive";
    QTest::newRow("blocked") << "block"
                             << "NF1" << 1 << "purchase.customer_blocked";
    QTest::newRow("unknown customer") << "ghost"
                                      << "NF1" << 1 << "customer.not_found";
    QTest::newRow("out of stock") << ""
                                  << "NF1" << 6 << "purchase.out_of_stock";
    QTest::newRow("out of stock, items reserved by another") << "reserve"
                                                             << "NF1" << 3 << "purchase.out_of_stock";
    QTest::newRow("no stock at all") << "empty product"
                                     << "EMPTY" << 1 << "purchase.out_of_stock";
    QTest::newRow("total too large") << "max price"
                                     << "NF1" << 2 << "purchase.too_large";
}

void TestQris::createOrderRefusalsChangeNothing()
{
    QFETCH(QString, setup);
    QFETCH(QString, code);
    QFETCH(int, qty);
    QFETCH(QString, error);
    domain::Customer who = m_customer;
    if (setup == QLatin1String("deactivate"))
        QVERIFY(CatalogRepository(m_db).deactivate(QStringLiteral("NF1"), QStringLiteral("staff:x")));
    else if (setup == QLatin1String("block"))
        QVERIFY(CustomerRepository(m_db).setBlocked(m_customer.id, true, QStringLiteral("staff:x")));
    else if (setup == QLatin1String("ghost"))
        who.id = 424242;
    else if (setup == QLatin1String("reserve"))
        QVERIFY(m_qris->createOrder(orderRequest(customer(1), QStringLiteral("NF1"), 3), options(), tell));
    else if (setup == QLatin1String("empty product"))
        QVERIFY(test::seedProduct(m_db, QStringLiteral("EMPTY"), 0).id > 0);
    else if (setup == QLatin1String("max price"))
        QVERIFY(CatalogRepository(m_db).setPrice(QStringLiteral("NF1"), domain::Tier::Bronze, common::kMaxRupiah / 2,
                                                 QStringLiteral("staff:x")));

    const Snapshot before = snapshot();
    bool told = false;
    auto r = m_qris->createOrder(orderRequest(who, code, qty), options(), [&](const QrisEvent &e) {
        told = true;
        return tell(e);
    });
    QVERIFY(!r);
    QCOMPARE(r.error().code, error);
    QVERIFY(!r.error().message.isEmpty());
    QVERIFY(!told);
    QCOMPARE(snapshot(), before);
    auto pending = m_qris->pendingFor(who.id);
    KEDAI_VERIFY_OK(pending);
    QVERIFY(!pending->has_value());
    checkInvariants();
}

void TestQris::createDepositRefusalsChangeNothing_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<qint64>("nominal");
    QTest::addColumn<QString>("error");
    QTest::newRow("below minimum") << "" << QrisService::kMinDeposit - 1 << "qris.bad_nominal";
    QTest::newRow("zero") << "" << 0LL << "qris.bad_nominal";
    QTest::newRow("above maximum") << "" << QrisService::kMaxDeposit + 1 << "qris.bad_nominal";
    QTest::newRow("blocked") << "block" << 50'000LL << "purchase.customer_blocked";
    QTest::newRow("unknown customer") << "ghost" << 50'000LL << "customer.not_found";
}

void TestQris::createDepositRefusalsChangeNothing()
{
    QFETCH(QString, setup);
    QFETCH(qint64, nominal);
    QFETCH(QString, error);
    domain::Customer who = m_customer;
    if (setup == QLatin1String("block"))
        QVERIFY(CustomerRepository(m_db).setBlocked(m_customer.id, true, QStringLiteral("staff:x")));
    else if (setup == QLatin1String("ghost"))
        who.id = 424242;
    const Snapshot before = snapshot();
    auto r = m_qris->createDeposit(depositRequest(who, nominal), options(), tell);
    QVERIFY(!r);
    QCOMPARE(r.error().code, error);
    QCOMPARE(snapshot(), before);

    // The limits themselves are accepted.
    if (setup.isEmpty()) {
        auto low = m_qris->createDeposit(depositRequest(m_customer, QrisService::kMinDeposit), options(), tell);
        KEDAI_VERIFY_OK(low);
        QVERIFY(m_qris->cancel(m_customer.id, QStringLiteral("customer:x"), tell));
        KEDAI_VERIFY_OK(m_qris->createDeposit(depositRequest(m_customer, QrisService::kMaxDeposit), options(), tell));
    }
}

void TestQris::onePendingPaymentPerCustomer()
{
    auto first = m_qris->createOrder(orderRequest(m_customer), options(), tell);
    KEDAI_VERIFY_OK(first);
    const Snapshot before = snapshot();
    auto second = m_qris->createOrder(orderRequest(m_customer), options(), tell);
    QVERIFY(!second);
    QCOMPARE(second.error().code, QStringLiteral("qris.pending_exists"));
    QCOMPARE(second.error().details.value(QStringLiteral("ref")).toString(), first->payment.ref);
    QCOMPARE(second.error().details.value(QStringLiteral("payable")).toLongLong(), first->payment.payable);
    auto deposit = m_qris->createDeposit(depositRequest(m_customer, 50'000), options(), tell);
    QVERIFY(!deposit);
    QCOMPARE(deposit.error().code, QStringLiteral("qris.pending_exists"));
    QCOMPARE(snapshot(), before);

    // A pending deposit blocks an order just the same; another customer is not affected.
    const auto other = customer(1);
    KEDAI_VERIFY_OK(m_qris->createDeposit(depositRequest(other, 50'000), options(), tell));
    auto order = m_qris->createOrder(orderRequest(other), options(), tell);
    QVERIFY(!order);
    QCOMPARE(order.error().code, QStringLiteral("qris.pending_exists"));
    QCOMPARE(order.error().details.value(QStringLiteral("purpose")).toString(), QStringLiteral("deposit"));

    // Once the first is cancelled, the customer may order again.
    KEDAI_VERIFY_OK(m_qris->cancel(m_customer.id, QStringLiteral("customer:x"), tell));
    KEDAI_VERIFY_OK(m_qris->createOrder(orderRequest(m_customer), options(), tell));
    checkInvariants();
}

void TestQris::failingMessengerRollsBack_data()
{
    QTest::addColumn<QString>("what");
    QTest::newRow("order, messenger error") << "order";
    QTest::newRow("order, messenger throws") << "order throws";
    QTest::newRow("deposit, messenger error") << "deposit";
    QTest::newRow("cancel, messenger error") << "cancel";
    QTest::newRow("expiry, messenger error") << "expire";
}

void TestQris::failingMessengerRollsBack()
{
    QFETCH(QString, what);
    // With a single code, a code left held by the failed attempt would make the retry fail.
    const QrisOptions opts = options(1);
    const QrisMessenger throwing = [](const QrisEvent &) -> common::Result<QList<domain::OutboundMessage>> {
        throw std::runtime_error("template missing");
    };
    if (what.startsWith(QLatin1String("order")) || what == QLatin1String("deposit")) {
        const Snapshot before = snapshot();
        const bool deposit = what == QLatin1String("deposit");
        const bool throws = what.endsWith(QLatin1String("throws"));
        const QrisMessenger bad = throws ? throwing : failingOn(QrisEvent::Kind::Created);
        auto r = deposit ? m_qris->createDeposit(depositRequest(m_customer, 50'000), opts, bad)
                         : m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), opts, bad);
        QVERIFY(!r);
        QCOMPARE(r.error().code,
                 throws ? QStringLiteral("qris.message_failed") : QStringLiteral("test.messenger_down"));
        QCOMPARE(snapshot(), before); // nothing reserved, no order, no payment, no message, no audit
        QVERIFY(!m_qris->pendingFor(m_customer.id)->has_value());
        // The code was not kept: the only code is free for the next try, by anyone.
        auto retry = deposit ? m_qris->createDeposit(depositRequest(customer(1), 50'000), opts, tell)
                             : m_qris->createOrder(orderRequest(customer(1), QStringLiteral("NF1"), 2), opts, tell);
        KEDAI_VERIFY_OK(retry);
        QCOMPARE(retry->payment.uniqueCode, 1);
        QCOMPARE(retry->payment.payable, (deposit ? 50'000 : 2 * kPrice) + 1);
        QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")),
                 deposit ? 0 : 2);
        checkInvariants();
        return;
    }
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), opts, tell);
    KEDAI_VERIFY_OK(created);
    const Snapshot before = snapshot();
    if (what == QLatin1String("cancel")) {
        auto r = m_qris->cancel(m_customer.id, QStringLiteral("customer:x"), failingOn(QrisEvent::Kind::Cancelled));
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("test.messenger_down"));
    } else {
        at(31 * kMinute);
        auto r = m_qris->expireDue(100, failingOn(QrisEvent::Kind::Expired));
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("test.messenger_down"));
    }
    QCOMPARE(snapshot(), before);
    QCOMPARE(payment(created->payment.ref).status, QrisStatus::Pending);
    QCOMPARE(items(created->order.id, QStringLiteral("reserved")), 2);
    // The next attempt with a working messenger does it, once.
    if (what == QLatin1String("cancel"))
        KEDAI_VERIFY_OK(m_qris->cancel(m_customer.id, QStringLiteral("customer:x"), tell));
    else
        QCOMPARE(m_qris->expireDue(100, tell)->size(), 1);
    QCOMPARE(items(created->order.id, QStringLiteral("reserved")), 0);
    QCOMPARE(sent(what == QLatin1String("cancel") ? QStringLiteral("cancelled") : QStringLiteral("expired"),
                  created->payment.ref),
             1);
    checkInvariants();
}

// ---- Unique codes

void TestQris::codesAreUniqueAndReleased()
{
    const QrisOptions opts = options(3);
    QList<domain::Customer> customers;
    for (int i = 1; i <= 5; ++i)
        customers << customer(i);
    QSet<Rupiah> payables;
    QList<QrisEvent> orders;
    for (int i = 0; i < 3; ++i) {
        auto r = m_qris->createOrder(orderRequest(customers.at(i)), opts, tell);
        KEDAI_VERIFY_OK(r);
        QVERIFY(r->payment.uniqueCode >= 1 && r->payment.uniqueCode <= 3);
        payables.insert(r->payment.payable);
        orders << *r;
    }
    QCOMPARE(payables, (QSet<Rupiah>{kPrice + 1, kPrice + 2, kPrice + 3}));

    // Every code is held: the fourth customer is told to try again, and nothing is kept.
    const Snapshot before = snapshot();
    auto fourth = m_qris->createOrder(orderRequest(customers.at(3)), opts, tell);
    QVERIFY(!fourth);
    QCOMPARE(fourth.error().code, QStringLiteral("qris.no_code"));
    QCOMPARE(fourth.error().details.value(QStringLiteral("code_max")).toInt(), 3);
    QCOMPARE(snapshot(), before);

    // A cancel releases its code: the fourth gets exactly that payable.
    KEDAI_VERIFY_OK(m_qris->cancel(customers.at(1).id, QStringLiteral("customer:x"), tell));
    fourth = m_qris->createOrder(orderRequest(customers.at(3)), opts, tell);
    KEDAI_VERIFY_OK(fourth);
    QCOMPARE(fourth->payment.payable, orders.at(1).payment.payable);
    auto fifth = m_qris->createOrder(orderRequest(customers.at(4)), opts, tell);
    QVERIFY(!fifth);
    QCOMPARE(fifth.error().code, QStringLiteral("qris.no_code"));

    // Expiry releases codes too: 30 minutes later every code is free again.
    at(30 * kMinute);
    auto expired = m_qris->expireDue(100, tell);
    KEDAI_VERIFY_OK(expired);
    QCOMPARE(expired->size(), 3);
    fifth = m_qris->createOrder(orderRequest(customers.at(4)), opts, tell);
    KEDAI_VERIFY_OK(fifth);
    QVERIFY(payables.contains(fifth->payment.payable));
    checkInvariants();
}

void TestQris::codesAreUniqueAcrossOrdersAndDeposits()
{
    // Orders of Rp25.000 and deposits of Rp25.000 share the payables 25.001..25.003.
    const QrisOptions opts = options(3);
    KEDAI_VERIFY_OK(m_qris->createOrder(orderRequest(customer(1)), opts, tell));
    KEDAI_VERIFY_OK(m_qris->createDeposit(depositRequest(customer(2), kPrice), opts, tell));
    KEDAI_VERIFY_OK(m_qris->createOrder(orderRequest(customer(3)), opts, tell));
    auto full = m_qris->createDeposit(depositRequest(customer(4), kPrice), opts, tell);
    QVERIFY(!full);
    QCOMPARE(full.error().code, QStringLiteral("qris.no_code"));

    // A deposit of Rp25.001 may use codes 1..3 = 25.002..25.004, of which only 25.004 is free.
    auto shifted = m_qris->createDeposit(depositRequest(customer(5), kPrice + 1), opts, tell);
    KEDAI_VERIFY_OK(shifted);
    QCOMPARE(shifted->payment.uniqueCode, 3);
    QCOMPARE(shifted->payment.payable, kPrice + 4);
    QCOMPARE(test::count(*m_db, QStringLiteral("qris_payments"), QStringLiteral("status = 'pending'")), 4);
    checkInvariants();
}

void TestQris::recentlyClosedCodesAreReusedLast()
{
    // Twenty codes for deposits of Rp25.000: nineteen customers hold one each, eighteen cancel.
    // A late transfer of a cancelled amount should not meet a new payment, so the next one takes
    // the code never used (a random pick among the 19 free codes would hit a recently closed
    // one 18 times in 19), and the closed codes are given out only when nothing else is free.
    constexpr int kCodes = 20;
    const QrisOptions opts = options(kCodes);
    QSet<Rupiah> neverUsed;
    for (Rupiah code = 1; code <= kCodes; ++code)
        neverUsed.insert(code);
    QList<domain::Customer> holders;
    for (int i = 1; i < kCodes; ++i) {
        holders << customer(i);
        auto r = m_qris->createDeposit(depositRequest(holders.last(), kPrice), opts, tell);
        KEDAI_VERIFY_OK(r);
        neverUsed.remove(r->payment.uniqueCode);
    }
    QCOMPARE(neverUsed.size(), 1);
    QSet<Rupiah> closed;
    for (int i = 0; i < kCodes - 2; ++i) {
        auto r = m_qris->cancel(holders.at(i).id, QStringLiteral("customer:x"), tell);
        KEDAI_VERIFY_OK(r);
        closed.insert(r->payment.uniqueCode);
    }

    at(kMinute);
    auto next = m_qris->createDeposit(depositRequest(customer(100), kPrice), opts, tell);
    KEDAI_VERIFY_OK(next);
    QCOMPARE(next->payment.uniqueCode, *neverUsed.cbegin());
    QSet<Rupiah> reused;
    for (int i = 0; i < kCodes - 2; ++i) {
        auto r = m_qris->createDeposit(depositRequest(customer(101 + i), kPrice), opts, tell);
        KEDAI_VERIFY_OK(r);
        reused.insert(r->payment.uniqueCode);
    }
    QCOMPARE(reused, closed);
    auto full = m_qris->createDeposit(depositRequest(customer(200), kPrice), opts, tell);
    QVERIFY(!full);
    QCOMPARE(full.error().code, QStringLiteral("qris.no_code"));
    checkInvariants();
}

// ---- Cancel, manual confirmation, the queue

void TestQris::cancelReleases()
{
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 3), options(1), tell);
    KEDAI_VERIFY_OK(created);
    at(kMinute);
    auto cancelled = m_qris->cancel(m_customer.id, QStringLiteral("customer:") + m_customer.phone, tell);
    KEDAI_VERIFY_OK(cancelled);
    QCOMPARE(cancelled->kind, QrisEvent::Kind::Cancelled);
    QCOMPARE(cancelled->payment.ref, created->payment.ref);
    QCOMPARE(cancelled->order.status, domain::OrderStatus::Cancelled);
    const auto p = payment(created->payment.ref);
    QCOMPARE(p.status, QrisStatus::Cancelled);
    QCOMPARE(p.closedBy, QStringLiteral("customer:") + m_customer.phone);
    QCOMPARE(p.closedAt, kStart.addMSecs(kMinute));
    QCOMPARE(orderStatus(created->order.id), QStringLiteral("cancelled"));
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'")), 5);
    QCOMPARE(sent(QStringLiteral("cancelled"), created->payment.ref), 1);
    QVERIFY(!m_qris->pendingFor(m_customer.id)->has_value());

    const auto idle = customer(9);
    const Snapshot before = snapshot();
    auto twice = m_qris->cancel(m_customer.id, QStringLiteral("customer:x"), tell);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, QStringLiteral("qris.nothing_pending"));
    auto nobody = m_qris->cancel(idle.id, QStringLiteral("customer:x"), tell);
    QVERIFY(!nobody);
    QCOMPARE(nobody.error().code, QStringLiteral("qris.nothing_pending"));
    QCOMPARE(snapshot(), before);

    // Its items and its only code serve the next customer at once (had the items stayed
    // reserved, only 2 of the 5 would be left).
    auto next = m_qris->createOrder(orderRequest(customer(1), QStringLiteral("NF1"), 3), options(1), tell);
    KEDAI_VERIFY_OK(next);
    QCOMPARE(next->payment.payable, created->payment.payable);
    checkInvariants();
}

void TestQris::confirmDeliversOnce()
{
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), options(), tell);
    KEDAI_VERIFY_OK(created);
    const QString ref = created->payment.ref;
    at(3 * kMinute);
    const Snapshot before = snapshot();
    for (const QString &note : {QString(), QStringLiteral("   ")}) {
        auto r = m_qris->confirm(ref, QStringLiteral("owner:62811"), note, tell);
        QVERIFY(!r);
        QCOMPARE(r.error().code, QStringLiteral("qris.note_required"));
    }
    auto unknown = m_qris->confirm(QStringLiteral("KD000000ZZZZZZ"), QStringLiteral("owner:62811"),
                                   QStringLiteral("seen"), tell);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, QStringLiteral("qris.not_found"));
    QCOMPARE(snapshot(), before);

    auto r = m_qris->confirm(ref.toLower(), QStringLiteral("owner:62811"), QStringLiteral(" seen in the bank app "),
                             tell);
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->kind, QrisEvent::Kind::Paid);
    QCOMPARE(r->order.items.size(), 2);
    const auto p = payment(ref);
    QCOMPARE(p.status, QrisStatus::Paid);
    QCOMPARE(p.closedBy, QStringLiteral("owner:62811"));
    QCOMPARE(p.note, QStringLiteral("seen in the bank app"));
    QCOMPARE(p.notificationId, 0);
    QCOMPARE(orderStatus(created->order.id), QStringLiteral("delivered"));
    QCOMPARE(items(created->order.id, QStringLiteral("sold")), 2);
    QCOMPARE(sent(QStringLiteral("paid"), ref), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("audit_log"), QStringLiteral("actor = ? AND action = 'qris.paid'"),
                         {QStringLiteral("owner:62811")}),
             1);

    // A second confirmation (or the notification arriving after all) delivers nothing again.
    const Snapshot paid = snapshot();
    auto second = m_qris->confirm(ref, QStringLiteral("staff:ani"), QStringLiteral("again"), tell);
    QVERIFY(!second);
    QCOMPARE(second.error().code, QStringLiteral("qris.already_paid"));
    QCOMPARE(second.error().details.value(QStringLiteral("status")).toString(), QStringLiteral("paid"));
    QCOMPARE(snapshot(), paid);
    auto n = m_qris->recordNotification(money(created->payment.payable, kStart.addMSecs(2 * kMinute)), tell);
    KEDAI_VERIFY_OK(n);
    QCOMPARE(n->status, NotificationStatus::Unmatched);
    QCOMPARE(sent(QStringLiteral("paid"), ref), 1);
    QCOMPARE(items(created->order.id, QStringLiteral("sold")), 2);
    checkInvariants();
}

void TestQris::confirmExpiredCreditsSaldo()
{
    auto created = m_qris->createOrder(orderRequest(m_customer), options(), tell);
    KEDAI_VERIFY_OK(created);
    const QString ref = created->payment.ref;
    at(31 * kMinute);
    QCOMPARE(m_qris->expireDue(10, tell)->size(), 1);
    auto r = m_qris->confirm(ref, QStringLiteral("staff:ani"), QStringLiteral("paid late, screenshot"), tell);
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->kind, QrisEvent::Kind::LateCredited);
    QCOMPARE(r->credited, created->payment.payable);
    const auto p = payment(ref);
    QCOMPARE(p.status, QrisStatus::Credited);
    QCOMPARE(p.closedBy, QStringLiteral("staff:ani"));
    QCOMPARE(p.note, QStringLiteral("paid late, screenshot"));
    QCOMPARE(saldo(m_customer.id), created->payment.payable);
    QCOMPARE(orderStatus(created->order.id), QStringLiteral("expired"));
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'")), 5);
    auto ledger = CustomerRepository(m_db).ledger(m_customer.id, 10);
    QCOMPARE(ledger->size(), 1);
    QCOMPARE(ledger->first().kind, domain::LedgerKind::Deposit);
    QCOMPARE(ledger->first().actor, QStringLiteral("staff:ani"));
    QCOMPARE(sent(QStringLiteral("late_credited"), ref), 1);

    const Snapshot before = snapshot();
    auto again = m_qris->confirm(ref, QStringLiteral("staff:ani"), QStringLiteral("again"), tell);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("qris.already_paid"));
    QCOMPARE(snapshot(), before);
    checkInvariants();
}

void TestQris::assignNotification()
{
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), options(), tell);
    KEDAI_VERIFY_OK(created);
    const QString ref = created->payment.ref;
    at(5 * kMinute);
    // The customer paid the total but forgot the code: nothing matches, it is queued.
    auto forgot = m_qris->recordNotification(money(2 * kPrice, kStart.addMSecs(4 * kMinute)), tell);
    KEDAI_VERIFY_OK(forgot);
    QCOMPARE(forgot->status, NotificationStatus::Unmatched);
    QVERIFY(!forgot->event);
    auto queue = m_qris->notifications({{NotificationStatus::Unmatched}, 10});
    QCOMPARE(queue->size(), 1);
    QCOMPARE(payment(ref).status, QrisStatus::Pending);

    const Snapshot before = snapshot();
    auto noNote = m_qris->assignNotification(forgot->notificationId, ref, 0, QStringLiteral("staff:ani"), QString(),
                                             tell);
    QVERIFY(!noNote);
    QCOMPARE(noNote.error().code, QStringLiteral("qris.note_required"));
    auto missing = m_qris->assignNotification(987'654, ref, 0, QStringLiteral("staff:ani"), QStringLiteral("x"), tell);
    QVERIFY(!missing);
    QCOMPARE(missing.error().code, QStringLiteral("qris.notification_not_found"));
    auto noRef = m_qris->assignNotification(forgot->notificationId, QStringLiteral("KD000000ZZZZZZ"), 0,
                                            QStringLiteral("staff:ani"), QStringLiteral("x"), tell);
    QVERIFY(!noRef);
    QCOMPARE(noRef.error().code, QStringLiteral("qris.not_found"));
    auto ghost = m_qris->assignNotification(forgot->notificationId, QString(), 424242, QStringLiteral("staff:ani"),
                                            QStringLiteral("x"), tell);
    QVERIFY(!ghost);
    QCOMPARE(ghost.error().code, QStringLiteral("customer.not_found"));
    QCOMPARE(snapshot(), before);

    // To the pending order: it is paid and delivered.
    auto toOrder = m_qris->assignNotification(forgot->notificationId, ref, 0, QStringLiteral("staff:ani"),
                                              QStringLiteral("forgot the code"), tell);
    KEDAI_VERIFY_OK(toOrder);
    QCOMPARE(toOrder->kind, QrisEvent::Kind::Paid);
    QCOMPARE(payment(ref).status, QrisStatus::Paid);
    QCOMPARE(payment(ref).notificationId, forgot->notificationId);
    QCOMPARE(orderStatus(created->order.id), QStringLiteral("delivered"));
    QCOMPARE(items(created->order.id, QStringLiteral("sold")), 2);
    QCOMPARE(sent(QStringLiteral("paid"), ref), 1);
    auto record = notification(forgot->notificationId);
    QCOMPARE(record.status, NotificationStatus::Assigned);
    QCOMPARE(record.paymentRef, ref);
    QCOMPARE(record.resolvedBy, QStringLiteral("staff:ani"));
    QCOMPARE(record.note, QStringLiteral("forgot the code"));

    // Assigning it again does nothing.
    const Snapshot assigned = snapshot();
    auto twice = m_qris->assignNotification(forgot->notificationId, QString(), m_customer.id,
                                            QStringLiteral("staff:ani"), QStringLiteral("again"), tell);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, QStringLiteral("qris.notification_resolved"));
    QCOMPARE(snapshot(), assigned);

    // Money from someone who never asked: to a customer's saldo.
    const auto other = customer(1);
    auto stray = m_qris->recordNotification(money(33'333, kStart.addMSecs(5 * kMinute), QStringLiteral("ANDI")), tell);
    KEDAI_VERIFY_OK(stray);
    QCOMPARE(stray->status, NotificationStatus::Unmatched);
    auto toSaldo = m_qris->assignNotification(stray->notificationId, QString(), other.id, QStringLiteral("owner:62811"),
                                              QStringLiteral("Andi's transfer"), tell);
    KEDAI_VERIFY_OK(toSaldo);
    QCOMPARE(toSaldo->kind, QrisEvent::Kind::Deposited);
    QCOMPARE(toSaldo->credited, 33'333);
    QCOMPARE(saldo(other.id), 33'333);
    auto ledger = CustomerRepository(m_db).ledger(other.id, 10);
    QCOMPARE(ledger->size(), 1);
    QCOMPARE(ledger->first().kind, domain::LedgerKind::Deposit);
    QCOMPARE(ledger->first().delta, 33'333);
    QCOMPARE(ledger->first().actor, QStringLiteral("owner:62811"));
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("recipient = ? AND text LIKE ?"),
                         {other.phone, QStringLiteral("deposited|%")}),
             1);
    record = notification(stray->notificationId);
    QCOMPARE(record.status, NotificationStatus::Assigned);
    QCOMPARE(record.resolvedBy, QStringLiteral("owner:62811"));
    auto again = m_qris->assignNotification(stray->notificationId, QString(), other.id, QStringLiteral("owner:62811"),
                                            QStringLiteral("again"), tell);
    QVERIFY(!again);
    QCOMPARE(again.error().code, QStringLiteral("qris.notification_resolved"));
    QCOMPARE(saldo(other.id), 33'333);

    // To a payment that is already paid: refused, and the notification stays in the queue.
    auto third = m_qris->recordNotification(money(44'444, kStart.addMSecs(5 * kMinute), QStringLiteral("C")), tell);
    KEDAI_VERIFY_OK(third);
    auto toPaid = m_qris->assignNotification(third->notificationId, ref, 0, QStringLiteral("staff:ani"),
                                             QStringLiteral("wrong one"), tell);
    QVERIFY(!toPaid);
    QCOMPARE(toPaid.error().code, QStringLiteral("qris.already_paid"));
    QCOMPARE(notification(third->notificationId).status, NotificationStatus::Unmatched);

    // A notification without an amount cannot be assigned.
    IncomingNotification blank = money(1, kStart.addMSecs(5 * kMinute), QStringLiteral("?"));
    blank.amount.reset();
    auto noAmount = m_qris->recordNotification(blank, tell);
    KEDAI_VERIFY_OK(noAmount);
    auto refused = m_qris->assignNotification(noAmount->notificationId, QString(), other.id,
                                              QStringLiteral("staff:ani"), QStringLiteral("x"), tell);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("qris.notification_no_amount"));
    checkInvariants();
}

void TestQris::assignToDepositCreditsMoneyReceived_data()
{
    QTest::addColumn<bool>("expireFirst");
    QTest::addColumn<qint64>("amount");
    // Rp100.100 is more than any payable of the Rp100.000 deposit (codes 1..99), so it is queued
    // like the short amount, but it covers the payable: the bonus comes with it.
    QTest::newRow("deposit still pending") << false << 10'000LL;
    QTest::newRow("deposit expired") << true << 10'000LL;
    QTest::newRow("deposit still pending, amount covers the payable") << false << 100'100LL;
    QTest::newRow("deposit expired, amount covers the payable") << true << 100'100LL;
}

void TestQris::assignToDepositCreditsMoneyReceived()
{
    // Rp10.000 arrived without the code; staff assign it to the customer's Rp100.000 deposit.
    // Saldo is money received: the ledger must show Rp10.000, whether or not the sweeper has
    // expired the deposit yet, and no bonus, which is only for money that covers the payable.
    QFETCH(bool, expireFirst);
    QFETCH(qint64, amount);
    auto created = m_qris->createDeposit(depositRequest(m_customer, 100'000), options(99, QStringLiteral("2000/50000")),
                                         tell);
    KEDAI_VERIFY_OK(created);
    const domain::QrisPayment p = created->payment;
    QCOMPARE(p.bonus, 4000);
    const Rupiah bonus = amount >= p.payable ? p.bonus : 0;
    at(10 * kMinute);
    auto n = m_qris->recordNotification(money(amount, kStart.addMSecs(10 * kMinute)), tell);
    KEDAI_VERIFY_OK(n);
    QCOMPARE(n->status, NotificationStatus::Unmatched);
    if (expireFirst) {
        at(31 * kMinute);
        QCOMPARE(m_qris->expireDue(10, tell)->size(), 1);
    }
    auto r = m_qris->assignNotification(n->notificationId, p.ref, 0, QStringLiteral("staff:ani"),
                                        QStringLiteral("customer's screenshot"), tell);
    KEDAI_VERIFY_OK(r);
    checkInvariants();
    QCOMPARE(saldo(m_customer.id), amount + bonus);
    QCOMPARE(r->kind, expireFirst ? QrisEvent::Kind::LateCredited : QrisEvent::Kind::Deposited);
    QCOMPARE(r->credited, amount + bonus);
    QCOMPARE(r->saldoAfter, amount + bonus);
    QCOMPARE(r->notificationId, n->notificationId);
    QCOMPARE(payment(p.ref).status, expireFirst ? QrisStatus::Credited : QrisStatus::Paid);
    QCOMPARE(payment(p.ref).notificationId, n->notificationId);
    auto ledger = CustomerRepository(m_db).ledger(m_customer.id, 10);
    KEDAI_VERIFY_OK(ledger);
    QCOMPARE(ledger->size(), bonus > 0 ? 2 : 1);
    QHash<domain::LedgerKind, Rupiah> byKind;
    for (const auto &entry : *ledger) {
        QCOMPARE(entry.reference, p.ref);
        QCOMPARE(entry.actor, QStringLiteral("staff:ani"));
        byKind[entry.kind] += entry.delta;
    }
    QCOMPARE(byKind.value(domain::LedgerKind::Deposit), amount);
    QCOMPARE(byKind.value(domain::LedgerKind::Bonus), bonus);
    const auto record = notification(n->notificationId);
    QCOMPARE(record.status, NotificationStatus::Assigned);
    QCOMPARE(record.paymentRef, p.ref);
    QCOMPARE(sent(expireFirst ? QStringLiteral("late_credited") : QStringLiteral("deposited"), p.ref), 1);
    QCOMPARE(pendingCount(), 0);
}

QTEST_GUILESS_MAIN(TestQris)
#include "tst_qris.moc"
