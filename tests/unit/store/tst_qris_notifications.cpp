// QrisService: forwarded notifications (matching, repeats, the time window around a payment's
// life, late payments to saldo, what never pays, a storm of them on two instances) and the
// expiry sweep.

#include "store/customerrepository.h"
#include "store/qrisservice.h"

#include "qristestutil.h"

#include <QHash>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

using namespace kedai;
using namespace kedai::store;
using namespace kedai::store::qristest;

class TestQrisNotifications
    : public QObject
    , private QrisFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { test::addBackendRows(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void notificationPaysOrderOnce();
    void repeatWithoutPostedAtIsRecognised();
    void notificationTimeWindow_data();
    void notificationTimeWindow();
    void lateOrderPaymentIsCreditedToSaldo();
    void depositCreditsNominalCodeAndBonus();
    void lateDepositKeepsItsBonus();
    void failedDeliveryKeepsPaymentPending();
    void unparsedAndIgnoredNeverPay_data();
    void unparsedAndIgnoredNeverPay();
    void notificationStorm();

    void expireDueReleasesOnce();
    void expireDueSkipsAFailingPayment();
};

// ---- Notifications

void TestQrisNotifications::notificationPaysOrderOnce()
{
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), options(), tell);
    KEDAI_VERIFY_OK(created);
    const domain::QrisPayment p = created->payment;
    at(5 * kMinute);
    const IncomingNotification n = money(p.payable, kStart.addMSecs(4 * kMinute));
    auto paid = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(paid);
    QVERIFY(!paid->duplicate);
    QCOMPARE(paid->status, NotificationStatus::Matched);
    QVERIFY(paid->notificationId > 0);
    QVERIFY(paid->event);
    QCOMPARE(paid->event->kind, QrisEvent::Kind::Paid);
    QCOMPARE(paid->event->payment.ref, p.ref);
    QCOMPARE(paid->event->notificationId, paid->notificationId);
    QCOMPARE(paid->event->order.status, domain::OrderStatus::Delivered);
    QCOMPARE(paid->event->order.items,
             (QStringList{QStringLiteral("NF1-item-0|pw0"), QStringLiteral("NF1-item-1|pw1")}));

    // One transaction did it all: payment paid, order delivered, items sold, delivery queued.
    const domain::QrisPayment stored = payment(p.ref);
    QCOMPARE(stored.status, QrisStatus::Paid);
    QCOMPARE(stored.notificationId, paid->notificationId);
    QCOMPARE(stored.closedAt, kStart.addMSecs(5 * kMinute));
    QCOMPARE(stored.closedBy, QStringLiteral("system:listener"));
    QCOMPARE(orderStatus(created->order.id), QStringLiteral("delivered"));
    QCOMPARE(items(created->order.id, QStringLiteral("sold")), 2);
    QCOMPARE(items(created->order.id, QStringLiteral("reserved")), 0);
    QCOMPARE(sent(QStringLiteral("paid"), p.ref), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("text LIKE ? AND recipient = ?"),
                         {QStringLiteral("%NF1-item-1|pw1%"), m_customer.phone}),
             1);
    QCOMPARE(test::count(*m_db, QStringLiteral("ledger")), 0); // an order moves no saldo
    const auto record = notification(paid->notificationId);
    QCOMPARE(record.status, NotificationStatus::Matched);
    QCOMPARE(record.paymentRef, p.ref);
    QCOMPARE(record.amount, std::optional<Rupiah>(p.payable));
    QCOMPARE(record.postedAt, n.postedAt);
    QCOMPARE(record.receivedAt, kStart.addMSecs(5 * kMinute));
    QCOMPARE(record.repeats, 0);

    // The same notification again (the phone re-sent it): recognised, nothing happens.
    const Snapshot before = snapshot();
    for (int i = 1; i <= 2; ++i) {
        at(5 * kMinute + i * 1000);
        auto again = m_qris->recordNotification(n, tell);
        KEDAI_VERIFY_OK(again);
        QVERIFY(again->duplicate);
        QCOMPARE(again->notificationId, paid->notificationId);
        QCOMPARE(again->status, NotificationStatus::Matched);
        QVERIFY(!again->event);
    }
    QCOMPARE(snapshot(), before);
    QCOMPARE(notification(paid->notificationId).repeats, 2);

    // Another transfer of the same amount is new money: nothing waits for it, so it is queued.
    auto second = m_qris->recordNotification(money(p.payable, kStart.addMSecs(6 * kMinute), QStringLiteral("SITI")),
                                             tell);
    KEDAI_VERIFY_OK(second);
    QVERIFY(!second->duplicate);
    QCOMPARE(second->status, NotificationStatus::Unmatched);
    QVERIFY(!second->event);
    QCOMPARE(sent(QStringLiteral("paid"), p.ref), 1);
    checkInvariants();
}

