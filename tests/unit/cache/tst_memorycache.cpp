#include "cache/memorycache.h"

#include <QTest>
#include <QtConcurrent>

#include <atomic>

using namespace kedai;

class TestMemoryCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void limiterHoldsTheLimitAtTheWindowEdge()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryRateLimiter limiter(clock);
        const QString key = QStringLiteral("k");
        // 3 hits at the very end of a window...
        clock->advanceMs(59'000);
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.hit(key, 3, 60'000).allowed);
        // ...and none just after the edge of a fixed window: a sliding window still counts them.
        clock->advanceMs(1'500);
        const auto refused = limiter.hit(key, 3, 60'000);
        QVERIFY(!refused.allowed);
        QCOMPARE(refused.retryAfterMs, 58'500);
        clock->advanceMs(58'499);
        QVERIFY(!limiter.hit(key, 3, 60'000).allowed);
        clock->advanceMs(1);
        for (int i = 0; i < 3; ++i)
            QVERIFY(limiter.hit(key, 3, 60'000).allowed);
        QVERIFY(!limiter.hit(key, 3, 60'000).allowed);
    }

    void limiterKeysAreIndependent()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryRateLimiter limiter(clock);
        QVERIFY(limiter.hit(QStringLiteral("a"), 1, 1000).allowed);
        QVERIFY(!limiter.hit(QStringLiteral("a"), 1, 1000).allowed);
        QVERIFY(limiter.hit(QStringLiteral("b"), 1, 1000).allowed);
    }

    void limiterIsExactUnderConcurrency()
    {
        auto clock = std::make_shared<common::SystemClock>();
        cache::MemoryRateLimiter limiter(clock);
        std::atomic<int> allowed{0};
        QThreadPool pool;
        pool.setMaxThreadCount(16);
        QList<QFuture<void>> futures;
        for (int i = 0; i < 50; ++i)
            futures << QtConcurrent::run(&pool, [&] {
                if (limiter.hit(QStringLiteral("one-customer"), 3, 60'000).allowed)
                    ++allowed;
            });
        for (auto &f : futures)
            f.waitForFinished();
        QCOMPARE(allowed.load(), 3);
    }

    void lockOwnership()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryLockManager locks(clock);
        const auto token = locks.tryLock(QStringLiteral("l"), 1000);
        QVERIFY(token);
        QVERIFY(!locks.tryLock(QStringLiteral("l"), 1000));
        QVERIFY(!locks.unlock(QStringLiteral("l"), QStringLiteral("not-the-owner")));
        QVERIFY(!locks.tryLock(QStringLiteral("l"), 1000));
        QVERIFY(locks.unlock(QStringLiteral("l"), *token));
        QVERIFY(locks.tryLock(QStringLiteral("l"), 1000));
    }

    void lockExpires()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryLockManager locks(clock);
        const auto first = locks.tryLock(QStringLiteral("l"), 1000);
        QVERIFY(first);
        clock->advanceMs(1001);
        const auto second = locks.tryLock(QStringLiteral("l"), 1000);
        QVERIFY(second);
        // The expired owner must not release the new owner's lock.
        QVERIFY(!locks.unlock(QStringLiteral("l"), *first));
        QVERIFY(locks.unlock(QStringLiteral("l"), *second));
    }

    void lockExtendOnlyByTheOwnerWhileHeld()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryLockManager locks(clock);
        const auto token = locks.tryLock(QStringLiteral("l"), 1000);
        QVERIFY(token);
        QVERIFY(!locks.extend(QStringLiteral("l"), QStringLiteral("not-the-owner"), 5000));
        clock->advanceMs(900);
        QVERIFY(locks.extend(QStringLiteral("l"), *token, 1000));
        clock->advanceMs(900); // past the first TTL: still held thanks to the extension
        QVERIFY(!locks.tryLock(QStringLiteral("l"), 1000));
        clock->advanceMs(100);
        // Expired: the former owner can neither extend nor release it.
        QVERIFY(!locks.extend(QStringLiteral("l"), *token, 1000));
        QVERIFY(locks.tryLock(QStringLiteral("l"), 1000));
        QVERIFY(!locks.unlock(QStringLiteral("l"), *token));
    }

    void cacheTtlAndPrefixInvalidation()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryCache c(clock);
        c.put(QStringLiteral("kedai:catalog:bronze"), "a", 1000);
        c.put(QStringLiteral("kedai:catalog:gold"), "b", 1000);
        c.put(QStringLiteral("kedai:saldo:1"), "c", 1000);
        QCOMPARE(c.get(QStringLiteral("kedai:catalog:gold")).value_or(QByteArray()), QByteArray("b"));
        c.invalidatePrefix(QStringLiteral("kedai:catalog:"));
        QVERIFY(!c.get(QStringLiteral("kedai:catalog:gold")));
        QVERIFY(c.get(QStringLiteral("kedai:saldo:1")));
        clock->advanceMs(1000);
        QVERIFY(!c.get(QStringLiteral("kedai:saldo:1")));
        QCOMPARE(c.hits(), 2);
        QCOMPARE(c.misses(), 2);
        c.put(QStringLiteral("kedai:saldo:2"), "d", 1000);
        c.put(QStringLiteral("kedai:saldo:3"), "e", 1000);
        c.put(QStringLiteral("kedai:catalog:gold"), "b", 1000);
        c.invalidateMany({QStringLiteral("kedai:saldo:3")}, {QStringLiteral("kedai:catalog:")});
        QVERIFY(!c.get(QStringLiteral("kedai:saldo:3")));
        QVERIFY(!c.get(QStringLiteral("kedai:catalog:gold")));
        QVERIFY(c.get(QStringLiteral("kedai:saldo:2")));
        c.clear();
        QVERIFY(!c.get(QStringLiteral("kedai:saldo:2")));
    }

    void expiredEntriesDoNotAccumulate()
    {
        auto clock = std::make_shared<common::ManualClock>();
        cache::MemoryCache c(clock);
        // Many keys written once and never read again (the L1 of a busy shop)...
        for (int i = 0; i < 5000; ++i) {
            c.put(QStringLiteral("balance:%1").arg(i), "x", 1000);
            clock->advanceMs(1);
        }
        // ...leave only the live ones (the last second's) plus at most one sweep period behind.
        QVERIFY2(c.size() < 3000, qPrintable(QString::number(c.size())));
        QVERIFY(c.get(QStringLiteral("balance:4999")));
    }
};

QTEST_GUILESS_MAIN(TestMemoryCache)
#include "tst_memorycache.moc"
