#include "cache/cachettl.h"
#include "cache/rediscache.h"

#include "redistestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kedai;

class TestRedisCache : public QObject
{
    Q_OBJECT

    std::optional<cache::RedisConfig> m_config;
    std::shared_ptr<common::SystemClock> m_clock = std::make_shared<common::SystemClock>();

    /// An instance as a kedaid process would have it: its own connection, L1 and subscriber.
    std::unique_ptr<cache::RedisCache> instance()
    {
        auto cache = std::make_unique<cache::RedisCache>(std::make_shared<cache::RedisConnection>(*m_config), m_clock);
        // L1 is used only once the subscriber listens.
        QElapsedTimer waited;
        waited.start();
        while (!cache->isSubscribed() && waited.elapsed() < 3000)
            QThread::msleep(5);
        return cache;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_config = testutil::sharedRedis();
        if (!m_config)
            QSKIP(testutil::kNoRedis);
    }

    void cleanupTestCase()
    {
        if (m_config) {
            cache::RedisConnection redis(*m_config);
            testutil::deletePrefix(redis);
        }
    }

    void readsThroughL1AndCountsHits()
    {
        auto cache = instance();
        QVERIFY(cache->isSubscribed());
        QVERIFY(!cache->get("catalog:gold"));
        cache->put("catalog:gold", "list", cache::CacheTtl::kCatalogMs);
        QCOMPARE(cache->get("catalog:gold").value_or(QByteArray()), QByteArray("list"));
        QCOMPARE(cache->localHits(), 1); // the writer's own L1 has it

        auto other = instance();
        QCOMPARE(other->get("catalog:gold").value_or(QByteArray()), QByteArray("list"));
        QCOMPARE(other->get("catalog:gold").value_or(QByteArray()), QByteArray("list"));
        QCOMPARE(other->redisHits(), 1);
        QCOMPARE(other->localHits(), 1);
        QCOMPARE(other->hits(), 2);
        QCOMPARE(cache->misses(), 1);
    }

    void entriesExpire()
    {
        auto cache = instance();
        cache->put("balance:1", "5000", 300);
        auto other = instance();
        QVERIFY(other->get("balance:1")); // into its L1 with Redis' remaining TTL
        QThread::msleep(350);
        QVERIFY(!cache->get("balance:1"));
        QVERIFY(!other->get("balance:1"));
        cache::RedisConnection redis(*m_config);
        const auto left = redis.command({"KEYS", redis.key("kedai:cache:v:*balance:1")});
        QVERIFY(left->elements().empty());
    }

    void invalidationDropsAKeyEverywhere()
    {
        auto a = instance();
        auto b = instance();
        a->put("balance:2", "100", cache::CacheTtl::kBalanceMs);
        QCOMPARE(b->get("balance:2").value_or(QByteArray()), QByteArray("100"));
        QCOMPARE(b->get("balance:2").value_or(QByteArray()), QByteArray("100"));
        QCOMPARE(b->localHits(), 1); // b serves it from L1 now: only pub/sub can take it away

        a->invalidate("balance:2");
        QVERIFY(!a->get("balance:2"));
        QTRY_VERIFY_WITH_TIMEOUT(!b->get("balance:2"), 1000);
        a->put("balance:2", "70", cache::CacheTtl::kBalanceMs);
        QCOMPARE(b->get("balance:2").value_or(QByteArray()), QByteArray("70"));
    }

    void prefixInvalidationDropsTheGroupEverywhere()
    {
        auto a = instance();
        auto b = instance();
        a->put("catalog:gold", "g", cache::CacheTtl::kCatalogMs);
        a->put("catalog:bronze", "b", cache::CacheTtl::kCatalogMs);
        a->put("settings:shop", "s", cache::CacheTtl::kSettingsMs);
        for (const QString &key :
             {QStringLiteral("catalog:gold"), QStringLiteral("catalog:bronze"), QStringLiteral("settings:shop")})
            QVERIFY(b->get(key)); // fill b's L1
        const qint64 localBefore = b->localHits();
        QVERIFY(b->get("catalog:gold"));
        QCOMPARE(b->localHits(), localBefore + 1);

        a->invalidatePrefix("catalog:");
        QVERIFY(!a->get("catalog:gold"));
        QTRY_VERIFY_WITH_TIMEOUT(!b->get("catalog:gold"), 1000);
        QVERIFY(!b->get("catalog:bronze"));
        QCOMPARE(b->get("settings:shop").value_or(QByteArray()), QByteArray("s"));
    }

    void prefixInvalidationIsOneRoundTrip()
    {
        // No KEYS/SCAN: however many keys the group holds, dropping it is one call.
        auto redis = std::make_shared<cache::RedisConnection>(*m_config);
        cache::RedisCache cache(redis, m_clock);
        for (int i = 0; i < 200; ++i)
            cache.put(QStringLiteral("catalog:p%1").arg(i), "x", cache::CacheTtl::kCatalogMs);
        const qint64 before = redis->roundTrips();
        QVERIFY(cache.dropPrefix("catalog:").ok());
        QCOMPARE(redis->roundTrips() - before, 1);
        QVERIFY(!cache.get("catalog:p0"));
        QVERIFY(!cache.get("catalog:p199"));
    }

