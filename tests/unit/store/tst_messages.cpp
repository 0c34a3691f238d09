#include "store/messagerepository.h"
#include "store/sqlutil.h"

#include "storetestutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <vector>

using namespace kedai;
using namespace kedai::store;

namespace {

domain::InboundMessage inbound(const QString &channel, const QString &externalId,
                               const QString &text = QStringLiteral("menu"))
{
    domain::InboundMessage m;
    m.channel = channel;
    m.externalId = externalId;
    m.from = QStringLiteral("628123456");
    m.name = QStringLiteral("Budi");
    m.text = text;
    m.receivedAt = QDateTime::currentDateTimeUtc();
    return m;
}

domain::OutboundMessage outbound(const QString &to, const QString &text,
                                 const QString &channel = QStringLiteral("simulator"))
{
    domain::OutboundMessage m;
    m.channel = channel;
    m.to = to;
    m.text = text;
    return m;
}

} // namespace

class TestMessages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void inboundIsDeduplicatedPerChannel();
    void inboundRoundTrip();
    void invalidInboundIsRefused();
    void markInboundProcessed();
    void enqueueValidates();
    void claimDueClaimsOnce();
    void claimDueRespectsNextAttempt();
    void markSentRetryFailed();
    void markSentManyRecordsABatch();
    void requeueStuckTakesOnlyOldClaims();
    void twoSendersNeverClaimTheSameMessage();
    void sentToFilters();
    void recordDeliveryMovesForwardOnly_data();
    void recordDeliveryMovesForwardOnly();
    void recordDeliveryFailureKeepsCodeAndError();
    void recordDeliveryUnknownMessageOrStatus();
    void deferKeepsFirstAttemptUnclaimedUntilItsTime();
    void retryAndFailureStoreErrorCode();
    void lastInteractiveOnlyWhenLatestAndRecent();
    void inboundMediaRoundTrip();
    void deadInstancesClaimsAreRequeued();

private:
    /// A message sent on `channel` that the channel knows as `externalId`.
    qint64 sentMessage(const QString &channel, const QString &externalId);
    domain::OutboundMessage sentRow(const QString &channel, qint64 id);

    std::unique_ptr<test::TestDatabase> m_store;
    std::shared_ptr<Database> m_db;
};

void TestMessages::initTestCase_data()
{
    test::addBackendRows();
}

void TestMessages::init()
{
    KEDAI_OPEN_TEST_DB(m_store, m_db);
}

void TestMessages::cleanup()
{
    m_db.reset();
    m_store.reset();
}

void TestMessages::inboundIsDeduplicatedPerChannel()
{
    MessageRepository messages(m_db);
    auto first = messages.insertInbound(inbound(QStringLiteral("whatsapp"), QStringLiteral("wamid.1")));
    QVERIFY(first);
    QVERIFY(first->has_value());
    auto again = messages.insertInbound(
        inbound(QStringLiteral("whatsapp"), QStringLiteral("wamid.1"), QStringLiteral("buy NF1")));
    QVERIFY2(again, "a duplicate is not an error");
    QVERIFY(!again->has_value());
    auto otherChannel = messages.insertInbound(inbound(QStringLiteral("waha"), QStringLiteral("wamid.1")));
    QVERIFY(otherChannel && otherChannel->has_value());
    QVERIFY(**otherChannel != **first);
    QCOMPARE(test::count(*m_db, QStringLiteral("inbox")), 2);
    QCOMPARE(test::count(*m_db, QStringLiteral("inbox"), QStringLiteral("text = 'buy NF1'")), 0);
}

void TestMessages::inboundRoundTrip()
{
    MessageRepository messages(m_db);
    domain::InboundMessage m = inbound(QStringLiteral("simulator"), QStringLiteral("sim-1"), QStringLiteral("saldo"));
    m.type = domain::MessageType::Image;
    m.mediaPath = QStringLiteral("/tmp/x.jpg");
    auto id = messages.insertInbound(m);
    QVERIFY(id && id->has_value());
    QVERIFY(messages.insertInbound(inbound(QStringLiteral("simulator"), QStringLiteral("sim-2"))));
    auto pending = messages.unprocessedInbound();
    QVERIFY(pending);
    QCOMPARE(pending->size(), 2);
    const domain::InboundMessage &back = pending->first();
    QCOMPARE(back.id, **id);
    QCOMPARE(back.channel, m.channel);
    QCOMPARE(back.externalId, m.externalId);
    QCOMPARE(back.from, m.from);
    QCOMPARE(back.name, m.name);
    QCOMPARE(back.type, domain::MessageType::Image);
    QCOMPARE(back.text, m.text);
    QCOMPARE(back.mediaPath, m.mediaPath);
    QCOMPARE(back.receivedAt.toMSecsSinceEpoch(), m.receivedAt.toMSecsSinceEpoch());
}

