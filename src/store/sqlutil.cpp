#include "store/sqlutil.h"

#include "common/log.h"
#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace kedai::store::sql {

QString toDb(const QDateTime &when)
{
    return when.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'"));
}

QString nowDb()
{
    return toDb(QDateTime::currentDateTimeUtc());
}

QDateTime fromDb(const QVariant &value)
{
    if (value.isNull())
        return {};
    QDateTime dt = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return dt.isValid() ? dt.toUTC() : QDateTime();
}

QVariant nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

QVariant nullIfZero(qint64 id)
{
    return id == 0 ? QVariant() : QVariant(id);
}

common::Result<QSqlDatabase> connection(Database &db)
{
    QSqlDatabase conn = db.connection();
    if (!conn.isOpen())
        return common::makeError(
            QStringLiteral("store.unavailable"),
            QStringLiteral("The database %1 cannot be opened: %2").arg(db.displayUrl(), conn.lastError().text()));
    return conn;
}

bool isBusy(const QSqlError &error)
{
    // SQLite: 5 = SQLITE_BUSY, 6 = SQLITE_LOCKED (extended codes keep these in the low byte).
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    if (ok && ((code & 0xff) == 5 || (code & 0xff) == 6))
        return true;
    return error.databaseText().contains(QLatin1String("database is locked"));
}

common::Error dbError(const QSqlError &error, const QString &what)
{
    const bool busy = isBusy(error);
    kedai::log::get("store")->warn("{} failed: {} ({})", what, error.text(), error.nativeErrorCode());
    if (busy)
        return common::makeError(QStringLiteral("store.busy"),
                                 QStringLiteral("The database is busy (%1); please try again").arg(what));
    return common::makeError(QStringLiteral("store.error"),
                             QStringLiteral("Database error while %1: %2").arg(what, error.text()));
}

common::Result<QSqlQuery> run(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                              const QString &what)
{
    QSqlQuery q(conn);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        return dbError(q.lastError(), what);
    for (const QVariant &arg : args) {
        // Qt binds a null QString as SQL NULL; a QString() meant as text must stay '' (NOT NULL
        // columns). Real NULLs are passed as an invalid QVariant (see nullIfEmpty).
        if (arg.metaType() == QMetaType::fromType<QString>() && arg.toString().isNull())
            q.addBindValue(QStringLiteral(""));
        else
            q.addBindValue(arg);
    }
    // A write outside a Transaction queues on the same in-process lock as transactions do.
    std::shared_ptr<QMutex> writeLock;
    if (!detail::inTransaction(conn)) {
        const QStringView head = QStringView(sql).trimmed().left(6);
        if (head.compare(QLatin1String("INSERT"), Qt::CaseInsensitive) == 0
            || head.compare(QLatin1String("UPDATE"), Qt::CaseInsensitive) == 0
            || head.compare(QLatin1String("DELETE"), Qt::CaseInsensitive) == 0)
            writeLock = detail::sqliteWriteLock(conn);
    }
    if (writeLock)
        writeLock->lock();
    const bool ok = q.exec();
    if (writeLock)
        writeLock->unlock();
    if (!ok)
        return dbError(q.lastError(), what);
    return q;
}

common::Result<QVariant> scalar(const QSqlDatabase &conn, const QString &sql, const QVariantList &args,
                                const QString &what, const QVariant &fallback)
{
    auto q = run(conn, sql, args, what);
    if (!q)
        return q.error();
    QSqlQuery query = std::move(q).value();
    return query.next() ? query.value(0) : fallback;
}

QString toJson(const QVariantMap &map)
{
    if (map.isEmpty())
        return {};
    return QString::fromUtf8(QJsonDocument(QJsonObject::fromVariantMap(map)).toJson(QJsonDocument::Compact));
}

common::Result<void> audit(const QSqlDatabase &conn, const QString &actor, const QString &action, const QString &entity,
                           const QVariantMap &before, const QVariantMap &after)
{
    auto q = run(conn,
                 QStringLiteral("INSERT INTO audit_log (actor, action, entity, \"before\", \"after\", at) "
                                "VALUES (?, ?, ?, ?, ?, ?)"),
                 {actor.isEmpty() ? QStringLiteral("system") : actor, action, entity, nullIfEmpty(toJson(before)),
                  nullIfEmpty(toJson(after)), nowDb()},
                 QStringLiteral("writing the audit log"));
    if (!q)
        return q.error();
    return {};
}

common::Error beginError(const QString &what)
{
    return common::makeError(QStringLiteral("store.busy"),
                             QStringLiteral("The database is busy (%1); please try again").arg(what));
}

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return QLatin1Char('(') + parts.join(QLatin1Char(',')) + QLatin1Char(')');
}

} // namespace kedai::store::sql
