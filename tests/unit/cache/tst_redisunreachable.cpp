#include "cache/cachettl.h"
#include "cache/redisconnection.h"
#include "cache/resilientcache.h"

#include "redistestutil.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace kedai;

// What happens when Redis is configured but nothing answers: no server needed.
class TestRedisUnreachable : public QObject
{
    Q_OBJECT

    static cache::RedisConfig deadEndpoint()
    {
        cache::RedisConfig config;
        config.port = testutil::freePort(); // nothing listens: connection refused at once
        config.password = QStringLiteral("hunter2");
        return config;
    }

private Q_SLOTS:
    void commandFailsFastWithoutLeakingThePassword()
    {
        cache::RedisConnection redis(deadEndpoint());
        QElapsedTimer timer;
        timer.start();
        const auto reply = redis.command({"PING"});
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().code, QStringLiteral("redis.unavailable"));
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        QVERIFY2(reply.error().message.contains("127.0.0.1"), qPrintable(reply.error().message));
        QVERIFY2(!reply.error().message.contains("hunter2"), qPrintable(reply.error().message));
    }

    void unroutableHostIsBoundedByTheConnectTimeout()
    {
        // TEST-NET-1 (RFC 5737) never answers: the connect timeout is all a request can lose.
        cache::RedisConfig config;
        config.host = QStringLiteral("192.0.2.1");
        cache::RedisConnection redis(config);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!redis.command({"PING"}).ok());
        QVERIFY2(timer.elapsed() < config.connectTimeoutMs + 300, qPrintable(QString::number(timer.elapsed())));
    }

    void resilientCacheStartsDownAndServesInProcess()
    {
        auto clock = std::make_shared<common::SystemClock>();
        cache::ResilientCache caches(deadEndpoint(), clock);
        QSignalSpy changes(&caches, &cache::ResilientCache::stateChanged);
        caches.start();
        QCOMPARE(caches.stateName(), QStringLiteral("in-process (redis down)"));
        QVERIFY2(!caches.redisUrl().contains("hunter2"), qPrintable(caches.redisUrl()));

        QElapsedTimer timer;
        timer.start();
        // Purchases go on: limiter, locks and cache all answer, each from the in-process side.
        QVERIFY(caches.hit("kedai:rl:buy:1", 2, 60'000).allowed);
        QVERIFY(caches.hit("kedai:rl:buy:1", 2, 60'000).allowed);
        QVERIFY(!caches.hit("kedai:rl:buy:1", 2, 60'000).allowed);
        const auto token = caches.tryLock("kedai:lock:buy:1", 30'000);
        QVERIFY(token);
        QVERIFY(!caches.tryLock("kedai:lock:buy:1", 30'000));
        QVERIFY(caches.extend("kedai:lock:buy:1", *token, 30'000));
        QVERIFY(caches.unlock("kedai:lock:buy:1", *token));
        caches.put("catalog:gold", "list", cache::CacheTtl::kCatalogMs);
        QCOMPARE(caches.get("catalog:gold").value_or(QByteArray()), QByteArray("list"));
        caches.invalidatePrefix("catalog:");
        QVERIFY(!caches.get("catalog:gold"));
        QCOMPARE(caches.hits(), 1);
        QCOMPARE(caches.misses(), 1);
        // No call waited for Redis: only the background thread tries it.
        QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(changes.count(), 0); // it never was up

        caches.stop();
        QCOMPARE(caches.stateName(), QStringLiteral("in-process"));
    }

    void degradedCacheKeepsEntriesBriefly()
    {
        // While Redis is down, other instances' invalidations cannot reach us.
        auto clock = std::make_shared<common::ManualClock>();
        cache::ResilientCache caches(deadEndpoint(), clock);
        caches.start();
        caches.put("balance:7", "1000", cache::CacheTtl::kBalanceMs);
        clock->advanceMs(cache::CacheTtl::kDegradedMs - 1);
        QVERIFY(caches.get("balance:7"));
        clock->advanceMs(1);
        QVERIFY(!caches.get("balance:7"));
    }

    void withoutRedisItIsInProcessWithFullTtls()
    {
        auto clock = std::make_shared<common::ManualClock>();
        auto caches = cache::ResilientCache::fromUrl(QString(), clock);
        QVERIFY(caches.ok());
        (*caches)->start();
        QCOMPARE((*caches)->stateName(), QStringLiteral("in-process"));
        QVERIFY((*caches)->redisUrl().isEmpty());
        (*caches)->put("settings:shop", "x", cache::CacheTtl::kSettingsMs);
        clock->advanceMs(cache::CacheTtl::kSettingsMs - 1);
        QVERIFY((*caches)->get("settings:shop"));
        QCOMPARE((*caches)->redisRoundTrips(), 0);
    }

    void malformedUrlIsAnError()
    {
        auto caches = cache::ResilientCache::fromUrl(QStringLiteral("redis://:hunter2@h/x"),
                                                     std::make_shared<common::SystemClock>());
        QVERIFY(!caches.ok());
        QVERIFY(!caches.error().message.contains("hunter2"));
    }
};

QTEST_GUILESS_MAIN(TestRedisUnreachable)
#include "tst_redisunreachable.moc"