void TestMessages::invalidInboundIsRefused()
{
    MessageRepository messages(m_db);
    auto r = messages.insertInbound(inbound(QStringLiteral("whatsapp"), QString()));
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("inbox.invalid"));
    QCOMPARE(test::count(*m_db, QStringLiteral("inbox")), 0);
}

void TestMessages::markInboundProcessed()
{
    MessageRepository messages(m_db);
    const qint64 a = **messages.insertInbound(inbound(QStringLiteral("simulator"), QStringLiteral("a")));
    const qint64 b = **messages.insertInbound(inbound(QStringLiteral("simulator"), QStringLiteral("b")));
    QVERIFY(messages.markInboundProcessed(a, QStringLiteral("done")));
    QCOMPARE(messages.markInboundProcessed(b, QStringLiteral("bogus")).error().code, QStringLiteral("inbox.invalid"));
    QCOMPARE(messages.markInboundProcessed(999, QStringLiteral("done")).error().code,
             QStringLiteral("inbox.not_found"));
    auto pending = messages.unprocessedInbound();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->first().id, b);
}

void TestMessages::enqueueValidates()
{
    MessageRepository messages(m_db);
    QCOMPARE(messages.enqueue(outbound(QString(), QStringLiteral("hi"))).error().code,
             QStringLiteral("outbox.invalid"));
    QCOMPARE(messages.enqueue(outbound(QStringLiteral("628"), QString())).error().code,
             QStringLiteral("outbox.invalid"));
    QCOMPARE(messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("x"), QString())).error().code,
             QStringLiteral("outbox.invalid"));
    domain::OutboundMessage image = outbound(QStringLiteral("628"), QString());
    image.type = domain::MessageType::Image;
    image.mediaPath = QStringLiteral("/data/qr/KD1.png");
    QVERIFY(messages.enqueue(image));
    QCOMPARE(*messages.pendingOutboxCount(), 1);
}

void TestMessages::claimDueClaimsOnce()
{
    MessageRepository messages(m_db);
    const qint64 inboxId = **messages.insertInbound(inbound(QStringLiteral("simulator"), QStringLiteral("q")));
    domain::OutboundMessage reply = outbound(QStringLiteral("628123456"), QStringLiteral("first"));
    reply.inboxId = inboxId;
    const qint64 first = *messages.enqueue(reply);
    const qint64 second = *messages.enqueue(outbound(QStringLiteral("628123456"), QStringLiteral("second")));
    const qint64 third = *messages.enqueue(outbound(QStringLiteral("628999"), QStringLiteral("third")));
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(1);

    auto claimed = messages.claimDue(2, now);
    QVERIFY(claimed);
    QCOMPARE(claimed->size(), 2);
    QCOMPARE(claimed->at(0).id, first);
    QCOMPARE(claimed->at(1).id, second);
    QCOMPARE(claimed->at(0).status, QStringLiteral("sending"));
    QCOMPARE(claimed->at(0).inboxId, inboxId);
    QCOMPARE(claimed->at(0).text, QStringLiteral("first"));

    auto rest = messages.claimDue(10, now);
    QCOMPARE(rest->size(), 1);
    QCOMPARE(rest->first().id, third);
    QVERIFY(messages.claimDue(10, now)->isEmpty());
    QCOMPARE(*messages.pendingOutboxCount(), 3); // sending still counts as waiting
}

void TestMessages::claimDueRespectsNextAttempt()
{
    MessageRepository messages(m_db);
    const qint64 id = *messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("x")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // A new message is due at once, even for a sender whose clock lags behind (a test clock).
    QCOMPARE(messages.claimDue(10, now.addSecs(-3600))->size(), 1);
    QVERIFY(messages.markRetry(id, QStringLiteral("timeout"), now.addSecs(30)));
    QCOMPARE(messages.claimDue(10, now.addSecs(29))->size(), 0);
    auto due = messages.claimDue(10, now.addSecs(31));
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().attempts, 1);
    QCOMPARE(due->first().lastError, QStringLiteral("timeout"));
}

