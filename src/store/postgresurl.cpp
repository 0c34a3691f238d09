#include "store/postgresurl.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

namespace kedai::store {

namespace {

/// Like SQLite's busy_timeout: a row lock held longer than this fails the statement with
/// store.busy ("please try again") instead of stalling a bot shard indefinitely.
constexpr auto kLockTimeout = "10s";

common::Error bad(const QString &why)
{
    // Never quote the URL back: it may hold the password.
    return common::makeError(QStringLiteral("store.bad_url"),
                             why + QStringLiteral(" (expected postgresql://user:password@host:5432/database)"));
}

} // namespace

common::Result<PostgresUrl> PostgresUrl::parse(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid())
        return bad(QStringLiteral("DATABASE_URL is not a valid PostgreSQL URL"));
    if (url.scheme() != QLatin1String("postgresql") && url.scheme() != QLatin1String("postgres"))
        return bad(QStringLiteral("DATABASE_URL must start with postgresql://"));

    PostgresUrl p;
    p.host = url.host(QUrl::FullyDecoded);
    if (p.host.isEmpty())
        return bad(QStringLiteral("DATABASE_URL names no PostgreSQL host"));
    p.port = url.port(5432);
    p.user = url.userName(QUrl::FullyDecoded);
    p.password = url.password(QUrl::FullyDecoded);
    p.database = url.path(QUrl::FullyDecoded).mid(1);
    if (p.database.isEmpty() || p.database.contains(QLatin1Char('/')))
        return bad(QStringLiteral("DATABASE_URL names no database"));

    static const QRegularExpression identifier(QStringLiteral("^[a-z_][a-z0-9_]{0,62}$"));
    static const QStringList sslModes{QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (key == QLatin1String("schema")) {
            // It goes into search_path unquoted: only plain lower-case identifiers.
            if (!identifier.match(value).hasMatch())
                return bad(QStringLiteral("The schema in DATABASE_URL must be a lower-case name of letters, digits "
                                          "and '_' (got \"%1\")")
                               .arg(value.left(63)));
            p.schema = value;
        } else if (key == QLatin1String("sslmode")) {
            if (!sslModes.contains(value))
                return bad(QStringLiteral("sslmode in DATABASE_URL must be one of %1")
                               .arg(sslModes.join(QStringLiteral(", "))));
            p.sslmode = value;
        } else if (key == QLatin1String("connect_timeout")) {
            bool ok = false;
            p.connectTimeoutSeconds = value.toInt(&ok);
            if (!ok || p.connectTimeoutSeconds < 1 || p.connectTimeoutSeconds > 600)
                return bad(QStringLiteral("connect_timeout in DATABASE_URL must be 1 to 600 seconds"));
        } else {
            return bad(QStringLiteral("Unknown option \"%1\" in DATABASE_URL (known: schema, sslmode, "
                                      "connect_timeout)")
                           .arg(key.left(40)));
        }
    }
    return p;
}

QString PostgresUrl::display() const
{
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setUserName(user);
    url.setHost(host);
    url.setPort(port);
    url.setPath(QLatin1Char('/') + database);
    QUrlQuery query;
    if (!schema.isEmpty())
        query.addQueryItem(QStringLiteral("schema"), schema);
    if (!sslmode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), sslmode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url.toString();
}

QString PostgresUrl::address() const
{
    return (host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host) + QLatin1Char(':')
           + QString::number(port);
}

QString PostgresUrl::connectOptions() const
{
    QStringList options{QStringLiteral("connect_timeout=%1").arg(connectTimeoutSeconds),
                        QStringLiteral("application_name=kedai")};
    if (!sslmode.isEmpty())
        options << QStringLiteral("sslmode=") + sslmode;
    QString session = QStringLiteral("-c lock_timeout=") + QLatin1String(kLockTimeout);
    if (!schema.isEmpty())
        session += QStringLiteral(" -c search_path=") + schema;
    options << QStringLiteral("options='%1'").arg(session);
    return options.join(QLatin1Char(';'));
}

} // namespace kedai::store
