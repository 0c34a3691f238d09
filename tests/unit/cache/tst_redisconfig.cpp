#include "cache/redisconfig.h"

#include <QTest>

using namespace kedai;

class TestRedisConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("username");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("db");

        QTest::newRow("test services") << "redis://127.0.0.1:42958/0"
                                       << "127.0.0.1" << 42958 << ""
                                       << "" << 0;
        QTest::newRow("default port, no db") << "redis://cache.internal"
                                             << "cache.internal" << 6379 << ""
                                             << "" << 0;
        QTest::newRow("trailing slash") << "redis://localhost:6380/"
                                        << "localhost" << 6380 << ""
                                        << "" << 0;
        QTest::newRow("password only") << "redis://:s3cret@10.0.0.5:6379/2"
                                       << "10.0.0.5" << 6379 << ""
                                       << "s3cret" << 2;
        QTest::newRow("ACL user") << "redis://kedai:pw@redis:6379/1"
                                  << "redis" << 6379 << "kedai"
                                  << "pw" << 1;
        QTest::newRow("percent-encoded password") << "redis://:p%40ss%3Aword%2F@h:1/15"
                                                  << "h" << 1 << ""
                                                  << "p@ss:word/" << 15;
        QTest::newRow("IPv6") << "redis://[::1]:7000/3"
                              << "::1" << 7000 << ""
                              << "" << 3;
        QTest::newRow("spaces around") << "  redis://h:1/0\n"
                                       << "h" << 1 << ""
                                       << "" << 0;
    }

    void parsesUrls()
    {
        QFETCH(QString, url);
        const auto config = cache::RedisConfig::fromUrl(url);
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.error().message));
        QTEST(config->host, "host");
        QTEST(config->port, "port");
        QTEST(config->username, "username");
        QTEST(config->password, "password");
        QTEST(config->db, "db");
        QVERIFY(config->keyPrefix.isEmpty()); // production keys start with kedai:
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");

        QTest::newRow("empty") << ""
                               << "expected redis://";
        QTest::newRow("no scheme") << "localhost:6379"
                                   << "scheme";
        QTest::newRow("http") << "http://:hunter2@h:6379"
                              << "scheme";
        QTest::newRow("TLS") << "rediss://:hunter2@h:6380"
                             << "TLS";
        QTest::newRow("no host") << "redis://:hunter2@:6379/0"
                                 << "no host";
        QTest::newRow("port too big") << "redis://:hunter2@h:70000"
                                      << "expected redis://";
        QTest::newRow("db not a number") << "redis://:hunter2@h:6379/cache"
                                         << "database number";
        QTest::newRow("negative db") << "redis://:hunter2@h:6379/-1"
                                     << "database number";
        QTest::newRow("nested path") << "redis://:hunter2@h:6379/0/1"
                                     << "database number";
        QTest::newRow("query") << "redis://:hunter2@h:6379/0?timeout=1"
                               << "query";
        QTest::newRow("user without password") << "redis://kedai@h:6379"
                                               << "needs a password";
    }

    void rejectsBadUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, why);
        const auto config = cache::RedisConfig::fromUrl(url);
        QVERIFY(!config.ok());
        QCOMPARE(config.error().code, QStringLiteral("redis.url"));
        QVERIFY2(config.error().message.contains(why), qPrintable(config.error().message));
        // The message goes to the log and the window: it must never carry the password.
        QVERIFY2(!config.error().message.contains("hunter2"), qPrintable(config.error().message));
    }

    void displayUrlMasksThePassword_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("shown");
        QTest::newRow("no password") << "redis://h:6379"
                                     << "redis://h:6379/0";
        QTest::newRow("password") << "redis://:hunter2@h:6379/2"
                                  << "redis://:***@h:6379/2";
        QTest::newRow("user and password") << "redis://kedai:hunter2@h:1/0"
                                           << "redis://kedai:***@h:1/0";
    }

    void displayUrlMasksThePassword()
    {
        QFETCH(QString, url);
        const auto config = cache::RedisConfig::fromUrl(url);
        QVERIFY(config.ok());
        QTEST(config->displayUrl(), "shown");
    }

    void defaultsFailFast()
    {
        // A dead Redis must cost a request well under a second.
        const auto config = cache::RedisConfig::fromUrl(QStringLiteral("redis://h"));
        QVERIFY(config.ok());
        QVERIFY(config->connectTimeoutMs <= 250);
        QVERIFY(config->commandTimeoutMs <= 500);
    }
};

QTEST_GUILESS_MAIN(TestRedisConfig)
#include "tst_redisconfig.moc"