void TestMessages::markSentRetryFailed()
{
    MessageRepository messages(m_db);
    const qint64 id = *messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("x")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(messages.claimDue(10, now.addSecs(1)));
    QVERIFY(messages.markRetry(id, QStringLiteral("503"), now));
    QVERIFY(messages.claimDue(10, now.addSecs(1)));
    QVERIFY(messages.markFailed(id, QStringLiteral("permanent: bad number")));
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("status = 'failed' AND attempts = 2")), 1);
    QCOMPARE(*messages.pendingOutboxCount(), 0);

    const qint64 ok = *messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("y")));
    QVERIFY(messages.claimDue(10, now.addSecs(1)));
    QVERIFY(messages.markSent(ok, QStringLiteral("wamid.out.1"), now));
    auto sent = messages.sentTo(QStringLiteral("simulator"), QStringLiteral("628"), 0);
    QCOMPARE(sent->size(), 1);
    QCOMPARE(sent->first().id, ok);
    QCOMPARE(sent->first().status, QStringLiteral("sent"));
    QCOMPARE(sent->first().externalId, QStringLiteral("wamid.out.1"));
    QCOMPARE(sent->first().sentAt.toMSecsSinceEpoch(), now.toMSecsSinceEpoch());

    QCOMPARE(messages.markSent(999, {}, now).error().code, QStringLiteral("outbox.not_found"));
    QCOMPARE(messages.markRetry(999, {}, now).error().code, QStringLiteral("outbox.not_found"));
    QCOMPARE(messages.markFailed(999, {}).error().code, QStringLiteral("outbox.not_found"));
}

void TestMessages::markSentManyRecordsABatch()
{
    MessageRepository messages(m_db);
    QList<MessageRepository::SentReceipt> receipts;
    for (int i = 0; i < 3; ++i)
        receipts << MessageRepository::SentReceipt{*messages.enqueue(
                                                       outbound(QStringLiteral("629"), QStringLiteral("m%1").arg(i))),
                                                   i == 1 ? QString() : QStringLiteral("ext-%1").arg(i)};
    const qint64 untouched = *messages.enqueue(outbound(QStringLiteral("629"), QStringLiteral("later")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(messages.claimDue(10, now.addSecs(1))->size(), 4);
    QVERIFY(messages.markSentMany(receipts, now));
    auto sent = messages.sentTo(QStringLiteral("simulator"), QStringLiteral("629"), 0);
    QCOMPARE(sent->size(), 3);
    QCOMPARE(sent->at(0).externalId, QStringLiteral("ext-0"));
    QCOMPARE(sent->at(1).externalId, QString());
    QCOMPARE(sent->at(2).externalId, QStringLiteral("ext-2"));
    QCOMPARE(sent->at(2).sentAt.toMSecsSinceEpoch(), now.toMSecsSinceEpoch());
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"),
                         QStringLiteral("id = %1 AND status = 'sending'").arg(untouched)),
             1);
    // A receipt for a message that does not exist is an error, not a silent success.
    QCOMPARE(messages.markSentMany({{999'999, QStringLiteral("x")}}, now).error().code,
             QStringLiteral("outbox.not_found"));
    QVERIFY(messages.markSentMany({}, now));
}

void TestMessages::requeueStuckTakesOnlyOldClaims()
{
    MessageRepository messages(m_db);
    const qint64 a = *messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("a")));
    QVERIFY(messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("b"))));
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(1);
    QCOMPARE(messages.claimDue(10, later)->size(), 2);
    QCOMPARE(messages.claimDue(10, later)->size(), 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("claimed_at IS NOT NULL")), 2);

    // Claimed just now, as by another instance that is sending them: they stay with it.
    QCOMPARE(*messages.requeueStuck(), 0);
    // Claimed an hour ago, as by an instance that crashed before it could send.
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE outbox SET claimed_at = ? WHERE id = ?"),
                       {sql::toDb(QDateTime::currentDateTimeUtc().addSecs(-3600)), a}));
    QCOMPARE(*messages.requeueStuck(), 1);
    auto again = messages.claimDue(10, later);
    QCOMPARE(again->size(), 1);
    QCOMPARE(again->first().id, a);
    QCOMPARE(*messages.requeueStuck(std::chrono::milliseconds(0)), 2);
    QCOMPARE(*messages.requeueStuck(std::chrono::milliseconds(0)), 0);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("claimed_at IS NULL AND status = 'pending'")),
             2);
}

