#include "common/config.h"

#include "common/ids.h"
#include "common/secretbox.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>

namespace kedai::common {

std::optional<RateSpec> RateSpec::parse(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\s*(\\d{1,6})\\s*/\\s*(\\d{1,7})\\s*(ms|s|m|h)?\\s*$"));
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    RateSpec spec;
    spec.count = m.captured(1).toInt();
    const qint64 n = m.captured(2).toLongLong();
    const QString unit = m.captured(3).isEmpty() ? QStringLiteral("s") : m.captured(3);
    const qint64 factor = unit == QLatin1String("ms")  ? 1
                          : unit == QLatin1String("s") ? 1000
                          : unit == QLatin1String("m") ? 60'000
                                                       : 3'600'000;
    spec.windowMs = n * factor;
    if (spec.count < 1 || spec.windowMs < 1)
        return std::nullopt;
    return spec;
}

QString RateSpec::toString() const
{
    if (windowMs % 1000 != 0)
        return QString::number(count) + QLatin1Char('/') + QString::number(windowMs) + QStringLiteral("ms");
    return QString::number(count) + QLatin1Char('/') + QString::number(windowMs / 1000) + QLatin1Char('s');
}

std::optional<HttpAddress> HttpAddress::parse(const QString &text)
{
    const QString t = text.trimmed();
    const qsizetype colon = t.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return std::nullopt;
    bool ok = false;
    const uint port = t.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return std::nullopt;
    HttpAddress a;
    a.host = t.left(colon);
    if (a.host.startsWith(QLatin1Char('[')) && a.host.endsWith(QLatin1Char(']')))
        a.host = a.host.mid(1, a.host.size() - 2);
    if (a.host.isEmpty())
        a.host = QStringLiteral("0.0.0.0");
    a.port = quint16(port);
    return a;
}

QString HttpAddress::toString() const
{
    return host + QLatin1Char(':') + QString::number(port);
}

QString Config::settingsPath() const
{
    return QDir(dataDir).filePath(QStringLiteral("kedai.conf"));
}

QString Config::sqlitePath() const
{
    if (!databaseUrl.startsWith(QLatin1String("sqlite://")))
        return {};
    return databaseUrl.mid(int(sizeof("sqlite://")) - 1);
}

QHash<QString, QString> Config::systemEnvironment()
{
    QHash<QString, QString> out;
    const auto env = QProcessEnvironment::systemEnvironment();
    for (const QString &key : env.keys())
        out.insert(key, env.value(key));
    return out;
}

QString Config::defaultDataDir()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QStringLiteral("/.local/share");
    return base + QStringLiteral("/kedai");
}

static QHash<QString, QString> readSettingsFile(const QString &path)
{
    QHash<QString, QString> out;
    if (!QFileInfo::exists(path))
        return out;
    QSettings s(path, QSettings::IniFormat);
    for (const QString &key : s.allKeys())
        out.insert(key, s.value(key).toString());
    return out;
}

namespace {
Result<void> writeSettingsFile(const QString &dataDir, const QString &keyFile, const QString &key, const QString &value)
{
    const QString path = QDir(dataDir).filePath(QStringLiteral("kedai.conf"));
    std::optional<SecretBox> box;
    // The key is created only when there is a secret to encrypt.
    auto sealed = [&](const QString &name, const QString &plain) -> Result<QString> {
        if (!SecretBox::needsProtection(name, plain))
            return plain;
        if (!box) {
            auto loaded = SecretBox::fromKeyFile(keyFile, true);
            if (!loaded)
                return loaded.error();
            box = loaded.value();
        }
        return box->protect(name, plain);
    };
    {
        QSettings s(path, QSettings::IniFormat);
        auto stored = sealed(key, value);
        if (!stored)
            return stored.error();
        s.setValue(key, stored.value());
        // Plain secrets written by hand are encrypted the next time Kedai writes the file.
        for (const QString &name : SecretBox::secretNames() + SecretBox::urlNames()) {
            if (name == key || !s.contains(name))
                continue;
            auto other = sealed(name, s.value(name).toString());
            if (!other)
                return other.error();
            s.setValue(name, other.value());
        }
        s.sync();
        if (s.status() != QSettings::NoError)
            return makeError(QStringLiteral("settings.write"),
                             QStringLiteral("Cannot write the settings file %1").arg(path));
    }
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}
} // namespace

