// Settings → "Test connection" against the real PostgreSQL and Redis of the test script
// (TEST_DATABASE_URL, TEST_REDIS_URL; skipped, saying so, without them) and against a closed
// port: the good address answers with the server's version, a bad one with a clear reason
// within the 5-second limit. (The test PostgreSQL trusts every local login, so a wrong password
// is tried on Redis, with an ACL user of its own.)
#include "cache/redisconfig.h"
#include "cache/redisconnection.h"
#include "common/config.h"
#include "engine/engine.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

using namespace kedai;

namespace {

template<typename T>
T await(QFuture<T> future)
{
    future.waitForFinished();
    return future.result();
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

} // namespace

class TestConnectionTests : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<engine::Engine> m_engine;

private Q_SLOTS:
    void initTestCase()
    {
        auto config = common::Config::load({{QStringLiteral("KEDAI_DATA_DIR"), m_dir.path()}},
                                           {{QStringLiteral("KEDAI_SECRET_KEY_FILE"),
                                             m_dir.filePath(QStringLiteral("keys/secret.key"))}});
        QVERIFY(config);
        m_engine = std::make_unique<engine::Engine>(config.value()); // not started: tests need no shop
    }

    void sqliteAnswers()
    {
        const auto r = await(
            m_engine->testDatabase(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("x.db"))));
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QVERIFY2(r->startsWith(QLatin1String("SQLite 3.")), qPrintable(*r));
        QVERIFY(r->contains(QLatin1String("ms")));
    }

    void postgresGoodAndBad()
    {
        const QString url = qEnvironmentVariable("TEST_DATABASE_URL");
        if (url.isEmpty())
            QSKIP("TEST_DATABASE_URL is not set (scripts/test-services.sh start)");
        const auto good = await(m_engine->testDatabase(url));
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        QVERIFY2(good->startsWith(QLatin1String("PostgreSQL ")), qPrintable(*good));

        QUrl noDb(url);
        noDb.setPath(QStringLiteral("/kedai_no_such_database"));
        const auto missing = await(m_engine->testDatabase(noDb.toString()));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, QStringLiteral("probe.no_database"));

        QUrl closed(url);
        closed.setPort(closedPort());
        QElapsedTimer timer;
        timer.start();
        const auto refused = await(m_engine->testDatabase(closed.toString()));
        QVERIFY(timer.elapsed() < 6000);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("probe.refused"));
        QVERIFY(refused.error().message.contains(QString::number(closed.port())));
        QVERIFY(!refused.error().message.contains(QLatin1String("password=")));
    }

    void redisGoodAndBad()
    {
        const QString url = qEnvironmentVariable("TEST_REDIS_URL");
        if (url.isEmpty())
            QSKIP("TEST_REDIS_URL is not set (scripts/test-services.sh start)");
        const auto good = await(m_engine->testRedis(url));
        QVERIFY2(good, good ? "" : qPrintable(good.error().message));
        QVERIFY2(good->startsWith(QLatin1String("Redis ")), qPrintable(*good));

        // A user of its own with a known password, then the wrong one.
        auto config = cache::RedisConfig::fromUrl(url);
        QVERIFY(config);
        cache::RedisConnection admin(*config);
        const QByteArray user = "kedai-probe-" + QByteArray::number(QCoreApplication::applicationPid());
        QVERIFY(admin.command({"ACL", "SETUSER", user, "on", ">right-password", "+ping", "+info"}));
        QUrl wrong(url);
        wrong.setUserName(QString::fromLatin1(user));
        wrong.setPassword(QStringLiteral("wrong-password"));
        const auto refused = await(m_engine->testRedis(wrong.toString()));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, QStringLiteral("probe.auth"));
        QVERIFY(!refused.error().message.contains(QLatin1String("wrong-password")));
        wrong.setPassword(QStringLiteral("right-password"));
        QVERIFY(await(m_engine->testRedis(wrong.toString())));
        (void)admin.command({"ACL", "DELUSER", user});

        const quint16 port = closedPort();
        QElapsedTimer timer;
        timer.start();
        const auto closed = await(m_engine->testRedis(QStringLiteral("redis://127.0.0.1:%1/0").arg(port)));
        QVERIFY(timer.elapsed() < 6000);
        QVERIFY(!closed);
        QCOMPARE(closed.error().code, QStringLiteral("probe.refused"));
        QVERIFY(closed.error().message.contains(QString::number(port)));
    }
};

QTEST_GUILESS_MAIN(TestConnectionTests)
#include "tst_connectiontests.moc"