void TestMessages::twoSendersNeverClaimTheSameMessage()
{
    // Senders of two instances (two Database instances: two sets of connections, as two kedaid
    // processes have) drain one outbox at the same time.
    constexpr int kMessages = 200;
    constexpr int kThreads = 4;
    MessageRepository messages(m_db);
    for (int i = 0; i < kMessages; ++i)
        QVERIFY(messages.enqueue(outbound(QStringLiteral("628%1").arg(i % 7), QStringLiteral("m%1").arg(i))));
    auto other = m_store->open();
    QVERIFY(other);
    const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(1);

    std::vector<QList<qint64>> claimed(kThreads);
    std::atomic<int> errors{0};
    QSemaphore go;
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back(QThread::create([&, t] {
            MessageRepository sender(t % 2 == 0 ? m_db : other);
            go.acquire();
            for (;;) {
                auto batch = sender.claimDue(7, later);
                if (!batch) {
                    ++errors;
                    return;
                }
                if (batch->isEmpty())
                    return;
                for (const auto &m : batch.value())
                    claimed[t] << m.id;
            }
        }));
        threads.back()->start();
    }
    go.release(kThreads);
    for (auto &t : threads)
        QVERIFY(t->wait(60'000));
    QCOMPARE(errors.load(), 0);
    QSet<qint64> unique;
    qsizetype total = 0;
    for (const auto &ids : claimed) {
        total += ids.size();
        for (qint64 id : ids)
            unique.insert(id);
    }
    QCOMPARE(total, kMessages);
    QCOMPARE(unique.size(), kMessages);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("status = 'sending'")), kMessages);
}

void TestMessages::sentToFilters()
{
    MessageRepository messages(m_db);
    QList<qint64> ids;
    const QList<QPair<QString, QString>> rows{{QStringLiteral("simulator"), QStringLiteral("628111")},
                                              {QStringLiteral("simulator"), QStringLiteral("628222")},
                                              {QStringLiteral("whatsapp"), QStringLiteral("628111")},
                                              {QStringLiteral("simulator"), QStringLiteral("628111")},
                                              {QStringLiteral("simulator"), QStringLiteral("628111")}};
    for (const auto &[channel, to] : rows)
        ids << *messages.enqueue(outbound(to, QStringLiteral("msg to ") + to, channel));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(messages.claimDue(10, now.addSecs(1))->size(), 5);
    for (int i = 0; i < 4; ++i) // the last one stays in "sending": not visible yet
        QVERIFY(messages.markSent(ids.at(i), {}, now));

    auto all = messages.sentTo(QStringLiteral("simulator"), QStringLiteral("628111"), 0);
    QVERIFY(all);
    QCOMPARE(all->size(), 2);
    QCOMPARE(all->at(0).id, ids.at(0));
    QCOMPARE(all->at(1).id, ids.at(3));
    auto after = messages.sentTo(QStringLiteral("simulator"), QStringLiteral("628111"), ids.at(0));
    QCOMPARE(after->size(), 1);
    QCOMPARE(after->first().id, ids.at(3));
    QCOMPARE(messages.sentTo(QStringLiteral("simulator"), QStringLiteral("628111"), ids.at(3))->size(), 0);
    QCOMPARE(messages.sentTo(QStringLiteral("simulator"), QStringLiteral("628222"), 0)->size(), 1);
    QCOMPARE(messages.sentTo(QStringLiteral("whatsapp"), QStringLiteral("628111"), 0)->size(), 1);
    QCOMPARE(messages.sentTo(QStringLiteral("simulator"), QStringLiteral("628111"), 0, 1)->size(), 1);
}

qint64 TestMessages::sentMessage(const QString &channel, const QString &externalId)
{
    MessageRepository messages(m_db);
    auto id = messages.enqueue(outbound(QStringLiteral("628555"), QStringLiteral("pesanan"), channel));
    if (!id)
        return 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!messages.claimDue(100, now.addSecs(1)) || !messages.markSent(*id, externalId, now))
        return 0;
    return *id;
}

