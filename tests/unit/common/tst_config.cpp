#include "common/config.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace kedai::common;

class TestConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rateSpec_data();
    void rateSpec();
    void rateSpecToString();
    void httpAddress_data();
    void httpAddress();
    void laterSourceWins_data();
    void laterSourceWins();
    void dataDirFromEnvironmentOrFlag();
    void defaultsWithEmptySources();
    void postgresFromParts();
    void ownerNumbersAreNormalised();
    void invalidValuesAreClearErrors_data();
    void invalidValuesAreClearErrors();
    void uncreatableDataDir();
    void adminTokenIsGeneratedOnceAndPersisted();
    void configuredAdminTokenIsNotPersisted();
};

void TestConfig::rateSpec_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("windowMs");
    QTest::newRow("default form") << QStringLiteral("3/60s") << true << 3 << 60'000LL;
    QTest::newRow("no unit = seconds") << QStringLiteral("5/10") << true << 5 << 10'000LL;
    QTest::newRow("milliseconds") << QStringLiteral("10/500ms") << true << 10 << 500LL;
    QTest::newRow("minutes") << QStringLiteral("20/1m") << true << 20 << 60'000LL;
    QTest::newRow("hours") << QStringLiteral("100/2h") << true << 100 << 7'200'000LL;
    QTest::newRow("spaces") << QStringLiteral(" 3 / 60 s ") << true << 3 << 60'000LL;
    QTest::newRow("zero count") << QStringLiteral("0/60s") << false << 0 << 0LL;
    QTest::newRow("zero window") << QStringLiteral("3/0s") << false << 0 << 0LL;
    QTest::newRow("negative") << QStringLiteral("-3/60s") << false << 0 << 0LL;
    QTest::newRow("unknown unit") << QStringLiteral("3/60d") << false << 0 << 0LL;
    QTest::newRow("missing window") << QStringLiteral("3/") << false << 0 << 0LL;
    QTest::newRow("words") << QStringLiteral("three per minute") << false << 0 << 0LL;
    QTest::newRow("empty") << QString() << false << 0 << 0LL;
    QTest::newRow("huge count") << QStringLiteral("9999999/1s") << false << 0 << 0LL;
}

void TestConfig::rateSpec()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, count);
    QFETCH(qint64, windowMs);
    const auto spec = RateSpec::parse(text);
    QCOMPARE(spec.has_value(), valid);
    if (valid) {
        QCOMPARE(spec->count, count);
        QCOMPARE(spec->windowMs, windowMs);
    }
}

void TestConfig::rateSpecToString()
{
    for (const char *text : {"3/60s", "1/1s", "20/3600s", "10/500ms", "5/1500ms"}) {
        const auto spec = RateSpec::parse(QString::fromLatin1(text));
        QVERIFY(spec);
        QCOMPARE(spec->toString(), QString::fromLatin1(text));
    }
    QCOMPARE(RateSpec::parse(QStringLiteral("2/1m"))->toString(), QStringLiteral("2/60s"));
}

void TestConfig::httpAddress_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("loopback") << QStringLiteral("127.0.0.1:8080") << true << QStringLiteral("127.0.0.1") << 8080;
    QTest::newRow("all interfaces") << QStringLiteral(":8080") << true << QStringLiteral("0.0.0.0") << 8080;
    QTest::newRow("hostname") << QStringLiteral("localhost:9000") << true << QStringLiteral("localhost") << 9000;
    QTest::newRow("ipv6") << QStringLiteral("[::1]:8443") << true << QStringLiteral("::1") << 8443;
    QTest::newRow("port zero") << QStringLiteral("127.0.0.1:0") << true << QStringLiteral("127.0.0.1") << 0;
    QTest::newRow("max port") << QStringLiteral(":65535") << true << QStringLiteral("0.0.0.0") << 65535;
    QTest::newRow("spaces") << QStringLiteral("  :8080 ") << true << QStringLiteral("0.0.0.0") << 8080;
    QTest::newRow("no port") << QStringLiteral("127.0.0.1") << false << QString() << 0;
    QTest::newRow("empty port") << QStringLiteral("127.0.0.1:") << false << QString() << 0;
    QTest::newRow("port too big") << QStringLiteral(":65536") << false << QString() << 0;
    QTest::newRow("port words") << QStringLiteral("host:http") << false << QString() << 0;
    QTest::newRow("negative port") << QStringLiteral("host:-1") << false << QString() << 0;
    QTest::newRow("empty") << QString() << false << QString() << 0;
}

