// The outbox sender on its own thread, as the engine runs it, against a real SQLite outbox and
// scripted channels: per-recipient order, recipient gap, rate cap, error classes, no duplicates.
// Timings are real (SystemClock); bounds are lower bounds with slack, or generous upper bounds
// far below what the wrong behaviour would take.

#include "engine/sender.h"
#include "store/database.h"
#include "store/sqlutil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <limits>
#include <memory>

using namespace kedai;
using engine::Sender;
using engine::SendLimits;

namespace {

/// A channel whose send() records what it was given, when and on which thread, and returns the
/// errors scripted for a message (by its text), one per attempt, before it succeeds.
class ScriptedChannel final : public channels::IChannel
{
public:
    struct Send
    {
        qint64 id = 0;
        QString to;
        QString text;
        qint64 atMs = 0; ///< on the test's steady clock
        bool ok = true;
        QThread *thread = nullptr;
    };

    ScriptedChannel(QString name, bool paced, const QElapsedTimer &clock)
        : m_name(std::move(name)), m_paced(paced), m_clock(clock)
    {
    }

    QString name() const override { return m_name; }
    bool paced() const override { return m_paced; }

    common::Result<channels::SendReceipt> send(const domain::OutboundMessage &message) override
    {
        QMutexLocker lock(&m_mutex);
        Send s{message.id, message.to, message.text, m_clock.elapsed(), true, QThread::currentThread()};
        auto script = m_errors.find(message.text);
        if (script != m_errors.end() && !script->isEmpty()) {
            s.ok = false;
            m_sends << s;
            return script->takeFirst();
        }
        m_sends << s;
        return channels::SendReceipt{QStringLiteral("ext-%1").arg(message.id)};
    }

    /// The next send of the message with this text fails with `error`.
    void failNext(const QString &text, const QString &code, const QVariantMap &details = {})
    {
        QMutexLocker lock(&m_mutex);
        m_errors[text] << common::makeError(code, QStringLiteral("scripted %1 for \"%2\"").arg(code, text), details);
    }

    QList<Send> sends() const
    {
        QMutexLocker lock(&m_mutex);
        return m_sends;
    }
    /// Successful sends only, in the order they happened.
    QList<Send> delivered() const
    {
        QList<Send> out;
        for (const Send &s : sends()) {
            if (s.ok)
                out << s;
        }
        return out;
    }
    QList<Send> to(const QString &recipient) const
    {
        QList<Send> out;
        for (const Send &s : sends()) {
            if (s.to == recipient)
                out << s;
        }
        return out;
    }
    int attemptsOf(qint64 id) const
    {
        const auto all = sends();
        return int(std::count_if(all.cbegin(), all.cend(), [id](const Send &s) { return s.id == id; }));
    }

private:
    const QString m_name;
    const bool m_paced;
    const QElapsedTimer &m_clock;
    mutable QMutex m_mutex;
    QList<Send> m_sends;
    QHash<QString, QList<common::Error>> m_errors;
};

struct OutboxRow
{
    QString status;
    int attempts = -1;
    int errorCode = -1;
    QString lastError;
    QDateTime nextAttemptAt;
    QString externalId;
};

QString texts(const QList<ScriptedChannel::Send> &sends)
{
    QStringList out;
    for (const auto &s : sends)
        out << s.text + (s.ok ? QString() : QStringLiteral("(failed)"));
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestSender : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void orderKeptWhileFirstMessageWaitsForRetry();
    void recipientGap();
    void rateCap();
    void unpacedChannelIgnoresLimits();
    void permanentErrorFailsAtOnce();
    void retriableErrorsWaitTheirTime_data();
    void retriableErrorsWaitTheirTime();
    void lastAttemptFailsForGood();
    void unknownChannelFails();

private:
    std::shared_ptr<ScriptedChannel> addChannel(const QString &name, bool paced);
    void start();
    void stop();
    void drainNow();
    qint64 enqueue(const QString &channel, const QString &to, const QString &text);
    OutboxRow row(qint64 id);
    /// Every message the channels took is in the outbox as sent (with the channel's id), once,
    /// and onSent reported each once.
    void verifySentOnce();
    QList<qint64> sentCallbacks();
    QList<domain::OutboundMessage> failedCallbacks();

    QTemporaryDir m_templateDir;
    QString m_templatePath;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<store::MessageRepository> m_messages;
    QHash<QString, std::shared_ptr<channels::IChannel>> m_channels;
    QList<std::shared_ptr<ScriptedChannel>> m_scripted;
    SendLimits m_limits;
    QElapsedTimer m_clock;
    std::unique_ptr<QThread> m_thread;
    Sender *m_sender = nullptr;
    QMutex m_callbackMutex;
    QList<qint64> m_sentCallbacks;
    QList<domain::OutboundMessage> m_failedCallbacks;
};

void TestSender::initTestCase()
{
    // Migrated once; each test copies the file (a fresh migration per test costs fsyncs).
    QVERIFY(m_templateDir.isValid());
    m_templatePath = m_templateDir.filePath(QStringLiteral("template.db"));
    auto db = store::Database::open(QStringLiteral("sqlite://") + m_templatePath);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
}

void TestSender::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString path = m_dir->filePath(QStringLiteral("kedai.db"));
    QVERIFY(QFile::copy(m_templatePath, path));
    auto db = store::Database::open(QStringLiteral("sqlite://") + path);
    QVERIFY2(db, db ? "" : qPrintable(db.error().message));
    m_db = *db;
    m_messages = std::make_shared<store::MessageRepository>(m_db);
    m_limits = SendLimits{0, 0};
    m_clock.start();
}

