// Settings, backups and tests of connections (the Settings panel's engine side).

#include "engine/engine.h"

#include "bot/templates.h"
#include "cache/redisconnection.h"
#include "channels/httpclient.h"
#include "common/ids.h"
#include "common/log.h"
#include "engine/engineprivate.h"
#include "store/connectionprobe.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>
#include <QtConcurrent>

namespace kedai::engine {

using common::Result;

namespace {

constexpr int kProbeTimeoutSeconds = 5;

/// The variables of the configuration contract the Settings panel may write.
const QStringList &editableNames()
{
    static const QStringList names{QStringLiteral("KEDAI_SHOP_NAME"),    QStringLiteral("KEDAI_LANGUAGE"),
                                   QStringLiteral("DATABASE_URL"),       QStringLiteral("REDIS_URL"),
                                   QStringLiteral("WA_PHONE_NUMBER_ID"), QStringLiteral("WA_ACCESS_TOKEN"),
                                   QStringLiteral("WA_APP_SECRET"),      QStringLiteral("WA_VERIFY_TOKEN"),
                                   QStringLiteral("WA_API_BASE_URL"),    QStringLiteral("WAHA_URL"),
                                   QStringLiteral("WAHA_API_KEY"),       QStringLiteral("WAHA_SESSION"),
                                   QStringLiteral("WAHA_HMAC_KEY"),      QStringLiteral("KEDAI_ADMIN_TOKEN"),
                                   QStringLiteral("OWNER_NUMBERS")};
    return names;
}

Result<void> badValue(const QString &message)
{
    return common::makeError(QStringLiteral("settings.bad_value"), message);
}

Result<void> checkConfigValue(const QString &name, const QString &value)
{
    const QString v = value.trimmed();
    if (name == QLatin1String("KEDAI_LANGUAGE") && v != QLatin1String("id") && v != QLatin1String("en"))
        return badValue(Engine::tr("The language must be id (Indonesian) or en (English)."));
    if (name == QLatin1String("KEDAI_SHOP_NAME") && (v.isEmpty() || v.size() > 80))
        return badValue(Engine::tr("The shop name must have 1 to 80 characters."));
    if (name == QLatin1String("DATABASE_URL") && !v.isEmpty() && !v.startsWith(QLatin1String("sqlite://"))
        && !v.startsWith(QLatin1String("postgresql://")) && !v.startsWith(QLatin1String("postgres://")))
        return badValue(Engine::tr("The database address must start with sqlite:// or postgresql://, e.g. "
                                   "postgresql://kedai:password@localhost:5432/kedai."));
    if (name == QLatin1String("REDIS_URL") && !v.isEmpty()) {
        if (auto parsed = cache::RedisConfig::fromUrl(v); !parsed)
            return badValue(Engine::tr("The Redis address must look like redis://:password@localhost:6379/0."));
    }
    if ((name == QLatin1String("WA_API_BASE_URL") || name == QLatin1String("WAHA_URL")) && !v.isEmpty()) {
        const QUrl url(v);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return badValue(Engine::tr("%1 must be an http(s) address such as https://example.com.").arg(name));
    }
    if (name == QLatin1String("OWNER_NUMBERS")) {
        // Config::load refuses a bad number at the next start: refuse it now instead.
        for (const QString &n : v.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (common::normalizePhone(n).isEmpty())
                return badValue(Engine::tr("\"%1\" is not a WhatsApp number. Write numbers like 628111000001, "
                                           "separated by commas.")
                                    .arg(n.trimmed().left(30)));
        }
    }
    if (name == QLatin1String("KEDAI_ADMIN_TOKEN") && v.size() < 16)
        return badValue(Engine::tr("The admin token must have at least 16 characters."));
    return {};
}

QString elapsed(const QElapsedTimer &timer)
{
    return Engine::tr("%1 ms").arg(timer.elapsed());
}

/// A probe error in words the owner can act on (the server's own words after them).
common::Error probeError(const common::Error &e, const QString &address)
{
    QString why;
    if (e.code == QLatin1String("probe.auth"))
        why = Engine::tr("Wrong user name or password.");
    else if (e.code == QLatin1String("probe.refused"))
        why = Engine::tr("Nothing answers at %1: is the server running and is the port right?").arg(address);
    else if (e.code == QLatin1String("probe.unknown_host"))
        why = Engine::tr("The host name cannot be found: check the address.");
    else if (e.code == QLatin1String("probe.timeout"))
        why = Engine::tr("No answer within %1 seconds: the host is unreachable or a firewall drops the connection.")
                  .arg(kProbeTimeoutSeconds);
    else if (e.code == QLatin1String("probe.no_database"))
        why = Engine::tr("The server answers but the database does not exist.");
    else if (e.code == QLatin1String("probe.bad_url"))
        why = Engine::tr("The address is not valid.");
    else
        why = Engine::tr("The connection failed.");
    common::Error out = e;
    out.message = e.message.isEmpty() ? why : why + QStringLiteral(" (") + e.message + QLatin1Char(')');
    return out;
}

/// Redis errors say what happened in their text; the probe codes make them actionable.
common::Error redisProbeError(const common::Error &e, const QString &address)
{
    const QString t = e.message.toLower();
    QString code = QStringLiteral("probe.failed");
    if (e.code == QLatin1String("redis.auth") || t.contains(QLatin1String("wrongpass"))
        || t.contains(QLatin1String("noauth")) || t.contains(QLatin1String("invalid password")))
        code = QStringLiteral("probe.auth");
    else if (t.contains(QLatin1String("connection refused")))
        code = QStringLiteral("probe.refused");
    else if (t.contains(QLatin1String("name or service")) || t.contains(QLatin1String("temporary failure in name")))
        code = QStringLiteral("probe.unknown_host");
    else if (e.code == QLatin1String("redis.timeout") || t.contains(QLatin1String("timed out"))
             || t.contains(QLatin1String("timeout")))
        code = QStringLiteral("probe.timeout");
    return probeError(common::Error{code, e.message, e.details}, address);
}

} // namespace

QFuture<Result<void>> Engine::saveConfigValues(const QHash<QString, QString> &values, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, values, actor]() -> Result<void> {
        if (auto allowed = d->authorize(actor, domain::Permission::EditSettings); !allowed)
            return allowed.error();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (!editableNames().contains(it.key()))
                return common::makeError(QStringLiteral("settings.unknown"),
                                         tr("%1 cannot be changed here.").arg(it.key().left(40)));
            if (auto ok = checkConfigValue(it.key(), it.value()); !ok)
                return ok.error();
        }
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (auto saved = d->config.saveSetting(it.key(), it.value().trimmed()); !saved)
                return saved.error();
        }
        log::get("engine")->info("settings file changed by {}: {}", actor,
                                 QStringList(values.keys()).join(QStringLiteral(", "))); // names only
        return {};
    });
}

