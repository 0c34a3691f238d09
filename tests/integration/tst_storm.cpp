// Two kedaid processes on one PostgreSQL and one Redis, 200 simulated customers, less stock and
// saldo than demanded, and faults in the middle: Redis killed and restarted, PostgreSQL stopped
// for 10 seconds. Afterwards the money and stock invariants must hold and every accepted
// message must have exactly one reply, sent once.
#include "store/customerrepository.h"
#include "store/database.h"
#include "support/simclient.h"
#include "support/testservices.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <algorithm>
#include <random>

using namespace kedai;

namespace {
const QString kToken = QStringLiteral("storm-admin-token-0123456789");
const QString kOwner = QStringLiteral("628999000001");
const QString kLatecomer = QStringLiteral("628559999999"); // writes during the database outage
const QString kListenerKey = QStringLiteral("storm-listener-key-0123456789");
// A real static QRIS (tests/fixtures/qris): the bot turns it into one dynamic code per payment.
const QString kStaticQris = QStringLiteral(
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID102001"
    "76114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak610559567630458C7");
constexpr int kQrisCustomers = 100; // one more than the 99 unique codes of one price
const int kCustomers = qEnvironmentVariableIsSet("STORM_CUSTOMERS") ? qEnvironmentVariableIntValue("STORM_CUSTOMERS")
                                                                    : 200;
constexpr int kItems = 150;     // per storm: fewer than the purchases attempted (up to 4 per customer)
constexpr qint64 kSaldo = 2500; // per storm: enough for 2 purchases at Rp1.000 of the 4 attempted
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
    int m_runs = 0;
    bool m_anyFailed = false;
    int m_stock = 0; ///< items added so far
    QSet<QString> m_delivered;
    QMutex m_replyMutex;        ///< guards the two below
    QString m_unavailableReply; ///< what a 503 told the customer
    QMap<int, int> m_refused;   ///< HTTP status -> how often a message was not accepted

    QHash<QString, QString> env(const QTemporaryDir &dir) const
    {
        return {{QStringLiteral("KEDAI_DATA_DIR"), dir.path()},
                {QStringLiteral("DATABASE_URL"), m_services.databaseUrl()},
                {QStringLiteral("REDIS_URL"), m_services.redisUrl()},
                {QStringLiteral("KEDAI_ADMIN_TOKEN"), kToken},
                {QStringLiteral("OWNER_NUMBERS"), kOwner},
                {QStringLiteral("RATE_LIMIT_BUY"), QStringLiteral("1000/60s")},
                {QStringLiteral("QRIS_STATIC"), kStaticQris},
                {QStringLiteral("QRIS_LISTENER_KEY"), kListenerKey}};
    }

