#include "cache/redisconnection.h"

#include "redistestutil.h"

#include <QSet>
#include <QTest>

#include <latch>

using namespace kedai;

class TestRedisConnection : public QObject
{
    Q_OBJECT

    std::optional<cache::RedisConfig> m_config;

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

    void commandsAndReplies()
    {
        cache::RedisConnection redis(*m_config);
        const QByteArray key = redis.key("kedai:t:value");
        const QByteArray binary("a\0b\r\n\xff", 6);
        QCOMPARE(redis.command({"SET", key, binary})->bytes(), QByteArray("OK"));
        QCOMPARE(redis.command({"GET", key})->bytes(), binary);
        QVERIFY(redis.command({"GET", redis.key("kedai:t:missing")})->isNil());
        QCOMPARE(redis.command({"INCRBY", redis.key("kedai:t:n"), "41"})->toInteger(), 41);
        // A server error is an answer, not a broken connection.
        const auto wrong = redis.command({"INCR", key});
        QVERIFY(wrong.ok());
        QVERIFY(wrong->isError());
        QCOMPARE(redis.command({"PING"})->bytes(), QByteArray("PONG"));
    }

    void evalLoadsTheScriptAfterNoscript()
    {
        // SCRIPT FLUSH on a server of its own: the shared one serves tests running in parallel.
        if (!testutil::ThrowawayRedis::available())
            QSKIP("redis-server is not installed");
        testutil::ThrowawayRedis server;
        QVERIFY(server.start());
        cache::RedisConnection redis(server.config());
        const cache::RedisScript script(QByteArrayLiteral("return {KEYS[1], ARGV[1] + 1}"));
        QCOMPARE(redis.command({"SCRIPT", "EXISTS", script.sha1()})->elements()[0].toInteger(), 0);
        QVERIFY(redis.eval(script, {"k"}, {"0"}).ok());
        // Like a restarted server that forgot the script.
        QVERIFY(redis.command({"SCRIPT", "FLUSH"}).ok());
        QCOMPARE(redis.command({"SCRIPT", "EXISTS", script.sha1()})->elements()[0].toInteger(), 0);
        const auto first = redis.eval(script, {"k"}, {"41"});
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message));
        QCOMPARE(first->elements()[1].toInteger(), 42);
        QCOMPARE(redis.command({"SCRIPT", "EXISTS", script.sha1()})->elements()[0].toInteger(), 1);
        // The SHA1 computed here is the one Redis uses: the second call needs no load.
        const qint64 before = redis.roundTrips();
        QVERIFY(redis.eval(script, {"k"}, {"1"}).ok());
        QCOMPARE(redis.roundTrips() - before, 1);
    }

    void failingScriptIsAnError()
    {
        cache::RedisConnection redis(*m_config);
        const auto reply = redis.eval(cache::RedisScript("return redis.call('NOSUCHCOMMAND')"), {});
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().code, QStringLiteral("redis.reply"));
    }

    void oneConnectionPerThread()
    {
        cache::RedisConnection redis(*m_config);
        constexpr int kThreads = 8;
        std::latch ready(kThreads);
        QMutex mutex;
        QSet<qint64> ids;
        QList<QThread *> threads;
        for (int i = 0; i < kThreads; ++i) {
            threads << QThread::create([&] {
                ready.arrive_and_wait();
                const auto first = redis.command({"CLIENT", "ID"});
                const auto second = redis.command({"CLIENT", "ID"});
                QMutexLocker lock(&mutex);
                if (first && second && first->toInteger() == second->toInteger())
                    ids.insert(first->toInteger());
            });
            threads.last()->start();
        }
        for (auto *thread : threads) {
            thread->wait();
            delete thread;
        }
        // Each thread kept one connection of its own.
        QCOMPARE(ids.size(), kThreads);
    }

    void reconnectsAfterTheServerDropsAnIdleConnection()
    {
        cache::RedisConnection redis(*m_config);
        const qint64 id = redis.command({"CLIENT", "ID"})->toInteger();
        cache::RedisConnection admin(*m_config);
        QCOMPARE(admin.command({"CLIENT", "KILL", "ID", QByteArray::number(id)})->toInteger(), 1);
        // The next command finds the socket closed and goes through on a new connection.
        const auto after = redis.command({"CLIENT", "ID"});
        QVERIFY2(after.ok(), qPrintable(after.ok() ? QString() : after.error().message));
        QVERIFY(after->toInteger() != id);
    }

    void resetConnectionsReconnectsEveryThread()
    {
        cache::RedisConnection redis(*m_config);
        const qint64 before = redis.command({"CLIENT", "ID"})->toInteger();
        redis.resetConnections();
        QVERIFY(redis.command({"CLIENT", "ID"})->toInteger() != before);
    }

    void timeoutOnASlowCommand()
    {
        auto config = *m_config;
        config.commandTimeoutMs = 100;
        cache::RedisConnection redis(config);
        QElapsedTimer timer;
        timer.start();
        // DEBUG SLEEP is disabled by default on Redis 7; a blocking pop on an empty list waits
        // server-side just the same.
        const auto reply = redis.command({"BLPOP", redis.key("kedai:t:empty"), "1"});
        QVERIFY(!reply.ok());
        QCOMPARE(reply.error().code, QStringLiteral("redis.timeout"));
        QVERIFY2(timer.elapsed() < 500, qPrintable(QString::number(timer.elapsed())));
        // The late answer must not be taken for the next command's.
        QCOMPARE(redis.command({"ECHO", "next"})->bytes(), QByteArray("next"));
    }

    void authAndSelect()
    {
        if (!testutil::ThrowawayRedis::available())
            QSKIP("redis-server is not installed");
        testutil::ThrowawayRedis server;
        server.setPassword("p@ss word");
        QVERIFY(server.start(0, {"--requirepass", "p@ss word"}));
        auto config = cache::RedisConfig::fromUrl(
            QStringLiteral("redis://:p%40ss%20word@127.0.0.1:%1/3").arg(server.port()));
        QVERIFY(config.ok());
        cache::RedisConnection redis(*config);
        QVERIFY(redis.command({"SET", "k", "in db 3"})->bytes() == "OK");
        QCOMPARE(redis.command({"CLIENT", "INFO"})->bytes().contains(" db=3 "), true);

        auto wrong = *config;
        wrong.password = "not it";
        const auto refused = cache::RedisConnection(wrong).command({"PING"});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, QStringLiteral("redis.auth"));
        QVERIFY(!refused.error().message.contains("not it"));
        QVERIFY(!refused.error().message.contains("p@ss"));
    }
};

QTEST_GUILESS_MAIN(TestRedisConnection)
#include "tst_redisconnection.moc"
