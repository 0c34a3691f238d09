#include "cache/cachettl.h"
#include "cache/resilientcache.h"

#include "redistestutil.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace kedai;

// Fail-open and recovery against a redis-server of the test's own, which it kills, hangs and
// restarts on the same port.
class TestResilientCache : public QObject
{
    Q_OBJECT

    std::shared_ptr<common::SystemClock> m_clock = std::make_shared<common::SystemClock>();

    static cache::RedisConfig configFor(const testutil::ThrowawayRedis &server)
    {
        auto config = server.config();
        config.keyPrefix = "test:" + common::randomToken(4).toLatin1() + ":";
        return config;
    }

    static QString lastState(const QSignalSpy &spy) { return spy.isEmpty() ? QString() : spy.last().at(0).toString(); }

private Q_SLOTS:
    void initTestCase()
    {
        if (!testutil::ThrowawayRedis::available())
            QSKIP("redis-server is not installed (scripts/install-deps.sh --test)");
    }

    void failsOpenWhenRedisDiesAndReturnsByItself()
    {
        testutil::ThrowawayRedis server;
        QVERIFY(server.start());
        const auto config = configFor(server);
        cache::ResilientCache caches(config, m_clock);
        QSignalSpy changes(&caches, &cache::ResilientCache::stateChanged);
        caches.start();
        QCOMPARE(caches.stateName(), QStringLiteral("redis"));
        QCOMPARE(lastState(changes), QStringLiteral("redis"));

        cache::RedisConnection direct(config);
        QVERIFY(caches.hit("kedai:rl:buy:1", 5, 60'000).allowed);
        QCOMPARE(direct.command({"ZCARD", direct.key("kedai:rl:buy:1")})->toInteger(), 1);
        const auto held = caches.tryLock("kedai:lock:buy:1", 30'000);
        QVERIFY(held);
        QCOMPARE(direct.command({"GET", direct.key("kedai:lock:buy:1")})->bytes(), held->toLatin1());

        server.kill();
        QElapsedTimer timer;
        timer.start();
        // The first call finds out, and is answered in-process all the same.
        QVERIFY(caches.hit("kedai:rl:buy:2", 1, 60'000).allowed);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(caches.stateName(), QStringLiteral("in-process (redis down)"));
        QCOMPARE(lastState(changes), QStringLiteral("in-process (redis down)"));
        QCOMPARE(changes.count(), 2);

        // Purchases go on: limit, lock, cache.
        QVERIFY(!caches.hit("kedai:rl:buy:2", 1, 60'000).allowed);
        const auto local = caches.tryLock("kedai:lock:buy:2", 30'000);
        QVERIFY(local);
        QVERIFY(!caches.tryLock("kedai:lock:buy:2", 30'000));
        QVERIFY(caches.extend("kedai:lock:buy:2", *local, 30'000));
        QVERIFY(caches.unlock("kedai:lock:buy:2", *local));
        QVERIFY(!caches.unlock("kedai:lock:buy:1", *held)); // held in Redis: released on recovery
        caches.put("catalog:gold", "list", cache::CacheTtl::kCatalogMs);
        QCOMPARE(caches.get("catalog:gold").value_or(QByteArray()), QByteArray("list"));

        // While down, calls do not try Redis: hundreds of them take no time at all.
        const qint64 tripsBefore = caches.redisRoundTrips();
        timer.restart();
        for (int i = 0; i < 300; ++i) {
            (void)caches.hit(QStringLiteral("kedai:rl:buy:x%1").arg(i), 3, 60'000);
            const auto token = caches.tryLock(QStringLiteral("kedai:lock:buy:x%1").arg(i), 30'000);
            caches.unlock(QStringLiteral("kedai:lock:buy:x%1").arg(i), token.value_or(QString()));
            (void)caches.get(QStringLiteral("catalog:x%1").arg(i));
        }
        QVERIFY2(timer.elapsed() < 300, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(caches.redisRoundTrips() - tripsBefore <= 5); // only the background reconnects
        QCOMPARE(changes.count(), 2);                         // logged and signalled once

        // Back on the same port: Kedai returns to Redis without a restart.
        QVERIFY(server.restart());
        QTRY_COMPARE_WITH_TIMEOUT(caches.stateName(), QStringLiteral("redis"), 8000);
        QCOMPARE(lastState(changes), QStringLiteral("redis"));
        QCOMPARE(changes.count(), 3);
        const auto again = caches.tryLock("kedai:lock:buy:3", 30'000);
        QVERIFY(again);
        QCOMPARE(direct.command({"GET", direct.key("kedai:lock:buy:3")})->bytes(), again->toLatin1());
        QVERIFY(caches.unlock("kedai:lock:buy:3", *again));
        QVERIFY(caches.hit("kedai:rl:buy:4", 1, 60'000).allowed);
        QCOMPARE(direct.command({"ZCARD", direct.key("kedai:rl:buy:4")})->toInteger(), 1);
    }

    void hungRedisCostsOneTimeoutAtMost()
    {
        testutil::ThrowawayRedis server;
        QVERIFY(server.start());
        const auto config = configFor(server);
        cache::ResilientCache caches(config, m_clock);
        caches.start();
        QCOMPARE(caches.stateName(), QStringLiteral("redis"));
        caches.put("settings:shop", "x", cache::CacheTtl::kSettingsMs);

        server.pause(); // connections stay open, nothing answers
        QElapsedTimer timer;
        timer.start();
        QVERIFY(caches.tryLock("kedai:lock:buy:1", 30'000));
        const qint64 first = timer.elapsed();
        QVERIFY2(first < config.commandTimeoutMs + 300, qPrintable(QString::number(first)));
        QCOMPARE(caches.stateName(), QStringLiteral("in-process (redis down)"));
        timer.restart();
        for (int i = 0; i < 100; ++i)
            QVERIFY(caches.hit(QStringLiteral("kedai:rl:buy:%1").arg(i), 1, 60'000).allowed);
        QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));

        server.resume();
        QTRY_COMPARE_WITH_TIMEOUT(caches.stateName(), QStringLiteral("redis"), 8000);
    }

    void sharedCacheIsInvalidatedAfterAnOutage()
    {
        // Two kedaid instances. While Redis hangs, A changes a saldo and can only invalidate
        // its own in-process cache; when Redis answers again, B must not serve the old saldo.
        testutil::ThrowawayRedis server;
        QVERIFY(server.start());
        const auto config = configFor(server);
        cache::ResilientCache a(config, m_clock);
        cache::ResilientCache b(config, m_clock);
        a.start();
        b.start();
        a.put("balance:1", "100", cache::CacheTtl::kBalanceMs);
        QTRY_COMPARE(b.get("balance:1").value_or(QByteArray()), QByteArray("100"));

        server.pause();
        a.invalidate("balance:1");
        QCOMPARE(a.stateName(), QStringLiteral("in-process (redis down)"));
        QVERIFY(!a.get("balance:1"));
        server.resume();

        QTRY_COMPARE_WITH_TIMEOUT(a.stateName(), QStringLiteral("redis"), 8000);
        QTRY_VERIFY_WITH_TIMEOUT(!b.get("balance:1"), 1000);
        QVERIFY(!a.get("balance:1"));
    }

    void redisDownAtStartIsFoundLater()
    {
        const int port = testutil::freePort();
        cache::RedisConfig config;
        config.port = port;
        cache::ResilientCache caches(config, m_clock);
        QSignalSpy changes(&caches, &cache::ResilientCache::stateChanged);
        caches.start();
        QCOMPARE(caches.stateName(), QStringLiteral("in-process (redis down)"));
        QVERIFY(caches.tryLock("kedai:lock:buy:1", 30'000));

        testutil::ThrowawayRedis server;
        QVERIFY(server.start(port));
        QTRY_COMPARE_WITH_TIMEOUT(caches.stateName(), QStringLiteral("redis"), 8000);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(lastState(changes), QStringLiteral("redis"));
    }
};

QTEST_GUILESS_MAIN(TestResilientCache)
#include "tst_resilientcache.moc"
