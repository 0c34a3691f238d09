// Secrets encrypted at rest: the box itself (round trip, wrong key, tampering), the key file
// (created once, 0600, outside the data folder), and the settings file written through Config
// (no plaintext secret after saving, plain values re-saved encrypted, a lost key is a clear
// startup error naming the variable).
#include "common/config.h"
#include "common/secretbox.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using kedai::common::Config;
using kedai::common::SecretBox;

class TestSecretBox : public QObject
{
    Q_OBJECT

private:
    QHash<QString, QString> env() const { return {{QStringLiteral("KEDAI_SECRET_KEY_FILE"), m_keyFile}}; }
    QHash<QString, QString> flags() const { return {{QStringLiteral("KEDAI_DATA_DIR"), m_data->path()}}; }
    QByteArray settingsBytes() const
    {
        QFile f(m_data->filePath(QStringLiteral("kedai.conf")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_keys;
    std::unique_ptr<QTemporaryDir> m_data;
    QString m_keyFile;

private Q_SLOTS:
    void init()
    {
        m_data = std::make_unique<QTemporaryDir>();
        m_keyFile = m_keys.filePath(
            QStringLiteral("cfg/kedai/secret-%1.key").arg(QLatin1String(QTest::currentTestFunction())));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("plain");
        QTest::newRow("token") << QStringLiteral("EAAG-very-secret-token");
        QTest::newRow("empty") << QString();
        QTest::newRow("unicode") << QStringLiteral("kata sandi ✓ é 漢字");
        QTest::newRow("long") << QString(5000, QLatin1Char('x'));
    }

    void roundTrip()
    {
        QFETCH(QString, plain);
        auto box = SecretBox::fromKeyFile(m_keyFile, true);
        QVERIFY(box);
        auto sealed = box->encrypt(plain);
        QVERIFY(sealed);
        QVERIFY(SecretBox::isEncrypted(*sealed));
        if (!plain.isEmpty())
            QVERIFY(!sealed->contains(plain));
        QCOMPARE(box->decrypt(*sealed).value(), plain);
        // A fresh nonce every time: the same secret never looks the same twice.
        QVERIFY(box->encrypt(plain).value() != *sealed);
    }

    void plainValuesPassThrough()
    {
        auto box = SecretBox::fromKeyFile(m_keyFile, true);
        QVERIFY(box);
        QCOMPARE(box->decrypt(QStringLiteral("hand-written")).value(), QStringLiteral("hand-written"));
    }

    void wrongKeyIsRefused()
    {
        auto a = SecretBox::fromKeyFile(m_keyFile, true);
        auto b = SecretBox::fromKeyFile(m_keyFile + QStringLiteral(".other"), true);
        QVERIFY(a && b);
        const auto sealed = a->encrypt(QStringLiteral("secret")).value();
        const auto opened = b->decrypt(sealed);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, QStringLiteral("secret.undecryptable"));
    }

    void tamperedValueIsRefused_data()
    {
        QTest::addColumn<int>("position"); // from the end of the base64 text
        QTest::newRow("ciphertext") << 2;
        QTest::newRow("nonce") << 40;
        QTest::newRow("truncated") << -1;
    }

    void tamperedValueIsRefused()
    {
        QFETCH(int, position);
        auto box = SecretBox::fromKeyFile(m_keyFile, true);
        QVERIFY(box);
        QString sealed = box->encrypt(QStringLiteral("secret value")).value();
        if (position < 0) {
            sealed.chop(10);
        } else {
            const qsizetype i = sealed.size() - position;
            sealed[i] = sealed.at(i) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        }
        const auto opened = box->decrypt(sealed);
        QVERIFY(!opened);
        QCOMPARE(opened.error().code, QStringLiteral("secret.undecryptable"));
        QVERIFY(!box->decrypt(QStringLiteral("enc:v1:!!!not-base64")));
    }

    void keyFileIsPrivateAndStable()
    {
        QVERIFY(!SecretBox::fromKeyFile(m_keyFile, false)); // not created when only reading
        QVERIFY(!QFile::exists(m_keyFile));
        auto first = SecretBox::fromKeyFile(m_keyFile, true);
        QVERIFY(first);
        QCOMPARE(QFile::permissions(m_keyFile)
                     & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther),
                 QFile::Permissions());
        const auto sealed = first->encrypt(QStringLiteral("x")).value();
        auto again = SecretBox::fromKeyFile(m_keyFile, true); // existing key kept
        QVERIFY(again);
        QCOMPARE(again->decrypt(sealed).value(), QStringLiteral("x"));
        QFile bad(m_keyFile);
        QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
        bad.write("short\n");
        bad.close();
        QCOMPARE(SecretBox::fromKeyFile(m_keyFile, true).error().code, QStringLiteral("secret.key_invalid"));
    }

    void keyLivesOutsideTheDataFolder()
    {
        const QString path = SecretBox::keyFilePath({{QStringLiteral("XDG_CONFIG_HOME"), QStringLiteral("/tmp/cfg")}});
        QCOMPARE(path, QStringLiteral("/tmp/cfg/kedai/secret.key"));
        QCOMPARE(SecretBox::keyFilePath({{QStringLiteral("KEDAI_SECRET_KEY_FILE"), QStringLiteral("/etc/k.key")}}),
                 QStringLiteral("/etc/k.key"));
        QVERIFY(!SecretBox::keyFilePath({}).startsWith(Config::defaultDataDir()));
    }

    void settingsFileHoldsNoPlaintextSecret()
    {
        auto config = Config::load(flags(), env());
        QVERIFY(config);
        const QString dbUrl = QStringLiteral("postgresql://kedai:Pg-Pass-123@db.example:5432/kedai");
        const QString redisUrl = QStringLiteral("redis://:Redis-Pass-456@cache.example:6379/1");
        QVERIFY(config->saveSetting(QStringLiteral("WA_ACCESS_TOKEN"), QStringLiteral("EAAG-token-789")));
        QVERIFY(config->saveSetting(QStringLiteral("WAHA_HMAC_KEY"), QStringLiteral("hmac-key-000")));
        QVERIFY(config->saveSetting(QStringLiteral("DATABASE_URL"), dbUrl));
        QVERIFY(config->saveSetting(QStringLiteral("REDIS_URL"), redisUrl));
        QVERIFY(config->saveSetting(QStringLiteral("KEDAI_SHOP_NAME"), QStringLiteral("Toko Maju")));

        const QByteArray file = settingsBytes();
        for (const char *secret : {"EAAG-token-789", "hmac-key-000", "Pg-Pass-123", "Redis-Pass-456",
                                   config->adminToken.toLatin1().constData()})
            QVERIFY2(!file.contains(secret), secret);
        QVERIFY(file.contains("db.example")); // only the password of a URL is hidden
        QVERIFY(file.contains("Toko Maju"));  // not a secret
        QCOMPARE(QFile::permissions(config->settingsPath()) & (QFile::ReadGroup | QFile::ReadOther),
                 QFile::Permissions());

        auto loaded = Config::load(flags(), env());
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        QCOMPARE(loaded->waAccessToken, QStringLiteral("EAAG-token-789"));
        QCOMPARE(loaded->wahaHmacKey, QStringLiteral("hmac-key-000"));
        QCOMPARE(QUrl(loaded->databaseUrl).password(), QStringLiteral("Pg-Pass-123"));
        QCOMPARE(QUrl(loaded->databaseUrl).host(), QStringLiteral("db.example"));
        QCOMPARE(QUrl(loaded->redisUrl).password(), QStringLiteral("Redis-Pass-456"));
        QCOMPARE(loaded->adminToken, config->adminToken);
        QCOMPARE(loaded->shopName, QStringLiteral("Toko Maju"));
    }

    void handWrittenPlainSecretsKeepWorkingAndAreEncryptedOnNextWrite()
    {
        {
            QSettings s(m_data->filePath(QStringLiteral("kedai.conf")), QSettings::IniFormat);
            s.setValue(QStringLiteral("WAHA_API_KEY"), QStringLiteral("plain-waha-key"));
            s.setValue(QStringLiteral("KEDAI_ADMIN_TOKEN"), QStringLiteral("plain-admin-token-1234"));
        }
        auto config = Config::load(flags(), env());
        QVERIFY(config);
        QCOMPARE(config->wahaApiKey, QStringLiteral("plain-waha-key"));
        QVERIFY(settingsBytes().contains("plain-waha-key")); // reading changes nothing
        QVERIFY(config->saveSetting(QStringLiteral("KEDAI_SHOP_NAME"), QStringLiteral("Toko")));
        QVERIFY(!settingsBytes().contains("plain-waha-key"));
        QVERIFY(!settingsBytes().contains("plain-admin-token-1234"));
        auto again = Config::load(flags(), env());
        QVERIFY(again);
        QCOMPARE(again->wahaApiKey, QStringLiteral("plain-waha-key"));
        QCOMPARE(again->adminToken, QStringLiteral("plain-admin-token-1234"));
    }

    void lostKeyIsAClearStartupError()
    {
        auto config = Config::load(flags(), env());
        QVERIFY(config);
        QVERIFY(config->saveSetting(QStringLiteral("WA_APP_SECRET"), QStringLiteral("app-secret")));
        // Another key (the old one lost): the error names the variable and what to do.
        QVERIFY(QFile::remove(m_keyFile));
        QVERIFY(SecretBox::fromKeyFile(m_keyFile, true));
        auto wrong = Config::load(flags(), env());
        QVERIFY(!wrong);
        QCOMPARE(wrong.error().code, QStringLiteral("config.secret_undecryptable"));
        QVERIFY(wrong.error().message.contains(QLatin1String("WA_APP_SECRET")));
        QVERIFY(wrong.error().message.contains(QLatin1String("Restore")));
        QVERIFY(!wrong.error().message.contains(QLatin1String("app-secret")));
        // No key file at all.
        QVERIFY(QFile::remove(m_keyFile));
        auto missing = Config::load(flags(), env());
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, QStringLiteral("config.secret_key"));
        QVERIFY(missing.error().message.contains(m_keyFile));
    }
};

QTEST_GUILESS_MAIN(TestSecretBox)
#include "tst_secretbox.moc"
