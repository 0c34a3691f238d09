#include "store/settingsrepository.h"

#include "store/sqlutil.h"

#include <QRegularExpression>

namespace kedai::store {

using common::makeError;

namespace {
// Audit rows are readable by every staff user: never copy a secret into them.
bool looksSecret(const QString &key)
{
    static const QRegularExpression re(QStringLiteral("TOKEN|KEY|SECRET|PASSWORD|PASS$"),
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}
} // namespace

common::Result<QString> SettingsRepository::value(const QString &key, const QString &fallback)
{
    auto v = lookup(key);
    if (!v)
        return v.error();
    return v->value_or(fallback);
}

common::Result<std::optional<QString>> SettingsRepository::lookup(const QString &key)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto v = sql::scalar(*conn, QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key},
                         QStringLiteral("reading a setting"));
    if (!v)
        return v.error();
    // Only a missing row is absent; a stored empty string is a value.
    return v->isNull() ? std::optional<QString>() : std::optional<QString>(v->toString());
}

common::Result<void> SettingsRepository::setValue(const QString &key, const QString &value, const QString &actor)
{
    if (key.trimmed().isEmpty())
        return makeError(QStringLiteral("settings.invalid"), QStringLiteral("A setting needs a name"));
    return sql::transact(*m_db, QStringLiteral("saving a setting"), [&](QSqlDatabase &c) -> common::Result<void> {
        auto before = sql::scalar(c, QStringLiteral("SELECT value FROM settings WHERE key = ?"), {key},
                                  QStringLiteral("reading a setting"));
        if (!before)
            return before.error();
        auto q = sql::run(c,
                          QStringLiteral("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                                         "updated_at = excluded.updated_at"),
                          {key, value, sql::nowDb()}, QStringLiteral("saving a setting"));
        if (!q)
            return q.error();
        const bool secret = looksSecret(key);
        const auto shown = [secret](const QVariant &v) { return secret ? QVariant(QStringLiteral("***")) : v; };
        QVariantMap old;
        if (!before->isNull())
            old.insert(QStringLiteral("value"), shown(*before));
        return sql::audit(c, actor, QStringLiteral("setting.set"), QStringLiteral("setting:") + key, old,
                          {{QStringLiteral("value"), shown(value)}});
    });
}

common::Result<void> SettingsRepository::audit(const QString &actor, const QString &action, const QString &entity,
                                               const QString &before, const QString &after)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    auto q = sql::run(*conn,
                      QStringLiteral("INSERT INTO audit_log (actor, action, entity, \"before\", \"after\", at) "
                                     "VALUES (?, ?, ?, ?, ?, ?)"),
                      {actor.isEmpty() ? QStringLiteral("system") : actor, action, entity, sql::nullIfEmpty(before),
                       sql::nullIfEmpty(after), sql::nowDb()},
                      QStringLiteral("writing the audit log"));
    if (!q)
        return q.error();
    return {};
}

common::Result<QList<AuditEntry>> SettingsRepository::auditLog(int limit)
{
    AuditFilter filter;
    filter.limit = limit;
    return auditLog(filter);
}

common::Result<QList<AuditEntry>> SettingsRepository::auditLog(const AuditFilter &filter)
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QStringList where;
    QVariantList args;
    if (!filter.actor.isEmpty()) {
        where << QStringLiteral("actor = ?");
        args << filter.actor;
    }
    if (!filter.action.isEmpty()) {
        where << QStringLiteral("action LIKE ? ESCAPE '\\'");
        QString prefix = sql::likePattern(filter.action);
        args << prefix.mid(1); // "term%": a prefix, not a substring
    }
    if (!filter.text.trimmed().isEmpty()) {
        const QString like = sql::dialect::caseInsensitiveLike(*conn);
        where << QStringLiteral("(entity %1 ? ESCAPE '\\' OR COALESCE(\"before\", '') %1 ? ESCAPE '\\' "
                                "OR COALESCE(\"after\", '') %1 ? ESCAPE '\\')")
                     .arg(like);
        const QString pattern = sql::likePattern(filter.text.trimmed());
        args << pattern << pattern << pattern;
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("at >= ?");
        args << sql::toDb(filter.from);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("at < ?");
        args << sql::toDb(filter.to);
    }
    if (filter.beforeId > 0) {
        where << QStringLiteral("id < ?");
        args << filter.beforeId;
    }
    args << qBound(1, filter.limit, 10000);
    auto q = sql::run(*conn,
                      QStringLiteral("SELECT id, actor, action, entity, \"before\", \"after\", at FROM audit_log ")
                          + (where.isEmpty() ? QString()
                                             : QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND ")))
                          + QStringLiteral(" ORDER BY id DESC LIMIT ?"),
                      args, QStringLiteral("reading the audit log"));
    if (!q)
        return q.error();
    QSqlQuery &rows = q.value();
    QList<AuditEntry> out;
    while (rows.next()) {
        AuditEntry e;
        e.id = rows.value(0).toLongLong();
        e.actor = rows.value(1).toString();
        e.action = rows.value(2).toString();
        e.entity = rows.value(3).toString();
        e.before = rows.value(4).toString();
        e.after = rows.value(5).toString();
        e.at = sql::fromDb(rows.value(6));
        out << e;
    }
    return out;
}

common::Result<QPair<QStringList, QStringList>> SettingsRepository::auditFacets()
{
    auto conn = sql::connection(*m_db);
    if (!conn)
        return conn.error();
    QPair<QStringList, QStringList> out;
    for (auto [column, list] :
         {std::pair{QStringLiteral("actor"), &out.first}, std::pair{QStringLiteral("action"), &out.second}}) {
        auto q = sql::run(*conn, QStringLiteral("SELECT DISTINCT %1 FROM audit_log ORDER BY %1 LIMIT 500").arg(column),
                          {}, QStringLiteral("reading the audit log"));
        if (!q)
            return q.error();
        while (q.value().next())
            *list << q.value().value(0).toString();
    }
    return out;
}

} // namespace kedai::store