QFuture<Result<QString>> Engine::testDatabase(const QString &url)
{
    return QtConcurrent::run([url]() -> Result<QString> {
        QElapsedTimer timer;
        timer.start();
        auto version = store::probeDatabase(url, kProbeTimeoutSeconds);
        if (!version) {
            const QUrl parsed(url.trimmed());
            const QString address = parsed.host() + QLatin1Char(':') + QString::number(parsed.port(5432));
            return probeError(version.error(), address);
        }
        return QString(version.value() + QStringLiteral(", ") + elapsed(timer));
    });
}

QFuture<Result<QString>> Engine::testRedis(const QString &url)
{
    return QtConcurrent::run([url]() -> Result<QString> {
        auto parsed = cache::RedisConfig::fromUrl(url.trimmed());
        if (!parsed)
            return probeError(common::makeError(QStringLiteral("probe.bad_url"), parsed.error().message), {});
        cache::RedisConfig config = parsed.value();
        config.connectTimeoutMs = kProbeTimeoutSeconds * 1000;
        config.commandTimeoutMs = kProbeTimeoutSeconds * 1000;
        const QString address = config.host + QLatin1Char(':') + QString::number(config.port);
        QElapsedTimer timer;
        timer.start();
        cache::RedisConnection connection(config);
        auto reply = connection.command({QByteArrayLiteral("INFO"), QByteArrayLiteral("server")});
        if (!reply)
            return redisProbeError(reply.error(), address);
        if (reply->isError())
            return redisProbeError(common::makeError(QStringLiteral("redis.reply"), QString::fromUtf8(reply->bytes())),
                                   address);
        QString version;
        for (const QByteArray &line : reply->bytes().split('\n')) {
            if (line.startsWith("redis_version:"))
                version = QString::fromLatin1(line.mid(14).trimmed());
        }
        return QStringLiteral("Redis %1, %2").arg(version.isEmpty() ? QStringLiteral("?") : version, elapsed(timer));
    });
}