void TestSender::cleanup()
{
    stop();
    m_channels.clear();
    m_scripted.clear();
    m_messages.reset();
    m_db.reset();
    m_dir.reset();
    QMutexLocker lock(&m_callbackMutex);
    m_sentCallbacks.clear();
    m_failedCallbacks.clear();
}

std::shared_ptr<ScriptedChannel> TestSender::addChannel(const QString &name, bool paced)
{
    auto channel = std::make_shared<ScriptedChannel>(name, paced, m_clock);
    m_channels.insert(name, channel);
    m_scripted << channel;
    return channel;
}

void TestSender::start()
{
    const SendLimits limits = m_limits;
    m_sender = new Sender(
        m_messages, m_channels, std::make_shared<common::SystemClock>(),
        [this](const domain::OutboundMessage &m) {
            QMutexLocker lock(&m_callbackMutex);
            m_sentCallbacks << m.id;
        },
        [this](const domain::OutboundMessage &m) {
            QMutexLocker lock(&m_callbackMutex);
            m_failedCallbacks << m;
        },
        [limits] { return limits; });
    // As EnginePrivate::start() runs it.
    m_thread = std::make_unique<QThread>();
    m_sender->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::started, m_sender, &Sender::begin);
    connect(m_thread.get(), &QThread::finished, m_sender, &QObject::deleteLater);
    m_thread->start();
}