void TestQrisNotifications::repeatWithoutPostedAtIsRecognised()
{
    // Without postedAt, the same text received again within a few minutes is the phone
    // re-sending it, also across the boundary of the dedup buckets (kStart is on one).
    auto created = m_qris->createOrder(orderRequest(m_customer), options(), tell);
    KEDAI_VERIFY_OK(created);
    const IncomingNotification n = money(created->payment.payable, QDateTime());
    at(5 * kMinute - 1000);
    auto first = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(first);
    QCOMPARE(first->status, NotificationStatus::Matched);
    for (const qint64 ms : {5 * kMinute + 1000, 9 * kMinute}) {
        at(ms);
        auto again = m_qris->recordNotification(n, tell);
        KEDAI_VERIFY_OK(again);
        QVERIFY(again->duplicate);
        QCOMPARE(again->notificationId, first->notificationId);
        QVERIFY(!again->event);
    }
    QCOMPARE(notification(first->notificationId).repeats, 2);
    // Much later the same text is another transfer; whatever it becomes, it pays nothing again.
    at(20 * kMinute);
    auto later = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(later);
    QVERIFY(!later->event);
    QCOMPARE(sent(QStringLiteral("paid"), created->payment.ref), 1);
    QCOMPARE(items(created->order.id, QStringLiteral("sold")), 1);
    checkInvariants();
}

void TestQrisNotifications::notificationTimeWindow_data()
{
    QTest::addColumn<qint64>("postedMs"); ///< after creation; kNoPostedAt: not sent
    QTest::addColumn<qint64>("receivedMs");
    QTest::addColumn<qint64>("sweepMs"); ///< when expireDue runs first; -1: not before the notification
    QTest::addColumn<QString>("notificationStatus");
    QTest::addColumn<QString>("paymentStatus");

    const qint64 skew = QrisService::kClockSkewMs;
    const qint64 expiry = 30 * kMinute;
    const qint64 late = QrisService::kLateWindowMs;
    QTest::newRow("posted before the payment existed") << -skew - 1000 << kMinute << -1LL << "unmatched"
                                                       << "pending";
    QTest::newRow("posted a little before: phone clock behind") << -skew + 1000 << kMinute << -1LL << "matched"
                                                                << "paid";
    QTest::newRow("posted in time") << 10 * kMinute << 10 * kMinute << -1LL << "matched"
                                    << "paid";
    QTest::newRow("posted at the deadline, arrived after") << expiry << expiry + kMinute << -1LL << "matched"
                                                           << "paid";
    QTest::newRow("phone clock ahead") << expiry + 10 * kMinute << 20 * kMinute << -1LL << "matched"
                                       << "paid";
    QTest::newRow("no postedAt, in time") << kNoPostedAt << 20 * kMinute << -1LL << "matched"
                                          << "paid";
    QTest::newRow("posted after expiry, before the sweep") << expiry + 1000 << expiry + kMinute << -1LL << "credited"
                                                           << "credited";
    QTest::newRow("posted after expiry, after the sweep")
        << expiry + 2 * kMinute << expiry + 2 * kMinute << expiry + kMinute << "credited"
        << "credited";
    QTest::newRow("no postedAt, after expiry") << kNoPostedAt << expiry + kMinute << -1LL << "credited"
                                               << "credited";
    QTest::newRow("posted in time, arrived after the sweep")
        << expiry - kMinute << expiry + 2 * kMinute << expiry + kMinute << "credited"
        << "credited";
    QTest::newRow("late, inside the late window")
        << expiry + late - 1000 << expiry + late << expiry + kMinute << "credited"
        << "credited";
    QTest::newRow("late, beyond the late window")
        << expiry + late + 1000 << expiry + late + 2000 << expiry + kMinute << "unmatched"
        << "expired";
}

