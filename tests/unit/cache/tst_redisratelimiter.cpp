#include "cache/redisratelimiter.h"

#include "redistestutil.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <atomic>
#include <latch>

using namespace kedai;

class TestRedisRateLimiter : public QObject
{
    Q_OBJECT

    std::shared_ptr<cache::RedisConnection> m_redis;

    struct Burst
    {
        int allowed = 0;
        int errors = 0;
        int connections = 0; ///< distinct Redis client ids among the threads
    };

    /// `threads` real threads, each on its own connection, hit `key` at the same moment.
    Burst burst(cache::RedisRateLimiter &limiter, const QString &key, int threads, int limit, qint64 windowMs)
    {
        std::latch connected(threads);
        std::atomic<int> allowed{0};
        std::atomic<int> errors{0};
        QMutex mutex;
        QSet<qint64> clientIds;
        QList<QThread *> workers;
        for (int i = 0; i < threads; ++i) {
            workers << QThread::create([&] {
                // Connect first, so that the hits themselves race.
                const auto id = m_redis->command({"CLIENT", "ID"});
                connected.arrive_and_wait();
                const auto decision = limiter.tryHit(key, limit, windowMs);
                if (!decision)
                    ++errors;
                else if (decision->allowed)
                    ++allowed;
                QMutexLocker lock(&mutex);
                if (id)
                    clientIds.insert(id->toInteger());
            });
            workers.last()->start();
        }
        for (auto *worker : workers) {
            worker->wait();
            delete worker;
        }
        return Burst{allowed, errors, int(clientIds.size())};
    }

    QString freshKey() const { return "kedai:rl:buy:" + common::randomToken(4); }

    /// Milliseconds within the current second on the Redis server's clock.
    qint64 serverMsInSecond()
    {
        const auto time = m_redis->command({"TIME"});
        return time->elements()[1].bytes().toLongLong() / 1000;
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto config = testutil::sharedRedis();
        if (!config)
            QSKIP(testutil::kNoRedis);
        m_redis = std::make_shared<cache::RedisConnection>(*config);
    }

    void cleanupTestCase()
    {
        if (m_redis)
            testutil::deletePrefix(*m_redis);
    }

    void holdsTheLimitUnderConcurrency_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("1") << 1;
        QTest::newRow("3 (the bot's buy limit)") << 3;
        QTest::newRow("10") << 10;
        QTest::newRow("49") << 49;
        QTest::newRow("50 (all allowed)") << 50;
    }

    void holdsTheLimitUnderConcurrency()
    {
        QFETCH(int, limit);
        cache::RedisRateLimiter limiter(m_redis);
        const QString key = freshKey();
        const Burst result = burst(limiter, key, 50, limit, 60'000);
        QCOMPARE(result.errors, 0);
        QCOMPARE(result.connections, 50);
        QCOMPARE(result.allowed, limit);
        // Refused hits are not logged: only the counted ones are in the set.
        QCOMPARE(m_redis->command({"ZCARD", m_redis->key(key)})->toInteger(), limit);
        const qint64 ttl = m_redis->command({"PTTL", m_redis->key(key)})->toInteger();
        QVERIFY2(ttl > 0 && ttl <= 60'000, qPrintable(QString::number(ttl)));
    }

    void retryAfterCountsFromTheOldestHit()
    {
        cache::RedisRateLimiter limiter(m_redis);
        const QString key = freshKey();
        QElapsedTimer sinceFirst;
        sinceFirst.start();
        QVERIFY(limiter.tryHit(key, 2, 1000)->allowed);
        QThread::msleep(300);
        QVERIFY(limiter.tryHit(key, 2, 1000)->allowed);
        const auto refused = limiter.tryHit(key, 2, 1000);
        const qint64 elapsed = sinceFirst.elapsed();
        QVERIFY(!refused->allowed);
        // The first hit leaves the window 1000 ms after it was counted: ~700 ms from now, not a
        // whole window (as if counted from the last hit). One ms of slack for the server's rounding.
        QVERIFY2(refused->retryAfterMs >= 1000 - elapsed - 1 && refused->retryAfterMs <= 701,
                 qPrintable(QStringLiteral("retry after %1 ms, %2 ms after the first hit")
                                .arg(refused->retryAfterMs)
                                .arg(elapsed)));
        QThread::msleep(refused->retryAfterMs + 20);
        QVERIFY(limiter.tryHit(key, 2, 1000)->allowed);
        QVERIFY(!limiter.tryHit(key, 2, 1000)->allowed);
    }

    void noDoubleBurstAtAWindowEdge()
    {
        cache::RedisRateLimiter limiter(m_redis);
        const QString key = freshKey();
        constexpr int kLimit = 3;
        constexpr qint64 kWindow = 1000;
        // Fill the limit near the end of a (fixed, one-second) window on the server's clock...
        while (serverMsInSecond() < 800 || serverMsInSecond() > 850)
            QThread::msleep(5);
        QCOMPARE(burst(limiter, key, 50, kLimit, kWindow).allowed, kLimit);
        // ...and storm it again just after the edge: a fixed window would let 3 more through.
        while (serverMsInSecond() >= 800)
            QThread::msleep(5);
        QThread::msleep(50);
        const Burst afterEdge = burst(limiter, key, 50, kLimit, kWindow);
        QCOMPARE(afterEdge.errors, 0);
        QCOMPARE(afterEdge.allowed, 0);
        // Once the first hits have left the sliding window, exactly the limit again.
        QThread::msleep(1000);
        QCOMPARE(burst(limiter, key, 50, kLimit, kWindow).allowed, kLimit);
    }

    void anyWindowHoldsAtMostTheLimit()
    {
        // One thread hammers for a few windows. For allowed hits i and i+limit, Redis saw the
        // later one at least a window after the earlier one; measured from before the first
        // was sent to after the second was answered, the gap can only be longer.
        cache::RedisRateLimiter limiter(m_redis);
        const QString key = freshKey();
        constexpr int kLimit = 4;
        constexpr qint64 kWindow = 300;
        QElapsedTimer clock;
        clock.start();
        QList<QPair<qint64, qint64>> allowed; // (sent, answered) in µs
        while (clock.elapsed() < 1300) {
            const qint64 sent = clock.nsecsElapsed() / 1000;
            const auto decision = limiter.tryHit(key, kLimit, kWindow);
            QVERIFY(decision.ok());
            if (decision->allowed)
                allowed.append({sent, clock.nsecsElapsed() / 1000});
        }
        QVERIFY2(allowed.size() >= 2 * kLimit && allowed.size() <= 6 * kLimit,
                 qPrintable(QString::number(allowed.size())));
        for (qsizetype i = 0; i + kLimit < allowed.size(); ++i) {
            // The server's clock has whole milliseconds: allow one of rounding.
            const qint64 gapUs = allowed[i + kLimit].second - allowed[i].first;
            QVERIFY2(gapUs >= (kWindow - 1) * 1000,
                     qPrintable(QStringLiteral("hits %1 and %2 only %3 µs apart").arg(i).arg(i + kLimit).arg(gapUs)));
        }
    }

    void keysAreIndependent()
    {
        cache::RedisRateLimiter limiter(m_redis);
        const QString a = freshKey();
        const QString b = freshKey();
        QVERIFY(limiter.hit(a, 1, 10'000).allowed);
        QVERIFY(!limiter.hit(a, 1, 10'000).allowed);
        QVERIFY(limiter.hit(b, 1, 10'000).allowed);
    }
};

QTEST_GUILESS_MAIN(TestRedisRateLimiter)
#include "tst_redisratelimiter.moc"