domain::OutboundMessage TestMessages::sentRow(const QString &channel, qint64 id)
{
    MessageRepository messages(m_db);
    auto sent = messages.sentTo(channel, QStringLiteral("628555"), id - 1, 1);
    if (!sent || sent->isEmpty() || sent->first().id != id)
        return {};
    return sent->first();
}

void TestMessages::recordDeliveryMovesForwardOnly_data()
{
    QTest::addColumn<QStringList>("arrivals");
    QTest::addColumn<QString>("expected");
    // Every arrival order of the four statuses, and of the first three: the furthest one wins.
    for (const QString &last : {QStringLiteral("played"), QStringLiteral("read")}) {
        QStringList statuses{QStringLiteral("delivered"), QStringLiteral("read"), QStringLiteral("sent")};
        if (last == QLatin1String("played"))
            statuses << QStringLiteral("played");
        std::sort(statuses.begin(), statuses.end());
        do {
            QTest::addRow("%s", qPrintable(statuses.join(QLatin1Char(',')))) << statuses << last;
        } while (std::next_permutation(statuses.begin(), statuses.end()));
    }
    QTest::newRow("failed after delivered is ignored")
        << QStringList{QStringLiteral("delivered"), QStringLiteral("failed")} << QStringLiteral("delivered");
    QTest::newRow("failed after read is ignored")
        << QStringList{QStringLiteral("sent"), QStringLiteral("read"), QStringLiteral("failed")}
        << QStringLiteral("read");
    QTest::newRow("failed after sent") << QStringList{QStringLiteral("sent"), QStringLiteral("failed")}
                                       << QStringLiteral("failed");
    // The webhooks of one message can arrive out of order: a late "sent" does not undo "failed".
    QTest::newRow("sent after failed") << QStringList{QStringLiteral("failed"), QStringLiteral("sent")}
                                       << QStringLiteral("failed");
}

