#include "cache/redisconfig.h"

#include <QUrl>

namespace kedai::cache {

namespace {
common::Error urlError(const QUrl &url, const QString &why)
{
    // RemoveUserInfo: the user may have put the password anywhere in the authority.
    const QString shown = url.isValid() ? url.toString(QUrl::RemoveUserInfo) : QStringLiteral("(unparsable)");
    return common::makeError(QStringLiteral("redis.url"),
                             QStringLiteral("REDIS_URL %1 is not usable: %2").arg(shown, why));
}
} // namespace

common::Result<RedisConfig> RedisConfig::fromUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return urlError(url, QStringLiteral("expected redis://[:password@]host[:port][/db]"));
    if (url.scheme() == QLatin1String("rediss"))
        return urlError(url, QStringLiteral("TLS (rediss://) is not supported by hiredis 0.14; use a TLS tunnel"));
    if (url.scheme() != QLatin1String("redis"))
        return urlError(url, QStringLiteral("the scheme must be redis://"));
    if (url.host().isEmpty())
        return urlError(url, QStringLiteral("no host"));
    if (url.hasQuery() || url.hasFragment())
        return urlError(url, QStringLiteral("query and fragment are not supported"));

    RedisConfig config;
    config.host = url.host();
    config.port = url.port(6379);
    if (config.port <= 0 || config.port > 65535)
        return urlError(url, QStringLiteral("the port must be 1..65535"));
    config.username = url.userName(QUrl::FullyDecoded);
    config.password = url.password(QUrl::FullyDecoded);
    if (!config.username.isEmpty() && config.password.isEmpty())
        return urlError(url, QStringLiteral("a user name needs a password (redis://user:password@host)"));

    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (!path.isEmpty()) {
        bool ok = false;
        config.db = path.toInt(&ok);
        if (!ok || config.db < 0 || path.startsWith(QLatin1Char('+')))
            return urlError(url, QStringLiteral("the path must be a database number (/0, /1, ...)"));
    }
    return config;
}

QString RedisConfig::displayUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("redis"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + QString::number(db));
    if (!password.isEmpty()) {
        url.setUserName(username);
        url.setPassword(QStringLiteral("***"));
    }
    return url.toString();
}

} // namespace kedai::cache
