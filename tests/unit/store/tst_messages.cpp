#include "store/messagerepository.h"
#include "store/sqlutil.h"

#include "storetestutil.h"

#include <QSemaphore>
#include <QSet>
#include <QTest>
#include <QThread>

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

private:
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

QTEST_GUILESS_MAIN(TestMessages)
#include "tst_messages.moc"