void TestMessages::recordDeliveryMovesForwardOnly()
{
    QFETCH(QStringList, arrivals);
    QFETCH(QString, expected);
    MessageRepository messages(m_db);
    const qint64 id = sentMessage(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.7"));
    QVERIFY(id > 0);
    // Each status carries its own time, so the row shows which report it kept.
    const QDateTime base = QDateTime::currentDateTimeUtc().addSecs(-600);
    QDateTime expectedAt;
    for (int i = 0; i < arrivals.size(); ++i) {
        const QDateTime at = base.addSecs(i);
        auto r = messages.recordDelivery(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.7"), arrivals.at(i), at,
                                         arrivals.at(i) == QLatin1String("failed") ? 131026 : 0,
                                         QStringLiteral("Message undeliverable"));
        KEDAI_VERIFY_OK(r);
        QVERIFY2(r.value(), "a known message is reported as known, moved or not");
        if (arrivals.at(i) == expected)
            expectedAt = at;
    }
    const domain::OutboundMessage row = sentRow(QStringLiteral("whatsapp"), id);
    QCOMPARE(row.id, id);
    QCOMPARE(row.status, QStringLiteral("sent")); // the outbox status is not the delivery status
    QCOMPARE(row.delivery, expected);
    QCOMPARE(row.deliveryAt.toMSecsSinceEpoch(), expectedAt.toMSecsSinceEpoch());
    // An ignored "failed" leaves no error behind.
    QCOMPARE(row.errorCode, expected == QLatin1String("failed") ? 131026 : 0);
    QCOMPARE(row.lastError.isEmpty(), expected != QLatin1String("failed"));
}

void TestMessages::recordDeliveryFailureKeepsCodeAndError()
{
    MessageRepository messages(m_db);
    const qint64 id = sentMessage(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.8"));
    QVERIFY(id > 0);
    const QDateTime at = QDateTime::currentDateTimeUtc();
    auto r = messages.recordDelivery(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.8"),
                                     QStringLiteral("failed"), at, 131047, QStringLiteral("Re-engagement message"));
    KEDAI_VERIFY_OK(r);
    QVERIFY(r.value());
    domain::OutboundMessage row = sentRow(QStringLiteral("whatsapp"), id);
    QCOMPARE(row.delivery, QStringLiteral("failed"));
    QCOMPARE(row.errorCode, 131047);
    QCOMPARE(row.lastError, QStringLiteral("Re-engagement message"));
    QCOMPARE(row.deliveryAt.toMSecsSinceEpoch(), at.toMSecsSinceEpoch());
    // A second failure report replaces the first one's error.
    QVERIFY(*messages.recordDelivery(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.8"),
                                     QStringLiteral("failed"), at.addSecs(1), 131026, QStringLiteral("Undeliverable")));
    row = sentRow(QStringLiteral("whatsapp"), id);
    QCOMPARE(row.errorCode, 131026);
    QCOMPARE(row.lastError, QStringLiteral("Undeliverable"));
    // The status of a message with that id on another channel is not this message's.
    QVERIFY(
        !*messages.recordDelivery(QStringLiteral("waha"), QStringLiteral("wamid.out.8"), QStringLiteral("read"), at));
    QCOMPARE(sentRow(QStringLiteral("whatsapp"), id).delivery, QStringLiteral("failed"));
}

void TestMessages::recordDeliveryUnknownMessageOrStatus()
{
    MessageRepository messages(m_db);
    const qint64 id = sentMessage(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.9"));
    QVERIFY(id > 0);
    const QDateTime at = QDateTime::currentDateTimeUtc();
    // Sent before Kedai, or by another tool on the same number.
    auto unknown = messages.recordDelivery(QStringLiteral("whatsapp"), QStringLiteral("wamid.other"),
                                           QStringLiteral("read"), at);
    KEDAI_VERIFY_OK(unknown);
    QVERIFY(!unknown.value());
    auto unknownFailed = messages.recordDelivery(QStringLiteral("whatsapp"), QStringLiteral("wamid.other"),
                                                 QStringLiteral("failed"), at, 131047, QStringLiteral("x"));
    KEDAI_VERIFY_OK(unknownFailed);
    QVERIFY(!unknownFailed.value());
    auto empty = messages.recordDelivery(QStringLiteral("whatsapp"), QString(), QStringLiteral("read"), at);
    KEDAI_VERIFY_OK(empty);
    QVERIFY(!empty.value());

    auto bogus = messages.recordDelivery(QStringLiteral("whatsapp"), QStringLiteral("wamid.out.9"),
                                         QStringLiteral("seen"), at);
    QVERIFY(!bogus);
    QCOMPARE(bogus.error().code, QStringLiteral("outbox.invalid"));
    QVERIFY(bogus.error().message.contains(QLatin1String("seen")));
    QCOMPARE(sentRow(QStringLiteral("whatsapp"), id).delivery, QString());
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("delivery <> ''")), 0);
}

void TestMessages::deferKeepsFirstAttemptUnclaimedUntilItsTime()
{
    MessageRepository messages(m_db);
    const qint64 paced = *messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("paced")));
    const qint64 other = *messages.enqueue(outbound(QStringLiteral("629"), QStringLiteral("other")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(messages.claimDue(10, now)->size(), 2);
    KEDAI_VERIFY_OK(messages.defer({paced}, now.addSecs(30)));
    KEDAI_VERIFY_OK(messages.defer({}, now));
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("id = ? AND status = 'sending'"), {other}), 1);

    // Not before its time, though it was never tried, and whatever the sender's clock says.
    QCOMPARE(messages.claimDue(10, now.addSecs(-3600))->size(), 0);
    QCOMPARE(messages.claimDue(10, now)->size(), 0);
    QCOMPARE(messages.claimDue(10, now.addSecs(29))->size(), 0);
    auto due = messages.claimDue(10, now.addSecs(30));
    QVERIFY(due);
    QCOMPARE(due->size(), 1);
    QCOMPARE(due->first().id, paced);
    QCOMPARE(due->first().attempts, 0); // waiting is not an attempt
    QCOMPARE(due->first().lastError, QString());
    QCOMPARE(*messages.pendingOutboxCount(), 2);
}