    void aPurchaseInvalidatesBalanceAndCatalogInOneRoundTrip()
    {
        auto redis = std::make_shared<cache::RedisConnection>(*m_config);
        cache::RedisCache a(redis, m_clock);
        auto b = instance();
        a.put("balance:42", "9000", cache::CacheTtl::kBalanceMs);
        a.put("balance:43", "1", cache::CacheTtl::kBalanceMs);
        a.put("catalog:gold:list", "g", cache::CacheTtl::kCatalogMs);
        for (const QString &key :
             {QStringLiteral("balance:42"), QStringLiteral("balance:43"), QStringLiteral("catalog:gold:list")})
            QVERIFY(b->get(key));

        const qint64 before = redis->roundTrips();
        QVERIFY(a.dropMany({"balance:42"}, {"catalog:"}).ok());
        QCOMPARE(redis->roundTrips() - before, 1);
        QVERIFY(!a.get("balance:42"));
        QVERIFY(!a.get("catalog:gold:list"));
        QTRY_VERIFY_WITH_TIMEOUT(!b->get("balance:42") && !b->get("catalog:gold:list"), 1000);
        QCOMPARE(b->get("balance:43").value_or(QByteArray()), QByteArray("1"));
    }

    void partialPrefixesDropTheirWholeGroup_data()
    {
        QTest::addColumn<QString>("prefix");
        QTest::addColumn<QString>("group");
        QTest::newRow("group") << "catalog:"
                               << "catalog:";
        QTest::newRow("inside a group") << "catalog:go"
                                        << "catalog:";
        QTest::newRow("nested") << "catalog:gold:"
                                << "catalog:gold:";
        QTest::newRow("no colon: everything") << "catalog"
                                              << "";
        QTest::newRow("empty: everything") << ""
                                           << "";
    }

    void partialPrefixesDropTheirWholeGroup()
    {
        QFETCH(QString, prefix);
        QTEST(cache::RedisCache::groupOf(prefix), "group");
        // Never less than asked: the key under the prefix is gone, whatever else went with it.
        auto cache = instance();
        cache->put("catalog:gold:p1", "x", cache::CacheTtl::kCatalogMs);
        cache->invalidatePrefix(prefix);
        QVERIFY(!cache->get("catalog:gold:p1"));
    }

    void nestedGroupsAreIndependentUpwards()
    {
        auto cache = instance();
        cache->put("catalog:gold:p1", "1", cache::CacheTtl::kCatalogMs);
        cache->put("catalog:silver:p1", "2", cache::CacheTtl::kCatalogMs);
        cache->invalidatePrefix("catalog:gold:");
        QVERIFY(!cache->get("catalog:gold:p1"));
        QVERIFY(cache->get("catalog:silver:p1"));
    }

    void invalidationsMissedWhileDisconnectedAreNotServedFromL1()
    {
        auto a = instance();
        auto b = instance();
        a->put("settings:x", "old", cache::CacheTtl::kSettingsMs);
        QVERIFY(b->get("settings:x"));
        QVERIFY(b->get("settings:x"));
        QCOMPARE(b->localHits(), 1);

        // Cut this test's subscribers off; the invalidation published now reaches nobody.
        cache::RedisConnection admin(*m_config);
        const QByteArray name = "name=" + m_config->keyPrefix + "kedai:subscriber ";
        int killed = 0;
        for (const QByteArray &line : admin.command({"CLIENT", "LIST", "TYPE", "pubsub"})->bytes().split('\n')) {
            if (!line.contains(name))
                continue;
            const qsizetype at = line.indexOf("id=") + 3;
            killed += int(
                admin.command({"CLIENT", "KILL", "ID", line.mid(at, line.indexOf(' ', at) - at)})->toInteger());
        }
        QCOMPARE(killed, 2);
        a->invalidate("settings:x");

        // b noticed the broken subscription and stopped trusting (and cleared) its L1.
        QTRY_VERIFY_WITH_TIMEOUT(!b->get("settings:x"), 1000);
        // Both resubscribe by themselves.
        QTRY_VERIFY_WITH_TIMEOUT(a->isSubscribed() && b->isSubscribed(), 3000);
        a->put("settings:x", "new", cache::CacheTtl::kSettingsMs);
        QCOMPARE(b->get("settings:x").value_or(QByteArray()), QByteArray("new"));
        a->invalidate("settings:x");
        QTRY_VERIFY_WITH_TIMEOUT(!b->get("settings:x"), 1000);
    }

    void binaryValuesSurvive()
    {
        auto cache = instance();
        const QByteArray value("\0\xff\r\n{json}", 10);
        cache->put("catalog:bin", value, cache::CacheTtl::kCatalogMs);
        auto other = instance();
        QCOMPARE(other->get("catalog:bin").value_or(QByteArray()), value);
    }
};

QTEST_GUILESS_MAIN(TestRedisCache)
#include "tst_rediscache.moc"