QFuture<Result<QString>> Engine::testCloudApi(const QString &baseUrl, const QString &phoneNumberId,
                                              const QString &token)
{
    return QtConcurrent::run([baseUrl, phoneNumberId, token]() -> Result<QString> {
        QString base = baseUrl.trimmed().isEmpty() ? QStringLiteral("https://graph.facebook.com/v21.0")
                                                   : baseUrl.trimmed();
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        if (phoneNumberId.trimmed().isEmpty() || token.trimmed().isEmpty())
            return common::makeError(QStringLiteral("probe.bad_url"),
                                     tr("Enter the phone number id and the access token first."));
        channels::HttpRequest request;
        request.url = QUrl(base + QLatin1Char('/') + phoneNumberId.trimmed()
                           + QStringLiteral("?fields=display_phone_number,verified_name"));
        request.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + token.trimmed().toUtf8()});
        request.timeoutMs = kProbeTimeoutSeconds * 1000;
        request.maxResponseBytes = 64 * 1024;
        QElapsedTimer timer;
        timer.start();
        const auto response = channels::httpRequest(request);
        if (response.status == 0)
            return common::makeError(
                response.timedOut ? QStringLiteral("probe.timeout") : QStringLiteral("probe.refused"),
                response.timedOut
                    ? tr("No answer from %1 within %2 seconds.").arg(request.url.host()).arg(kProbeTimeoutSeconds)
                    : tr("%1 cannot be reached: %2").arg(request.url.host(), response.error));
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        if (response.status == 401 || response.status == 403)
            return common::makeError(
                QStringLiteral("probe.auth"),
                tr("The access token was refused (expired or wrong): %1")
                    .arg(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()));
        if (!response.ok())
            return common::makeError(
                QStringLiteral("probe.failed"),
                tr("The Cloud API answered %1: %2")
                    .arg(response.status)
                    .arg(body.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString()));
        return tr("%1 (%2), %3")
            .arg(body.value(QStringLiteral("display_phone_number")).toString(),
                 body.value(QStringLiteral("verified_name")).toString(), elapsed(timer));
    });
}

QFuture<Result<QString>> Engine::testWaha(const QString &url, const QString &apiKey, const QString &session)
{
    return QtConcurrent::run([url, apiKey, session]() -> Result<QString> {
        QString base = url.trimmed();
        while (base.endsWith(QLatin1Char('/')))
            base.chop(1);
        const QUrl parsed(base);
        if (!parsed.isValid() || parsed.host().isEmpty())
            return common::makeError(QStringLiteral("probe.bad_url"),
                                     tr("Enter the WAHA address, e.g. http://localhost:3000."));
        channels::HttpRequest request;
        const QString name = session.trimmed().isEmpty() ? QStringLiteral("default") : session.trimmed();
        request.url = QUrl(base + QStringLiteral("/api/sessions/")
                           + QString::fromLatin1(QUrl::toPercentEncoding(name)));
        if (!apiKey.trimmed().isEmpty())
            request.headers.append({QByteArrayLiteral("X-Api-Key"), apiKey.trimmed().toUtf8()});
        request.timeoutMs = kProbeTimeoutSeconds * 1000;
        request.maxResponseBytes = 64 * 1024;
        QElapsedTimer timer;
        timer.start();
        const auto response = channels::httpRequest(request);
        if (response.status == 0)
            return common::makeError(
                response.timedOut ? QStringLiteral("probe.timeout") : QStringLiteral("probe.refused"),
                response.timedOut
                    ? tr("No answer from %1 within %2 seconds.").arg(parsed.authority()).arg(kProbeTimeoutSeconds)
                    : tr("WAHA at %1 cannot be reached: %2").arg(parsed.authority(), response.error));
        if (response.status == 401 || response.status == 403)
            return common::makeError(QStringLiteral("probe.auth"), tr("WAHA refused the API key."));
        if (response.status == 404)
            return common::makeError(QStringLiteral("probe.failed"), tr("WAHA has no session \"%1\".").arg(name));
        if (!response.ok())
            return common::makeError(QStringLiteral("probe.failed"), tr("WAHA answered %1.").arg(response.status));
        const QString status =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("status")).toString();
        return tr("session %1: %2, %3").arg(name, status.isEmpty() ? QStringLiteral("?") : status, elapsed(timer));
    });
}