void TestMessages::retryAndFailureStoreErrorCode()
{
    MessageRepository messages(m_db);
    const qint64 id = *messages.enqueue(outbound(QStringLiteral("628"), QStringLiteral("x")));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const auto errorCode = [&] {
        return test::scalar(*m_db, QStringLiteral("SELECT error_code FROM outbox WHERE id = ?"), {id});
    };
    QCOMPARE(messages.claimDue(10, now)->size(), 1);
    KEDAI_VERIFY_OK(messages.markRetry(id, QStringLiteral("rate limit hit"), now, 130429));
    QCOMPARE(errorCode(), 130429);
    QCOMPARE(messages.claimDue(10, now.addSecs(1))->first().errorCode, 130429);
    KEDAI_VERIFY_OK(messages.markRetry(id, QStringLiteral("timeout"), now));
    QCOMPARE(errorCode(), 0); // the last failure's code, not an older one
    QCOMPARE(messages.claimDue(10, now.addSecs(1))->size(), 1);
    KEDAI_VERIFY_OK(messages.markFailed(id, QStringLiteral("not on WhatsApp"), 131026));
    QCOMPARE(errorCode(), 131026);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"),
                         QStringLiteral("id = ? AND status = 'failed' AND attempts = 3 AND last_error = ?"),
                         {id, QStringLiteral("not on WhatsApp")}),
             1);
}