void TestQrisNotifications::notificationTimeWindow()
{
    QFETCH(qint64, postedMs);
    QFETCH(qint64, receivedMs);
    QFETCH(qint64, sweepMs);
    QFETCH(QString, notificationStatus);
    QFETCH(QString, paymentStatus);
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), options(), tell);
    KEDAI_VERIFY_OK(created);
    const domain::QrisPayment p = created->payment;
    const qint64 orderId = created->order.id;
    if (sweepMs >= 0) {
        at(sweepMs);
        auto swept = m_qris->expireDue(100, tell);
        KEDAI_VERIFY_OK(swept);
        QCOMPARE(swept->size(), 1);
    }
    at(receivedMs);
    const QDateTime posted = postedMs == kNoPostedAt ? QDateTime() : kStart.addMSecs(postedMs);
    auto r = m_qris->recordNotification(money(p.payable, posted), tell);
    KEDAI_VERIFY_OK(r);
    QVERIFY(!r->duplicate);
    QCOMPARE(domain::notificationStatusName(r->status), notificationStatus);
    QCOMPARE(domain::qrisStatusName(payment(p.ref).status), paymentStatus);

    const bool paid = paymentStatus == QLatin1String("paid");
    const bool credited = paymentStatus == QLatin1String("credited");
    const bool pending = paymentStatus == QLatin1String("pending");
    QCOMPARE(r->event.has_value(), paid || credited);
    if (r->event) {
        QCOMPARE(r->event->kind, paid ? QrisEvent::Kind::Paid : QrisEvent::Kind::LateCredited);
        QCOMPARE(r->event->payment.ref, p.ref);
    }
    QCOMPARE(notification(r->notificationId).paymentRef, paid || credited ? p.ref : QString());
    QCOMPARE(sent(QStringLiteral("paid"), p.ref), paid ? 1 : 0);
    QCOMPARE(sent(QStringLiteral("late_credited"), p.ref), credited ? 1 : 0);
    QCOMPARE(sent(QStringLiteral("expired"), p.ref), paid || pending ? 0 : 1);
    QCOMPARE(orderStatus(orderId), paid      ? QStringLiteral("delivered")
                                   : pending ? QStringLiteral("pending")
                                             : QStringLiteral("expired"));
    QCOMPARE(items(orderId, QStringLiteral("sold")), paid ? 2 : 0);
    QCOMPARE(items(orderId, QStringLiteral("reserved")), pending ? 2 : 0);
    QCOMPARE(saldo(m_customer.id), credited ? p.payable : 0);
    checkInvariants();
}

void TestQrisNotifications::lateOrderPaymentIsCreditedToSaldo()
{
    auto created = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), options(), tell);
    KEDAI_VERIFY_OK(created);
    const domain::QrisPayment p = created->payment;
    at(40 * kMinute);
    const IncomingNotification n = money(p.payable, kStart.addMSecs(39 * kMinute));
    auto r = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->status, NotificationStatus::Credited);
    QVERIFY(r->event);
    QCOMPARE(r->event->kind, QrisEvent::Kind::LateCredited);
    QCOMPARE(r->event->credited, p.payable);
    QCOMPARE(r->event->saldoAfter, p.payable);
    QCOMPARE(r->event->order.status, domain::OrderStatus::Expired);

    const domain::QrisPayment stored = payment(p.ref);
    QCOMPARE(stored.status, QrisStatus::Credited);
    QCOMPARE(stored.notificationId, r->notificationId);
    QCOMPARE(orderStatus(created->order.id), QStringLiteral("expired"));
    // The items went back to stock: another customer can have them.
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("order_id = ?"), {created->order.id}), 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'")), 5);
    // The money is in the saldo, through the ledger.
    QCOMPARE(saldo(m_customer.id), p.payable);
    auto ledger = CustomerRepository(m_db).ledger(m_customer.id, 10);
    KEDAI_VERIFY_OK(ledger);
    QCOMPARE(ledger->size(), 1);
    QCOMPARE(ledger->first().kind, domain::LedgerKind::Deposit);
    QCOMPARE(ledger->first().delta, p.payable);
    QCOMPARE(ledger->first().reference, p.ref);
    QCOMPARE(sent(QStringLiteral("expired"), p.ref), 1);
    QCOMPARE(sent(QStringLiteral("late_credited"), p.ref), 1);

    // The repeat credits nothing more.
    const Snapshot before = snapshot();
    auto again = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(again);
    QVERIFY(again->duplicate);
    QCOMPARE(again->status, NotificationStatus::Credited);
    QCOMPARE(snapshot(), before);

    // A cancelled order paid afterwards goes to saldo too.
    const auto other = customer(1);
    auto second = m_qris->createOrder(orderRequest(other), options(), tell);
    KEDAI_VERIFY_OK(second);
    at(45 * kMinute);
    KEDAI_VERIFY_OK(m_qris->cancel(other.id, QStringLiteral("customer:x"), tell));
    at(50 * kMinute);
    auto late = m_qris->recordNotification(money(second->payment.payable, kStart.addMSecs(50 * kMinute)), tell);
    KEDAI_VERIFY_OK(late);
    QCOMPARE(late->status, NotificationStatus::Credited);
    QCOMPARE(payment(second->payment.ref).status, QrisStatus::Credited);
    QCOMPARE(saldo(other.id), second->payment.payable);
    QCOMPARE(orderStatus(second->order.id), QStringLiteral("cancelled"));
    checkInvariants();
}