void TestSender::stop()
{
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(m_sender, &Sender::drain, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
    m_sender = nullptr;
}

void TestSender::drainNow()
{
    QMetaObject::invokeMethod(m_sender, &Sender::drain, Qt::BlockingQueuedConnection);
}

qint64 TestSender::enqueue(const QString &channel, const QString &to, const QString &text)
{
    domain::OutboundMessage m;
    m.channel = channel;
    m.to = to;
    m.text = text;
    auto id = m_messages->enqueue(m);
    if (!id) {
        qWarning("enqueue failed: %s", qPrintable(id.error().message));
        return 0;
    }
    return *id;
}

OutboxRow TestSender::row(qint64 id)
{
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("SELECT status, attempts, error_code, last_error, next_attempt_at, external_id "
                             "FROM outbox WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return {};
    return OutboxRow{q.value(0).toString(),          q.value(1).toInt(),   q.value(2).toInt(), q.value(3).toString(),
                     store::sql::fromDb(q.value(4)), q.value(5).toString()};
}

QList<qint64> TestSender::sentCallbacks()
{
    QMutexLocker lock(&m_callbackMutex);
    return m_sentCallbacks;
}

QList<domain::OutboundMessage> TestSender::failedCallbacks()
{
    QMutexLocker lock(&m_callbackMutex);
    return m_failedCallbacks;
}

void TestSender::verifySentOnce()
{
    // Every send ran on the sender thread (the channel's contract).
    for (const auto &channel : std::as_const(m_scripted)) {
        for (const auto &s : channel->sends())
            QCOMPARE(s.thread, m_thread.get());
    }
    stop(); // records whatever is still in memory
    QList<qint64> channelIds;
    for (const auto &channel : std::as_const(m_scripted)) {
        for (const auto &s : channel->delivered())
            channelIds << s.id;
    }
    QCOMPARE(QSet<qint64>(channelIds.cbegin(), channelIds.cend()).size(), channelIds.size());
    QList<qint64> callbacks = sentCallbacks();
    std::sort(channelIds.begin(), channelIds.end());
    std::sort(callbacks.begin(), callbacks.end());
    QCOMPARE(callbacks, channelIds);
    for (const qint64 id : std::as_const(channelIds)) {
        const OutboxRow r = row(id);
        QCOMPARE(r.status, QStringLiteral("sent"));
        QCOMPARE(r.externalId, QStringLiteral("ext-%1").arg(id));
    }
    QSqlQuery q(m_db->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")) && q.next());
    QCOMPARE(q.value(0).toLongLong(), qint64(channelIds.size()));
}

void TestSender::orderKeptWhileFirstMessageWaitsForRetry()
{
    // Both kinds of channel at once (one retry wait instead of two): a paced WhatsApp-like one and
    // an unpaced one. On each, the first message to A fails transiently; A's second message is
    // queued with it, the third only after the failure. B's messages are not held up.
    auto paced = addChannel(QStringLiteral("wa"), true);
    auto unpaced = addChannel(QStringLiteral("fast"), false);
    for (const auto &channel : {paced, unpaced}) {
        channel->failNext(QStringLiteral("A1"), QStringLiteral("channel.transient"),
                          {{QStringLiteral("code"), 130429}});
    }
    for (const QString &channel : {QStringLiteral("wa"), QStringLiteral("fast")}) {
        enqueue(channel, QStringLiteral("628A"), QStringLiteral("A1"));
        enqueue(channel, QStringLiteral("628A"), QStringLiteral("A2"));
        enqueue(channel, QStringLiteral("628B"), QStringLiteral("B1"));
    }
    start();
    // B1 sent means A1 was tried (and failed) before it.
    QTRY_COMPARE_WITH_TIMEOUT(paced->to(QStringLiteral("628B")).size(), 1, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(unpaced->to(QStringLiteral("628B")).size(), 1, 2000);
    for (const QString &channel : {QStringLiteral("wa"), QStringLiteral("fast")})
        enqueue(channel, QStringLiteral("628A"), QStringLiteral("A3"));
    enqueue(QStringLiteral("wa"), QStringLiteral("628B"), QStringLiteral("B2"));
    enqueue(QStringLiteral("fast"), QStringLiteral("628B"), QStringLiteral("B2"));
    m_sender->wake();
    QTRY_COMPARE_WITH_TIMEOUT(paced->delivered().size(), 5, 4000);
    QTRY_COMPARE_WITH_TIMEOUT(unpaced->delivered().size(), 5, 4000);

    for (const auto &channel : {paced, unpaced}) {
        const QString name = channel->name();
        const QList<ScriptedChannel::Send> a = channel->to(QStringLiteral("628A"));
        const QList<ScriptedChannel::Send> b = channel->to(QStringLiteral("628B"));
        QCOMPARE(a.size(), 4);
        QCOMPARE(b.size(), 2);
        const ScriptedChannel::Send &failure = a.at(0);
        QVERIFY2(!failure.ok && failure.text == QLatin1String("A1"), qPrintable(name + QLatin1Char(':') + texts(a)));
        // The other recipient goes out at once, without waiting for A's retry.
        QVERIFY2(b.at(0).atMs < failure.atMs + 500, qPrintable(name));
        QVERIFY2(b.at(1).atMs < failure.atMs + 900, qPrintable(name));
        // The retry waits its backoff (1 s after a first failure).
        const auto retry = std::find_if(a.cbegin(), a.cend(),
                                        [](const auto &s) { return s.ok && s.text == QLatin1String("A1"); });
        QVERIFY2(retry != a.cend(), qPrintable(name + QLatin1Char(':') + texts(a)));
        QVERIFY2(retry->atMs >= failure.atMs + 950,
                 qPrintable(QStringLiteral("%1: retried after %2 ms").arg(name).arg(retry->atMs - failure.atMs)));
        // A2, queued together with A1, waited for the retry.
        const auto a2 = std::find_if(a.cbegin(), a.cend(), [](const auto &s) { return s.text == QLatin1String("A2"); });
        QVERIFY2(a2 > retry && a2->atMs >= retry->atMs, qPrintable(name + QLatin1Char(':') + texts(a)));
        // A3 was queued after A1 failed, during a later drain.
        QCOMPARE(texts(a), QStringLiteral("A1(failed) A1 A2 A3"));
    }
    verifySentOnce();
}

void TestSender::recipientGap()
{
    m_limits = SendLimits{0, 200};
    auto wa = addChannel(QStringLiteral("wa"), true);
    for (int i = 1; i <= 3; ++i)
        enqueue(QStringLiteral("wa"), QStringLiteral("628000"), QStringLiteral("same %1").arg(i));
    for (int i = 1; i <= 20; ++i)
        enqueue(QStringLiteral("wa"), QStringLiteral("6281%1").arg(i, 2, 10, QLatin1Char('0')),
                QStringLiteral("other %1").arg(i));
    start();
    QTRY_COMPARE_WITH_TIMEOUT(wa->delivered().size(), 23, 3000);

    const auto same = wa->to(QStringLiteral("628000"));
    QCOMPARE(texts(same), QStringLiteral("same 1 same 2 same 3"));
    QVERIFY2(same.at(1).atMs - same.at(0).atMs >= 190, qPrintable(QString::number(same.at(1).atMs - same.at(0).atMs)));
    QVERIFY2(same.at(2).atMs - same.at(1).atMs >= 190, qPrintable(QString::number(same.at(2).atMs - same.at(1).atMs)));

    // Twenty recipients, one message each: no gap between them (with a gap they would take 4 s).
    qint64 first = std::numeric_limits<qint64>::max();
    qint64 last = 0;
    for (const auto &s : wa->delivered()) {
        if (!s.text.startsWith(QLatin1String("other")))
            continue;
        first = qMin(first, s.atMs);
        last = qMax(last, s.atMs);
    }
    QVERIFY2(last - first < 1000, qPrintable(QString::number(last - first)));
    verifySentOnce();
}

void TestSender::rateCap()
{
    m_limits = SendLimits{20, 0};
    auto wa = addChannel(QStringLiteral("wa"), true);
    start();
    QTest::qWait(1100); // an idle second fills the bucket
    {
        // At once, so no drain sees part of them.
        store::Transaction tx(*m_db, m_db->connection());
        QVERIFY(tx.begun());
        for (int i = 0; i < 60; ++i)
            QVERIFY(enqueue(QStringLiteral("wa"), QStringLiteral("628%1").arg(1000 + i), QStringLiteral("m%1").arg(i)));
        QVERIFY(tx.commit());
    }
    m_sender->wake();
    QTRY_COMPARE_WITH_TIMEOUT(wa->delivered().size(), 60, 6000);

    const auto sends = wa->delivered();
    const qint64 first = sends.constFirst().atMs;
    // The full bucket lets a burst of 20 go at once...
    QVERIFY2(sends.at(19).atMs - first < 300, qPrintable(QString::number(sends.at(19).atMs - first)));
    // ...then one message per 50 ms: the other 40 take 2 s.
    QVERIFY2(sends.constLast().atMs - first >= 1900, qPrintable(QString::number(sends.constLast().atMs - first)));
    // Never more than the bucket plus the refill in any half second.
    for (int i = 0; i < sends.size(); ++i) {
        int inWindow = 0;
        for (int j = i; j < sends.size() && sends.at(j).atMs < sends.at(i).atMs + 500; ++j)
            ++inWindow;
        QVERIFY2(inWindow <= 20 + 10 + 1,
                 qPrintable(QStringLiteral("%1 sends in 500 ms from send %2").arg(inWindow).arg(i)));
    }
    verifySentOnce();
}

void TestSender::unpacedChannelIgnoresLimits()
{
    m_limits = SendLimits{20, 200};
    auto sim = addChannel(QStringLiteral("sim"), false);
    for (int i = 0; i < 3; ++i)
        enqueue(QStringLiteral("sim"), QStringLiteral("628000"), QStringLiteral("same %1").arg(i));
    for (int i = 0; i < 57; ++i)
        enqueue(QStringLiteral("sim"), QStringLiteral("628%1").arg(1000 + i), QStringLiteral("m%1").arg(i));
    start();
    QTRY_COMPARE_WITH_TIMEOUT(sim->delivered().size(), 60, 3000);
    const auto sends = sim->delivered();
    // Paced, 60 messages at 20 per second would take 2 s or more, and the three to one recipient 400 ms.
    QVERIFY2(sends.constLast().atMs - sends.constFirst().atMs < 1000,
             qPrintable(QString::number(sends.constLast().atMs - sends.constFirst().atMs)));
    const auto same = sim->to(QStringLiteral("628000"));
    QCOMPARE(texts(same), QStringLiteral("same 0 same 1 same 2"));
    QVERIFY2(same.at(2).atMs - same.at(0).atMs < 150, qPrintable(QString::number(same.at(2).atMs - same.at(0).atMs)));
    verifySentOnce();
}

void TestSender::permanentErrorFailsAtOnce()
{
    auto wa = addChannel(QStringLiteral("wa"), true);
    wa->failNext(QStringLiteral("late"), QStringLiteral("channel.permanent"), {{QStringLiteral("code"), 131047}});
    const qint64 late = enqueue(QStringLiteral("wa"), QStringLiteral("628A"), QStringLiteral("late"));
    const qint64 next = enqueue(QStringLiteral("wa"), QStringLiteral("628A"), QStringLiteral("next"));
    start();
    drainNow();

    const OutboxRow r = row(late);
    QCOMPARE(r.status, QStringLiteral("failed"));
    QCOMPARE(r.errorCode, 131047);
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.lastError, QStringLiteral("scripted channel.permanent for \"late\""));
    const auto failed = failedCallbacks();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().id, late);
    QCOMPARE(failed.first().status, QStringLiteral("failed"));
    QCOMPARE(failed.first().errorCode, 131047);
    QCOMPARE(failed.first().lastError, r.lastError);
    // A permanent failure does not hold up the recipient's next message.
    QTRY_COMPARE(row(next).status, QStringLiteral("sent"));

    // Never tried again, however often the sender drains.
    drainNow();
    drainNow();
    QCOMPARE(wa->attemptsOf(late), 1);
    QCOMPARE(row(late).status, QStringLiteral("failed"));
    verifySentOnce();
}

void TestSender::retriableErrorsWaitTheirTime_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<int>("channelCode");
    QTest::addColumn<int>("retryAfterMs");
    QTest::addColumn<int>("expectedDelayMs");
    // Backoff after a first failure: 1 s; a longer retryAfterMs wins.
    QTest::newRow("auth") << "channel.auth" << 190 << 0 << 1000;
    QTest::newRow("transient, retry after 60 s") << "channel.transient" << 130429 << 60'000 << 60'000;
    QTest::newRow("transient, retry after less than the backoff") << "channel.transient" << 0 << 10 << 1000;
}

void TestSender::retriableErrorsWaitTheirTime()
{
    QFETCH(QString, code);
    QFETCH(int, channelCode);
    QFETCH(int, retryAfterMs);
    QFETCH(int, expectedDelayMs);
    auto wa = addChannel(QStringLiteral("wa"), true);
    QVariantMap details;
    if (channelCode)
        details.insert(QStringLiteral("code"), channelCode);
    if (retryAfterMs)
        details.insert(QStringLiteral("retryAfterMs"), retryAfterMs);
    wa->failNext(QStringLiteral("hello"), code, details);
    const qint64 id = enqueue(QStringLiteral("wa"), QStringLiteral("628A"), QStringLiteral("hello"));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    start();
    drainNow();
    const QDateTime after = QDateTime::currentDateTimeUtc();

    const OutboxRow r = row(id);
    QCOMPARE(r.status, QStringLiteral("pending"));
    QCOMPARE(r.attempts, 1);
    QCOMPARE(r.errorCode, channelCode);
    QCOMPARE(r.lastError, QStringLiteral("scripted %1 for \"hello\"").arg(code));
    QVERIFY2(r.nextAttemptAt >= before.addMSecs(expectedDelayMs),
             qPrintable(r.nextAttemptAt.toString(Qt::ISODateWithMs)));
    QVERIFY2(r.nextAttemptAt <= after.addMSecs(expectedDelayMs),
             qPrintable(r.nextAttemptAt.toString(Qt::ISODateWithMs)));
    QVERIFY(failedCallbacks().isEmpty()); // not failed: it is still queued
    QCOMPARE(wa->attemptsOf(id), 1);
    drainNow(); // not due yet
    QCOMPARE(wa->attemptsOf(id), 1);
}

void TestSender::lastAttemptFailsForGood()
{
    auto wa = addChannel(QStringLiteral("wa"), true);
    wa->failNext(QStringLiteral("hello"), QStringLiteral("channel.transient"), {{QStringLiteral("code"), 131000}});
    const qint64 id = enqueue(QStringLiteral("wa"), QStringLiteral("628A"), QStringLiteral("hello"));
    // Nine attempts failed already (their retry is due now).
    QSqlQuery q(m_db->connection());
    q.prepare(QStringLiteral("UPDATE outbox SET attempts = ?, next_attempt_at = ? WHERE id = ?"));
    q.addBindValue(Sender::kMaxAttempts - 1);
    q.addBindValue(store::sql::toDb(QDateTime::currentDateTimeUtc().addSecs(-1)));
    q.addBindValue(id);
    QVERIFY(q.exec());
    start();
    drainNow();
    const OutboxRow r = row(id);
    QCOMPARE(r.status, QStringLiteral("failed"));
    QCOMPARE(r.attempts, Sender::kMaxAttempts);
    QCOMPARE(r.errorCode, 131000);
    QCOMPARE(failedCallbacks().size(), 1);
}

void TestSender::unknownChannelFails()
{
    auto wa = addChannel(QStringLiteral("wa"), true);
    const qint64 lost = enqueue(QStringLiteral("telegram"), QStringLiteral("628A"), QStringLiteral("halo"));
    const qint64 ok = enqueue(QStringLiteral("wa"), QStringLiteral("628A"), QStringLiteral("halo"));
    start();
    drainNow();
    const OutboxRow r = row(lost);
    QCOMPARE(r.status, QStringLiteral("failed"));
    QCOMPARE(r.attempts, 1);
    QVERIFY2(r.lastError.contains(QLatin1String("\"telegram\""))
                 && r.lastError.contains(QLatin1String("not configured")),
             qPrintable(r.lastError));
    const auto failed = failedCallbacks();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().id, lost);
    QTRY_COMPARE(row(ok).status, QStringLiteral("sent"));
    QCOMPARE(wa->attemptsOf(lost), 0);
    verifySentOnce();
}

QTEST_GUILESS_MAIN(TestSender)
#include "tst_sender.moc"