void TestMessages::lastInteractiveOnlyWhenLatestAndRecent()
{
    MessageRepository messages(m_db);
    QJsonObject button;
    button.insert(QStringLiteral("id"), QStringLiteral("buy:NF1"));
    button.insert(QStringLiteral("title"), QStringLiteral("Beli"));
    QJsonObject question;
    question.insert(QStringLiteral("body"), QStringLiteral("Pilih produk"));
    question.insert(QStringLiteral("buttons"), QJsonArray{button});
    const QString payload = QString::fromUtf8(QJsonDocument(question).toJson(QJsonDocument::Compact));

    domain::OutboundMessage list = outbound(QStringLiteral("628A"), QStringLiteral("1. Beli"),
                                            QStringLiteral("whatsapp"));
    list.type = domain::MessageType::Interactive;
    list.payload = payload;
    const QDateTime hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600);
    QCOMPARE(*messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628A"), hourAgo), QString());
    const qint64 id = *messages.enqueue(list);
    QVERIFY(messages.enqueue(outbound(QStringLiteral("628B"), QStringLiteral("halo"), QStringLiteral("whatsapp"))));

    auto last = messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628A"), hourAgo);
    KEDAI_VERIFY_OK(last);
    QCOMPARE(last.value(), payload);
    QCOMPARE(*messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628B"), hourAgo), QString());
    QCOMPARE(*messages.lastInteractive(QStringLiteral("waha"), QStringLiteral("628A"), hourAgo), QString());
    // Asked too long ago: a number typed now is not an answer to it.
    QCOMPARE(*messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628A"),
                                       QDateTime::currentDateTimeUtc().addSecs(60)),
             QString());
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE outbox SET created_at = ? WHERE id = ?"),
                       {sql::toDb(QDateTime::currentDateTimeUtc().addSecs(-7200)), id}));
    QCOMPARE(*messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628A"), hourAgo), QString());
    QVERIFY(test::exec(*m_db, QStringLiteral("UPDATE outbox SET created_at = ? WHERE id = ?"), {sql::nowDb(), id}));
    QCOMPARE(*messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628A"), hourAgo), payload);

    // A plain text after the question: the question is closed.
    QVERIFY(
        messages.enqueue(outbound(QStringLiteral("628A"), QStringLiteral("Stok habis"), QStringLiteral("whatsapp"))));
    QCOMPARE(*messages.lastInteractive(QStringLiteral("whatsapp"), QStringLiteral("628A"), hourAgo), QString());
}

void TestMessages::inboundMediaRoundTrip()
{
    MessageRepository messages(m_db);
    domain::InboundMessage photo = inbound(QStringLiteral("whatsapp"), QStringLiteral("wamid.in.1"), QString());
    photo.type = domain::MessageType::Image;
    photo.mediaId = QStringLiteral("1234567890123456");
    photo.mediaMime = QStringLiteral("image/jpeg");
    const qint64 id = **messages.insertInbound(photo);
    domain::InboundMessage voice = inbound(QStringLiteral("waha"), QStringLiteral("true_628@c.us_AB12"), QString());
    voice.type = domain::MessageType::Audio;
    voice.mediaId = QStringLiteral("http://127.0.0.1:3000/api/files/default/AB12.oga");
    voice.mediaMime = QStringLiteral("audio/ogg; codecs=opus");
    const qint64 voiceId = **messages.insertInbound(voice);

    auto pending = messages.unprocessedInbound();
    KEDAI_VERIFY_OK(pending);
    QCOMPARE(pending->size(), 2);
    QCOMPARE(pending->at(0).id, id);
    QCOMPARE(pending->at(0).type, domain::MessageType::Image);
    QCOMPARE(pending->at(0).mediaId, photo.mediaId);
    QCOMPARE(pending->at(0).mediaMime, photo.mediaMime);
    QCOMPARE(pending->at(0).mediaPath, QString()); // not downloaded yet
    QCOMPARE(pending->at(1).id, voiceId);
    QCOMPARE(pending->at(1).type, domain::MessageType::Audio);
    QCOMPARE(pending->at(1).mediaId, voice.mediaId);
    QCOMPARE(pending->at(1).mediaMime, voice.mediaMime);

    const QString path = QStringLiteral("/var/lib/kedai/media/inbound/wamid.in.1.jpg");
    KEDAI_VERIFY_OK(messages.setInboundMedia(id, path));
    pending = messages.unprocessedInbound();
    QCOMPARE(pending->at(0).mediaPath, path);
    QCOMPARE(pending->at(0).mediaId, photo.mediaId); // kept: where the file came from
    QCOMPARE(pending->at(1).mediaPath, QString());
    QCOMPARE(messages.setInboundMedia(999'999, path).error().code, QStringLiteral("inbox.not_found"));
}

void TestMessages::deadInstancesClaimsAreRequeued()
{
    MessageRepository messages(m_db);
    for (int i = 0; i < 4; ++i)
        QVERIFY(messages.enqueue(outbound(QStringLiteral("62%1").arg(i), QStringLiteral("m%1").arg(i))));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QCOMPARE(messages.claimDue(2, now, QStringLiteral("alive"))->size(), 2);
    QCOMPARE(messages.claimDue(1, now, QStringLiteral("dead"))->size(), 1);
    QCOMPARE(messages.claimDue(1, now)->size(), 1); // an unnamed claimer: only the timeout applies
    auto claimers = messages.claimersInFlight();
    QVERIFY(claimers);
    QStringList sorted = claimers.value();
    sorted.sort();
    QCOMPARE(sorted, QStringList({QStringLiteral("alive"), QStringLiteral("dead")}));

    // Only the named instance's claims come back, and only while they are still "sending".
    auto requeued = messages.requeueClaimedBy(QStringLiteral("dead"));
    QVERIFY(requeued);
    QCOMPARE(requeued.value(), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("status = 'pending'")), 1);
    QCOMPARE(test::count(*m_db, QStringLiteral("outbox"), QStringLiteral("status = 'sending'")), 3);
    QCOMPARE(*messages.requeueClaimedBy(QStringLiteral("dead")), 0);
    QCOMPARE(*messages.requeueClaimedBy(QString()), 0);
    QCOMPARE(*messages.claimersInFlight(), QStringList{QStringLiteral("alive")});

    // Lock keys: stable per id, distinct between ids, apart from the sweeper's key.
    QCOMPARE(MessageRepository::claimerLockKey(QStringLiteral("a")),
             MessageRepository::claimerLockKey(QStringLiteral("a")));
    QVERIFY(MessageRepository::claimerLockKey(QStringLiteral("a"))
            != MessageRepository::claimerLockKey(QStringLiteral("b")));
    QVERIFY(MessageRepository::claimerLockKey(QStringLiteral("a")) != 0x6b656461'0001);

    // On PostgreSQL the lock is what tells a live instance from a dead one: held by one session,
    // refused to another until that session ends.
    if (m_db->backend() == Database::Backend::Postgres) {
        const qint64 key = MessageRepository::claimerLockKey(QStringLiteral("alive"));
        QVERIFY(m_db->tryAdvisoryLock(key));
        bool otherGotIt = true;
        QThread *other = QThread::create([&] { otherGotIt = m_db->tryAdvisoryLock(key); });
        other->start();
        other->wait();
        delete other;
        QVERIFY(!otherGotIt);
        m_db->advisoryUnlock(key);
    }
}

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
