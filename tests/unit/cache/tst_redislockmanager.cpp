#include "cache/redislockmanager.h"

#include "redistestutil.h"

#include <QElapsedTimer>
#include <QTest>

#include <atomic>
#include <latch>

using namespace kedai;

class TestRedisLockManager : public QObject
{
    Q_OBJECT

    std::shared_ptr<cache::RedisConnection> m_redis;

    QString freshKey() const { return "kedai:lock:buy:" + common::randomToken(4); }

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

    void onlyTheOwnerReleasesOrExtends()
    {
        cache::RedisLockManager locks(m_redis);
        const QString key = freshKey();
        const auto token = locks.acquire(key, 10'000);
        QVERIFY(token.ok());
        QVERIFY(token->has_value());
        QVERIFY(!locks.acquire(key, 10'000)->has_value());

        QCOMPARE(*locks.release(key, "not-the-owner"), false);
        QCOMPARE(*locks.renew(key, "not-the-owner", 60'000), false);
        QCOMPARE(m_redis->command({"GET", m_redis->key(key)})->bytes(), token->value().toLatin1());
        QVERIFY(m_redis->command({"PTTL", m_redis->key(key)})->toInteger() <= 10'000);

        QCOMPARE(*locks.renew(key, **token, 60'000), true);
        QVERIFY(m_redis->command({"PTTL", m_redis->key(key)})->toInteger() > 10'000);
        QCOMPARE(*locks.release(key, **token), true);
        QVERIFY(m_redis->command({"GET", m_redis->key(key)})->isNil());
        QCOMPARE(*locks.release(key, **token), false); // twice is not an error, and does nothing
        QVERIFY(locks.acquire(key, 10'000)->has_value());
    }

    void expiryHandsTheLockOn()
    {
        cache::RedisLockManager locks(m_redis);
        const QString key = freshKey();
        const auto first = locks.tryLock(key, 150);
        QVERIFY(first);
        QVERIFY(!locks.tryLock(key, 150));
        QThread::msleep(200);
        const auto second = locks.tryLock(key, 10'000);
        QVERIFY(second);
        QVERIFY(*first != *second);
        // The expired owner must not release or extend the new owner's lock.
        QVERIFY(!locks.unlock(key, *first));
        QVERIFY(!locks.extend(key, *first, 60'000));
        QVERIFY(!locks.tryLock(key, 150));
        QVERIFY(locks.unlock(key, *second));
    }

    void extendKeepsItPastTheFirstTtl()
    {
        cache::RedisLockManager locks(m_redis);
        const QString key = freshKey();
        const auto token = locks.tryLock(key, 300);
        QVERIFY(token);
        QThread::msleep(200);
        QVERIFY(locks.extend(key, *token, 300));
        QThread::msleep(200); // 400 ms after taking it
        QVERIFY(!locks.tryLock(key, 300));
        QThread::msleep(150);
        QVERIFY(!locks.extend(key, *token, 300)); // expired: gone for good
        QVERIFY(locks.tryLock(key, 300));
    }

    void oneHolderAtATimeAmong20Threads()
    {
        cache::RedisLockManager locks(m_redis);
        const QString key = freshKey();
        constexpr int kThreads = 20;
        std::latch start(kThreads);
        std::atomic<int> inside{0};
        std::atomic<int> maxInside{0};
        std::atomic<int> acquisitions{0};
        std::atomic<int> failedReleases{0};
        std::atomic<int> errors{0};
        QList<QThread *> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads << QThread::create([&] {
                start.arrive_and_wait();
                QElapsedTimer running;
                running.start();
                while (running.elapsed() < 1500) {
                    const auto token = locks.acquire(key, 5000);
                    if (!token) {
                        ++errors;
                        continue;
                    }
                    if (!token->has_value()) {
                        QThread::usleep(300);
                        continue;
                    }
                    const int now = ++inside;
                    int seen = maxInside;
                    while (now > seen && !maxInside.compare_exchange_weak(seen, now)) {
                    }
                    ++acquisitions;
                    QThread::msleep(2); // work while holding it
                    --inside;
                    const auto released = locks.release(key, **token);
                    if (!released || !*released)
                        ++failedReleases;
                }
            });
            threads.last()->start();
        }
        for (auto *thread : threads) {
            thread->wait();
            delete thread;
        }
        QCOMPARE(errors.load(), 0);
        QCOMPARE(maxInside.load(), 1);
        QCOMPARE(failedReleases.load(), 0);
        QVERIFY2(acquisitions > kThreads, qPrintable(QString::number(acquisitions)));
        QVERIFY(m_redis->command({"EXISTS", m_redis->key(key)})->toInteger() == 0);
    }
};

QTEST_GUILESS_MAIN(TestRedisLockManager)
#include "tst_redislockmanager.moc"