    /// Sends until the message is accepted (503 while the database is away), then waits for the
    /// one reply. Returns the reply text.
    QString deliver(test::SimClient &client, const QString &from, const QString &text, const QString &id,
                    std::optional<qint64> lastId = std::nullopt)
    {
        const qint64 after = lastId ? *lastId : client.lastId(from);
        const QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            const auto r = client.send(from, text, id);
            if (r.status == 202)
                break;
            {
                QMutexLocker lock(&m_replyMutex);
                if (++m_refused[r.status] == 1 && r.status == 503)
                    m_unavailableReply = r.json().value(QStringLiteral("reply")).toString();
            }
            QThread::msleep(250);
        }
        const QJsonArray replies = client.waitFor(from, after, 1, 60000);
        return replies.isEmpty() ? QString() : replies.first().toObject().value(QStringLiteral("text")).toString();
    }

    /// Before each storm: kItems more items, and kSaldo more for every customer.
    void refill()
    {
        test::SimClient owner(m_a.url(), kToken);
        const qint64 before = owner.lastId(kOwner);
        QStringList lines;
        for (int i = 0; i < kItems; ++i)
            lines << QStringLiteral("storm-item-%1").arg(m_stock + i);
        QCOMPARE(owner.send(kOwner, QStringLiteral("addstok STORM\n") + lines.join(QLatin1Char('\n'))).status, 202);
        for (int i = 0; i < kCustomers; ++i)
            QCOMPARE(owner.send(kOwner, QStringLiteral("addsaldo %1,%2").arg(customer(i)).arg(kSaldo)).status, 202);
        const QJsonArray replies = owner.waitFor(kOwner, before, kCustomers + 1, 60000);
        QCOMPARE(replies.size(), kCustomers + 1);
        QVERIFY2(replies.first()
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString()
                     .contains(QStringLiteral("%1 item").arg(kItems)),
                 "addstok did not add every item");
        m_stock += kItems;
    }

    void storm(const std::function<void()> &faults, int pauseMs = 0)
    {
        refill();
        if (QTest::currentTestFailed())
            return;
        // Message ids are unique per storm: a repeated id is a duplicate and gets no reply.
        const int run = ++m_runs;
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
                                    QStringLiteral("storm%1-%2-%3").arg(run).arg(i).arg(step));
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
        // Items delivered by this storm and the ones before it: one stock, several storms.
        QSet<QString> &delivered = m_delivered;
        const qsizetype deliveredBefore = delivered.size();
        static const QRegularExpression item(QStringLiteral("Kode: (storm-item-\\d+)"));
        for (int i = 0; i < kCustomers; ++i) {
            const QStringList texts = replies.value(customer(i));
            QCOMPARE(texts.size(), kScript.size());
            for (const QString &t : texts)
                QVERIFY2(!t.isEmpty(), "a message got no reply");
            QCOMPARE(countSent(client, customer(i)), kScript.size() * m_runs);
            for (const QString &t : texts) {
                for (auto it = item.globalMatch(t); it.hasNext();) {
                    const QString code = it.next().captured(1);
                    QVERIFY2(!delivered.contains(code), qPrintable(code + QStringLiteral(" delivered twice")));
                    delivered.insert(code);
                }
            }
        }
        const qint64 deliveries = delivered.size();
        QVERIFY2(deliveries > deliveredBefore, "this storm bought nothing");
        QVERIFY(deliveries <= m_stock);

        auto db = store::Database::open(m_services.databaseUrl());
        QVERIFY2(db, qPrintable(db ? QString() : db.error().message));
        QSqlQuery q(db.value()->connection());
        QVERIFY(q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM stock_items WHERE status = 'sold')::bigint, "
                           "(SELECT coalesce(sum(qty), 0) FROM orders WHERE status = 'delivered')::bigint, "
                           "(SELECT count(*) FROM customers WHERE saldo < 0)::bigint, "
                           "(SELECT count(*) FROM stock_items WHERE status = 'sold' AND order_id IS NULL)::bigint")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), deliveries); // delivered items == sold items
        QCOMPARE(q.value(1).toLongLong(), deliveries); // == the orders' quantities
        QCOMPARE(q.value(2).toLongLong(), 0);          // no negative saldo
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
    }

    void catalogCacheFollowsWritesOnBothInstances()
    {
        static const QRegularExpression count(QStringLiteral("\\*STORM\\*[^\\n]*\\n[^\\n]*stok (\\d+)"));
        test::SimClient a(m_a.url(), kToken), b(m_b.url(), kToken);
        const QString shopper = QStringLiteral("628559999998");
        const auto stockSeenBy = [&](test::SimClient &client) {
            const QStringList replies = client.ask(shopper, QStringLiteral("stok"));
            const auto match = count.match(replies.value(0));
            return match.hasMatch() ? match.captured(1).toInt() : -1;
        };
        const int before = stockSeenBy(b); // B has the catalog cached now
        QVERIFY(before >= 0);
        QStringList lines;
        for (int i = 0; i < 3; ++i)
            lines << QStringLiteral("storm-item-%1").arg(m_stock + i);
        QVERIFY(a.ask(kOwner, QStringLiteral("addstok STORM\n") + lines.join(QLatin1Char('\n')))
                    .value(0)
                    .contains(QStringLiteral("3 item")));
        m_stock += 3;
        QCOMPARE(stockSeenBy(b), before + 3); // A's write dropped B's cached catalog
        QCOMPARE(stockSeenBy(a), before + 3);
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
        // The faults run on this thread while the customers keep typing. Nothing here may
        // return early: whatever happens, both services are running again afterwards, and
        // the findings are checked once the storm is over.
        QStringList problems;
        QString redisDuringOutage;
        QString latecomerReply;
        QPair<QDateTime, QDateTime> redisDown;
        QElapsedTimer t;
        t.start();
        storm(
            [&] {
                QThread::msleep(500);
                qInfo("%lld ms: redis-stop", t.elapsed());
                if (!m_services.run(QStringLiteral("redis-stop")))
                    problems << QStringLiteral("redis-stop failed: ") + m_services.error();
                redisDown.first = QDateTime::currentDateTimeUtc();
                // The health probe notices within its 2 s ping; purchases meanwhile go on.
                test::SimClient probe(m_a.url(), kToken);
                const QDeadlineTimer noticed(8000);
                while (!noticed.hasExpired() && !redisDuringOutage.contains(QStringLiteral("down"))) {
                    QThread::msleep(200);
                    redisDuringOutage = probe.request("GET", QStringLiteral("/healthz"), {}, {}, false)
                                            .json()
                                            .value(QStringLiteral("redis"))
                                            .toString();
                }
                QThread::msleep(1000);
                QThread::msleep(2000); // purchases go on meanwhile (fail-open)
                redisDown.second = QDateTime::currentDateTimeUtc();
                qInfo("%lld ms: redis-start", t.elapsed());
                if (!m_services.run(QStringLiteral("redis-start")))
                    problems << QStringLiteral("redis-start failed: ") + m_services.error();
                QThread::msleep(500);
                qInfo("%lld ms: pg-stop", t.elapsed());
                if (!m_services.run(QStringLiteral("pg-stop")))
                    problems << QStringLiteral("pg-stop failed: ") + m_services.error();
                // A customer who writes while the database is away: told "sistem sedang
                // gangguan", sends again, and gets the answer once the database is back.
                QThread::msleep(1000);
                std::unique_ptr<QThread> latecomer(QThread::create([&] {
                    test::SimClient client(m_b.url(), kToken);
                    // Straight to the POST: a read first would wait for the database.
                    latecomerReply = deliver(client, kLatecomer, QStringLiteral("saldo"), QStringLiteral("outage-1"),
                                             0);
                }));
                latecomer->start();
                QThread::msleep(9000);
                qInfo("%lld ms: pg-start", t.elapsed());
                if (!m_services.run(QStringLiteral("pg-start")))
                    problems << QStringLiteral("pg-start failed: ") + m_services.error();
                latecomer->wait();
            },
            400);
        qInfo("%lld ms: the storm is over", t.elapsed());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QStringLiteral("; "))));
        QVERIFY2(redisDuringOutage.contains(QStringLiteral("down")),
                 qPrintable(
                     QStringLiteral("/healthz said redis \"%1\" while Redis was stopped").arg(redisDuringOutage)));
        QStringList refused;
        for (auto it = m_refused.cbegin(); it != m_refused.cend(); ++it)
            refused << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
        qInfo("messages not accepted at first: %s", qPrintable(refused.join(QStringLiteral(", "))));
        QVERIFY2(m_refused.value(503) > 0, "the database outage was not noticed by any client");
        QVERIFY2(m_unavailableReply.contains(QStringLiteral("Sistem sedang gangguan")),
                 qPrintable(QStringLiteral("503 reply: ") + m_unavailableReply));
        QVERIFY2(latecomerReply.contains(QStringLiteral("Saldo")),
                 qPrintable(QStringLiteral("after the outage the latecomer got: ") + latecomerReply));
        // Sales went on while Redis was away.
        {
            auto db = store::Database::open(m_services.databaseUrl());
            QVERIFY(db);
            QSqlQuery q(db.value()->connection());
            const auto iso = [](const QDateTime &d) {
                return d.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
            };
            QVERIFY(q.exec(QStringLiteral("SELECT count(*)::bigint FROM orders WHERE status = 'delivered' "
                                          "AND created_at > '%1' AND created_at < '%2'")
                               .arg(iso(redisDown.first), iso(redisDown.second))));
            QVERIFY(q.next());
            qInfo("%lld orders delivered while Redis was down", q.value(0).toLongLong());
            QVERIFY2(q.value(0).toLongLong() > 0, "no sale while Redis was down");
        }
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

    void qrisBuynowAndNotificationStorm()
    {
        // 100 customers send "buynow" at once, half to each instance, for one product at one
        // price: 99 unique codes exist, so 99 get a QR with a distinct amount and one is told to
        // try again later; no item is reserved twice. Then the shop's phone forwards every
        // payment three times, to both instances at once, with unknown amounts in between: each
        // order is paid and delivered exactly once.
        test::SimClient owner(m_a.url(), kToken);
        QVERIFY(owner.ask(kOwner, QStringLiteral("addproduk QSTORM|Qris Storm|x|Sekali pakai|5000|5000|5000"))
                    .value(0)
                    .contains(QStringLiteral("QSTORM")));
        QStringList lines;
        for (int i = 0; i < 120; ++i)
            lines << QStringLiteral("qris-item-%1").arg(i);
        QVERIFY(owner.ask(kOwner, QStringLiteral("addstok QSTORM\n") + lines.join(QLatin1Char('\n')))
                    .value(0)
                    .contains(QStringLiteral("120 item")));

        const auto qrisCustomer = [](int i) { return QStringLiteral("62866%1").arg(i, 6, 10, QLatin1Char('0')); };
        const QString urls[2] = {m_a.url(), m_b.url()};
        QMutex mutex;
        QHash<QString, QJsonObject> answers; // customer -> the reply to buynow
        {
            QThreadPool pool;
            pool.setMaxThreadCount(kQrisCustomers); // all at once
            QSemaphore ready, go;
            for (int i = 0; i < kQrisCustomers; ++i) {
                pool.start([&, i] {
                    test::SimClient client(urls[i % 2], kToken);
                    ready.release();
                    go.acquire();
                    const QString from = qrisCustomer(i);
                    const auto r = client.send(from, QStringLiteral("buynow QSTORM 1"), QStringLiteral("qb-%1").arg(i));
                    const QJsonArray replies = r.status == 202 ? client.waitFor(from, 0, 1, 60000) : QJsonArray();
                    QMutexLocker lock(&mutex);
                    answers.insert(from, replies.isEmpty() ? QJsonObject() : replies.first().toObject());
                });
            }
            ready.acquire(kQrisCustomers);
            go.release(kQrisCustomers);
            pool.waitForDone();
        }
        static const QRegularExpression payableRe(QStringLiteral("Bayar tepat: Rp ([\\d.]+)\\*"));
        static const QRegularExpression refRe(QStringLiteral("Pesanan ([A-Z0-9]+)\\*"));
        QHash<qint64, QString> byPayable; // payable -> customer
        int full = 0;
        for (auto it = answers.cbegin(); it != answers.cend(); ++it) {
            const QJsonObject &m = it.value();
            const QString text = m.value(QStringLiteral("text")).toString();
            if (text.contains(QStringLiteral("Antrean pembayaran QRIS sedang penuh"))) {
                ++full;
                continue;
            }
            QCOMPARE(m.value(QStringLiteral("type")).toString(), QStringLiteral("image"));
            QVERIFY2(!m.value(QStringLiteral("media_url")).toString().isEmpty(), "no QR image");
            const auto pm = payableRe.match(text);
            QVERIFY2(pm.hasMatch() && refRe.match(text).hasMatch(), qPrintable(text.left(300)));
            const qint64 payable = pm.captured(1).remove(QLatin1Char('.')).toLongLong();
            QVERIFY2(payable > 5000 && payable <= 5099, qPrintable(text.left(300)));
            QVERIFY2(!byPayable.contains(payable), qPrintable(QStringLiteral("amount %1 given twice").arg(payable)));
            byPayable.insert(payable, it.key());
        }
        QCOMPARE(answers.size(), kQrisCustomers);
        QCOMPARE(byPayable.size(), 99);
        QCOMPARE(full, kQrisCustomers - 99);

        auto db = store::Database::open(m_services.databaseUrl());
        QVERIFY(db);
        QSqlQuery q(db.value()->connection());
        const QString product = QStringLiteral("(SELECT id FROM products WHERE code = 'QSTORM')");
        QVERIFY(q.exec(QStringLiteral("SELECT count(*)::bigint, count(DISTINCT order_id)::bigint FROM stock_items "
                                      "WHERE status = 'reserved' AND product_id = ")
                       + product));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 99); // 99 reserved items, each for another order
        QCOMPARE(q.value(1).toLongLong(), 99);

        // The notification storm: every payment three times, to both instances, concurrently.
        struct Post
        {
            QByteArray body;
            int instance;
        };
        QList<Post> posts;
        const qint64 postedAt = QDateTime::currentMSecsSinceEpoch();
        const auto body = [](qint64 amount, qint64 when) {
            QString grouped = QString::number(amount);
            for (qsizetype i = grouped.size() - 3; i > 0; i -= 3)
                grouped.insert(i, QLatin1Char('.'));
            return QJsonDocument(QJsonObject{{QStringLiteral("packageName"), QStringLiteral("com.gojek.gopaymerchant")},
                                             {QStringLiteral("appName"), QStringLiteral("GoPay Merchant")},
                                             {QStringLiteral("title"), QStringLiteral("Pembayaran diterima")},
                                             {QStringLiteral("text"),
                                              QString(QStringLiteral("Kamu menerima pembayaran QRIS Rp") + grouped)},
                                             {QStringLiteral("postedAt"), double(when)}})
                .toJson(QJsonDocument::Compact);
        };
        int n = 0;
        for (auto it = byPayable.cbegin(); it != byPayable.cend(); ++it, ++n) {
            for (int copy = 0; copy < 3; ++copy)
                posts << Post{body(it.key(), postedAt + n), (n + copy) % 2};
        }
        for (int i = 0; i < 5; ++i) // money for nothing that waits: the owner's queue
            posts << Post{body(777'000 + i, postedAt), i % 2};
        std::shuffle(posts.begin(), posts.end(), std::mt19937(20261121));
        QMap<QString, int> outcomes;
        {
            QThreadPool pool;
            pool.setMaxThreadCount(16);
            for (const Post &p : posts) {
                pool.start([&, p] {
                    test::SimClient client(urls[p.instance], kToken);
                    const auto r = client.request("POST", QStringLiteral("/webhook/payment-notification"), p.body,
                                                  {{"X-Api-Key", kListenerKey.toUtf8()}}, false);
                    const QJsonObject result = r.json().value(QStringLiteral("results")).toArray().at(0).toObject();
                    const QString outcome = r.status != 200 ? QStringLiteral("http-%1").arg(r.status)
                                            : result.value(QStringLiteral("duplicate")).toBool()
                                                ? QStringLiteral("duplicate")
                                                : result.value(QStringLiteral("status")).toString();
                    QMutexLocker lock(&mutex);
                    ++outcomes[outcome];
                });
            }
            pool.waitForDone();
        }
        QCOMPARE(outcomes.value(QStringLiteral("matched")), 99);
        QCOMPARE(outcomes.value(QStringLiteral("duplicate")), 2 * 99);
        QCOMPARE(outcomes.value(QStringLiteral("unmatched")), 5);
        QCOMPARE(outcomes.size(), 3);

        QVERIFY(
            q.exec(QStringLiteral("SELECT (SELECT count(*) FROM qris_payments WHERE status = 'paid')::bigint, "
                                  "(SELECT count(*) FROM stock_items WHERE status = 'sold' AND product_id = ")
                   + product
                   + QStringLiteral(")::bigint, (SELECT count(*) FROM stock_items WHERE status = 'reserved')::bigint, "
                                    "(SELECT coalesce(sum(repeats), 0) FROM payment_notifications)::bigint")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toLongLong(), 99); // every order paid once
        QCOMPARE(q.value(1).toLongLong(), 99); // its item sold
        QCOMPARE(q.value(2).toLongLong(), 0);  // nothing left reserved
        QCOMPARE(q.value(3).toLongLong(), 2 * 99);

        // Each customer got exactly one delivery, with an item nobody else got.
        static const QRegularExpression item(QStringLiteral("Kode: (qris-item-\\d+)"));
        QSet<QString> delivered;
        test::SimClient reader(m_a.url(), kToken);
        for (auto it = byPayable.cbegin(); it != byPayable.cend(); ++it) {
            const QJsonArray msgs = reader.waitFor(it.value(), 0, 2, 30000);
            QCOMPARE(msgs.size(), 2); // the QR image, then the delivery; nothing more
            const QString text = msgs.at(1).toObject().value(QStringLiteral("text")).toString();
            QVERIFY2(text.contains(QStringLiteral("diterima")), qPrintable(text.left(200)));
            const auto m = item.match(text);
            QVERIFY2(m.hasMatch(), qPrintable(text.left(300)));
            QVERIFY2(!delivered.contains(m.captured(1)), "an item was delivered twice");
            delivered.insert(m.captured(1));
        }
        QCOMPARE(delivered.size(), 99);
        auto mismatches = store::CustomerRepository(db.value()).ledgerMismatches();
        QVERIFY(mismatches && mismatches->isEmpty());
    }

    void cleanup() { m_anyFailed = m_anyFailed || QTest::currentTestFailed(); }

    void cleanupTestCase()
    {
        if (m_anyFailed || qEnvironmentVariableIsSet("STORM_VERBOSE")) {
            for (const auto &[name, k] : {std::pair{'a', &m_a}, std::pair{'b', &m_b}}) {
                QFile file(QDir::temp().filePath(QStringLiteral("tst_storm-kedaid-%1.log").arg(QLatin1Char(name))));
                if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                    file.write(k->output());
                qInfo("kedaid %c (whole log in %s):\n%s", name, qPrintable(file.fileName()),
                      k->output().right(4000).constData());
            }
        }
        QCOMPARE(m_a.stop(), 0);
        QCOMPARE(m_b.stop(), 0);
        m_services.stop();
    }
};

QTEST_GUILESS_MAIN(TestStorm)
#include "tst_storm.moc"