QFuture<Result<QList<ReplyTemplate>>> Engine::replyTemplates(const QString &language)
{
    return QtConcurrent::run(&d->pool, [this, language]() -> Result<QList<ReplyTemplate>> {
        auto templates = bot::Templates::load(language);
        if (!templates)
            return templates.error();
        QList<ReplyTemplate> out;
        for (const QString &key : templates->keys()) {
            ReplyTemplate t;
            t.key = key;
            t.defaultText = templates->text(key);
            t.placeholders = bot::Templates::placeholders(t.defaultText);
            auto own = d->settingsCache->value(bot::Templates::overrideKey(language, key));
            if (!own)
                return own.error();
            t.ownText = own.value();
            out << t;
        }
        return out;
    });
}

QFuture<Result<void>> Engine::setReplyTemplate(const QString &language, const QString &key, const QString &text,
                                               const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, language, key, text, actor]() -> Result<void> {
        if (auto allowed = d->authorize(actor, domain::Permission::EditSettings); !allowed)
            return allowed.error();
        auto templates = bot::Templates::load(language);
        if (!templates)
            return templates.error();
        if (!templates->contains(key) || key.startsWith(QLatin1Char('_')))
            return common::makeError(QStringLiteral("templates.unknown_key"),
                                     tr("The bot has no reply \"%1\".").arg(key.left(60)));
        // An empty text is "Reset to default"; a text equal to the default is stored as none.
        QString own = text;
        if (own.trimmed().isEmpty() || own == templates->text(key))
            own.clear();
        else if (auto ok = bot::Templates::checkOverride(templates->text(key), own); !ok)
            return ok.error();
        if (auto saved = d->settingsCache->setValue(bot::Templates::overrideKey(language, key), own, actor); !saved)
            return saved.error();
        if (d->bot)
            d->bot->forgetTemplateOverrides();
        if (key.startsWith(QLatin1String("catalog."))) // the catalog reply is cached with the catalog
            d->invalidateCatalog();
        log::get("engine")->info("reply template {}.{} {} by {}", language, key, own.isEmpty() ? "reset" : "changed",
                                 actor);
        return {};
    });
}

QFuture<Result<QString>> Engine::backupNow(const QString &folder, const QString &actor)
{
    return QtConcurrent::run(&d->pool, [this, folder, actor]() -> Result<QString> {
        if (auto allowed = d->authorize(actor, domain::Permission::Backups); !allowed)
            return allowed.error();
        QString target = folder.trimmed();
        if (target.isEmpty()) {
            auto saved = d->settingsCache->value(QStringLiteral("backup_dir"));
            if (saved)
                target = saved->trimmed();
        }
        if (target.isEmpty())
            target = QDir(d->config.dataDir).filePath(QStringLiteral("backups"));
        auto file = store::backupDatabase(d->config.databaseUrl, target);
        if (!file) {
            log::get("engine")->error("backup by {} failed: {}", actor, file.error().message);
            return file.error();
        }
        log::get("engine")->info("backup {} written by {}", *file, actor);
        return file;
    });
}

} // namespace kedai::engine