void TestConfig::httpAddress()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto addr = HttpAddress::parse(text);
    QCOMPARE(addr.has_value(), valid);
    if (valid) {
        QCOMPARE(addr->host, host);
        QCOMPARE(int(addr->port), port);
    }
}

void TestConfig::laterSourceWins_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("env");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<int>("port");
    QTest::newRow("default") << QString() << QString() << QString() << 8080;
    QTest::newRow("file") << QStringLiteral(":1111") << QString() << QString() << 1111;
    QTest::newRow("env over file") << QStringLiteral(":1111") << QStringLiteral(":2222") << QString() << 2222;
    QTest::newRow("flag over env") << QStringLiteral(":1111") << QStringLiteral(":2222") << QStringLiteral(":3333")
                                   << 3333;
    QTest::newRow("flag over file") << QStringLiteral(":1111") << QString() << QStringLiteral(":3333") << 3333;
    QTest::newRow("env only") << QString() << QStringLiteral(":2222") << QString() << 2222;
}

void TestConfig::laterSourceWins()
{
    QFETCH(QString, file);
    QFETCH(QString, env);
    QFETCH(QString, flag);
    QFETCH(int, port);
    QTemporaryDir dir;
    const QString key = QStringLiteral("HTTP_ADDR");
    if (!file.isEmpty())
        QVERIFY(Config::writeSetting(dir.path(), key, file));
    QHash<QString, QString> flags{{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}};
    QHash<QString, QString> environment;
    if (!env.isEmpty())
        environment.insert(key, env);
    if (!flag.isEmpty())
        flags.insert(key, flag);
    const auto config = Config::load(flags, environment);
    QVERIFY(config);
    QCOMPARE(int(config->http.port), port);
}

void TestConfig::dataDirFromEnvironmentOrFlag()
{
    QTemporaryDir a;
    QTemporaryDir b;
    const QString nested = a.filePath(QStringLiteral("x/y"));
    auto fromEnv = Config::load({}, {{QStringLiteral("KEDAI_DATA_DIR"), nested}});
    QVERIFY(fromEnv);
    QCOMPARE(fromEnv->dataDir, QDir(nested).absolutePath());
    QVERIFY(QDir(nested).exists()); // created
    auto fromFlag = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), b.path()}},
                                 {{QStringLiteral("KEDAI_DATA_DIR"), nested}});
    QVERIFY(fromFlag);
    QCOMPARE(fromFlag->dataDir, QDir(b.path()).absolutePath());
}

void TestConfig::defaultsWithEmptySources()
{
    QTemporaryDir dir;
    const auto c = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}}, {});
    QVERIFY(c);
    QCOMPARE(c->databaseUrl, QStringLiteral("sqlite://") + QDir(dir.path()).filePath(QStringLiteral("kedai.db")));
    QCOMPARE(c->sqlitePath(), QDir(dir.path()).filePath(QStringLiteral("kedai.db")));
    QCOMPARE(c->http.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(c->rateLimitBuy.count, 3);
    QCOMPARE(c->rateLimitBuy.windowMs, 60'000);
    QVERIFY(c->redisUrl.isEmpty());
    QVERIFY(c->ownerNumbers.isEmpty());
    QVERIFY(!c->demo);
    QCOMPARE(c->language, QStringLiteral("id"));
}

void TestConfig::postgresFromParts()
{
    QTemporaryDir dir;
    const auto c = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}},
                                {{QStringLiteral("PG_HOST"), QStringLiteral("db.local")},
                                 {QStringLiteral("PG_USER"), QStringLiteral("kedai")},
                                 {QStringLiteral("PG_PASSWORD"), QStringLiteral("s3cret")},
                                 {QStringLiteral("PG_DATABASE"), QStringLiteral("shop")}});
    QVERIFY(c);
    QCOMPARE(c->databaseUrl, QStringLiteral("postgresql://kedai:s3cret@db.local:5432/shop"));
    QVERIFY(c->sqlitePath().isEmpty());
    // An explicit DATABASE_URL wins over the parts.
    const auto explicitUrl = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()},
                                           {QStringLiteral("DATABASE_URL"), QStringLiteral("sqlite:///tmp/x.db")}},
                                          {{QStringLiteral("PG_HOST"), QStringLiteral("db.local")}});
    QCOMPARE(explicitUrl->databaseUrl, QStringLiteral("sqlite:///tmp/x.db"));
}