void TestQrisNotifications::depositCreditsNominalCodeAndBonus()
{
    const auto rule = BonusRule::parse(QStringLiteral("2000/50000"));
    QVERIFY(rule);
    QrisOptions opts = options();
    opts.bonus = *rule;
    auto created = m_qris->createDeposit(depositRequest(m_customer, 100'000), opts, tell);
    KEDAI_VERIFY_OK(created);
    const domain::QrisPayment p = created->payment;
    QVERIFY(p.ref.startsWith(QLatin1String("DP")));
    QCOMPARE(p.purpose, domain::QrisPurpose::Deposit);
    QCOMPARE(p.amount, 100'000);
    QCOMPARE(p.bonus, 4000);
    QVERIFY(p.uniqueCode >= 1 && p.uniqueCode <= 99);
    QCOMPARE(p.payable, 100'000 + p.uniqueCode);
    QCOMPARE(p.orderId, 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("orders")), 0);
    QCOMPARE(sent(QStringLiteral("created"), p.ref), 1);
    QCOMPARE(saldo(m_customer.id), 0);

    at(3 * kMinute);
    auto r = m_qris->recordNotification(money(p.payable, kStart.addMSecs(2 * kMinute)), tell);
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->status, NotificationStatus::Matched);
    QVERIFY(r->event);
    QCOMPARE(r->event->kind, QrisEvent::Kind::Deposited);
    QCOMPARE(r->event->credited, p.payable + 4000);
    QCOMPARE(r->event->saldoAfter, p.payable + 4000);
    QCOMPARE(saldo(m_customer.id), p.payable + 4000);
    QCOMPARE(payment(p.ref).status, QrisStatus::Paid);
    auto ledger = CustomerRepository(m_db).ledger(m_customer.id, 10);
    KEDAI_VERIFY_OK(ledger);
    QCOMPARE(ledger->size(), 2);
    QHash<domain::LedgerKind, Rupiah> byKind;
    for (const auto &entry : *ledger) {
        QCOMPARE(entry.reference, p.ref);
        byKind[entry.kind] += entry.delta;
    }
    QCOMPARE(byKind.value(domain::LedgerKind::Deposit), p.payable);
    QCOMPARE(byKind.value(domain::LedgerKind::Bonus), 4000);
    QCOMPARE(sent(QStringLiteral("deposited"), p.ref), 1);
    QCOMPARE(pendingCount(), 0);
    checkInvariants();
}

void TestQrisNotifications::lateDepositKeepsItsBonus()
{
    QrisOptions opts = options(99, QStringLiteral("2000/50000"));
    auto created = m_qris->createDeposit(depositRequest(m_customer, 50'000), opts, tell);
    KEDAI_VERIFY_OK(created);
    const domain::QrisPayment p = created->payment;
    QCOMPARE(p.bonus, 2000);
    at(31 * kMinute);
    QCOMPARE(m_qris->expireDue(10, tell)->size(), 1);
    QCOMPARE(saldo(m_customer.id), 0);
    at(35 * kMinute);
    auto r = m_qris->recordNotification(money(p.payable, kStart.addMSecs(34 * kMinute)), tell);
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->status, NotificationStatus::Credited);
    QCOMPARE(r->event->credited, p.payable + 2000);
    QCOMPARE(saldo(m_customer.id), p.payable + 2000);
    QCOMPARE(payment(p.ref).status, QrisStatus::Credited);
    QCOMPARE(sent(QStringLiteral("late_credited"), p.ref), 1);
    checkInvariants();
}

void TestQrisNotifications::failedDeliveryKeepsPaymentPending()
{
    auto order = m_qris->createOrder(orderRequest(m_customer, QStringLiteral("NF1"), 2), options(), tell);
    const auto depositor = customer(1);
    auto deposit = m_qris->createDeposit(depositRequest(depositor, 50'000), options(), tell);
    KEDAI_VERIFY_OK(order);
    KEDAI_VERIFY_OK(deposit);
    at(2 * kMinute);
    const IncomingNotification forOrder = money(order->payment.payable, kStart.addMSecs(kMinute));
    const IncomingNotification forDeposit = money(deposit->payment.payable, kStart.addMSecs(kMinute));

    // The delivery cannot be made: the whole payment is undone, the notification included, so
    // the phone's retry is not mistaken for a repeat.
    const Snapshot before = snapshot();
    auto failed = m_qris->recordNotification(forOrder, failingOn(QrisEvent::Kind::Paid));
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, QStringLiteral("test.messenger_down"));
    auto failedDeposit = m_qris->recordNotification(forDeposit, failingOn(QrisEvent::Kind::Deposited));
    QVERIFY(!failedDeposit);
    QCOMPARE(snapshot(), before);
    QCOMPARE(payment(order->payment.ref).status, QrisStatus::Pending);
    QCOMPARE(items(order->order.id, QStringLiteral("reserved")), 2);
    QCOMPARE(saldo(depositor.id), 0);

    auto retry = m_qris->recordNotification(forOrder, tell);
    KEDAI_VERIFY_OK(retry);
    QVERIFY(!retry->duplicate);
    QCOMPARE(retry->status, NotificationStatus::Matched);
    auto retryDeposit = m_qris->recordNotification(forDeposit, tell);
    KEDAI_VERIFY_OK(retryDeposit);
    QCOMPARE(retryDeposit->status, NotificationStatus::Matched);
    QCOMPARE(items(order->order.id, QStringLiteral("sold")), 2);
    QCOMPARE(saldo(depositor.id), deposit->payment.payable);
    QCOMPARE(sent(QStringLiteral("paid"), order->payment.ref), 1);
    QCOMPARE(sent(QStringLiteral("deposited"), deposit->payment.ref), 1);
    checkInvariants();
}

void TestQrisNotifications::unparsedAndIgnoredNeverPay_data()
{
    QTest::addColumn<QString>("classification");
    QTest::newRow("unparsed") << "unparsed";
    QTest::newRow("ignored") << "ignored";
}

void TestQrisNotifications::unparsedAndIgnoredNeverPay()
{
    QFETCH(QString, classification);
    auto created = m_qris->createOrder(orderRequest(m_customer), options(), tell);
    KEDAI_VERIFY_OK(created);
    at(kMinute);
    // Even carrying the exact payable (an outgoing payment of that amount, say), it pays nothing.
    IncomingNotification n = money(created->payment.payable, kStart.addMSecs(kMinute));
    n.classification = *domain::parseNotificationStatus(classification);
    const Snapshot before = snapshot();
    auto r = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(r);
    QCOMPARE(domain::notificationStatusName(r->status), classification);
    QVERIFY(!r->event);
    QVERIFY(!r->duplicate);
    Snapshot expected = before;
    expected.notifications += 1;
    QCOMPARE(snapshot(), expected);
    QCOMPARE(payment(created->payment.ref).status, QrisStatus::Pending);
    const auto record = notification(r->notificationId);
    QCOMPARE(domain::notificationStatusName(record.status), classification);
    QCOMPARE(record.paymentId, 0);
    auto again = m_qris->recordNotification(n, tell);
    KEDAI_VERIFY_OK(again);
    QVERIFY(again->duplicate);
    QCOMPARE(domain::notificationStatusName(again->status), classification);
    // Not in the owner's queue either.
    auto assigned = m_qris->assignNotification(r->notificationId, created->payment.ref, 0, QStringLiteral("staff:ani"),
                                               QStringLiteral("try"), tell);
    QVERIFY(!assigned);
    QCOMPARE(assigned.error().code, QStringLiteral("qris.notification_resolved"));
    QCOMPARE(payment(created->payment.ref).status, QrisStatus::Pending);
    QCOMPARE(items(created->order.id, QStringLiteral("reserved")), 1);
    auto listed = m_qris->notifications({{*domain::parseNotificationStatus(classification)}, 10});
    KEDAI_VERIFY_OK(listed);
    QCOMPARE(listed->size(), 1);
    checkInvariants();
}

void TestQrisNotifications::notificationStorm()
{
    // 30 customers wait: 20 orders (1 or 2 items) and 10 deposits with a bonus. Every payment's
    // notification comes 3 times (the phone re-sends); 5 payments are paid twice (a second,
    // different transfer of the same amount); 5 transfers match nothing. All shuffled over 8
    // threads on two instances. Half carry postedAt, half do not (deduplicated by the time of
    // receipt).
    constexpr int kOrders = 20;
    constexpr int kDeposits = 10;
    constexpr int kRepeats = 3;
    constexpr int kThreads = 8;
    test::seedProduct(m_db, QStringLiteral("ST"), 40, 15'000);
    const QrisOptions opts = options(99, QStringLiteral("2000/50000"));
    QList<QrisEvent> waiting;
    QList<domain::Customer> owners;
    for (int i = 0; i < kOrders + kDeposits; ++i) {
        const auto c = customer(200 + i);
        auto r = i < kOrders ? m_qris->createOrder(orderRequest(c, QStringLiteral("ST"), 1 + i % 2), opts, tell)
                             : m_qris->createDeposit(depositRequest(c, 50'000 + (i - kOrders) * 10'000), opts, tell);
        KEDAI_VERIFY_OK(r);
        waiting << *r;
        owners << c;
    }
    at(5 * kMinute);
    QList<IncomingNotification> notes;
    QStringList expectedRef; // empty: matches nothing
    for (int i = 0; i < waiting.size(); ++i) {
        notes << money(waiting.at(i).payment.payable,
                       i % 2 == 0 ? kStart.addMSecs(2 * kMinute + i * 1000) : QDateTime(),
                       QStringLiteral("PELANGGAN %1").arg(i));
        expectedRef << waiting.at(i).payment.ref;
    }
    for (int i = 0; i < waiting.size(); i += 6) {
        notes << money(waiting.at(i).payment.payable, i % 4 == 0 ? kStart.addMSecs(4 * kMinute) : QDateTime(),
                       QStringLiteral("KEMBAR %1").arg(i));
        expectedRef << waiting.at(i).payment.ref;
    }
    // Amounts without their code, too small, too large: nobody waits for them.
    for (const Rupiah unknown : {Rupiah(15'000), Rupiah(30'000), Rupiah(50'000), Rupiah(7'777), Rupiah(1'000'001)}) {
        notes << money(unknown, unknown % 2 == 0 ? kStart.addMSecs(3 * kMinute) : QDateTime(), QStringLiteral("X"));
        expectedRef << QString();
    }
    std::vector<int> calls;
    for (int k = 0; k < notes.size(); ++k)
        calls.insert(calls.end(), kRepeats, k);
    std::shuffle(calls.begin(), calls.end(), std::mt19937(20260504));

    struct Outcome
    {
        QString error;
        bool duplicate = false;
        NotificationStatus status = NotificationStatus::Unparsed;
        qint64 id = 0;
        QString ref;
        std::optional<QrisEvent::Kind> kind;
    };
    std::vector<Outcome> outcomes(calls.size());
    const auto dbs = instances(true);
    together(dbs, kThreads, [&](int t) {
        QrisService qris(dbs.at(t % dbs.size()), m_clock);
        for (size_t i = size_t(t); i < calls.size(); i += kThreads) {
            auto r = qris.recordNotification(notes.at(calls[i]), tell);
            Outcome &o = outcomes[i];
            if (!r) {
                o.error = r.error().code;
                continue;
            }
            o.duplicate = r->duplicate;
            o.status = r->status;
            o.id = r->notificationId;
            if (r->event) {
                o.ref = r->event->payment.ref;
                o.kind = r->event->kind;
            }
        }
    });

    // Per notification: applied at most once, recognised twice, always the same row; every
    // payment taken by exactly one of the notifications of its amount.
    QHash<QString, int> matchedPerRef;
    for (int k = 0; k < notes.size(); ++k) {
        int firsts = 0, repeats = 0;
        QSet<qint64> ids;
        QSet<NotificationStatus> statuses;
        for (size_t i = 0; i < calls.size(); ++i) {
            if (calls[i] != k)
                continue;
            const Outcome &o = outcomes[i];
            QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
            ids.insert(o.id);
            statuses.insert(o.status);
            if (o.duplicate) {
                ++repeats;
                QVERIFY(!o.kind);
                continue;
            }
            ++firsts;
            QCOMPARE(o.kind.has_value(), o.status == NotificationStatus::Matched);
            if (o.kind) {
                QCOMPARE(o.ref, expectedRef.at(k));
                const bool isOrder = waiting.at(expectedRef.indexOf(o.ref)).payment.orderId > 0;
                QCOMPARE(*o.kind, isOrder ? QrisEvent::Kind::Paid : QrisEvent::Kind::Deposited);
                ++matchedPerRef[o.ref];
            } else {
                QCOMPARE(o.status, NotificationStatus::Unmatched);
            }
        }
        QCOMPARE(firsts, 1);
        QCOMPARE(repeats, kRepeats - 1);
        QCOMPARE(ids.size(), 1);
        QCOMPARE(statuses.size(), 1); // a repeat reports what the first one became
        const auto record = notification(*ids.cbegin());
        QCOMPARE(record.repeats, kRepeats - 1);
        QCOMPARE(record.status, *statuses.cbegin());
        QCOMPARE(record.paymentRef, record.status == NotificationStatus::Matched ? expectedRef.at(k) : QString());
    }
    for (const QrisEvent &w : std::as_const(waiting))
        QCOMPARE(matchedPerRef.value(w.payment.ref), 1);

    // Every payment paid once, told once, and the money and items where they belong.
    QCOMPARE(test::count(*m_db, QStringLiteral("payment_notifications")), qint64(notes.size()));
    QCOMPARE(test::count(*m_db, QStringLiteral("payment_notifications"), QStringLiteral("status = 'matched'")),
             qint64(waiting.size()));
    QCOMPARE(test::count(*m_db, QStringLiteral("payment_notifications"), QStringLiteral("status = 'unmatched'")),
             qint64(notes.size() - waiting.size()));
    int soldExpected = 0;
    for (int i = 0; i < waiting.size(); ++i) {
        const QrisEvent &w = waiting.at(i);
        QCOMPARE(payment(w.payment.ref).status, QrisStatus::Paid);
        if (i < kOrders) {
            soldExpected += w.order.qty;
            QCOMPARE(sent(QStringLiteral("paid"), w.payment.ref), 1);
            QCOMPARE(items(w.order.id, QStringLiteral("sold")), w.order.qty);
            QCOMPARE(saldo(owners.at(i).id), 0);
        } else {
            QCOMPARE(sent(QStringLiteral("deposited"), w.payment.ref), 1);
            QCOMPARE(saldo(owners.at(i).id), w.payment.payable + w.payment.bonus);
            QVERIFY(w.payment.bonus >= 2000);
        }
    }
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'sold'")), soldExpected);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")), 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), qint64(2 * waiting.size())); // created + paid/deposited
    QCOMPARE(pendingCount(), 0);
    checkInvariants();
}

// ---- Expiry

void TestQrisNotifications::expireDueReleasesOnce()
{
    QList<QrisEvent> created;
    for (int i = 1; i <= 3; ++i) {
        auto r = m_qris->createOrder(orderRequest(customer(i)), options(3), tell);
        KEDAI_VERIFY_OK(r);
        created << *r;
    }
    auto dep = m_qris->createDeposit(depositRequest(customer(4), 20'000), options(3), tell);
    KEDAI_VERIFY_OK(dep);
    created << *dep;
    at(10 * kMinute);
    auto later = m_qris->createOrder(orderRequest(customer(5)), options(4), tell); // code 4: the only one free
    KEDAI_VERIFY_OK(later);

    at(30 * kMinute - 1);
    auto none = m_qris->expireDue(100, tell);
    KEDAI_VERIFY_OK(none);
    QVERIFY(none->isEmpty());
    at(30 * kMinute); // exactly at the deadline
    auto firstTwo = m_qris->expireDue(2, tell);
    KEDAI_VERIFY_OK(firstTwo);
    QCOMPARE(firstTwo->size(), 2);
    auto rest = m_qris->expireDue(100, tell);
    KEDAI_VERIFY_OK(rest);
    QCOMPARE(rest->size(), 2);
    auto again = m_qris->expireDue(100, tell);
    KEDAI_VERIFY_OK(again);
    QVERIFY(again->isEmpty());

    QSet<QString> refs;
    for (const auto &e : *firstTwo + *rest) {
        QCOMPARE(e.kind, QrisEvent::Kind::Expired);
        QCOMPARE(e.payment.status, QrisStatus::Expired);
        refs.insert(e.payment.ref);
    }
    QCOMPARE(refs.size(), 4);
    for (const auto &c : std::as_const(created)) {
        QVERIFY(refs.contains(c.payment.ref));
        const auto p = payment(c.payment.ref);
        QCOMPARE(p.status, QrisStatus::Expired);
        QCOMPARE(p.closedBy, QStringLiteral("system:expiry"));
        QCOMPARE(p.closedAt, kStart.addMSecs(30 * kMinute));
        QCOMPARE(sent(QStringLiteral("expired"), c.payment.ref), 1);
        if (c.order.id > 0) {
            QCOMPARE(orderStatus(c.order.id), QStringLiteral("expired"));
            QCOMPARE(items(c.order.id, QStringLiteral("reserved")), 0);
        }
    }
    QCOMPARE(payment(later->payment.ref).status, QrisStatus::Pending);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'")), 4);

    // Codes released: three new orders of the same amount fit in codes 1..3 again, and the
    // customers whose payments expired may start a new one.
    for (int i = 1; i <= 3; ++i)
        KEDAI_VERIFY_OK(m_qris->createOrder(orderRequest(customer(i)), options(3), tell));
    checkInvariants();
}

void TestQrisNotifications::expireDueSkipsAFailingPayment()
{
    // Three payments due, oldest first (the order the sweep takes them in): an order, a deposit
    // and an order, all of Rp25.000, holding the three codes of options(3) between them.
    const QrisOptions opts = options(3);
    QList<QrisEvent> created;
    QStringList refs;
    for (int i = 0; i < 3; ++i) {
        at(i * kMinute);
        auto r = i == 1 ? m_qris->createDeposit(depositRequest(customer(i + 1), kPrice), opts, tell)
                        : m_qris->createOrder(orderRequest(customer(i + 1)), opts, tell);
        KEDAI_VERIFY_OK(r);
        created << *r;
        refs << r->payment.ref;
    }
    const QrisEvent stuck = created.at(0);
    at(40 * kMinute);

    // No customer can be told: every payment is tried all the same, none changes, and the sweep
    // reports the error.
    QStringList tried;
    const QrisMessenger down = failingOn(QrisEvent::Kind::Expired);
    const Snapshot before = snapshot();
    auto none = m_qris->expireDue(100, [&](const QrisEvent &e) {
        tried << e.payment.ref;
        return down(e);
    });
    QVERIFY(!none);
    QCOMPARE(none.error().code, QStringLiteral("test.messenger_down"));
    QCOMPARE(tried, refs);
    QCOMPARE(snapshot(), before);
    QCOMPARE(pendingCount(), 3);

    // Only the first customer cannot be told: the two after it are expired, once each.
    auto r = m_qris->expireDue(100, failingOn(QrisEvent::Kind::Expired, stuck.payment.ref));
    KEDAI_VERIFY_OK(r);
    QCOMPARE(r->size(), 2);
    QSet<QString> expired;
    for (const auto &e : *r) {
        QCOMPARE(e.kind, QrisEvent::Kind::Expired);
        QCOMPARE(e.payment.status, QrisStatus::Expired);
        expired.insert(e.payment.ref);
    }
    QCOMPARE(expired, (QSet<QString>{refs.at(1), refs.at(2)}));
    for (int i = 1; i < 3; ++i) {
        const QrisEvent &c = created.at(i);
        const auto p = payment(c.payment.ref);
        QCOMPARE(p.status, QrisStatus::Expired);
        QCOMPARE(p.closedBy, QStringLiteral("system:expiry"));
        QCOMPARE(p.closedAt, kStart.addMSecs(40 * kMinute));
        QCOMPARE(sent(QStringLiteral("expired"), c.payment.ref), 1);
        if (c.order.id > 0) {
            QCOMPARE(orderStatus(c.order.id), QStringLiteral("expired"));
            QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("order_id = ?"), {c.order.id}),
                     0);
        }
    }
    // The first keeps its item, its code and its customer's turn, and nobody was told otherwise.
    QCOMPARE(payment(stuck.payment.ref).status, QrisStatus::Pending);
    QCOMPARE(orderStatus(stuck.order.id), QStringLiteral("pending"));
    QCOMPARE(items(stuck.order.id, QStringLiteral("reserved")), 1);
    QCOMPARE(sent(QStringLiteral("expired"), stuck.payment.ref), 0);
    QCOMPARE(pendingCount(), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'reserved'")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("stock_items"), QStringLiteral("status = 'available'")), 4);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox")), 3 + 2);
    checkInvariants();

    // The released codes serve the next two payments of the amount; the first's is still held.
    QSet<Rupiah> reused;
    for (int i = 4; i <= 5; ++i) {
        auto next = m_qris->createOrder(orderRequest(customer(i)), opts, tell);
        KEDAI_VERIFY_OK(next);
        reused.insert(next->payment.payable);
    }
    QCOMPARE(reused, (QSet<Rupiah>{created.at(1).payment.payable, created.at(2).payment.payable}));
    auto full = m_qris->createOrder(orderRequest(customer(6)), opts, tell);
    QVERIFY(!full);
    QCOMPARE(full.error().code, QStringLiteral("qris.no_code"));

    // With the messenger back, the next sweep expires the first, once.
    auto retry = m_qris->expireDue(100, tell);
    KEDAI_VERIFY_OK(retry);
    QCOMPARE(retry->size(), 1);
    QCOMPARE(retry->first().payment.ref, stuck.payment.ref);
    QCOMPARE(payment(stuck.payment.ref).status, QrisStatus::Expired);
    QCOMPARE(items(stuck.order.id, QStringLiteral("reserved")), 0);
    QCOMPARE(sent(QStringLiteral("expired"), stuck.payment.ref), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("text LIKE 'expired|%'")), 3);
    checkInvariants();
}

QTEST_GUILESS_MAIN(TestQrisNotifications)
#include "tst_qris_notifications.moc"