Result<void> Config::writeSetting(const QString &dataDir, const QString &key, const QString &value)
{
    return writeSettingsFile(dataDir, SecretBox::keyFilePath(systemEnvironment()), key, value);
}

Result<void> Config::saveSetting(const QString &key, const QString &value) const
{
    return writeSettingsFile(dataDir, secretKeyFile, key, value);
}

namespace {
/// An http(s) base URL from the variable `name`, without trailing slashes; a clear error
/// (config.<name in lower case>) naming `example` otherwise.
Result<QString> httpBaseUrl(const char *name, const QString &value, const char *example)
{
    const QUrl url(value);
    if (!url.isValid() || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        || url.host().isEmpty())
        return makeError(QStringLiteral("config.") + QString::fromLatin1(name).toLower(),
                         QStringLiteral("%1 must be an http(s) URL such as %2 (got \"%3\")")
                             .arg(QLatin1String(name), QLatin1String(example), value));
    QString base = value;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}
} // namespace

Result<Config> Config::load(const QHash<QString, QString> &flags, const QHash<QString, QString> &environment)
{
    Config c;
    c.dataDir = flags.value(QStringLiteral("KEDAI_DATA_DIR"), environment.value(QStringLiteral("KEDAI_DATA_DIR")));
    if (c.dataDir.isEmpty())
        c.dataDir = defaultDataDir();
    c.dataDir = QDir(c.dataDir).absolutePath();
    if (!QDir().mkpath(c.dataDir))
        return makeError(QStringLiteral("config.data_dir"),
                         QStringLiteral("Cannot create the data folder %1: check its permissions or pass --data-dir")
                             .arg(c.dataDir));

    // Later sources win: settings file, then environment, then flags.
    QHash<QString, QString> v = readSettingsFile(c.settingsPath());
    for (auto it = environment.begin(); it != environment.end(); ++it)
        v.insert(it.key(), it.value());
    for (auto it = flags.begin(); it != flags.end(); ++it)
        v.insert(it.key(), it.value());
    c.secretKeyFile = SecretBox::keyFilePath(environment);
    std::optional<SecretBox> box;
    for (const QString &name : SecretBox::secretNames() + SecretBox::urlNames()) {
        const QString value = v.value(name).trimmed();
        if (!value.contains(QLatin1String("enc:v1:")))
            continue;
        if (!box) {
            auto loaded = SecretBox::fromKeyFile(c.secretKeyFile, false);
            if (!loaded)
                return makeError(QStringLiteral("config.secret_key"),
                                 QStringLiteral("%1 is stored encrypted in %2, but %3 Restore the key file (or set "
                                                "KEDAI_SECRET_KEY_FILE to it), or enter %1 again: remove its line "
                                                "from the settings file and set it in Settings or the environment.")
                                     .arg(name, c.settingsPath(), loaded.error().message));
            box = loaded.value();
        }
        auto plain = box->reveal(name, value);
        if (!plain)
            return makeError(QStringLiteral("config.secret_undecryptable"),
                             QStringLiteral("%1 in %2 cannot be decrypted with the key %3 (the key was replaced or "
                                            "lost, or the value was changed). Restore the original key file, or "
                                            "enter %1 again: remove its line from the settings file and set it in "
                                            "Settings or the environment.")
                                 .arg(name, c.settingsPath(), c.secretKeyFile));
        v.insert(name, plain.value());
    }
    auto get = [&v](const char *key) { return v.value(QString::fromLatin1(key)).trimmed(); };

    c.databaseUrl = get("DATABASE_URL");
    if (c.databaseUrl.isEmpty() && !get("PG_HOST").isEmpty()) {
        QUrl url;
        url.setScheme(QStringLiteral("postgresql"));
        url.setHost(get("PG_HOST"));
        url.setPort(get("PG_PORT").isEmpty() ? 5432 : get("PG_PORT").toInt());
        url.setPath(QLatin1Char('/') + (get("PG_DATABASE").isEmpty() ? QStringLiteral("kedai") : get("PG_DATABASE")));
        url.setUserName(get("PG_USER"));
        url.setPassword(get("PG_PASSWORD"));
        c.databaseUrl = url.toString();
    }
    if (c.databaseUrl.isEmpty())
        c.databaseUrl = QStringLiteral("sqlite://") + QDir(c.dataDir).filePath(QStringLiteral("kedai.db"));
    if (!c.databaseUrl.startsWith(QLatin1String("sqlite://"))
        && !c.databaseUrl.startsWith(QLatin1String("postgresql://"))
        && !c.databaseUrl.startsWith(QLatin1String("postgres://")))
        return makeError(QStringLiteral("config.database_url"),
                         QStringLiteral("DATABASE_URL must start with sqlite:// or postgresql://"));

    c.redisUrl = get("REDIS_URL");
    if (!get("HTTP_ADDR").isEmpty()) {
        const auto addr = HttpAddress::parse(get("HTTP_ADDR"));
        if (!addr)
            return makeError(
                QStringLiteral("config.http_addr"),
                QStringLiteral("HTTP_ADDR must look like 127.0.0.1:8080 (got \"%1\")").arg(get("HTTP_ADDR")));
        c.http = *addr;
    }
    if (!get("RATE_LIMIT_BUY").isEmpty()) {
        const auto spec = RateSpec::parse(get("RATE_LIMIT_BUY"));
        if (!spec)
            return makeError(
                QStringLiteral("config.rate_limit_buy"),
                QStringLiteral("RATE_LIMIT_BUY must look like 3/60s (got \"%1\")").arg(get("RATE_LIMIT_BUY")));
        c.rateLimitBuy = *spec;
    }
    for (const QString &n : get("OWNER_NUMBERS").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString phone = normalizePhone(n);
        if (phone.isEmpty())
            return makeError(QStringLiteral("config.owner_numbers"),
                             QStringLiteral("OWNER_NUMBERS has an invalid number: \"%1\"").arg(n.trimmed()));
        c.ownerNumbers << phone;
    }
    if (!get("KEDAI_SHARDS").isEmpty())
        c.shards = qBound(1, get("KEDAI_SHARDS").toInt(), 64);
    const QString demo = get("KEDAI_DEMO").toLower();
    c.demo = demo == QLatin1String("1") || demo == QLatin1String("true") || demo == QLatin1String("yes");
    if (!get("KEDAI_LANGUAGE").isEmpty())
        c.language = get("KEDAI_LANGUAGE") == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("id");
    if (!get("KEDAI_SHOP_NAME").isEmpty())
        c.shopName = get("KEDAI_SHOP_NAME");

    // The QRIS string is checked by the engine (payments::QrisSetup): a malformed one switches
    // QRIS off with a clear message instead of stopping the shop.
    c.qrisStatic = get("QRIS_STATIC").trimmed();
    c.qrisListenerKey = get("QRIS_LISTENER_KEY").trimmed();
    if (!get("QRIS_EXPIRY_MIN").isEmpty()) {
        bool ok = false;
        const int minutes = get("QRIS_EXPIRY_MIN").trimmed().toInt(&ok);
        if (!ok || minutes < 1 || minutes > 1440)
            return makeError(QStringLiteral("config.qris_expiry_min"),
                             QStringLiteral("QRIS_EXPIRY_MIN must be a number of minutes from 1 to 1440 (got \"%1\")")
                                 .arg(get("QRIS_EXPIRY_MIN")));
        c.qrisExpiryMin = minutes;
    }

    c.waPhoneNumberId = get("WA_PHONE_NUMBER_ID");
    c.waAccessToken = get("WA_ACCESS_TOKEN");
    c.waAppSecret = get("WA_APP_SECRET");
    c.waVerifyToken = get("WA_VERIFY_TOKEN");
    if (!get("WA_API_BASE_URL").isEmpty()) {
        auto base = httpBaseUrl("WA_API_BASE_URL", get("WA_API_BASE_URL"), "https://graph.facebook.com/v21.0");
        if (!base)
            return base.error();
        c.waApiBaseUrl = base.value();
    }
    if (!get("WAHA_URL").isEmpty()) {
        auto base = httpBaseUrl("WAHA_URL", get("WAHA_URL"), "http://localhost:3000");
        if (!base)
            return base.error();
        c.wahaUrl = base.value();
    }
    c.wahaApiKey = get("WAHA_API_KEY");
    if (!get("WAHA_SESSION").isEmpty())
        c.wahaSession = get("WAHA_SESSION");
    c.wahaHmacKey = get("WAHA_HMAC_KEY");

    c.adminToken = get("KEDAI_ADMIN_TOKEN");
    if (c.adminToken.isEmpty()) {
        c.adminToken = randomToken(24);
        c.adminTokenGenerated = true;
        if (auto r = c.saveSetting(QStringLiteral("KEDAI_ADMIN_TOKEN"), c.adminToken); !r)
            return r.error();
    }
    return c;
}

} // namespace kedai::common