void TestConfig::ownerNumbersAreNormalised()
{
    QTemporaryDir dir;
    const auto c = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}},
                                {{QStringLiteral("OWNER_NUMBERS"),
                                  QStringLiteral("0812-3456-789, +62 857 1111 2222,,")}});
    QVERIFY(c);
    QCOMPARE(c->ownerNumbers, (QStringList{QStringLiteral("628123456789"), QStringLiteral("6285711112222")}));
}

void TestConfig::invalidValuesAreClearErrors_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("code");
    QTest::newRow("http addr") << QStringLiteral("HTTP_ADDR") << QStringLiteral("localhost")
                               << QStringLiteral("config.http_addr");
    QTest::newRow("http port") << QStringLiteral("HTTP_ADDR") << QStringLiteral(":99999")
                               << QStringLiteral("config.http_addr");
    QTest::newRow("rate limit") << QStringLiteral("RATE_LIMIT_BUY") << QStringLiteral("lots")
                                << QStringLiteral("config.rate_limit_buy");
    QTest::newRow("owner number") << QStringLiteral("OWNER_NUMBERS") << QStringLiteral("0812,abc")
                                  << QStringLiteral("config.owner_numbers");
    QTest::newRow("database url") << QStringLiteral("DATABASE_URL") << QStringLiteral("mysql://x/y")
                                  << QStringLiteral("config.database_url");
}

void TestConfig::invalidValuesAreClearErrors()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, code);
    QTemporaryDir dir;
    const auto c = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}}, {{key, value}});
    QVERIFY(!c);
    QCOMPARE(c.error().code, code);
    QVERIFY2(c.error().message.contains(key), qPrintable(c.error().message)); // names the setting
}

void TestConfig::uncreatableDataDir()
{
    const auto c = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), QStringLiteral("/proc/kedai-test/data")}}, {});
    QVERIFY(!c);
    QCOMPARE(c.error().code, QStringLiteral("config.data_dir"));
    QVERIFY(c.error().message.contains(QLatin1String("/proc/kedai-test/data")));
}

void TestConfig::adminTokenIsGeneratedOnceAndPersisted()
{
    QTemporaryDir dir;
    const QHash<QString, QString> flags{{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}};
    const auto first = Config::load(flags, {});
    QVERIFY(first);
    QVERIFY(first->adminTokenGenerated);
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{48}$")).match(first->adminToken).hasMatch());
    QVERIFY(QFile::exists(first->settingsPath()));
    QCOMPARE(QFile::permissions(first->settingsPath()) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    // Stored encrypted (common::SecretBox), never in plain text.
    const QString stored =
        QSettings(first->settingsPath(), QSettings::IniFormat).value(QStringLiteral("KEDAI_ADMIN_TOKEN")).toString();
    QVERIFY(stored.startsWith(QLatin1String("enc:v1:")));
    QVERIFY(!stored.contains(first->adminToken));

    const auto second = Config::load(flags, {});
    QVERIFY(second);
    QVERIFY(!second->adminTokenGenerated);
    QCOMPARE(second->adminToken, first->adminToken);
}

void TestConfig::configuredAdminTokenIsNotPersisted()
{
    QTemporaryDir dir;
    const auto c = Config::load({{QStringLiteral("KEDAI_DATA_DIR"), dir.path()}},
                                {{QStringLiteral("KEDAI_ADMIN_TOKEN"), QStringLiteral("from-env")}});
    QVERIFY(c);
    QCOMPARE(c->adminToken, QStringLiteral("from-env"));
    QVERIFY(!c->adminTokenGenerated);
    QVERIFY(!QSettings(c->settingsPath(), QSettings::IniFormat).contains(QStringLiteral("KEDAI_ADMIN_TOKEN")));
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
